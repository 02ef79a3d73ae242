// A one-line test page OCR reads in well under a second.
#ifndef VANBAN_TESTS_SMALL_PAGE_H_
#define VANBAN_TESTS_SMALL_PAGE_H_

#include <filesystem>
#include <string>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace vanban::testing {

inline cv::Mat SmallPage(const std::string& ascii_words) {
  cv::Mat page(300, 1400, CV_8UC1, cv::Scalar(255));
  cv::putText(page, ascii_words, {40, 170}, cv::FONT_HERSHEY_SIMPLEX, 2.0, cv::Scalar(0), 4);
  return page;
}

inline bool WriteSmallPage(const std::string& path, const std::string& ascii_words) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  return cv::imwrite(path, SmallPage(ascii_words));
}

}  // namespace vanban::testing

#endif  // VANBAN_TESTS_SMALL_PAGE_H_
