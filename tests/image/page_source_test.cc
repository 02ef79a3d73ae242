#include "pipeline/image/page_source.h"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "pipeline/image/preprocess.h"
#include "tests/born_digital_pdf.h"
#include "tests/test_util.h"

namespace vanban::image {
namespace {

using vanban::testing::ScratchDir;
using vanban::testing::SourcePath;
using vanban::testing::WriteFile;

class PageSourceTest : public ::testing::Test {
 protected:
  void SetUp() override { QuietDecoderLogs(); }
  LoadOptions options_;
};

TEST_F(PageSourceTest, ReadsEveryPageOfAMultiPageTiff) {
  auto source = PageSource::Open(SourcePath("samples/scans/kiengiang-2577-clean.tif"), options_);
  ASSERT_TRUE(source.ok()) << source.status().message();
  ASSERT_EQ((*source)->page_count(), 2);
  auto page = (*source)->LoadPage(1);
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->dpi, 300);
  EXPECT_EQ(page->pixels.cols, 2481);
  EXPECT_EQ(page->pixels.type(), CV_8UC1);
}

// A document scanned a file a page: the files' pages in turn, a file that cannot be opened one
// failed page named by its file, and each page's original image from its own file.
TEST_F(PageSourceTest, OpenAllReadsTheFilesPagesInTurn) {
  const std::string dir = ScratchDir("page_source_open_all");
  const std::string first = dir + "/doc_1.png", broken = dir + "/doc_3.png";
  ASSERT_TRUE(cv::imwrite(first, cv::Mat(30, 20, CV_8UC1, cv::Scalar(255))));
  WriteFile(broken, "not an image");
  const std::vector<std::string> paths = {first, SourcePath("samples/scans/kiengiang-2577-clean.tif"), broken};
  auto source = PageSource::OpenAll(paths, options_);
  ASSERT_TRUE(source.ok()) << source.status().message();
  ASSERT_EQ((*source)->page_count(), 4);
  EXPECT_EQ((*source)->FileOf(0), 0u);
  EXPECT_EQ((*source)->FileOf(2), 1u);
  EXPECT_EQ((*source)->FileOf(3), 2u);
  auto tiff_page = (*source)->LoadPage(2);
  ASSERT_TRUE(tiff_page.ok()) << tiff_page.status().message();
  EXPECT_EQ(tiff_page->pixels.cols, 2481);
  auto failed = (*source)->LoadPage(3);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().message().rfind("page 4: doc_3.png: not an image", 0), 0u) << failed.status().message();
  auto original = LoadOriginalImage(paths, **source, 0);
  ASSERT_TRUE(original.ok()) << original.status().message();
  EXPECT_EQ(original->width, 20);
}

// The review page's images: what EncodePng writes reads back as the same pixels, colour and grey.
TEST_F(PageSourceTest, EncodesPagesAsPngThatReadBackPixelForPixel) {
  cv::Mat colour(40, 60, CV_8UC3, cv::Scalar(250, 250, 250));
  cv::rectangle(colour, cv::Rect(5, 5, 20, 10), cv::Scalar(30, 40, 200), -1);  // a red seal's ink (BGR)
  cv::Mat grey;
  cv::cvtColor(colour, grey, cv::COLOR_BGR2GRAY);
  for (const cv::Mat& pixels : {colour, grey}) {
    StatusOr<std::string> png = EncodePng(pixels, 1);
    ASSERT_TRUE(png.ok()) << png.status().message();
    EXPECT_EQ(png->substr(1, 3), "PNG");
    const std::vector<uchar> bytes(png->begin(), png->end());
    const cv::Mat back = cv::imdecode(bytes, cv::IMREAD_UNCHANGED);
    ASSERT_EQ(back.type(), pixels.type());
    EXPECT_EQ(cv::norm(back, pixels, cv::NORM_INF), 0);
  }
  EXPECT_FALSE(EncodePng(cv::Mat(), 1).ok());
}

TEST_F(PageSourceTest, RasterisesPdfPagesInColourAtThreeHundredDpi) {
  auto source = PageSource::Open(SourcePath("samples/scans/kiengiang-2577-scan.pdf"), options_);
  ASSERT_TRUE(source.ok()) << source.status().message();
  ASSERT_EQ((*source)->page_count(), 2);
  auto page = (*source)->LoadPage(0);
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->pixels.type(), CV_8UC3);
  EXPECT_NEAR(page->pixels.cols, 2481, 2);
  EXPECT_NEAR(page->pixels.rows, 3507, 2);
}

