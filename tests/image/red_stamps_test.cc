#include "pipeline/image/red_stamps.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "pipeline/image/preprocess.h"

namespace vanban::image {
namespace {

// An A4 page at 300 dpi with body text in black, in BGR.
constexpr int kWidth = 2480, kHeight = 3508;
const cv::Scalar kRed(45, 40, 225), kBlack(0, 0, 0), kBlue(170, 60, 30);

cv::Mat BodyPage() {
  cv::Mat page(kHeight, kWidth, CV_8UC3, cv::Scalar(250, 250, 250));
  for (int i = 0; i < 30; ++i) {
    cv::putText(page, "the quick brown fox jumps over the lazy dog 2024", cv::Point(300, 400 + 80 * i),
                cv::FONT_HERSHEY_SIMPLEX, 1.6, kBlack, 3, cv::LINE_AA);
  }
  return page;
}

// A Decree 30 urgency stamp: capitals about 4 mm tall in a 0.4 mm frame 8 mm high.
cv::Rect DrawFramedStamp(cv::Mat* page, const std::string& words, cv::Point at, const cv::Scalar& ink) {
  int baseline = 0;
  const cv::Size text = cv::getTextSize(words, cv::FONT_HERSHEY_DUPLEX, 1.8, 4, &baseline);
  const cv::Rect frame(at.x, at.y, text.width + 90, 95);
  cv::rectangle(*page, frame, ink, 5);
  cv::putText(*page, words, cv::Point(at.x + 45, at.y + 48 + text.height / 2), cv::FONT_HERSHEY_DUPLEX, 1.8, ink, 4,
              cv::LINE_AA);
  return frame;
}

// A round agency seal 40 mm across: two rings, a ring of small capitals and a star.
cv::Rect DrawSeal(cv::Mat* page, cv::Point centre, const cv::Scalar& ink) {
  const int r = 236;
  cv::circle(*page, centre, r, ink, 8, cv::LINE_AA);
  cv::circle(*page, centre, r - 70, ink, 5, cv::LINE_AA);
  for (int k = 0; k < 18; ++k) {
    const double a = CV_PI * (0.1 + 0.8 * k / 17.0) + CV_PI;
    const cv::Point at(centre.x + static_cast<int>((r - 45) * std::cos(a)) - 12, centre.y + static_cast<int>((r - 45) * std::sin(a)) + 12);
    cv::putText(*page, std::string(1, static_cast<char>('A' + k)), at, cv::FONT_HERSHEY_SIMPLEX, 1.0, ink, 3, cv::LINE_AA);
  }
  std::vector<cv::Point> star;
  for (int k = 0; k < 10; ++k) {
    const double a = -CV_PI / 2 + k * CV_PI / 5, radius = k % 2 ? 30 : 75;
    star.emplace_back(centre.x + static_cast<int>(radius * std::cos(a)), centre.y + static_cast<int>(radius * std::sin(a)));
  }
  cv::fillPoly(*page, star, ink, cv::LINE_AA);
  return cv::Rect(centre.x - r, centre.y - r, 2 * r, 2 * r);
}

// Red ink multiplied over the print, as a stamp sits on the toner.
cv::Mat Overprint(const cv::Mat& page, const cv::Mat& ink) {
  cv::Mat out;
  cv::multiply(page, ink, out, 1.0 / 255);
  return out;
}

std::vector<RedRegion> Find(const cv::Mat& colour) {
  const PageImage clean = Preprocess(PageImage{colour, 300});
  return FindRedInk(clean.pixels, clean.with_colour_ink, clean.dpi);
}

std::string Describe(const std::vector<RedRegion>& regions) {
  std::string out;
  for (const RedRegion& r : regions) {
    out += std::string(" ") + "TSO"[static_cast<int>(r.shape)] + "@" + std::to_string(r.box.x) + "," + std::to_string(r.box.y) +
           " " + std::to_string(r.box.width) + "x" + std::to_string(r.box.height);
  }
  return out;
}

int Count(const std::vector<RedRegion>& regions, RedShape shape) {
  return static_cast<int>(std::count_if(regions.begin(), regions.end(), [&](const RedRegion& r) { return r.shape == shape; }));
}

TEST(FindRedInkTest, FindsAFramedRedStampAsOneLineOfTextInsideItsFrame) {
  cv::Mat page = BodyPage();
  cv::Mat ink(page.size(), CV_8UC3, cv::Scalar(255, 255, 255));
  const cv::Rect frame = DrawFramedStamp(&ink, "HOA TOC", cv::Point(1500, 250), kRed);
  const std::vector<RedRegion> regions = Find(Overprint(page, ink));
  ASSERT_EQ(Count(regions, RedShape::kText), 1) << Describe(regions);
  const RedRegion& stamp = *std::find_if(regions.begin(), regions.end(), [](const RedRegion& r) { return r.shape == RedShape::kText; });
  EXPECT_EQ(stamp.lines, 1);
  // The lettering without the frame: inside it, and most of its width.
  EXPECT_GE(stamp.box.x, frame.x);
  EXPECT_LE(stamp.box.br().x, frame.br().x);
  EXPECT_GE(stamp.box.y, frame.y);
  EXPECT_LE(stamp.box.br().y, frame.br().y);
  EXPECT_GT(stamp.box.width, frame.width * 2 / 3);
}

TEST(FindRedInkTest, FindsUnframedRedCapitalsOverBlackText) {
  cv::Mat page = BodyPage();
  cv::Mat ink(page.size(), CV_8UC3, cv::Scalar(255, 255, 255));
  cv::putText(ink, "THUONG KHAN", cv::Point(700, 445), cv::FONT_HERSHEY_DUPLEX, 1.8, kRed, 4, cv::LINE_AA);
  const std::vector<RedRegion> regions = Find(Overprint(page, ink));
  ASSERT_EQ(Count(regions, RedShape::kText), 1) << Describe(regions);
  EXPECT_EQ(regions.size(), 1u) << Describe(regions);
}

TEST(FindRedInkTest, ARoundSealIsASealAndNoTextStamp) {
  cv::Mat page = BodyPage();
  cv::Mat ink(page.size(), CV_8UC3, cv::Scalar(255, 255, 255));
  const cv::Rect seal = DrawSeal(&ink, cv::Point(1500, 2500), kRed);
  const std::vector<RedRegion> regions = Find(Overprint(page, ink));
  EXPECT_EQ(Count(regions, RedShape::kText), 0) << Describe(regions);
  ASSERT_EQ(Count(regions, RedShape::kSeal), 1);
  const RedRegion& found = *std::find_if(regions.begin(), regions.end(), [](const RedRegion& r) { return r.shape == RedShape::kSeal; });
  EXPECT_GT((found.box & seal).area(), seal.area() / 2);
}

TEST(FindRedInkTest, ANameStampedOverTheSealIsALineOfLettersWithoutTheSeal) {
  // A signer's name rubber-stamped in red under the seal, its first letters on the ring.
  cv::Mat page = BodyPage();
  cv::Mat ink(page.size(), CV_8UC3, cv::Scalar(255, 255, 255));
  DrawSeal(&ink, cv::Point(1400, 2500), kRed);
  const cv::Point name_at(1450, 2760);
  cv::putText(ink, "NGUYEN VAN AN", name_at, cv::FONT_HERSHEY_DUPLEX, 2.0, kRed, 5, cv::LINE_AA);
  const std::vector<RedRegion> regions = Find(Overprint(page, ink));
  EXPECT_EQ(Count(regions, RedShape::kSeal), 1) << Describe(regions);
  ASSERT_EQ(Count(regions, RedShape::kText), 1) << Describe(regions);
  const RedRegion& name = *std::find_if(regions.begin(), regions.end(), [](const RedRegion& r) { return r.shape == RedShape::kText; });
  EXPECT_LT(std::abs(name.box.x - name_at.x), 40) << Describe(regions);
  EXPECT_LT(std::abs(name.box.br().y - name_at.y), 60) << Describe(regions);
  EXPECT_LT(name.box.height, 150);
  ASSERT_EQ(name.lettering.size(), name.box.size());
  // The seal's star and rings are left out: the lettering is the name's ink alone.
  const double ink_share = cv::countNonZero(name.lettering < 128) / static_cast<double>(name.lettering.total());
  EXPECT_GT(ink_share, 0.05);
  EXPECT_LT(ink_share, 0.5);
}

TEST(FindRedInkTest, ALetterTheRingCrossesKeepsItsStrokesAndTheArcBesideItStaysOut) {
  cv::Mat page = BodyPage();
  cv::Mat ink(page.size(), CV_8UC3, cv::Scalar(255, 255, 255));
  const cv::Point centre(1400, 2500);
  DrawSeal(&ink, centre, kRed);
  const cv::Point name_at(1450, 2760);
  cv::putText(ink, "NGUYEN VAN AN", name_at, cv::FONT_HERSHEY_DUPLEX, 2.0, kRed, 5, cv::LINE_AA);
  cv::Mat name_ink = cv::Mat::zeros(page.size(), CV_8UC1), ring_ink = cv::Mat::zeros(page.size(), CV_8UC1);
  cv::putText(name_ink, "NGUYEN VAN AN", name_at, cv::FONT_HERSHEY_DUPLEX, 2.0, cv::Scalar(255), 5);
  cv::circle(ring_ink, centre, 236, cv::Scalar(255), 8);
  const std::vector<RedRegion> regions = Find(Overprint(page, ink));
  auto name = std::find_if(regions.begin(), regions.end(), [](const RedRegion& r) { return r.shape == RedShape::kText; });
  ASSERT_NE(name, regions.end()) << Describe(regions);
  cv::Mat near_name, letter_on_ring, arc_apart;
  cv::erode(name_ink & ring_ink, letter_on_ring, cv::Mat());
  cv::dilate(name_ink, near_name, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(41, 41)));
  cv::erode(ring_ink & ~near_name, arc_apart, cv::Mat());
  // Ink within 2 px counts: preprocessing may move the page by a pixel or two.
  cv::Mat lettering;
  cv::erode(name->lettering, lettering, cv::Mat(), cv::Point(-1, -1), 2);
  int on_ring = 0, on_ring_kept = 0, apart = 0, apart_kept = 0;
  for (int y = name->box.y; y < name->box.br().y; ++y) {
    for (int x = name->box.x; x < name->box.br().x; ++x) {
      const bool dark = lettering.at<uint8_t>(y - name->box.y, x - name->box.x) < 128;
      if (letter_on_ring.at<uint8_t>(y, x)) ++on_ring, on_ring_kept += dark;
      if (arc_apart.at<uint8_t>(y, x)) ++apart, apart_kept += dark;
    }
  }
  ASSERT_GT(on_ring, 20);
  EXPECT_GT(on_ring_kept, on_ring * 8 / 10) << on_ring_kept << " of " << on_ring;
  EXPECT_LT(apart_kept, std::max(1, apart / 10)) << apart_kept << " of " << apart;
}

TEST(FindRedInkTest, BlackAndBlueInkIsNoRedInk) {
  cv::Mat page = BodyPage();
  DrawFramedStamp(&page, "KHAN", cv::Point(1500, 250), kBlack);
  DrawFramedStamp(&page, "HOA TOC", cv::Point(1500, 3100), kBlue);
  DrawSeal(&page, cv::Point(600, 2900), kBlue);
  EXPECT_EQ(Describe(Find(page)), "");
}

TEST(FindRedInkTest, APageWithoutALuminanceCopyHasNoRedInk) {
  const PageImage grey = Preprocess(PageImage{ToGrey(BodyPage()), 300});
  EXPECT_TRUE(FindRedInk(grey.pixels, grey.with_colour_ink, grey.dpi).empty());
  EXPECT_TRUE(FindRedInk(grey.pixels, cv::Mat(10, 10, CV_8UC1, cv::Scalar(0)), grey.dpi).empty());
}

// `ink` (white paper) turned `degrees` counter-clockwise about `centre`.
cv::Mat Turned(const cv::Mat& ink, cv::Point2f centre, double degrees) {
  cv::Mat out;
  cv::warpAffine(ink, out, cv::getRotationMatrix2D(centre, degrees, 1.0), ink.size(), cv::INTER_LINEAR,
                 cv::BORDER_CONSTANT, cv::Scalar(255, 255, 255));
  return out;
}

TEST(FindRedInkTest, AStampStruckAtASlantIsTextToSetLevel) {
  for (double degrees : {30.0, -45.0, 20.0}) {
    cv::Mat ink(kHeight, kWidth, CV_8UC3, cv::Scalar(255, 255, 255));
    // Right of the body text: a frame that black print cuts into pieces along a slant is not
    // joined again (the level one is, across the line's direction only).
    const cv::Rect frame = DrawFramedStamp(&ink, "HOA TOC", cv::Point(1850, 950), kRed);
    const std::vector<RedRegion> regions =
        Find(Overprint(BodyPage(), Turned(ink, (frame.tl() + frame.br()) / 2, degrees)));
    ASSERT_EQ(Count(regions, RedShape::kText), 1) << degrees << Describe(regions);
    const RedRegion& stamp = *std::find_if(regions.begin(), regions.end(), [](const RedRegion& r) { return r.shape == RedShape::kText; });
    EXPECT_NEAR(stamp.turn, degrees, 2) << Describe(regions);
    EXPECT_EQ(stamp.lines, 1);
    // Set level, the lettering is one row of letters, as wide as the words and no taller than
    // one letter, with the frame left out.
    const PageImage clean = Preprocess(PageImage{Overprint(BodyPage(), Turned(ink, (frame.tl() + frame.br()) / 2, degrees)), 300});
    const cv::Mat level = RedInkImage(clean.pixels, clean.with_colour_ink, stamp.box, stamp.turn);
    cv::Mat dark;
    cv::compare(level, 128, dark, cv::CMP_LT);
    const cv::Rect letters = cv::boundingRect(dark);
    EXPECT_LT(letters.height, frame.height * 2 / 3) << degrees;
    EXPECT_GT(letters.width, frame.width / 2) << degrees;
    EXPECT_LT(letters.width, frame.width - 40) << degrees;
  }
  // A seal, round whichever way it lies, is never a slanted stamp.
  cv::Mat seal(kHeight, kWidth, CV_8UC3, cv::Scalar(255, 255, 255));
  DrawSeal(&seal, cv::Point(1500, 2500), kRed);
  const std::vector<RedRegion> regions = Find(Overprint(BodyPage(), Turned(seal, cv::Point2f(1500, 2500), 30)));
  EXPECT_EQ(Count(regions, RedShape::kText), 0) << Describe(regions);
}

TEST(RedInkImageTest, KeepsTheRedLettersAndWhitensTheBlackTextTheyOverprint) {
  cv::Mat page = BodyPage();
  cv::Mat ink(page.size(), CV_8UC3, cv::Scalar(255, 255, 255));
  DrawFramedStamp(&ink, "KHAN", cv::Point(500, 330), kRed);  // over body lines 1 and 2
  const PageImage clean = Preprocess(PageImage{Overprint(page, ink), 300});
  ASSERT_EQ(clean.pixels.size(), page.size());  // boxes hold on the drawn page
  const std::vector<RedRegion> regions = FindRedInk(clean.pixels, clean.with_colour_ink, clean.dpi);
  ASSERT_EQ(Count(regions, RedShape::kText), 1) << Describe(regions);
  const cv::Mat image = RedInkImage(clean.pixels, clean.with_colour_ink, regions[0].box);
  ASSERT_FALSE(image.empty());
  // Dark pixels are the red letters only: the black body text inside the box is white there.
  cv::Mat black_text, red_letters, dark;
  cv::inRange(page(regions[0].box), cv::Scalar(0, 0, 0), cv::Scalar(90, 90, 90), black_text);
  cv::inRange(ink(regions[0].box), cv::Scalar(0, 0, 200), cv::Scalar(90, 90, 255), red_letters);
  const int margin = (image.cols - regions[0].box.width) / 2;
  cv::compare(image(cv::Rect(margin, margin, regions[0].box.width, regions[0].box.height)), 128, dark, cv::CMP_LT);
  cv::Mat black_only = black_text & ~red_letters;
  ASSERT_GT(cv::countNonZero(black_only), 500);
  EXPECT_LT(cv::countNonZero(dark & black_only), cv::countNonZero(black_only) / 20);
  EXPECT_GT(cv::countNonZero(dark & red_letters), cv::countNonZero(red_letters) / 2);
}

}  // namespace
}  // namespace vanban::image
