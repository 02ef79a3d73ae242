// Small raster helpers shared by preprocessing and layout analysis (internal to the image stage).
//
// Thread-safety: pure functions of their inputs.
#ifndef VANBAN_PIPELINE_IMAGE_RASTER_H_
#define VANBAN_PIPELINE_IMAGE_RASTER_H_

#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

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

// The bounding box of component `i` in the stats of cv::connectedComponentsWithStats.
inline cv::Rect ComponentBox(const cv::Mat& stats, int i) {
  return {stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP), stats.at<int>(i, cv::CC_STAT_WIDTH),
          stats.at<int>(i, cv::CC_STAT_HEIGHT)};
}

// The ink of a page shrunk to at most `max_side`, split into connected components, with the
// typical height of its letter-shaped ones: the page-level measurements (letter size, layout,
// mark placement) all start from this one pass.
struct InkComponents {
  cv::Mat small;                     // the shrunk grey page
  cv::Mat mask;                      // its ink (255); empty for a blank or all-black page
  cv::Mat labels, stats, centroids;  // of cv::connectedComponentsWithStats on `mask`
  int count = 0;                     // components, the background (label 0) included
  int letters = 0;                   // letter-shaped components
  double glyph = 0;                  // TypicalGlyphHeight of the letters in `small` pixels, 0 without any
  double factor = 1;                 // `small` pixels per page pixel
  double threshold = 0;              // the ink threshold on `small`
  int Stat(int i, int which) const { return stats.at<int>(i, which); }
};
// Nothing (count 0) for a page TooSmall to carry text.
InkComponents FindInkComponents(const cv::Mat& grey, int max_side);

// Circles of radius [min_radius, max_radius] in `ink` (binary, 255 = ink), smoothed first, by
// Hough's gradient method; `perfectness` (0–1) is how round and whole a circle must be. Seal rings
// are found this way, both red ones and dark ones.
std::vector<cv::Vec3f> InkCircles(const cv::Mat& ink, int min_radius, int max_radius, double perfectness);

// Paints `erase` (a mask of `small`'s size, 255 = erase), grown by a pixel, white on the
// full-size `grey`; pixels of `keep` (same frame, optional) stay, grown or not.
cv::Mat WhitenMask(const cv::Mat& grey, const cv::Mat& erase, const cv::Mat& keep = cv::Mat());

}  // namespace vanban::image

#endif  // VANBAN_PIPELINE_IMAGE_RASTER_H_
