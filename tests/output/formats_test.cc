// hOCR, ALTO and the searchable PDF carry the corrected words on their boxes.
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include <memory>

#include "pipeline/output/renderers.h"
#include "tests/output/one_line_document.h"

namespace vanban::output {
namespace {

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

constexpr char kXhtml[] = "http://www.w3.org/1999/xhtml";
constexpr char kAltoV4[] = "http://www.loc.gov/standards/alto/ns-v4#";

TEST(HocrTest, IsWellFormedAndCarriesTheCorrectedWordsWithBoxes) {
  const std::string hocr = RenderHocr(OneLineDocument());
  XmlDoc xml(hocr);
  ASSERT_NE(xml.doc, nullptr) << hocr;
  EXPECT_EQ(xml.Count("//h:span[@class='ocrx_word']", "h", kXhtml), 4);
  EXPECT_NE(hocr.find("title=\"bbox 100 200 250 260; x_wconf 88\"><span class=\"alternatives\"><ins class=\"alt\">Quyết</ins>"),
            std::string::npos) << hocr;
  EXPECT_NE(hocr.find("x_wconf 88\">47</span>"), std::string::npos) << hocr;
}

// What OCR read of each word the restorer changed is the <del> of an hOCR alternatives span, with
// Tesseract's confidence (88) as its cost; a word it left alone ("47") has none.
TEST(HocrTest, KeepsTheOcrReadingOfEachRestoredWordAsAnAlternative) {
  const std::string hocr = RenderHocr(OneLineDocument());
  XmlDoc xml(hocr);
  ASSERT_NE(xml.doc, nullptr) << hocr;
  EXPECT_EQ(xml.Count("//h:span[@class='ocrx_word']/h:span[@class='alternatives']", "h", kXhtml), 3);
  EXPECT_EQ(xml.Count("//h:span[@class='alternatives'][h:ins[@class='alt']='Quyết']"
                      "/h:del[@class='alt' and @title='nlp 0.13']", "h", kXhtml), 1);
  EXPECT_EQ(xml.Count("//h:del[.='s6']", "h", kXhtml), 1);
  EXPECT_EQ(xml.Count("//h:span[@class='ocrx_word'][.='47']", "h", kXhtml), 1);
  EXPECT_NE(hocr.find("ocrp_nlp"), std::string::npos);
}

// Pen digits keep what Tesseract made of the ink out of every output.
TEST(AlternativesTest, AHandwrittenWordHasNone) {
  Document d = OneLineDocument();
  OcrWord& serial = d.pages[0].blocks[0].lines[0].words[3];
  serial.ocr_text = "4†";
  serial.handwritten = true;
  const std::string hocr = RenderHocr(d), alto = RenderAlto(d);
  EXPECT_EQ(hocr.find("4†"), std::string::npos) << hocr;
  EXPECT_EQ(alto.find("4†"), std::string::npos) << alto;
  EXPECT_NE(hocr.find("x_source handwritten\">47</span>"), std::string::npos) << hocr;
  EXPECT_NE(alto.find("CONTENT=\"47\"/>"), std::string::npos) << alto;
}

// A text-layer page's words are the PDF's own, not corrections of what OCR read.
TEST(AlternativesTest, ATextLayerPageHasNone) {
  Document d = OneLineDocument();
  d.pages[0].text_layer = true;
  EXPECT_EQ(RenderHocr(d).find("Quyét"), std::string::npos);
  EXPECT_EQ(RenderAlto(d).find("ALTERNATIVE"), std::string::npos);
}

// Tesseract's decomposed letters (e + combining acute) are the same reading as the restored
// precomposed ones: normalising is not a correction.
TEST(AlternativesTest, AReadingThatDiffersOnlyInNormalisationIsNone) {
  Document d = OneLineDocument();
  d.pages[0].blocks[0].lines[0].words[0].ocr_text = "Quy\u00EA\u0301t";
  EXPECT_EQ(XmlDoc(RenderAlto(d)).Count("//a:String[@CONTENT='Quyết']/a:ALTERNATIVE", "a", kAltoV4), 0);
}

// The restored words are the content; what OCR read of each word the restorer changed is its
// ALTERNATIVE, and a word it left alone ("47") has none.
TEST(AltoTest, IsWellFormedAltoV4WithCorrectedContentAndOcrReadings) {
  const std::string alto = RenderAlto(OneLineDocument());
  XmlDoc xml(alto);
  ASSERT_NE(xml.doc, nullptr) << alto;
  EXPECT_EQ(xml.Count("//a:String", "a", kAltoV4), 4);
  EXPECT_EQ(xml.Count("//a:String[@CONTENT='định' and @HPOS='275' and @WC='0.88']", "a", kAltoV4), 1);
  EXPECT_EQ(xml.Count("//a:SP", "a", kAltoV4), 3);
  EXPECT_EQ(xml.Count("//a:String/a:ALTERNATIVE", "a", kAltoV4), 3);
  EXPECT_EQ(xml.Count("//a:String[@CONTENT='định']/a:ALTERNATIVE[.='dinh']", "a", kAltoV4), 1);
  EXPECT_EQ(xml.Count("//a:String[@CONTENT='47']/a:ALTERNATIVE", "a", kAltoV4), 0);
}

TEST(AltoTest, EscapesMarkupInWords) {
  Document d = OneLineDocument();
  d.pages[0].blocks[0].lines[0].words[3].text = "<&\">";
  EXPECT_NE(XmlDoc(RenderAlto(d)).doc, nullptr);
  EXPECT_NE(XmlDoc(RenderHocr(d)).doc, nullptr);
}

}  // namespace
}  // namespace vanban::output
