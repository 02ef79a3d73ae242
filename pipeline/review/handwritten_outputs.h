// Handwritten outputs — the corrected digits of a pen-written blank carried into the other
// outputs of its document, which hold them as one word: in the text after "Số:" or between
// "ngày" and "tháng" (Decree 30's header lines, always written so), in hOCR the ocrx_word titled
// "x_source handwritten", in ALTO the String of STYLEREFS="handwritten".
//
// Each patch returns the output with that word's digits replaced, or nullopt when the output
// holds no such word (the pen digits were not read, or the output was written otherwise).
//
// Thread-safety: pure functions.
#ifndef VANBAN_PIPELINE_REVIEW_HANDWRITTEN_OUTPUTS_H_
#define VANBAN_PIPELINE_REVIEW_HANDWRITTEN_OUTPUTS_H_

#include <optional>
#include <string>
#include <string_view>

#include "pipeline/review/corrections.h"

namespace vanban::review {

std::optional<std::string> PatchText(std::string_view text, const HandwrittenEdit& edit);
std::optional<std::string> PatchHocr(std::string_view hocr, const HandwrittenEdit& edit);
std::optional<std::string> PatchAlto(std::string_view alto, const HandwrittenEdit& edit);

}  // namespace vanban::review

#endif  // VANBAN_PIPELINE_REVIEW_HANDWRITTEN_OUTPUTS_H_
