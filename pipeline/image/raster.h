// Small raster helpers shared by preprocessing and layout analysis (internal to the image stage).
//
// Thread-safety: pure functions of their inputs.
#ifndef VANBAN_PIPELINE_IMAGE_RASTER_H_
#define VANBAN_PIPELINE_IMAGE_RASTER_H_

#include <vector>

#include <opencv2/core.hpp>

namespace vanban::image {

// Pages smaller than this in either dimension carry no readable text; every step skips them.
inline constexpr int kMinSide = 16;
inline bool TooSmall(const cv::Mat& m) { return m.cols < kMinSide || m.rows < kMinSide; }

// A copy no larger than max_side for page-level measurements that do not need full resolution;
// *factor is its scale (1 when `grey` is returned as is).
cv::Mat Shrink(const cv::Mat& grey, int max_side, double* factor);

// Whether a connected component of w×h pixels on a page `page_rows` high has the shape of a
// letter (or a diacritic-bearing letter), not of a speck, a rule, a frame or a picture. A third
// of the page's height still fits the one line of a strip image.
inline bool LetterShaped(int w, int h, int page_rows) { return h >= 4 && 3 * h < page_rows && w < 3 * h && w * 8 > h; }

// The typical letter height of a page from its letter-shaped components' heights: the upper
// quartile, because Vietnamese diacritics and i-dots make up a third or more of the components
// and pull the median down towards their size. 0 for an empty list.
double TypicalGlyphHeight(std::vector<int> heights);

// Paints `erase` (a mask of `small`'s size, 255 = erase) white on the full-size `grey`.
cv::Mat WhitenMask(const cv::Mat& grey, const cv::Mat& erase);

}  // namespace vanban::image

#endif  // VANBAN_PIPELINE_IMAGE_RASTER_H_
