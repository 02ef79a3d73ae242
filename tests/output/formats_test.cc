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

TEST(HocrTest, IsWellFormedAndCarriesTheCorrectedWordsWithBoxes) {
  const std::string hocr = RenderHocr(OneLineDocument());
  XmlDoc xml(hocr);
  ASSERT_NE(xml.doc, nullptr) << hocr;
  EXPECT_EQ(xml.Count("//h:span[@class='ocrx_word']", "h", "http://www.w3.org/1999/xhtml"), 4);
  EXPECT_NE(hocr.find("title=\"bbox 100 200 250 260; x_wconf 88\">Quyết</span>"), std::string::npos) << hocr;
  EXPECT_EQ(hocr.find("Quyét"), std::string::npos);
}

TEST(AltoTest, IsWellFormedAltoV4WithCorrectedContent) {
  const std::string alto = RenderAlto(OneLineDocument());
  XmlDoc xml(alto);
  ASSERT_NE(xml.doc, nullptr) << alto;
  const char* ns = "http://www.loc.gov/standards/alto/ns-v4#";
  EXPECT_EQ(xml.Count("//a:String", "a", ns), 4);
  EXPECT_EQ(xml.Count("//a:String[@CONTENT='định' and @HPOS='275' and @WC='0.88']", "a", ns), 1);
  EXPECT_EQ(xml.Count("//a:SP", "a", ns), 3);
}

TEST(AltoTest, EscapesMarkupInWords) {
  Document d = OneLineDocument();
  d.pages[0].blocks[0].lines[0].words[3].text = "<&\">";
  EXPECT_NE(XmlDoc(RenderAlto(d)).doc, nullptr);
  EXPECT_NE(XmlDoc(RenderHocr(d)).doc, nullptr);
}

}  // namespace
}  // namespace vanban::output
