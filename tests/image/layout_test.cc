#include "pipeline/image/layout.h"

#include <algorithm>

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

namespace vanban::image {
namespace {

// A synthetic Decree-30 page at 300 dpi: stamp in small print at the top, two header columns,
// a centred title, a body paragraph, then "Noi nhan" on the left beside the signer on the right.
struct SyntheticPage {
  cv::Mat pixels{3508, 2480, CV_8UC1, cv::Scalar(255)};
  cv::Rect header_left, header_right, title, body, recipients, signer, stamp;

  void Text(const std::string& text, int x, int baseline, double scale = 1.4, int thickness = 3) {
    cv::putText(pixels, text, cv::Point(x, baseline), cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(0), thickness,
                cv::LINE_AA);
  }
  // Lines starting at `x` every 60 px; returns the box they cover (roughly).
  cv::Rect Lines(const std::vector<std::string>& lines, int x, int baseline, double scale = 1.4) {
    for (size_t i = 0; i < lines.size(); ++i) Text(lines[i], x, baseline + 60 * static_cast<int>(i), scale);
    return cv::Rect(x, baseline - 40, 10, 60 * static_cast<int>(lines.size()));
  }

  SyntheticPage() {
    stamp = Lines({"TRUNG TAM CONG BAO VA TIN HOC", "ttcbth@quangngai.gov.vn", "17.01.2025 09:17:04 +07:00"}, 1300,
                  80, 0.7);
    header_left = Lines({"UY BAN NHAN DAN", "TINH QUANG NGAI", "So: 660 /TB-UBND"}, 260, 330);
    header_right = Lines({"CONG HOA XA HOI CHU NGHIA VIET NAM", "Doc lap - Tu do - Hanh phuc",
                          "Quang Ngai, ngay 31 thang 12 nam 2024"},
                         1000, 330);
    title = Lines({"THONG BAO"}, 1050, 620);
    body = Lines({"Ngay 24/12/2024, tai tru so UBND huyen Binh Son, Chu tich UBND",
                  "tinh, kiem Pho Truong Ban Thuong truc Ban Chi dao xoa nha tam, nha",
                  "nat tren dia ban tinh Nguyen Hoang Giang chu tri cuoc hop voi Ban",
                  "xoa nha tam, nha dot nat huyen Binh Son (sau day viet tat la Ban",
                  "huyen). Tham du cuoc hop co lanh dao: Uy ban MTTQ Viet Nam tinh,",
                  "huy Quan su tinh, Bo Chi huy Bo doi Bien phong tinh; Thu truong",
                  "quan, don vi: Van phong UBND tinh, So Lao dong - Thuong binh va Xa",
                  "So Xay dung, So Tai chinh, So Ke hoach va Dau tu, So Tai nguyen",
                  "truong, Ban Quan ly Khu kinh te Dung Quat va cac Khu cong nghiep",
                  "Ngai, Tinh Doan; Truong Ban, Pho Ban va cac thanh vien Ban Chi"},
                 260, 800);
    recipients = Lines({"Noi nhan:", "- Nhu tren;", "- CT, PCT UBND tinh;", "- Luu: VT."}, 260, 1600, 1.0);
    signer = Lines({"TM. UY BAN NHAN DAN", "CHU TICH"}, 1500, 1600);
    Text("Nguyen Hoang Giang", 1480, 1950);
  }
};

// The regions as text, for failure messages.
std::string Describe(const PageLayout& layout) {
  std::string out;
  for (const LayoutRegion& r : layout.regions) {
    out += "role " + std::to_string(static_cast<int>(r.role)) + " lines " + std::to_string(r.lines) + " at " +
           std::to_string(r.box.x) + "," + std::to_string(r.box.y) + " " + std::to_string(r.box.width) + "x" +
           std::to_string(r.box.height) + "\n";
  }
  for (const cv::Rect& r : layout.stamps) {
    out += "stamp at " + std::to_string(r.x) + "," + std::to_string(r.y) + " " + std::to_string(r.width) + "x" +
           std::to_string(r.height) + "\n";
  }
  return out;
}

TEST(LayoutTest, ReadsHeaderColumnsSeparatelyAndInOrder) {
  SyntheticPage page;
  const PageLayout layout = AnalyseLayout(page.pixels);
  ASSERT_GE(layout.regions.size(), 5u);
  const LayoutRegion& left = layout.regions[0];
  const LayoutRegion& right = layout.regions[1];
  EXPECT_EQ(left.role, RegionRole::kLeftColumn);
  EXPECT_EQ(right.role, RegionRole::kRightColumn);
  EXPECT_EQ(left.lines, 3);
  EXPECT_EQ(right.lines, 3);
  EXPECT_LT(left.box.x + left.box.width, right.box.x);
  EXPECT_LT(left.box.y, page.header_left.y + 20);
  EXPECT_GT(left.box.y + left.box.height, page.header_left.y + page.header_left.height - 20);
  // The title is not swallowed by the right column.
  EXPECT_LT(right.box.y + right.box.height, page.title.y);
}

TEST(LayoutTest, PutsTitleAndBodyBetweenHeaderAndRecipientsThenSigner) {
  SyntheticPage page;
  const PageLayout layout = AnalyseLayout(page.pixels);
  ASSERT_GE(layout.regions.size(), 5u) << Describe(layout);
  SCOPED_TRACE(Describe(layout));
  std::vector<RegionRole> roles;
  for (const LayoutRegion& r : layout.regions) roles.push_back(r.role);
  // Header columns, then full-width title/body blocks, then "Noi nhan" and the signer.
  EXPECT_EQ(roles.front(), RegionRole::kLeftColumn);
  const LayoutRegion& last = layout.regions.back();
  const LayoutRegion& before_last = layout.regions[layout.regions.size() - 2];
  EXPECT_EQ(before_last.role, RegionRole::kLeftColumn);
  EXPECT_EQ(last.role, RegionRole::kRightColumn);
  EXPECT_LE(before_last.box.y, page.recipients.y + 10);
  EXPECT_GE(last.box.y + last.box.height, 1930);  // the signer's name belongs to the signer block
  bool body_found = false;
  for (size_t i = 2; i + 2 < layout.regions.size(); ++i) {
    EXPECT_EQ(layout.regions[i].role, RegionRole::kFullWidth);
    if (layout.regions[i].lines == 10) body_found = true;
  }
  EXPECT_TRUE(body_found);
}

TEST(LayoutTest, AFaintSealLeftByColourDropoutDoesNotJoinRecipientsAndSigner) {
  SyntheticPage page;
  // Pale dots filling the white between the list and the signer on every list line, as the
  // letters of a seal's rim do once the red has been dropped.
  for (int y = 1580; y < 1800; y += 30) {
    for (int x = 640; x < 1490; x += 18) cv::circle(page.pixels, cv::Point(x, y), 6, cv::Scalar(110), cv::FILLED);
  }
  const PageLayout layout = AnalyseLayout(page.pixels);
  ASSERT_GE(layout.regions.size(), 2u) << Describe(layout);
  EXPECT_EQ(layout.regions[layout.regions.size() - 2].role, RegionRole::kLeftColumn) << Describe(layout);
  EXPECT_EQ(layout.regions.back().role, RegionRole::kRightColumn) << Describe(layout);
}

TEST(LayoutTest, KeepsSmallPrintStampsOutOfTheText) {
  SyntheticPage page;
  const PageLayout layout = AnalyseLayout(page.pixels);
  ASSERT_EQ(layout.stamps.size(), 1u) << Describe(layout);
  EXPECT_TRUE((layout.stamps[0] & page.stamp).area() > 0);
  for (const LayoutRegion& r : layout.regions) EXPECT_EQ((r.box & layout.stamps[0]).area(), 0);
}

TEST(LayoutTest, SeparatesStampsPrintedSideBySide) {
  SyntheticPage page;
  page.Lines({"Ky boi: Uy ban nhan dan tinh Quang Ngai", "Thoi gian ky: 17/01/2025 08:56:09"}, 1900, 80, 0.6);
  const PageLayout layout = AnalyseLayout(page.pixels);
  ASSERT_EQ(layout.stamps.size(), 2u) << Describe(layout);
  EXPECT_LT(layout.stamps[0].br().x, layout.stamps[1].x);
}

TEST(LayoutTest, WhitensPicturesAndSignaturesForOcr) {
  SyntheticPage page;
  cv::circle(page.pixels, cv::Point(1700, 1800), 180, cv::Scalar(0), 12);  // a seal printed in black
  const PageLayout layout = AnalyseLayout(page.pixels);
  EXPECT_GT(layout.text_image.at<uint8_t>(1800, 1520), 250);
  EXPECT_LT(cv::mean(layout.text_image(page.body))[0], cv::mean(page.pixels(cv::Rect(0, 0, 10, 10)))[0]);
}

TEST(LayoutTest, ALongStrokeAtASlantIsWhitenedAndLeavesTheSignerBlockWhole) {
  SyntheticPage page;
  // A signature's underline, left alone once the seal it ran through is gone.
  cv::line(page.pixels, cv::Point(1450, 1830), cv::Point(2150, 1790), cv::Scalar(0), 5, cv::LINE_AA);
  const PageLayout layout = AnalyseLayout(page.pixels);
  EXPECT_GT(layout.text_image.at<uint8_t>(1810, 1800), 250);
  // The name below it still belongs to the signer's column.
  const cv::Point title(1520, 1590), name(1520, 1935);
  const auto region = std::find_if(layout.regions.begin(), layout.regions.end(),
                                   [&](const LayoutRegion& r) { return r.box.contains(title); });
  ASSERT_NE(region, layout.regions.end()) << Describe(layout);
  EXPECT_TRUE(region->box.contains(name)) << Describe(layout);
}

TEST(LayoutTest, WithoutFaintInkWhitensASealsResidueButNotTheTitleOverIt) {
  SyntheticPage page;
  const cv::Point centre(1700, 1750);
  cv::circle(page.pixels, centre, 200, cv::Scalar(170), 10);  // the residue of a red seal's rim
  page.Text("CHU TICH", 1520, 1560);                           // printed across it
  const PageLayout layout = AnalyseLayout(page.pixels);
  const cv::Point rim_alone(centre.x, centre.y + 200);
  EXPECT_LT(layout.text_image.at<uint8_t>(rim_alone), 200);  // OCR's first look keeps faint ink
  const cv::Mat without = WithoutFaintInk(layout);
  ASSERT_EQ(without.size(), page.pixels.size());
  EXPECT_EQ(without.at<uint8_t>(rim_alone), 255);
  const cv::Rect title(1520, 1525, 300, 40);
  EXPECT_EQ(cv::countNonZero(without(title) < 100), cv::countNonZero(page.pixels(title) < 100));
  EXPECT_TRUE(WithoutFaintInk(AnalyseLayout(cv::Mat(800, 600, CV_8UC1, cv::Scalar(255)))).empty());
}

TEST(LayoutTest, BlankBlackAndTinyPagesHaveNoRegions) {
  for (const cv::Mat& m : {cv::Mat(800, 600, CV_8UC1, cv::Scalar(255)), cv::Mat(800, 600, CV_8UC1, cv::Scalar(0)),
                           cv::Mat(1, 1, CV_8UC1, cv::Scalar(0)), cv::Mat()}) {
    const PageLayout layout = AnalyseLayout(m);
    EXPECT_TRUE(layout.regions.empty());
    EXPECT_TRUE(layout.stamps.empty());
  }
}

}  // namespace
}  // namespace vanban::image
