#include "pipeline/image/seals.h"

#include <cmath>
#include <numbers>
#include <string>

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "pipeline/image/layout.h"

namespace vanban::image {
namespace {

constexpr int kInk = 0, kPaper = 255;

void Text(cv::Mat* page, const std::string& text, cv::Point at, double scale = 1.4) {
  cv::putText(*page, text, at, cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(kInk), 3, cv::LINE_AA);
}

// A round seal as a grey or bitonal scan shows it: two rings, letters round the edge, an inner
// ring and an emblem, all as dark as the print.
// `pen`: the outer ring's width; a thin ring (3 px) is drawn alone, a thicker one with a second
// ring just inside it.
void DrawSeal(cv::Mat* page, cv::Point centre, int radius, int pen = 5) {
  cv::circle(*page, centre, radius, cv::Scalar(kInk), pen, cv::LINE_AA);
  if (pen > 3) cv::circle(*page, centre, radius - 12, cv::Scalar(kInk), 3, cv::LINE_AA);
  cv::circle(*page, centre, radius * 2 / 3, cv::Scalar(kInk), 3, cv::LINE_AA);
  const std::string lettering = "UY BAN NHAN DAN TINH QUANG NGAI *";
  for (size_t i = 0; i < lettering.size(); ++i) {
    const double angle = std::numbers::pi * (0.8 + 1.4 * i / lettering.size());
    const double r = radius * 0.83;
    Text(page, std::string(1, lettering[i]),
         cv::Point(centre.x + static_cast<int>(r * std::cos(angle)) - 10,
                   centre.y + static_cast<int>(r * std::sin(angle)) + 12),
         0.9);
  }
  const std::vector<cv::Point> star{{centre.x, centre.y - 60}, {centre.x + 18, centre.y - 10},
                                    {centre.x + 60, centre.y - 10}, {centre.x + 25, centre.y + 20},
                                    {centre.x + 40, centre.y + 65}, {centre.x, centre.y + 38},
                                    {centre.x - 40, centre.y + 65}, {centre.x - 25, centre.y + 20},
                                    {centre.x - 60, centre.y - 10}, {centre.x - 18, centre.y - 10}};
  cv::fillPoly(*page, std::vector<std::vector<cv::Point>>{star}, cv::Scalar(kInk), cv::LINE_AA);
}

// The closing of a page at 300 dpi: a paragraph, then the signer's title and name, with a seal
// over the title's first letters and the name's.
struct SignerPage {
  cv::Mat pixels{3508, 2480, CV_8UC1, cv::Scalar(kPaper)};
  cv::Rect title{1450, 1655, 450, 45}, name{1420, 2125, 520, 45};
  cv::Point centre{1460, 1880};
  int radius = 230;

  explicit SignerPage(bool seal) {
    for (int i = 0; i < 12; ++i) {
      Text(&pixels, "Cac so, ban, nganh, UBND cac huyen, thi xa, thanh pho thuc hien", {260, 600 + 60 * i});
    }
    Text(&pixels, "PHO CHU TICH", {1460, 1700});
    Text(&pixels, "Tran Hoang Tuan", {1430, 2170});
    if (seal) DrawSeal(&pixels, centre, radius);
  }
};

InkComponents Ink(const cv::Mat& page) { return FindInkComponents(page, 2000); }

// Dark pixels of `box` (page pixels) in `page`.
int Dark(const cv::Mat& page, const cv::Rect& box) { return cv::countNonZero(page(box) < 128); }

TEST(SealsTest, FindsADarkSealByItsRingsAndCentre) {
  const SignerPage page(true);
  const InkComponents c = Ink(page.pixels);
  const std::vector<Seal> seals = FindSeals(c);
  ASSERT_EQ(seals.size(), 1u);
  EXPECT_NEAR(seals[0].centre.x / c.factor, page.centre.x, 6);
  EXPECT_NEAR(seals[0].centre.y / c.factor, page.centre.y, 6);
  ASSERT_GE(seals[0].rings.size(), 2u);
  EXPECT_NEAR(seals[0].rings.back().radius / c.factor, page.radius, 6);
}

TEST(SealsTest, WhitensTheSealButNotTheTitleAndNameAcrossIt) {
  const SignerPage plain(false), sealed(true);
  const PageLayout layout = AnalyseLayout(sealed.pixels);
  // The seal's star and lettering are gone …
  EXPECT_EQ(Dark(layout.text_image, cv::Rect(sealed.centre.x - 40, sealed.centre.y - 40, 80, 80)), 0);
  const cv::Rect left_lettering(sealed.centre.x - sealed.radius, sealed.centre.y - 60, 70, 120);
  EXPECT_LT(Dark(layout.text_image, left_lettering), Dark(sealed.pixels, left_lettering) / 10);
  // … the title and name printed across it stay (but for the few pixels where a ring crossed).
  for (const cv::Rect& line : {sealed.title, sealed.name}) {
    EXPECT_GT(Dark(layout.text_image, line), 0.85 * Dark(plain.pixels, line)) << line;
  }
}

TEST(SealsTest, AThinRingAlongATitleLineLeavesItsLettersWhole) {
  // A thin ring whose top runs along the title line through its letters' middles: each letter the
  // ring cuts in two keeps both halves (but for the strokes the ring runs along: a "C"'s top).
  const SignerPage plain(false);
  SignerPage sealed(false);
  const cv::Point centre(plain.title.x + 120, plain.title.y + plain.title.height / 2 + 230);
  DrawSeal(&sealed.pixels, centre, 230, 3);
  ASSERT_EQ(FindSeals(Ink(sealed.pixels)).size(), 1u);
  const PageLayout layout = AnalyseLayout(sealed.pixels);
  const cv::Rect title_start(plain.title.x, plain.title.y, 240, plain.title.height);
  EXPECT_GT(Dark(layout.text_image, title_start), 0.6 * Dark(plain.pixels, title_start));
}

TEST(SealsTest, NoSealOnAPageOfTextAFrameAndASignature) {
  SignerPage page(false);
  cv::rectangle(page.pixels, cv::Rect(260, 1400, 900, 500), cv::Scalar(kInk), 4);  // a table's frame
  const std::vector<cv::Point> scrawl{{1500, 1950}, {1600, 1760}, {1640, 1990}, {1720, 1780}, {1760, 1960},
                                      {1950, 1800}, {2200, 1780}};
  cv::polylines(page.pixels, scrawl, false, cv::Scalar(kInk), 6, cv::LINE_AA);
  cv::ellipse(page.pixels, {1850, 1880}, {160, 60}, 0, 0, 300, cv::Scalar(kInk), 6, cv::LINE_AA);  // a flourish
  const InkComponents c = Ink(page.pixels);
  EXPECT_TRUE(FindSeals(c).empty());
}

}  // namespace
}  // namespace vanban::image
