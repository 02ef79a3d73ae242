// Text-layer adoption: a born-digital PDF page (a digitally signed dispatch) carries its exact
// text as a text layer, so once Tesseract has read the page, each OCR word can take the layer's
// text under its box. The layer is trusted only when most OCR words already agree with it:
// scans whose layer was made by an English OCR model ("CONG Hcok xA HQI") or that carry only a
// signature stamp's few words keep what OCR read.
//
// Thread-safety: pure functions of their inputs.
#ifndef VANBAN_PIPELINE_OCR_TEXT_LAYER_H_
#define VANBAN_PIPELINE_OCR_TEXT_LAYER_H_

#include <vector>

#include <opencv2/core.hpp>

#include "pipeline/image/page_source.h"
#include "vanban/document.h"

namespace vanban::ocr {

// Pages with fewer OCR words than this are never trusted: too few to tell a true layer from a
// stray one.
inline constexpr int kMinTextLayerWords = 20;
// The share of a page's OCR words that must read exactly as the layer under them, about midway
// between what the sample PDFs measure (tests/ocr/text_layer_survey_main.cc): the 9 born-digital
// pages agree at 0.94-0.98, the 10 pages with an English-OCR layer at 0.13-0.34 (typed
// Vietnamese notes and numbers on vietadmin-1 raise it there), the signature-stamp layers of the
// 21 archive scans at 0.000-0.016.
inline constexpr double kMinTextLayerAgreement = 0.65;

// The layer's boxes moved from the page as loaded (`loaded` pixels) onto the page OCR read:
// scaled to the preprocessed size `clean`, then turned `rotation` degrees clockwise (0, 90, 180,
// 270) as the worker turned the page upright. Preprocessing that deskewed the page is not
// followed; its layer then fails to agree and OCR stands.
std::vector<image::TextLayerWord> LayerInPageFrame(const std::vector<image::TextLayerWord>& layer, cv::Size loaded,
                                                   cv::Size clean, int rotation);

// How far OCR and a layer (in the page's frame) agree.
struct TextLayerAgreement {
  int words = 0;     // OCR words with a letter or digit
  int agreeing = 0;  // of them, those reading exactly as the layer words they overlap
  int uncovered = 0;  // layer words no OCR word overlaps
  double share() const { return words > 0 ? static_cast<double>(agreeing) / words : 0; }
  bool trusted() const { return words >= kMinTextLayerWords && share() >= kMinTextLayerAgreement; }
};
TextLayerAgreement MeasureTextLayer(const std::vector<image::TextLayerWord>& layer, const OcrPage& page);

// When the layer is trusted, every OCR word that overlaps layer words takes their text (joined
// as the layer spaces them), confidence 100 and no alternative or digit readings; `ocr_text` and
// the boxes stay OCR's. OCR words left without layer text are dropped (graphics: the signature,
// the seal, or the second half of a word OCR split), and so are lines and blocks left empty; the
// page is marked `text_layer`. Returns whether it did; otherwise `page` is unchanged. Layer words
// no OCR word overlaps are not added: on the samples they are all the signature stamp, which is
// kept out of the page text on purpose.
bool AdoptTextLayer(const std::vector<image::TextLayerWord>& layer, OcrPage* page);

}  // namespace vanban::ocr

#endif  // VANBAN_PIPELINE_OCR_TEXT_LAYER_H_
