// Preprocessing: turns a decoded page into the clean grey image Tesseract reads best.
//
// Thread-safety: pure functions of their inputs.
#ifndef VANBAN_PIPELINE_IMAGE_PREPROCESS_H_
#define VANBAN_PIPELINE_IMAGE_PREPROCESS_H_

#include "pipeline/image/page_source.h"

namespace vanban::image {

// The resolution every page is brought to before OCR: Tesseract's LSTM models are trained on
// text of about 300 dpi x-heights.
inline constexpr int kTargetDpi = 300;

// Colour → grey,
// resolution normalised to kTargetDpi.
PageImage Preprocess(const PageImage& page);

}  // namespace vanban::image

#endif  // VANBAN_PIPELINE_IMAGE_PREPROCESS_H_