TEST_F(PageSourceTest, UsesAssumedDpiWhenTheImageRecordsNone) {
  const std::string dir = ScratchDir("page_source_dpi");
  cv::Mat white(400, 300, CV_8UC1, cv::Scalar(255));
  ASSERT_TRUE(cv::imwrite(dir + "/blank.bmp", white));
  options_.assumed_dpi = 150;
  auto source = PageSource::Open(dir + "/blank.bmp", options_);
  ASSERT_TRUE(source.ok());
  auto page = (*source)->LoadPage(0);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->dpi, 150);
}

TEST_F(PageSourceTest, RejectsAMissingFile) {
  auto source = PageSource::Open("/nonexistent/scan.png", options_);
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().code(), Status::Code::kNotFound);
}

TEST_F(PageSourceTest, RejectsAnEmptyFile) {
  const std::string path = ScratchDir("page_source_empty") + "/empty.png";
  WriteFile(path, "");
  auto source = PageSource::Open(path, options_);
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().code(), Status::Code::kCorruptInput);
  EXPECT_NE(source.status().message().find("empty"), std::string::npos);
}

TEST_F(PageSourceTest, RejectsAFileThatIsNotAnImage) {
  const std::string path = ScratchDir("page_source_text") + "/notes.png";
  WriteFile(path, "Kính gửi: Sở Tư pháp\n");
  auto source = PageSource::Open(path, options_);
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().code(), Status::Code::kCorruptInput);
}

TEST_F(PageSourceTest, ReportsATruncatedImageWhenItsPageIsDecoded) {
  const std::string dir = ScratchDir("page_source_truncated");
  cv::Mat noise(600, 600, CV_8UC1);
  cv::randu(noise, 0, 255);
  std::vector<uchar> png;
  ASSERT_TRUE(cv::imencode(".png", noise, png));
  WriteFile(dir + "/cut.png", std::string(png.begin(), png.begin() + png.size() / 3));
  auto source = PageSource::Open(dir + "/cut.png", options_);
  if (!source.ok()) {
    EXPECT_EQ(source.status().code(), Status::Code::kCorruptInput);
    return;
  }
  auto page = (*source)->LoadPage(0);
  ASSERT_FALSE(page.ok());
  EXPECT_NE(page.status().message().find("page 1"), std::string::npos);
}

TEST_F(PageSourceTest, RejectsATruncatedPdf) {
  const std::string dir = ScratchDir("page_source_pdf");
  const std::string pdf = vanban::testing::ReadFile(SourcePath("samples/scans/kiengiang-2577-scan.pdf"));
  WriteFile(dir + "/cut.pdf", pdf.substr(0, 2000));
  auto source = PageSource::Open(dir + "/cut.pdf", options_);
  bool failed = !source.ok();
  for (int i = 0; !failed && i < (*source)->page_count(); ++i) failed = !(*source)->LoadPage(i).ok();
  EXPECT_TRUE(failed);
}

// Each box of the layer holds ink, and no ink lies outside them all.
void ExpectBoxesHoldTheInk(const PageImage& page) {
  cv::Mat ink;
  cv::cvtColor(page.pixels, ink, cv::COLOR_BGR2GRAY);
  cv::threshold(ink, ink, 128, 255, cv::THRESH_BINARY_INV);
  cv::Mat covered = cv::Mat::zeros(ink.size(), CV_8UC1);
  for (const TextLayerWord& word : page.text_layer) {
    const cv::Rect r = cv::Rect(word.box.x, word.box.y, word.box.width, word.box.height) & cv::Rect({}, ink.size());
    EXPECT_GT(cv::countNonZero(ink(r)), 10) << word.text;
    covered(r).setTo(255);
  }
  cv::Mat outside;
  cv::bitwise_and(ink, ~covered, outside);
  EXPECT_EQ(cv::countNonZero(outside), 0);
}

const std::vector<vanban::testing::PdfLine> kFillIns = {{72, 100, 14, "So: 11 /TB-UBND"}, {300, 400, 12, "ngay 08 (thang)"}};
const std::vector<std::string> kFillInWords = {"So:", "11", "/TB-UBND", "ngay", "08", "(thang)"};

std::vector<std::string> TextsOf(const PageImage& page) {
  std::vector<std::string> texts;
  for (const TextLayerWord& word : page.text_layer) texts.push_back(word.text);
  return texts;
}

// A born-digital page's words come with boxes in the rendered page's pixels, where their ink is.
TEST_F(PageSourceTest, ReadsTheTextLayerOfABornDigitalPdfWithPixelBoxes) {
  const std::string path = ScratchDir("page_source_text_layer") + "/dispatch.pdf";
  WriteFile(path, vanban::testing::BornDigitalPdf(kFillIns));
  options_.pdf_dpi = 150;
  auto source = PageSource::Open(path, options_);
  ASSERT_TRUE(source.ok()) << source.status().message();
  auto page = (*source)->LoadPage(0);
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(TextsOf(*page), kFillInWords);
  const double px = 150 / 72.0;
  const Box first = page->text_layer[0].box;
  EXPECT_NEAR(first.x, 72 * px, 3);
  EXPECT_LT(first.y, 100 * px);         // above the baseline
  EXPECT_GT(first.bottom(), 100 * px);  // the descent below it
  EXPECT_NEAR(page->text_layer[3].box.x, 300 * px, 3);
  ExpectBoxesHoldTheInk(*page);
}

