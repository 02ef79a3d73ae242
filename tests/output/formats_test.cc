// hOCR, ALTO and the searchable PDF carry the corrected words on their boxes.
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <memory>

#include <opencv2/imgcodecs.hpp>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include "pipeline/output/renderers.h"

namespace vanban::output {
namespace {

// One page with one line "Quyết định số 47" whose first word OCR read as "Quyét".
Document RestoredDocument() {
  Document d;
  d.source = "scans/47_QD.pdf";
  OcrPage page;
  page.width = 1200;
  page.height = 600;
  page.dpi = 300;
  OcrLine line;
  line.box = {100, 200, 700, 60};
  const char* words[][2] = {{"Quyết", "Quyét"}, {"định", "dinh"}, {"số", "s6"}, {"47", "47"}};
  const int widths[] = {150, 120, 60, 60};  // about 30 px a letter, as printed at 13 pt
  int x = 100;
  for (int i = 0; i < 4; ++i) {
    line.words.push_back({words[i][0], words[i][1], Box{x, 200, widths[i], 60}, 88.f, {}});
    x += widths[i] + 25;
  }
  OcrBlock block;
  block.box = line.box;
  block.lines.push_back(line);
  page.blocks.push_back(block);
  d.pages.push_back(page);
  d.text = page.Text();
  return d;
}

struct XmlDoc {
  explicit XmlDoc(const std::string& s) : doc(xmlReadMemory(s.data(), static_cast<int>(s.size()), nullptr, nullptr, XML_PARSE_NONET)) {}
  ~XmlDoc() { if (doc) xmlFreeDoc(doc); }
  int Count(const char* xpath, const char* prefix = nullptr, const char* ns = nullptr) const {
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    if (prefix) xmlXPathRegisterNs(ctx, BAD_CAST prefix, BAD_CAST ns);
    xmlXPathObjectPtr result = xmlXPathEvalExpression(BAD_CAST xpath, ctx);
    const int n = result && result->nodesetval ? result->nodesetval->nodeNr : -1;
    xmlXPathFreeObject(result);
    xmlXPathFreeContext(ctx);
    return n;
  }
  xmlDocPtr doc;
};

TEST(HocrTest, IsWellFormedAndCarriesTheCorrectedWordsWithBoxes) {
  const std::string hocr = RenderHocr(RestoredDocument());
  XmlDoc xml(hocr);
  ASSERT_NE(xml.doc, nullptr) << hocr;
  EXPECT_EQ(xml.Count("//h:span[@class='ocrx_word']", "h", "http://www.w3.org/1999/xhtml"), 4);
  EXPECT_NE(hocr.find("title=\"bbox 100 200 250 260; x_wconf 88\">Quyết</span>"), std::string::npos) << hocr;
  EXPECT_EQ(hocr.find("Quyét"), std::string::npos);
}

TEST(AltoTest, IsWellFormedAltoV4WithCorrectedContent) {
  const std::string alto = RenderAlto(RestoredDocument());
  XmlDoc xml(alto);
  ASSERT_NE(xml.doc, nullptr) << alto;
  const char* ns = "http://www.loc.gov/standards/alto/ns-v4#";
  EXPECT_EQ(xml.Count("//a:String", "a", ns), 4);
  EXPECT_EQ(xml.Count("//a:String[@CONTENT='định' and @HPOS='275' and @WC='0.88']", "a", ns), 1);
  EXPECT_EQ(xml.Count("//a:SP", "a", ns), 3);
}

TEST(AltoTest, EscapesMarkupInWords) {
  Document d = RestoredDocument();
  d.pages[0].blocks[0].lines[0].words[3].text = "<&\">";
  EXPECT_NE(XmlDoc(RenderAlto(d)).doc, nullptr);
  EXPECT_NE(XmlDoc(RenderHocr(d)).doc, nullptr);
}

PageImageSource WhitePages() {
  return [](int) -> StatusOr<EncodedImage> {
    std::vector<uchar> jpeg;
    cv::imencode(".jpg", cv::Mat(600, 1200, CV_8UC1, cv::Scalar(255)), jpeg);
    return EncodedImage{std::string(jpeg.begin(), jpeg.end()), 1200, 600, true};
  };
}

TEST(PdfTest, TextLayerReadsBackAsTheCorrectedVietnamese) {
  StatusOr<std::string> pdf = Render(RestoredDocument(), "pdf", WhitePages());
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(pdf->data(), static_cast<int>(pdf->size())));
  ASSERT_NE(doc, nullptr);
  ASSERT_EQ(doc->pages(), 1);
  std::unique_ptr<poppler::page> page(doc->create_page(0));
  EXPECT_NEAR(page->page_rect().width(), 1200 * 72.0 / 300, 0.5);
  const poppler::byte_array utf8 = page->text().to_utf8();
  const std::string text(utf8.begin(), utf8.end());
  EXPECT_NE(text.find("Quyết định số 47"), std::string::npos) << text;
}

TEST(PdfTest, FailsWithoutPageImagesOrWhenOneCannotBeRead) {
  EXPECT_FALSE(Render(RestoredDocument(), "pdf").ok());
  PageImageSource broken = [](int) -> StatusOr<EncodedImage> { return Status::CorruptInput("page 1: unreadable"); };
  StatusOr<std::string> pdf = Render(RestoredDocument(), "pdf", broken);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().message(), "page 1: unreadable");
}

// The PDF goes out piece by piece (the page images one at a time), and a failing sink (a full
// disk) stops it with the sink's error.
TEST(PdfTest, StreamsIntoItsSinkAndStopsAtTheFirstFailure) {
  std::string whole = Render(RestoredDocument(), "pdf", WhitePages()).value();
  std::string pieces;
  int calls = 0;
  ASSERT_TRUE(Render(RestoredDocument(), "pdf", WhitePages(), [&](std::string_view bytes) {
                ++calls;
                pieces += bytes;
                return Status::Ok();
              }).ok());
  EXPECT_EQ(pieces, whole);
  EXPECT_GT(calls, 10);
  size_t taken = 0;
  Status full = Render(RestoredDocument(), "pdf", WhitePages(), [&](std::string_view bytes) {
    if (taken + bytes.size() > 400) return Status::IoError("disk full");
    taken += bytes.size();
    return Status::Ok();
  });
  EXPECT_EQ(full.message(), "disk full");
}

}  // namespace
}  // namespace vanban::output
