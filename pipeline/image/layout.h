// Page layout of a Vietnamese administrative document (Decree 30/2020 layout): the text regions
// of a clean grey page in reading order — the header's left column, then its right column, the
// title and body top to bottom, then the "Nơi nhận" list and the signer block — plus the
// small-print stamps at the top of the page (digital-signature and gazette stamps), which are not
// part of the text. Found from connected components and projection profiles: text lines are
// row bands of ink; a run of bands split by the same wide vertical gap is a two-column region.
//
// Thread-safety: pure functions of their inputs.
#ifndef VANBAN_PIPELINE_IMAGE_LAYOUT_H_
#define VANBAN_PIPELINE_IMAGE_LAYOUT_H_

#include <vector>

#include <opencv2/core.hpp>

namespace vanban::image {

enum class RegionRole {
  kFullWidth,    // a run of lines across the text column: title, paragraphs
  kLeftColumn,   // left half of a two-column region (header agency block, "Nơi nhận")
  kRightColumn,  // right half (national motto and date, signer)
};

struct LayoutRegion {
  cv::Rect box;  // in the pixels of the analysed page
  RegionRole role = RegionRole::kFullWidth;
  int lines = 0;  // text lines (row bands) found in it
};

struct PageLayout {
  std::vector<LayoutRegion> regions;  // reading order
  std::vector<cv::Rect> stamps;       // small print above the header, top to bottom
  // The page with pictures, seals, signatures, frames and long rules whitened: what OCR reads.
  cv::Mat text_image;
  // The grey level from which ink is faint, 0 for a page without letters: what WithoutFaintInk
  // needs.
  double faint_level = 0;
  double glyph_height = 0;  // median letter height in pixels, 0 when the page has no text
};

// Analyses an 8-bit grey page; a blank or tiny page gives no regions.
PageLayout AnalyseLayout(const cv::Mat& grey);

// The layout's text_image with its faint ink (a red seal's residue after colour dropout,
// show-through) whitened too, dark ink and its rim kept: a second look at a region whose lines
// OCR lost, such as a title printed over a seal. Not the first look: it would cost pale print.
// Empty when the page has no letters.
cv::Mat WithoutFaintInk(const PageLayout& layout);

}  // namespace vanban::image

#endif  // VANBAN_PIPELINE_IMAGE_LAYOUT_H_