// A page displayed turned (/Rotate) is rendered turned, and its layer turns with it.
TEST_F(PageSourceTest, TheTextLayerOfATurnedPageTurnsWithIt) {
  const std::string dir = ScratchDir("page_source_text_layer_turned");
  options_.pdf_dpi = 100;
  for (int rotate : {90, 180, 270}) {
    const std::string path = dir + "/turned" + std::to_string(rotate) + ".pdf";
    WriteFile(path, vanban::testing::BornDigitalPdf(kFillIns, rotate));
    auto source = PageSource::Open(path, options_);
    ASSERT_TRUE(source.ok()) << source.status().message();
    auto page = (*source)->LoadPage(0);
    ASSERT_TRUE(page.ok()) << page.status().message();
    EXPECT_EQ(page->pixels.cols > page->pixels.rows, rotate != 180) << rotate;
    EXPECT_EQ(TextsOf(*page), kFillInWords) << rotate;
    ExpectBoxesHoldTheInk(*page);
  }
}

TEST_F(PageSourceTest, LeavesTheTextLayerOutWhenAskedAndForImages) {
  const std::string dir = ScratchDir("page_source_no_text_layer");
  WriteFile(dir + "/dispatch.pdf", vanban::testing::BornDigitalPdf({{72, 100, 14, "Kinh gui"}}));
  options_.text_layer = false;
  auto pdf = PageSource::Open(dir + "/dispatch.pdf", options_);
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  auto page = (*pdf)->LoadPage(0);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->text_layer.empty());

  options_.text_layer = true;
  auto tiff = PageSource::Open(SourcePath("samples/scans/kiengiang-2577-clean.tif"), options_);
  ASSERT_TRUE(tiff.ok());
  auto scan = (*tiff)->LoadPage(0);
  ASSERT_TRUE(scan.ok());
  EXPECT_TRUE(scan->text_layer.empty());
}

TEST_F(PageSourceTest, RefusesPagesOverThePixelLimit) {
  options_.max_page_pixels = 1'000'000;
  auto source = PageSource::Open(SourcePath("samples/scans/kiengiang-2577-clean.tif"), options_);
  ASSERT_TRUE(source.ok());
  auto page = (*source)->LoadPage(0);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), Status::Code::kTooLarge);
}

// The searchable PDF's page images: nothing of the scan is lost. A JPEG goes in byte for byte;
// other images as their decoded pixels, RGB, grey, or one bit a pixel for black and white.
TEST_F(PageSourceTest, KeepsTheOriginalImageOfEachPageForThePdf) {
  const std::string dir = ScratchDir("page_source_original");
  cv::Mat colour(120, 200, CV_8UC3, cv::Scalar(255, 255, 255));
  cv::rectangle(colour, cv::Rect(20, 20, 60, 60), cv::Scalar(0, 0, 200), cv::FILLED);  // red in BGR
  cv::Mat grey(120, 200, CV_8UC1, cv::Scalar(250));
  cv::rectangle(grey, cv::Rect(100, 30, 50, 50), cv::Scalar(7), cv::FILLED);
  cv::Mat bilevel(120, 203, CV_8UC1, cv::Scalar(255));
  cv::rectangle(bilevel, cv::Rect(8, 0, 3, 2), cv::Scalar(0), cv::FILLED);

  const auto original = [&](const std::string& name) {
    auto source = PageSource::Open(dir + "/" + name, options_);
    EXPECT_TRUE(source.ok()) << source.status().message();
    StatusOr<OriginalImage> image = LoadOriginalImage({dir + "/" + name}, **source, 0);
    EXPECT_TRUE(image.ok()) << image.status().message();
    return std::move(image).value();
  };
  cv::imwrite(dir + "/colour.jpg", colour);
  const OriginalImage jpeg = original("colour.jpg");
  EXPECT_TRUE(jpeg.jpeg);
  EXPECT_EQ(jpeg.bytes, testing::ReadFile(dir + "/colour.jpg"));
  EXPECT_EQ(jpeg.components, 3);
  EXPECT_EQ(jpeg.width, 200);

  cv::imwrite(dir + "/colour.png", colour);
  const OriginalImage rgb = original("colour.png");
  EXPECT_FALSE(rgb.jpeg);
  ASSERT_EQ(rgb.bytes.size(), 200u * 120 * 3);
  const size_t red = (30 * 200 + 30) * 3;
  EXPECT_EQ(rgb.bytes.substr(red, 3), std::string("\xC8\0\0", 3));  // R G B

  cv::imwrite(dir + "/grey.png", grey);
  const OriginalImage grey_rows = original("grey.png");
  EXPECT_EQ(grey_rows.components, 1);
  EXPECT_EQ(grey_rows.bits, 8);
  EXPECT_EQ(grey_rows.bytes, std::string(reinterpret_cast<const char*>(grey.data), grey.total()));

  cv::imwrite(dir + "/bilevel.png", bilevel);
  const OriginalImage bits = original("bilevel.png");
  EXPECT_EQ(bits.bits, 1);
  ASSERT_EQ(bits.bytes.size(), 26u * 120);  // 203 pixels: 26 bytes a row
  EXPECT_EQ(static_cast<uint8_t>(bits.bytes[0]), 0xFF);
  EXPECT_EQ(static_cast<uint8_t>(bits.bytes[1]), 0x1F);  // pixels 8-10 black (0)
  EXPECT_EQ(static_cast<uint8_t>(bits.bytes[26 * 2 + 1]), 0xFF);
}

