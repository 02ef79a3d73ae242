// A scanned PDF written by hand for tests: one page per grey image, each page showing only its
// JPEG (no text layer), at 300 dpi.
#ifndef VANBAN_TESTS_SCANNED_PDF_H_
#define VANBAN_TESTS_SCANNED_PDF_H_

#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "tests/born_digital_pdf.h"

namespace vanban::testing {

inline std::string ScannedPdf(const std::vector<cv::Mat>& pages) {
  // Objects: 1 catalog, 2 page tree, then per page: page, content, image.
  std::vector<std::string> objects = {"<< /Type /Catalog /Pages 2 0 R >>", ""};
  std::string kids;
  for (const cv::Mat& page : pages) {
    const int first = static_cast<int>(objects.size()) + 1;
    kids += std::to_string(first) + " 0 R ";
    const double w = page.cols * 72.0 / 300, h = page.rows * 72.0 / 300;
    const std::string size = std::to_string(w) + " " + std::to_string(h);
    const std::string content = "q " + std::to_string(w) + " 0 0 " + std::to_string(h) + " 0 0 cm /Im Do Q";
    std::vector<uchar> jpeg;
    cv::imencode(".jpg", page, jpeg, {cv::IMWRITE_JPEG_QUALITY, 90});
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + size + "] /Resources << /XObject << /Im " +
                      std::to_string(first + 2) + " 0 R >> >> /Contents " + std::to_string(first + 1) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream");
    objects.push_back("<< /Type /XObject /Subtype /Image /Width " + std::to_string(page.cols) + " /Height " +
                      std::to_string(page.rows) + " /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode" +
                      " /Length " + std::to_string(jpeg.size()) + " >>\nstream\n" +
                      std::string(jpeg.begin(), jpeg.end()) + "\nendstream");
  }
  objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>";
  return PdfOfObjects(objects);
}

}  // namespace vanban::testing

#endif  // VANBAN_TESTS_SCANNED_PDF_H_
