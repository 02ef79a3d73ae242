#include "pipeline/image/raster.h"

#include <algorithm>

#include <opencv2/imgproc.hpp>

namespace vanban::image {

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

cv::Mat WhitenMask(const cv::Mat& grey, const cv::Mat& erase) {
  // Grown a little so the anti-aliased rim of each blob goes too.
  cv::Mat grown, full;
  cv::dilate(erase, grown, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  cv::resize(grown, full, grey.size(), 0, 0, cv::INTER_NEAREST);
  cv::Mat out = grey.clone();
  out.setTo(255, full);
  return out;
}

}  // namespace vanban::image