TEST(PreprocessTest, MakesGreyImagesAtTheTargetResolution) {
  PageImage page;
  page.pixels = cv::Mat(500, 400, CV_8UC3, cv::Scalar(200, 220, 240));
  page.dpi = 150;
  PageImage clean = Preprocess(page);
  EXPECT_EQ(clean.pixels.type(), CV_8UC1);
  EXPECT_EQ(clean.dpi, kTargetDpi);
  EXPECT_EQ(clean.pixels.cols, 800);
  EXPECT_EQ(clean.pixels.rows, 1000);
}

// A sparse page whose lower half lies in a grainy shadow (a last page photocopied or
// photographed unevenly): the grain must not pass for small letters and blow the page up.
TEST(PreprocessTest, GrainInAShadowIsNotMistakenForSmallText) {
  PageImage page;
  page.pixels = cv::Mat(3508, 2480, CV_8UC1, cv::Scalar(235));
  for (int line = 0; line < 6; ++line) {
    cv::putText(page.pixels, "Noi nhan: Chu tich, cac Pho Chu tich UBND tinh", {200, 400 + 90 * line},
                cv::FONT_HERSHEY_SIMPLEX, 1.4, cv::Scalar(20), 3);
  }
  for (int y = 1000; y < page.pixels.rows; ++y) {  // light falling off to 55 % at the bottom
    const double light = 1.0 - 0.45 * (y - 1000) / (page.pixels.rows - 1000.0);
    page.pixels.row(y).convertTo(page.pixels.row(y), -1, light);
  }
  cv::Mat grain(page.pixels.size(), CV_16SC1);
  cv::randn(grain, 0, 14);
  page.pixels.convertTo(page.pixels, CV_16SC1);
  page.pixels += grain;
  page.pixels.convertTo(page.pixels, CV_8UC1);
  page.dpi = 300;
  const PageImage clean = Preprocess(page);
  EXPECT_NEAR(clean.pixels.cols, 2480, 2480 * 0.2);
}

// The cue that lets upright pages skip orientation detection: on the seed scan, marks sit on top
// of letters and lines run across; turned over, the marks hang under; turned sideways, the
// lines run down.
TEST(MarkPlacementTest, TellsUprightFromTurnedPages) {
  auto source = PageSource::Open(SourcePath("samples/scans/kiengiang-2577-clean.tif"), {});
  ASSERT_TRUE(source.ok());
  auto page = (*source)->LoadPage(0);
  ASSERT_TRUE(page.ok());
  const cv::Mat upright = Preprocess(page.value()).pixels;
  const MarkPlacement straight = CountMarkPlacement(upright);
  EXPECT_GT(straight.above, 60);
  EXPECT_GT(straight.above, 2 * straight.below);
  EXPECT_GT(straight.row_contrast, 1.5);
  cv::Mat turned;
  cv::rotate(upright, turned, cv::ROTATE_180);
  const MarkPlacement over = CountMarkPlacement(turned);
  EXPECT_GT(over.below, 2 * over.above);
  cv::rotate(upright, turned, cv::ROTATE_90_CLOCKWISE);
  EXPECT_LT(CountMarkPlacement(turned).row_contrast, 1.0);
  EXPECT_EQ(CountMarkPlacement(cv::Mat(400, 300, CV_8UC1, cv::Scalar(255))).above, 0);
}

}  // namespace
}  // namespace vanban::image
