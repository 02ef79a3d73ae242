#include "pipeline/image/dewarp.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include <opencv2/imgproc.hpp>

namespace vanban::image {
namespace {

constexpr int kWidth = 2000;
constexpr int kHeight = 2400;
constexpr int kLinePitch = 100;
// Search range for the shift between two column strips: under half a line pitch, so a line is
// never matched with its neighbour.
constexpr int kMaxLag = kLinePitch / 2 - 1;

// A 300-dpi-like page of full-width text lines in Hershey type (about 13 pt letters). Only
// x-height letters, so that every stretch of a line has its ink on the same rows.
cv::Mat FlatPage() {
  cv::Mat page(kHeight, kWidth, CV_8UC1, cv::Scalar(255));
  const char* const words[] = {"van ban nay ca an uoc muon ", "xa vua mua rau cam ven song ",
                               "ca nam con em ve sau nua "};
  for (int i = 0, y = 150; y < kHeight - 100; ++i, y += kLinePitch) {
    std::string line;
    for (int w = i; cv::getTextSize(line, cv::FONT_HERSHEY_SIMPLEX, 1.25, 3, nullptr).width < kWidth - 200; ++w) {
      line += words[w % 3];
    }
    cv::putText(page, line, cv::Point(80, y), cv::FONT_HERSHEY_SIMPLEX, 1.25, cv::Scalar(0), 3, cv::LINE_AA);
  }
  return page;
}

// The page bent like a sheet lifting off the glass at both sides: columns move down by up to
// `depth` pixels at the edges, not at all in the middle.
cv::Mat Curl(const cv::Mat& page, double depth) {
  cv::Mat map_x(page.size(), CV_32F), map_y(page.size(), CV_32F);
  const double centre = page.cols / 2.0;
  for (int y = 0; y < page.rows; ++y) {
    for (int x = 0; x < page.cols; ++x) {
      const double u = (x - centre) / centre;
      map_x.at<float>(y, x) = static_cast<float>(x);
      map_y.at<float>(y, x) = static_cast<float>(y - depth * u * u);
    }
  }
  cv::Mat curled;
  cv::remap(page, curled, map_x, map_y, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
  return curled;
}

// Ink per row within columns [x0, x0 + 200).
cv::Mat RowProfile(const cv::Mat& page, int x0) {
  cv::Mat ink;
  cv::threshold(page.colRange(x0, x0 + 200), ink, 128, 1, cv::THRESH_BINARY_INV);
  cv::Mat profile;
  cv::reduce(ink, profile, 1, cv::REDUCE_SUM, CV_32F);
  return profile;
}

// The vertical shift that best aligns the text rows of `profile` with `reference`.
int Lag(const cv::Mat& reference, const cv::Mat& profile) {
  int best_lag = 0;
  double best = -1;
  for (int lag = -kMaxLag; lag <= kMaxLag; ++lag) {
    double score = 0;
    for (int y = kMaxLag; y < reference.rows - kMaxLag; ++y) score += reference.at<float>(y) * profile.at<float>(y + lag);
    if (score > best) best = score, best_lag = lag;
  }
  return best_lag;
}

// How far the text lines near the left and right edges sit from where they are mid-page: 0 for
// straight lines, the curl depth for a curled page.
int EdgeOffset(const cv::Mat& page) {
  const cv::Mat centre = RowProfile(page, kWidth / 2 - 100);
  return std::max(std::abs(Lag(centre, RowProfile(page, 150))), std::abs(Lag(centre, RowProfile(page, kWidth - 350))));
}

TEST(DewarpTest, StraightensTheLinesOfACurledPage) {
  const cv::Mat curled = Curl(FlatPage(), 40);
  ASSERT_GE(EdgeOffset(curled), 20);

  const TextLineWarp warp = TextLineWarp::Measure(curled, 300);
  ASSERT_FALSE(warp.empty()) << "bow " << warp.bow();
  EXPECT_GT(warp.bow(), 20);
  const cv::Mat straight = warp.Apply(curled);
  ASSERT_EQ(straight.size(), curled.size());
  EXPECT_LE(EdgeOffset(straight), 3);
}

TEST(DewarpTest, LeavesAFlatPageUntouched) {
  const cv::Mat flat = FlatPage();
  ASSERT_EQ(EdgeOffset(flat), 0);
  EXPECT_TRUE(TextLineWarp::Measure(flat, 300).empty());
  const cv::Mat out = Dewarp(flat, 300);
  EXPECT_EQ(cv::norm(out, flat, cv::NORM_INF), 0);
}

TEST(DewarpTest, ALightCurlBelowTheThresholdIsLeftAlone) {
  // Two pixels of bow: resampling would cost the tone marks more than the curl does.
  const cv::Mat slight = Curl(FlatPage(), 2);
  EXPECT_TRUE(TextLineWarp::Measure(slight, 300).empty());
}

TEST(DewarpTest, DegeneratePagesComeBackAsTheyAre) {
  for (const cv::Mat& page : {cv::Mat(), cv::Mat(1, 1, CV_8UC1, cv::Scalar(0)), cv::Mat(500, 400, CV_8UC1, cv::Scalar(255)),
                              cv::Mat(500, 400, CV_8UC1, cv::Scalar(0))}) {
    const cv::Mat out = Dewarp(page, 300);
    EXPECT_EQ(out.size(), page.size());
    if (!page.empty()) EXPECT_EQ(cv::norm(out, page, cv::NORM_INF), 0);
  }
}

TEST(DewarpTest, AnotherImageOfADifferentSizeIsNotWarped) {
  const TextLineWarp warp = TextLineWarp::Measure(Curl(FlatPage(), 40), 300);
  const cv::Mat other(100, 100, CV_8UC1, cv::Scalar(7));
  EXPECT_EQ(cv::norm(warp.Apply(other), other, cv::NORM_INF), 0);
}

}  // namespace
}  // namespace vanban::image
