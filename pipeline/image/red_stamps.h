// Red ink on a page, sorted by shape: text stamps (the urgency stamps "HỎA TỐC", "THƯỢNG KHẨN",
// "KHẨN": a rectangular frame round a line of capitals, or the capitals alone), round agency
// seals, lines of letters rubber-stamped over or beside a seal (a signer's title or name in red,
// which is part of the document's text), and other red marks (handwriting, logos,
// received-stamp frames). The colour dropout removes all of them before OCR; these regions let
// OCR read the lettering separately.
//
// Found on the preprocessed pair that Preprocess already keeps in one geometry: the red-channel
// page (PageImage::pixels, where red ink is as light as paper) and its luminance copy
// (PageImage::with_colour_ink, where red ink is dark). Their difference is the red chroma (R − Y)
// of the page, so the boxes come out in the pixels OCR reads without any geometry of their own.
//
// Thread-safety: pure functions of their inputs.
#ifndef VANBAN_PIPELINE_IMAGE_RED_STAMPS_H_
#define VANBAN_PIPELINE_IMAGE_RED_STAMPS_H_

#include <vector>

#include <opencv2/core.hpp>

namespace vanban::image {

enum class RedShape {
  kText,   // a line (or two) of capitals, framed or not: worth reading
  kSeal,   // a round seal (ring of small letters round an emblem)
  kOther,  // anything else: handwriting, signatures, logos, pieces at the page edge
};

struct RedRegion {
  cv::Rect box;  // for kText the lettering inside any frame, else the whole mark; page pixels
  RedShape shape = RedShape::kOther;
  int lines = 0;  // text lines of a kText region
  // For a line of letters stamped over a seal: its letters alone (the seal's rings, ring
  // lettering and emblem left out) as dark print on white, the size of `box`. Empty otherwise.
  cv::Mat lettering{};
  // For a kText mark struck at a slant: degrees its lettering is turned counter-clockwise, which
  // RedInkImage turns back; 0 for a level one. `box` then holds the whole slanted mark.
  double turn = 0;
};

// The red marks of a page, top to bottom. `dropout` and `luminance` are 8-bit grey images of the
// same size (otherwise, or for a page without red ink, the result is empty); `dpi` is their
// resolution, which sets the sizes a stamp may have.
std::vector<RedRegion> FindRedInk(const cv::Mat& dropout, const cv::Mat& luminance, int dpi);

// The red ink inside `box` as dark print on white, with black and blue ink and the paper white,
// turned `turn` degrees clockwise (RedRegion::turn) and padded with a white margin: what OCR
// reads of a red stamp even where it overprints black text.
cv::Mat RedInkImage(const cv::Mat& dropout, const cv::Mat& luminance, const cv::Rect& box, double turn = 0);

}  // namespace vanban::image

#endif  // VANBAN_PIPELINE_IMAGE_RED_STAMPS_H_
