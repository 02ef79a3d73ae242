// A phone photo of a sheet: its outline found against the darker table it lies on, and the
// sheet seen at a slant (the far edge narrower, a keystone) mapped back onto an upright
// rectangle. Tesseract reads a slanted page's lines as skewed by different angles across it;
// deskewing turns the page as a whole and cannot straighten them all.
//
// Thread-safety: pure functions of their inputs.
#ifndef VANBAN_PIPELINE_IMAGE_SHEET_H_
#define VANBAN_PIPELINE_IMAGE_SHEET_H_

#include <array>
#include <optional>

#include <opencv2/core.hpp>

namespace vanban::image {

struct SlantedSheet {
  std::array<cv::Point2f, 4> corners;  // in the photo: top-left, top-right, bottom-right, bottom-left
  cv::Size size;                       // of the upright sheet: its longest top or bottom, left or right edge
};

// The sheet in a grey photo when it lies on a darker background and is seen at a slant; nothing
// for a scan, a sheet that fills the frame, or one seen square on (turned at most: deskewing
// handles that).
std::optional<SlantedSheet> FindSlantedSheet(const cv::Mat& grey);

// `grey`'s sheet on an upright rectangle of sheet.size, paper-white where the photo has nothing.
cv::Mat Straighten(const cv::Mat& grey, const SlantedSheet& sheet);

// The affine map nearest to the one from the upright sheet back to the photo (least squares over
// the four corners): what a page's frame map can hold. A box keeps the keystone's residue, at
// most a few percent of the page.
cv::Matx23d SheetToPhoto(const SlantedSheet& sheet);

}  // namespace vanban::image

#endif  // VANBAN_PIPELINE_IMAGE_SHEET_H_
