#include "pipeline/image/sheet.h"

#include <array>
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "pipeline/image/preprocess.h"

namespace vanban::image {
namespace {

// An A4 page at 150 dpi: lines of print across it.
cv::Mat Page() {
  cv::Mat page(1754, 1240, CV_8UC1, cv::Scalar(250));
  for (int y = 150; y < 1650; y += 45) {
    cv::putText(page, "Cac so, ban, nganh, UBND cac huyen thuc hien nghiem tuc", cv::Point(100, y),
                cv::FONT_HERSHEY_SIMPLEX, 1.0, cv::Scalar(20), 2, cv::LINE_AA);
  }
  return page;
}

// `page` photographed on a table: its corners at `corners` in a frame of `frame` pixels.
cv::Mat OnTable(const cv::Mat& page, const std::array<cv::Point2f, 4>& corners, cv::Size frame) {
  const float w = static_cast<float>(page.cols), h = static_cast<float>(page.rows);
  const std::array<cv::Point2f, 4> flat{cv::Point2f(0, 0), cv::Point2f(w, 0), cv::Point2f(w, h), cv::Point2f(0, h)};
  cv::Mat photo(frame, CV_8UC1, cv::Scalar(70));
  cv::warpPerspective(page, photo, cv::getPerspectiveTransform(flat.data(), corners.data()), frame, cv::INTER_LINEAR,
                      cv::BORDER_TRANSPARENT);
  return photo;
}

const std::array<cv::Point2f, 4> kKeystone{cv::Point2f(160, 120), cv::Point2f(1260, 140), cv::Point2f(1330, 1900),
                                           cv::Point2f(90, 1880)};

TEST(SheetTest, FindsASheetSeenAtASlantAndStraightensItsLines) {
  const cv::Mat photo = OnTable(Page(), kKeystone, cv::Size(1420, 2000));
  const std::optional<SlantedSheet> sheet = FindSlantedSheet(photo);
  ASSERT_TRUE(sheet.has_value());
  // Within a margin's width: the corners are taken a little inside the edge.
  for (int i = 0; i < 4; ++i) {
    EXPECT_NEAR(sheet->corners[i].x, kKeystone[i].x, 0.02 * photo.cols) << i;
    EXPECT_NEAR(sheet->corners[i].y, kKeystone[i].y, 0.02 * photo.rows) << i;
  }
  // On the photo the lines near the top and the bottom lean differently; made upright, neither
  // leans.
  const cv::Mat upright = Straighten(photo, *sheet);
  const int quarter = upright.rows / 4;
  EXPECT_LT(std::abs(EstimateSkewDegrees(upright.rowRange(0, quarter))), 0.3);
  EXPECT_LT(std::abs(EstimateSkewDegrees(upright.rowRange(3 * quarter, upright.rows))), 0.3);
  // The frame map back to the photo is affine: the corners land near where they were.
  const cv::Matx23d back = SheetToPhoto(*sheet);
  const cv::Point2d far_corner = back * cv::Vec3d(sheet->size.width, sheet->size.height, 1);
  EXPECT_NEAR(far_corner.x, kKeystone[2].x, 0.04 * photo.cols);
  EXPECT_NEAR(far_corner.y, kKeystone[2].y, 0.04 * photo.rows);
}

TEST(SheetTest, LeavesScansTurnedSheetsAndFullFramesAlone) {
  const cv::Mat page = Page();
  EXPECT_FALSE(FindSlantedSheet(page).has_value()) << "a scan: no table round it";
  // Turned 2° on the table: the edges stay parallel, deskewing's job.
  const double turn = 2 * CV_PI / 180;
  std::array<cv::Point2f, 4> turned;
  const std::array<cv::Point2f, 4> flat{cv::Point2f(0, 0), cv::Point2f(1240, 0), cv::Point2f(1240, 1754),
                                        cv::Point2f(0, 1754)};
  for (int i = 0; i < 4; ++i) {
    turned[i] = cv::Point2f(static_cast<float>(120 + flat[i].x * std::cos(turn) - flat[i].y * std::sin(turn) + 60),
                            static_cast<float>(80 + flat[i].x * std::sin(turn) + flat[i].y * std::cos(turn)));
  }
  EXPECT_FALSE(FindSlantedSheet(OnTable(page, turned, cv::Size(1500, 1950))).has_value());
  EXPECT_FALSE(FindSlantedSheet(cv::Mat(800, 600, CV_8UC1, cv::Scalar(70))).has_value()) << "all table";
}

TEST(SheetTest, PreprocessMakesAPhotographedPageUpright) {
  PageImage photo;
  photo.pixels = OnTable(Page(), kKeystone, cv::Size(1420, 2000));
  photo.dpi = 150;
  const PageImage clean = Preprocess(photo);
  PreprocessOptions as_before;
  as_before.straighten_sheet = false;
  const PageImage slanted = Preprocess(photo, as_before);
  // The same line of print is as long at the top of the page as at the bottom once upright;
  // seen at a slant the far (top) one is shorter, which deskewing and dewarping leave.
  const auto top_to_bottom = [](const cv::Mat& m) {
    const auto ink_width = [](const cv::Mat& rows) {
      cv::Mat columns;
      cv::reduce(rows.colRange(rows.cols / 50, rows.cols - rows.cols / 50) < 128, columns, 0, cv::REDUCE_MAX);
      std::vector<cv::Point> ink;
      cv::findNonZero(columns, ink);
      return ink.empty() ? 0 : ink.back().x - ink.front().x;
    };
    const int quarter = m.rows / 4;
    return static_cast<double>(ink_width(m.rowRange(quarter / 2, quarter))) /
           ink_width(m.rowRange(3 * quarter, 3 * quarter + quarter / 2));
  };
  EXPECT_NEAR(top_to_bottom(clean.pixels), 1.0, 0.02);
  EXPECT_LT(top_to_bottom(slanted.pixels), 0.96);
}

}  // namespace
}  // namespace vanban::image
