#include "pipeline/image/preprocess.h"

#include <cmath>

#include <opencv2/imgproc.hpp>

namespace vanban::image {
namespace {

cv::Mat ToGrey(const cv::Mat& pixels) {
  if (pixels.channels() == 1) return pixels;
  cv::Mat grey;
  cv::cvtColor(pixels, grey, cv::COLOR_BGR2GRAY);
  return grey;
}

}  // namespace

PageImage Preprocess(const PageImage& page) {
  PageImage out;
  out.pixels = ToGrey(page.pixels);
  out.dpi = page.dpi;
  const double scale = static_cast<double>(kTargetDpi) / page.dpi;
  if (std::abs(scale - 1.0) > 0.1) {
    cv::Mat resized;
    cv::resize(out.pixels, resized, cv::Size(), scale, scale, scale > 1 ? cv::INTER_CUBIC : cv::INTER_AREA);
    out.pixels = resized;
    out.dpi = kTargetDpi;
  }
  return out;
}

}  // namespace vanban::image
