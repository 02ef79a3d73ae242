// Text-line dewarping: straightens the curved lines of a page that bent off the scanner glass or
// was photographed curled. Leptonica builds the model (the centre line of every long text line,
// fitted with a quadratic, smoothed into a vertical disparity field); we decide whether the page is
// curved enough to be worth resampling and apply the field with OpenCV, so that the grey page and
// its colour-ink copy move identically.
//
// Thread-safety: pure functions of their inputs (Leptonica's dewarper keeps no global state).
#ifndef VANBAN_PIPELINE_IMAGE_DEWARP_H_
#define VANBAN_PIPELINE_IMAGE_DEWARP_H_

#include <opencv2/core.hpp>

namespace vanban::image {

// A vertical displacement field for one page: output pixel (x, y) takes the input pixel at
// (x, y - shift(x, y)). Empty when the page is flat, has too few long lines to model, or the
// model failed Leptonica's validity tests.
class TextLineWarp {
 public:
  // Builds the model of `grey` (CV_8UC1, about 300 dpi). `dpi` scales the flatness threshold.
  static TextLineWarp Measure(const cv::Mat& grey, int dpi);

  bool empty() const { return field_.empty(); }
  // How far, in pixels, the most curved modelled line strays from its own chord.
  double bow() const { return bow_; }
  // The page straightened (white brought in at the edges); `pixels` itself when empty() or when
  // its size differs from the measured page's.
  cv::Mat Apply(const cv::Mat& pixels) const;

 private:
  // The field is kept at model resolution and expanded a band of rows at a time in Apply:
  // full-page remap tables cost 18 bytes a pixel (over 1 GB on a 70-megapixel page).
  cv::Mat field_;           // vertical shift in model pixels, one sample per `sampling` pixels
  cv::Matx23d page_to_field_;
  double to_full_ = 1;      // model pixels → page pixels
  cv::Size size_;           // the measured page's
  double bow_ = 0;
};

// Measure + Apply in one step, for callers with a single image.
cv::Mat Dewarp(const cv::Mat& grey, int dpi);

}  // namespace vanban::image

#endif  // VANBAN_PIPELINE_IMAGE_DEWARP_H_
