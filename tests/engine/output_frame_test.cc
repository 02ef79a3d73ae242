// End to end: a page laid 2° askew on the scanner (tools/make_page.py --rotate) is deskewed for
// OCR, but its hOCR and ALTO boxes must sit on the print of the original image.
#include <cmath>
#include <fstream>
#include <regex>
#include <string>

#include <unistd.h>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include "pipeline/output/renderers.h"
#include "tests/engine/shared_engine.h"
#include "tests/test_util.h"

namespace vanban {
namespace {

using testing::ScratchDir;
using testing::SourcePath;

constexpr double kTurnDegrees = 2.0;
constexpr int kDpi = 300;

// A word's box in the hOCR, in the input image's pixels, and its text (the restored one of a word
// that carries its OCR reading as an alternative).
struct HocrWord {
  std::string text;
  cv::Rect box;
};

std::vector<HocrWord> HocrWords(const std::string& hocr) {
  static const std::regex word(
      R"(class="ocrx_word"[^>]*title="bbox (\d+) (\d+) (\d+) (\d+);[^>]*>(?:<span class="alternatives"><ins[^>]*>)?([^<]*)<)");
  std::vector<HocrWord> words;
  for (auto it = std::sregex_iterator(hocr.begin(), hocr.end(), word); it != std::sregex_iterator(); ++it) {
    const int x0 = std::stoi((*it)[1]), y0 = std::stoi((*it)[2]), x1 = std::stoi((*it)[3]), y1 = std::stoi((*it)[4]);
    words.push_back({(*it)[5], cv::Rect(x0, y0, x1 - x0, y1 - y0)});
  }
  return words;
}

// Where make_page.py's point (x, y) of the upright page lies once PIL turned the page `degrees`
// counter-clockwise about its centre (y down, so counter-clockwise on screen).
cv::Point2d Turned(cv::Point2d p, cv::Size page, double degrees) {
  const double a = degrees * CV_PI / 180, cx = page.width / 2.0, cy = page.height / 2.0;
  const double dx = p.x - cx, dy = p.y - cy;
  return {cx + dx * std::cos(a) + dy * std::sin(a), cy - dx * std::sin(a) + dy * std::cos(a)};
}

class OutputFrameTest : public testing::SharedEngineTest<true, true> {
 protected:
  static void SetUpTestSuite() {
    SharedEngineTest::SetUpTestSuite();
    // ctest runs each test of the suite in a process of its own, at the same time: one folder each.
    const std::string dir = ScratchDir("output_frame_" + std::to_string(::getpid()));
    std::ifstream seed(SourcePath("samples/kiengiang-2577-UBND-KGVX.gt.txt"));
    std::ofstream text(dir + "/page.txt");
    std::string line;
    for (int i = 0; i < 24 && std::getline(seed, line); ++i) text << line << '\n';
    text.close();
    scan_ = dir + "/turned.png";
    const std::string command = "/usr/bin/python3 " + SourcePath("tools/make_page.py") + " " + dir + "/page.txt " +
                                scan_ + " --rotate " + std::to_string(kTurnDegrees);
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    StatusOr<Document> read = engine_->ProcessFile(scan_);
    ASSERT_TRUE(read.ok()) << read.status().message();
    document_ = new Document(std::move(read).value());
  }
  static void TearDownTestSuite() {
    delete document_;
    SharedEngineTest::TearDownTestSuite();
  }
  static inline std::string scan_;
  static inline Document* document_ = nullptr;
};

TEST_F(OutputFrameTest, ThePageRecordsTheInputFrameItWasReadFrom) {
  const OcrPage& page = document_->pages.at(0);
  EXPECT_EQ(page.input.width, 2481);
  EXPECT_EQ(page.input.height, 3507);
  EXPECT_EQ(page.input.dpi, kDpi);
  // Deskewing grew the canvas OCR read: its frame is not the input's.
  EXPECT_GT(page.width, page.input.width + 50);
}

TEST_F(OutputFrameTest, EveryHocrWordBoxHoldsInkOfTheOriginalImage) {
  const cv::Mat original = cv::imread(scan_, cv::IMREAD_GRAYSCALE);
  ASSERT_FALSE(original.empty());
  const std::string hocr = output::RenderHocr(*document_);
  EXPECT_NE(hocr.find("bbox 0 0 " + std::to_string(original.cols) + " " + std::to_string(original.rows)),
            std::string::npos);
  const std::vector<HocrWord> words = HocrWords(hocr);
  ASSERT_GT(words.size(), 100u);
  int inked = 0;
  for (const HocrWord& word : words) {
    ASSERT_EQ(word.box & cv::Rect(0, 0, original.cols, original.rows), word.box) << word.text;
    cv::Mat ink;
    cv::compare(original(word.box), 128, ink, cv::CMP_LT);
    // Print covers a tenth or more of a word's box; the margin between lines none.
    inked += cv::countNonZero(ink) > 0.08 * word.box.area();
  }
  EXPECT_GE(inked, static_cast<int>(words.size() * 0.95)) << inked << " of " << words.size();
}

TEST_F(OutputFrameTest, TheFirstWordsBoxIsWhereItWasDrawn) {
  // make_page.py sets the first line at 1 inch from the left and 0.8 inch from the top in 13 pt
  // type: the middle of its first letter lies near (1 inch + 10 px, 0.8 inch + 35 px).
  const cv::Point2d drawn = Turned({kDpi + 10.0, 0.8 * kDpi + 35.0}, {2481, 3507}, kTurnDegrees);
  const std::vector<HocrWord> words = HocrWords(output::RenderHocr(*document_));
  const HocrWord* hit = nullptr;
  for (const HocrWord& word : words) {
    if (word.box.contains(cv::Point(static_cast<int>(drawn.x), static_cast<int>(drawn.y)))) hit = &word;
  }
  ASSERT_NE(hit, nullptr) << "no word box at " << drawn;
  EXPECT_TRUE(hit->text == "UỶ" || hit->text == "ỦY") << hit->text;
  // The ALTO carries the same boxes.
  const std::string alto = output::RenderAlto(*document_);
  EXPECT_NE(alto.find("HPOS=\"" + std::to_string(hit->box.x) + "\" VPOS=\"" + std::to_string(hit->box.y) + "\""),
            std::string::npos);
}

// The PDF's invisible words lie on the same print: poppler finds the first word where it was drawn.
TEST_F(OutputFrameTest, ThePdfsFirstWordIsWhereItWasDrawn) {
  const int width = document_->pages[0].input.width, height = document_->pages[0].input.height;
  output::PageImageSource white = [&](int) -> StatusOr<output::EmbeddedImage> {
    return output::EmbeddedImage{false, width, height, 1, 8, [&]() -> StatusOr<std::string> {
                                   return std::string(static_cast<size_t>(width) * height, '\xFF');
                                 }};
  };
  StatusOr<std::string> pdf = output::Render(*document_, "pdf", output::PdfSource{"", white});
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(pdf->data(), static_cast<int>(pdf->size())));
  ASSERT_NE(doc, nullptr);
  std::unique_ptr<poppler::page> page(doc->create_page(0));
  EXPECT_NEAR(page->page_rect().width(), width * 72.0 / kDpi, 0.01);
  const cv::Point2d drawn = Turned({kDpi + 10.0, 0.8 * kDpi + 35.0}, {2481, 3507}, kTurnDegrees) * (72.0 / kDpi);
  bool found = false;
  for (const poppler::text_box& box : page->text_list()) {
    const poppler::rectf r = box.bbox();
    if (drawn.x < r.left() || drawn.x > r.right() || drawn.y < r.top() || drawn.y > r.bottom()) continue;
    const poppler::byte_array utf8 = box.text().to_utf8();
    const std::string text(utf8.begin(), utf8.end());
    EXPECT_TRUE(text == "UỶ" || text == "ỦY") << text;
    found = true;
  }
  EXPECT_TRUE(found) << "no word of the PDF at " << drawn;
}

}  // namespace
}  // namespace vanban
