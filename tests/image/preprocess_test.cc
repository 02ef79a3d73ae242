#include "pipeline/image/preprocess.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "tests/image/back_page.h"

namespace vanban::image {
namespace {

constexpr int kPageWidth = 2000;
constexpr int kPageHeight = 1400;

// Lines of ASCII text in Hershey type at about the size of 13 pt print at 300 dpi.
void DrawTextLines(cv::Mat* page, int first_baseline, int lines, const cv::Scalar& ink) {
  for (int i = 0; i < lines; ++i) {
    cv::putText(*page, "the quick brown fox jumps over the lazy dog 2024 KHAN", cv::Point(150, first_baseline + 70 * i),
                cv::FONT_HERSHEY_SIMPLEX, 1.6, ink, 3, cv::LINE_AA);
  }
}

cv::Mat TextPage(int lines = 12) {
  cv::Mat page(kPageHeight, kPageWidth, CV_8UC1, cv::Scalar(255));
  DrawTextLines(&page, 200, lines, cv::Scalar(0));
  return page;
}

// Share of `mask` pixels of `grey` darker than 128.
double DarkShare(const cv::Mat& grey, const cv::Mat& mask) {
  cv::Mat dark;
  cv::compare(grey, 128, dark, cv::CMP_LT);
  cv::bitwise_and(dark, mask, dark);
  return static_cast<double>(cv::countNonZero(dark)) / std::max(1, cv::countNonZero(mask));
}

TEST(DropColourInkTest, KeepsBlackTextUnderARedSealAndDropsTheSeal) {
  cv::Mat page(kPageHeight, kPageWidth, CV_8UC3, cv::Scalar(255, 255, 255));
  DrawTextLines(&page, 200, 12, cv::Scalar(0, 0, 0));
  cv::Mat text_mask;
  cv::inRange(page, cv::Scalar(0, 0, 0), cv::Scalar(100, 100, 100), text_mask);
  // A seal: a thick red ring with red letters, overprinting the text.
  cv::circle(page, cv::Point(900, 500), 300, cv::Scalar(40, 30, 220), 25);
  cv::putText(page, "SEAL", cv::Point(750, 520), cv::FONT_HERSHEY_SIMPLEX, 3, cv::Scalar(40, 30, 220), 12);
  cv::Mat seal_only;
  cv::inRange(page, cv::Scalar(30, 20, 200), cv::Scalar(50, 40, 240), seal_only);
  ASSERT_GT(cv::countNonZero(seal_only), 10000);

  const cv::Mat grey = DropColourInk(page);
  ASSERT_EQ(grey.type(), CV_8UC1);
  EXPECT_LT(DarkShare(grey, seal_only), 0.01);
  EXPECT_GT(DarkShare(grey, text_mask), 0.95);
  // Plain luminance keeps the seal: the dropout is what removes it.
  EXPECT_GT(DarkShare(ToGrey(page), seal_only), 0.9);
}

TEST(DropColourInkTest, PreprocessKeepsALuminanceCopyForRedStampsInTheSameGeometry) {
  cv::Mat page(kPageHeight, kPageWidth, CV_8UC3, cv::Scalar(255, 255, 255));
  DrawTextLines(&page, 200, 12, cv::Scalar(0, 0, 0));
  cv::putText(page, "Ky boi: UBND", cv::Point(1500, 60), cv::FONT_HERSHEY_SIMPLEX, 1.0, cv::Scalar(40, 30, 220), 3);
  const PageImage clean = Preprocess(PageImage{page, 150});
  ASSERT_EQ(clean.with_colour_ink.size(), clean.pixels.size());
  const double scale = static_cast<double>(clean.pixels.cols) / kPageWidth;  // upscaled from 150 dpi
  const cv::Rect stamp(static_cast<int>(1500 * scale), static_cast<int>(38 * scale), static_cast<int>(230 * scale),
                       static_cast<int>(24 * scale));
  // Red ink is nearly paper in the red channel and dark in luminance.
  EXPECT_GT(cv::mean(clean.pixels(stamp))[0], 235);
  EXPECT_LT(cv::mean(clean.with_colour_ink(stamp))[0], cv::mean(clean.pixels(stamp))[0] - 30);
  EXPECT_TRUE(Preprocess(PageImage{ToGrey(page), 300}).with_colour_ink.empty());
}

TEST(FlattenBackgroundTest, MakesAShadowedPageWhiteAndKeepsTheInk) {
  cv::Mat page = TextPage();
  cv::Mat text_mask;
  cv::compare(page, 128, text_mask, cv::CMP_LT);
  // Light falling off from left (white) to right (mid grey), as in a phone photo.
  cv::Mat shaded(page.size(), CV_8UC1);
  for (int y = 0; y < page.rows; ++y) {
    for (int x = 0; x < page.cols; ++x) {
      const double light = 1.0 - 0.55 * x / page.cols;
      shaded.at<uint8_t>(y, x) = cv::saturate_cast<uint8_t>(page.at<uint8_t>(y, x) * light);
    }
  }
  const cv::Mat flat = FlattenBackground(shaded);
  cv::Mat paper;
  cv::bitwise_not(text_mask, paper);
  cv::erode(paper, paper, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(9, 9)));
  EXPECT_GT(cv::mean(flat, paper)[0], 240);
  EXPECT_LT(cv::mean(shaded, paper)[0], 200);
  EXPECT_GT(DarkShare(flat, text_mask), 0.9);
}

TEST(SauvolaBinariseTest, GivesInkBlackAndPaperWhite) {
  const cv::Mat page = TextPage();
  const cv::Mat binary = SauvolaBinarise(page, 31, 0.2);
  double lo = 0, hi = 0;
  cv::minMaxLoc(binary, &lo, &hi);
  EXPECT_EQ(lo, 0);
  EXPECT_EQ(hi, 255);
  cv::Mat text_mask;
  cv::compare(page, 64, text_mask, cv::CMP_LT);
  EXPECT_GT(DarkShare(binary, text_mask), 0.95);
  EXPECT_EQ(binary.at<uint8_t>(50, 50), 255);
}

class SkewTest : public ::testing::TestWithParam<double> {};

TEST_P(SkewTest, MeasuresAndRemovesTheSkew) {
  const double skew = GetParam();
  const cv::Mat skewed = RotateGrey(TextPage(), skew);
  // Straightening means turning back by the measured angle.
  EXPECT_NEAR(EstimateSkewDegrees(skewed), -skew, 0.3);
  PageImage page{skewed, 300};
  const PageImage clean = Preprocess(page);
  EXPECT_NEAR(EstimateSkewDegrees(clean.pixels), 0.0, 0.3);
}

INSTANTIATE_TEST_SUITE_P(Angles, SkewTest, ::testing::Values(-4.5, -2.0, -1.2, 1.5, 3.0, 4.8));

TEST(SkewTest, RotationKeepsTheCornersOfThePage) {
  cv::Mat page = TextPage();
  cv::rectangle(page, cv::Rect(kPageWidth - 60, 0, 60, 30), cv::Scalar(0), cv::FILLED);
  const cv::Mat turned = RotateGrey(page, 3.0);
  EXPECT_GT(turned.cols, page.cols);
  EXPECT_GT(turned.rows, page.rows);
  // As much ink as before: nothing fell off the canvas.
  EXPECT_NEAR(cv::sum(255 - turned)[0], cv::sum(255 - page)[0], 0.02 * cv::sum(255 - page)[0]);
}

TEST(SkewTest, LeavesSlightSkewToTesseract) {
  // Under 1° resampling costs more tone marks than the skew costs lines.
  const cv::Mat skewed = RotateGrey(TextPage(), 0.5);
  EXPECT_NEAR(EstimateSkewDegrees(skewed), -0.5, 0.2);
  const PageImage clean = Preprocess(PageImage{skewed, 300});
  EXPECT_LE(cv::norm(clean.pixels, skewed, cv::NORM_INF), 2);
}

TEST(SkewTest, LeavesAStraightPageAlone) {
  const cv::Mat page = TextPage();
  EXPECT_NEAR(EstimateSkewDegrees(page), 0.0, 0.1);
  const PageImage clean = Preprocess(PageImage{page, 300});
  EXPECT_LE(cv::norm(clean.pixels, page, cv::NORM_INF), 2);
}

TEST(CleanBordersTest, RemovesAScannerEdgeAndAPunchHoleButNotText) {
  cv::Mat page = TextPage();
  cv::rectangle(page, cv::Rect(0, 0, 60, page.rows), cv::Scalar(20), cv::FILLED);
  cv::circle(page, cv::Point(100, 1300), 35, cv::Scalar(10), cv::FILLED);  // 6 mm at 300 dpi
  cv::Mat text_mask;
  cv::compare(TextPage(), 128, text_mask, cv::CMP_LT);
  const cv::Mat clean = CleanBorders(page, 300);
  EXPECT_GT(cv::mean(clean(cv::Rect(0, 0, 60, page.rows)))[0], 250);
  EXPECT_GT(clean.at<uint8_t>(1300, 100), 250);
  EXPECT_GT(DarkShare(clean, text_mask), 0.99);
}

TEST(ResolutionTest, BringsLowResolutionPagesTo300Dpi) {
  cv::Mat half;
  cv::resize(TextPage(), half, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
  const PageImage clean = Preprocess(PageImage{half, 150});
  EXPECT_EQ(clean.dpi, 300);
  EXPECT_NEAR(clean.pixels.cols, kPageWidth, 4);
}

TEST(ResolutionTest, TrustsTheTextSizeOverAWrongDpi) {
  // A phone photo that claims 72 dpi but whose text is already 300-dpi sized must not grow 4×.
  const PageImage clean = Preprocess(PageImage{TextPage(), 72});
  EXPECT_LT(clean.pixels.cols, 2 * kPageWidth);
  EXPECT_EQ(clean.dpi, 300);
}

TEST(DegeneratePagesTest, BlankBlackAndTinyPagesComeBackWithoutCrashing) {
  const cv::Mat blank(1200, 900, CV_8UC1, cv::Scalar(255));
  const cv::Mat black(1200, 900, CV_8UC1, cv::Scalar(0));
  const cv::Mat tiny(1, 1, CV_8UC3, cv::Scalar(0, 0, 255));
  const cv::Mat empty;
  for (const cv::Mat& m : {blank, black, tiny, empty}) {
    const PageImage clean = Preprocess(PageImage{m, 300});
    EXPECT_EQ(clean.pixels.total(), m.total());
    if (!m.empty()) EXPECT_EQ(clean.pixels.type(), CV_8UC1);
  }
  EXPECT_EQ(EstimateSkewDegrees(blank), 0);
  EXPECT_EQ(EstimateSkewDegrees(black), 0);
  EXPECT_EQ(MedianGlyphHeight(blank), 0);
}

TEST(DegeneratePagesTest, AHugePageIsNotEnlargedFurther) {
  const cv::Mat huge(20000, 20000, CV_8UC1, cv::Scalar(255));
  const PageImage clean = Preprocess(PageImage{huge, 150});
  EXPECT_LE(static_cast<double>(clean.pixels.total()), 80e6 * 1.01);
}

TEST(BlankPageTest, ABackPageWithGrainSpecksAndASealShowingThroughIsBlankAndNotEnlarged) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const cv::Mat page = vanban::testing::BackPage(seed);
    const PageImage clean = Preprocess(PageImage{page, 300});
    EXPECT_TRUE(clean.blank) << seed;
    // The letter-size estimate must not read specks as tiny letters and blow the page up.
    EXPECT_EQ(clean.pixels.size(), page.size()) << seed;
  }
}

TEST(BlankPageTest, APageWithOneShortLineOfPrintIsNotBlank) {
  cv::Mat page = vanban::testing::BackPage(4);
  cv::putText(page, "Le Van Minh", cv::Point(1400, 3000), cv::FONT_HERSHEY_SIMPLEX, 1.6, cv::Scalar::all(20), 3, cv::LINE_AA);
  EXPECT_FALSE(Preprocess(PageImage{page, 300}).blank);
  EXPECT_FALSE(LooksBlank(TextPage(1)));
  EXPECT_FALSE(LooksBlank(TextPage()));
}

TEST(BlankPageTest, ALoneSpeckOrPageNumberIsBlank) {
  cv::Mat page(kPageHeight, kPageWidth, CV_8UC1, cv::Scalar(255));
  cv::putText(page, "- 2 -", cv::Point(950, 100), cv::FONT_HERSHEY_SIMPLEX, 1.6, cv::Scalar(0), 3, cv::LINE_AA);
  EXPECT_TRUE(LooksBlank(page));
  EXPECT_EQ(MedianGlyphHeight(page), 0);
}

}  // namespace
}  // namespace vanban::image
