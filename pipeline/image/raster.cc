#include "pipeline/image/raster.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "pipeline/image/preprocess.h"

namespace vanban::image {

InkComponents FindInkComponents(const cv::Mat& grey, int max_side) {
  InkComponents ink;
  if (TooSmall(grey)) return ink;
  ink.small = Shrink(grey, max_side, &ink.factor);
  ink.mask = InkMask(ink.small, &ink.threshold);
  if (ink.mask.empty()) return ink;
  ink.count = cv::connectedComponentsWithStats(ink.mask, ink.labels, ink.stats, ink.centroids, 8, CV_32S);
  std::vector<int> heights;
  for (int i = 1; i < ink.count; ++i) {
    const int w = ink.Stat(i, cv::CC_STAT_WIDTH), h = ink.Stat(i, cv::CC_STAT_HEIGHT);
    // Letters: taller than a speck, not a rule, a frame or a picture.
    if (LetterShaped(w, h, ink.mask.rows)) heights.push_back(h);
  }
  ink.letters = static_cast<int>(heights.size());
  ink.glyph = TypicalGlyphHeight(std::move(heights));
  return ink;
}

cv::Mat Shrink(const cv::Mat& grey, int max_side, double* factor) {
  const int side = std::max(grey.cols, grey.rows);
  *factor = side > max_side ? static_cast<double>(max_side) / side : 1.0;
  if (*factor == 1.0) return grey;
  cv::Mat small;
  cv::resize(grey, small, cv::Size(), *factor, *factor, cv::INTER_AREA);
  return small;
}

double TypicalGlyphHeight(std::vector<int> heights) {
  if (heights.empty()) return 0;
  const auto quartile = heights.begin() + heights.size() * 3 / 4;
  std::nth_element(heights.begin(), quartile, heights.end());
  return *quartile;
}

std::vector<cv::Vec3f> InkCircles(const cv::Mat& ink, int min_radius, int max_radius, double perfectness) {
  cv::Mat smooth;
  cv::GaussianBlur(ink, smooth, cv::Size(5, 5), 0);
  std::vector<cv::Vec3f> circles;
  cv::HoughCircles(smooth, circles, cv::HOUGH_GRADIENT_ALT, 1.5, min_radius, 300, perfectness, min_radius, max_radius);
  return circles;
}

cv::Mat WhitenMask(const cv::Mat& grey, const cv::Mat& erase, const cv::Mat& keep) {
  // Grown a little so the anti-aliased rim of each blob goes too.
  cv::Mat grown, full;
  cv::dilate(erase, grown, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  if (!keep.empty()) grown &= ~keep;
  cv::resize(grown, full, grey.size(), 0, 0, cv::INTER_NEAREST);
  cv::Mat out = grey.clone();
  out.setTo(255, full);
  return out;
}

}  // namespace vanban::image
