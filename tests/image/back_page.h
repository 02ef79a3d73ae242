// A generated blank back page, for the tests of blank-page detection.
#ifndef VANBAN_TESTS_IMAGE_BACK_PAGE_H_
#define VANBAN_TESTS_IMAGE_BACK_PAGE_H_

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace vanban::testing {

// An A4 back page at 300 dpi: paper grain, a few dark specks and, through the paper, the light
// red ring and letters of the seal on the front (what the archive's blank back pages hold).
inline cv::Mat BackPage(unsigned seed) {
  cv::Mat page(3508, 2480, CV_8UC3, cv::Scalar(250, 248, 252));
  cv::Mat grain(page.size(), CV_8UC3);
  cv::theRNG().state = seed;
  cv::randn(grain, cv::Scalar::all(8), cv::Scalar::all(6));
  page -= grain;
  cv::circle(page, cv::Point(700, 2600), 260, cv::Scalar(190, 170, 235), 14);
  cv::putText(page, "UY BAN NHAN DAN", cv::Point(520, 2620), cv::FONT_HERSHEY_SIMPLEX, 1.4, cv::Scalar(200, 185, 240), 3);
  cv::RNG rng(seed);
  for (int i = 0; i < 300; ++i) {  // specks and dust, some letter-sized
    const cv::Point at(rng.uniform(0, page.cols), rng.uniform(0, page.rows));
    cv::circle(page, at, rng.uniform(1, 9), cv::Scalar::all(rng.uniform(60, 200)), cv::FILLED);
  }
  return page;
}

}  // namespace vanban::testing

#endif  // VANBAN_TESTS_IMAGE_BACK_PAGE_H_
