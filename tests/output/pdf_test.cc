// The searchable PDF: the input's pages kept as they are (a PDF's page objects, an image's own
// bytes), the corrected words laid on their print, and the PDF/A-2b pieces vanban writes.
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFAcroFormDocumentHelper.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include "pipeline/output/pdf_parts.h"
#include "pipeline/output/pdf_signatures.h"
#include "pipeline/output/renderers.h"
#include "tests/output/one_line_document.h"
#include "tests/scanned_pdf.h"
#include "tests/test_util.h"

namespace vanban::output {
namespace {

using testing::ReadFile;
using testing::ScratchDir;
using testing::WriteFile;

// Raw white grey rows of the page's size.
PageImageSource WhitePages(int width = 1200, int height = 600) {
  return [=](int) -> StatusOr<EmbeddedImage> {
    return EmbeddedImage{false, width, height, 1, 8, [=]() -> StatusOr<std::string> {
                           return std::string(static_cast<size_t>(width) * height, '\xFF');
                         }};
  };
}

std::string PageText(const std::string& pdf, int index = 0) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!doc) return "<no document>";
  std::unique_ptr<poppler::page> page(doc->create_page(index));
  const poppler::byte_array utf8 = page->text().to_utf8();
  return std::string(utf8.begin(), utf8.end());
}

// Poppler's box of `word` in points of the page as shown (origin top left), or an empty one.
poppler::rectf WordBox(const std::string& pdf, const std::string& word) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  std::unique_ptr<poppler::page> page(doc->create_page(0));
  for (const poppler::text_box& box : page->text_list()) {
    const poppler::byte_array utf8 = box.text().to_utf8();
    if (std::string(utf8.begin(), utf8.end()) == word) return box.bbox();
  }
  return {};
}

// Where a box of the document's page (pixels at 300 dpi) is in points.
poppler::rectf Points(const Box& b) { return {b.x * 0.24, b.y * 0.24, b.width * 0.24, b.height * 0.24}; }

// Whether poppler's box of a word sits on the word's box: its middle inside, its width alike.
void ExpectOn(const poppler::rectf& found, const poppler::rectf& expected) {
  const double cx = found.x() + found.width() / 2, cy = found.y() + found.height() / 2;
  EXPECT_GT(cx, expected.x());
  EXPECT_LT(cx, expected.x() + expected.width());
  EXPECT_GT(cy, expected.y() - 2);
  EXPECT_LT(cy, expected.y() + expected.height() + 2);
  EXPECT_NEAR(found.width(), expected.width(), expected.width() * 0.25 + 2);
}

struct Parsed {
  explicit Parsed(const std::string& bytes) : data(bytes) { pdf.processMemoryFile("out", data.data(), data.size()); }
  std::string data;
  QPDF pdf;
  QPDFObjectHandle page(int i) { return QPDFPageDocumentHelper(pdf).getAllPages().at(i).getObjectHandle(); }
};

// A scanned PDF of one 1200 × 600 grey JPEG page, changed by `edit` (page boxes, /Rotate, …).
std::string InputPdf(const std::string& dir, const std::function<void(QPDF&, QPDFObjectHandle page)>& edit) {
  cv::Mat scan(600, 1200, CV_8UC1, cv::Scalar(255));
  cv::putText(scan, "Quyet dinh so 47", {100, 255}, cv::FONT_HERSHEY_SIMPLEX, 2.0, cv::Scalar(0), 4);
  const std::string plain = testing::ScannedPdf({scan});
  QPDF pdf;
  pdf.processMemoryFile("scan", plain.data(), plain.size());
  edit(pdf, QPDFPageDocumentHelper(pdf).getAllPages().at(0).getObjectHandle());
  const std::string path = dir + "/input.pdf";
  QPDFWriter writer(pdf, path.c_str());
  writer.write();
  return path;
}

std::string StreamBytes(QPDFObjectHandle stream) {
  std::shared_ptr<Buffer> raw = stream.getRawStreamData();
  return std::string(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize());
}

TEST(PdfTest, AnImagePageCarriesTheCorrectedWordsOnTheirBoxesAtTheImagesSize) {
  StatusOr<std::string> pdf = Render(OneLineDocument(), "pdf", PdfSource{"", WhitePages()});
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  EXPECT_NE(PageText(*pdf).find("Quyết định số 47"), std::string::npos) << PageText(*pdf);
  Parsed parsed(*pdf);
  const QPDFObjectHandle::Rectangle media = parsed.page(0).getKey("/MediaBox").getArrayAsRectangle();
  EXPECT_DOUBLE_EQ(media.urx, 288);  // 1200 px at 300 dpi
  EXPECT_DOUBLE_EQ(media.ury, 144);
  ExpectOn(WordBox(*pdf, "Quyết"), Points(OneLineDocument().pages[0].blocks[0].lines[0].words[0].box));
  ExpectOn(WordBox(*pdf, "47"), Points(OneLineDocument().pages[0].blocks[0].lines[0].words[3].box));
}

// OneLineDocument with its "47" written in by hand and a date line whose day is too.
Document WithHandwrittenBlanks() {
  Document d = OneLineDocument();
  OcrLine& number = d.pages[0].blocks[0].lines[0];
  number.words[3].handwritten = true;
  OcrLine date = number;
  date.box.y = date.box.y + 150;
  const char* words[] = {"ngày", "04", "tháng", "02"};
  for (int i = 0; i < 4; ++i) {
    date.words[i] = {words[i], words[i], Box{number.words[i].box.x, 350, number.words[i].box.width, 60}, 88.f, {}};
  }
  date.words[1].handwritten = true;
  d.pages[0].blocks[0].lines.push_back(date);
  d.text = d.pages[0].Text();
  return d;
}

TEST(PdfTest, AReviewersCorrectionOfAHandwrittenBlankReachesTheTextLayer) {
  StatusOr<std::string> pdf = Render(WithHandwrittenBlanks(), "pdf", PdfSource{"", WhitePages()});
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  std::optional<std::string> serial = PatchHandwrittenPdfWord(*pdf, false, "514");
  ASSERT_TRUE(serial.has_value());
  std::optional<std::string> both = PatchHandwrittenPdfWord(*serial, true, "05");
  ASSERT_TRUE(both.has_value());
  const std::string text = PageText(*both);
  EXPECT_NE(text.find("số 514"), std::string::npos) << text;
  EXPECT_NE(text.find("ngày 05"), std::string::npos) << text;
  EXPECT_EQ(text.find("47"), std::string::npos) << text;
  EXPECT_EQ(text.find("04"), std::string::npos) << text;
  // The corrected word still spans the handwritten word's box, whatever its length.
  ExpectOn(WordBox(*both, "514"), Points(WithHandwrittenBlanks().pages[0].blocks[0].lines[0].words[3].box));
  // A PDF without a handwritten word of the blank, or no PDF at all, is not patched.
  EXPECT_FALSE(PatchHandwrittenPdfWord(*Render(OneLineDocument(), "pdf", PdfSource{"", WhitePages()}), false, "514"));
  EXPECT_FALSE(PatchHandwrittenPdfWord("not a PDF", false, "514"));
}

// OCR read the page at twice the input's resolution, turned upright from a page scanned on its
// side: the words land on the input's print all the same.
TEST(PdfTest, WordsAreMappedFromOcrsFrameToTheInputs) {
  Document d = OneLineDocument();
  // The input: 300 × 600 px at 150 dpi, its text running down; OCR's frame: turned 90°
  // clockwise and doubled (1200 × 600).
  d.pages[0].input = {300, 600, 150, {0, 0.5, 0, -0.5, 0, 600}};
  StatusOr<std::string> pdf = Render(d, "pdf", PdfSource{"", WhitePages(300, 600)});
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  Parsed parsed(*pdf);
  const QPDFObjectHandle::Rectangle media = parsed.page(0).getKey("/MediaBox").getArrayAsRectangle();
  EXPECT_DOUBLE_EQ(media.urx, 144);
  EXPECT_DOUBLE_EQ(media.ury, 288);
  // "Quyết" at (100..250, 200..260) in OCR's frame is at x 100..130, y 475..550 of the input.
  const poppler::rectf box = WordBox(*pdf, "Quyết");
  const double cx = box.x() + box.width() / 2, cy = box.y() + box.height() / 2;
  EXPECT_NEAR(cx, (100 + 130) / 2.0 * 72 / 150, 6) << box.x() << "," << box.y();
  EXPECT_NEAR(cy, (475 + 550) / 2.0 * 72 / 150, 6) << box.x() << "," << box.y();
}

TEST(PdfTest, AJpegIsEmbeddedByteForByte) {
  const std::string dir = ScratchDir("pdf_jpeg");
  cv::Mat scan(600, 1200, CV_8UC3, cv::Scalar(250, 245, 240));
  std::vector<uchar> jpeg;
  cv::imencode(".jpg", scan, jpeg);
  const std::string bytes(jpeg.begin(), jpeg.end());
  PageImageSource images = [&](int) -> StatusOr<EmbeddedImage> {
    return EmbeddedImage{true, 1200, 600, 3, 8, [&]() -> StatusOr<std::string> { return bytes; }};
  };
  StatusOr<std::string> pdf = Render(OneLineDocument(), "pdf", PdfSource{"", images});
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  Parsed parsed(*pdf);
  QPDFObjectHandle image = parsed.page(0).getKey("/Resources").getKey("/XObject").getKey("/Im0");
  EXPECT_EQ(image.getDict().getKey("/Filter").getName(), "/DCTDecode");
  EXPECT_EQ(image.getDict().getKey("/ColorSpace").getName(), "/DeviceRGB");
  EXPECT_EQ(StreamBytes(image), bytes);
}

// A PDF input keeps its page as it was, image stream, boxes, /Rotate, outline, title and
// language, and the words sit on the page as it is shown.
TEST(PdfTest, APdfPageIsKeptAsItIsAndTheWordsSitOnItAsShown) {
  for (int rotate : {0, 90, 180, 270}) {
    SCOPED_TRACE(rotate);
    const std::string dir = ScratchDir("pdf_graft_" + std::to_string(rotate));
    const std::string input = InputPdf(dir, [&](QPDF& pdf, QPDFObjectHandle page) {
      page.replaceKey("/MediaBox", QPDFObjectHandle::parse("[0 0 " + std::to_string(288 + 40) + " 184]"));
      page.replaceKey("/CropBox", QPDFObjectHandle::parse("[40 40 328 184]"));
      // The image drawn into the crop box, so the words' boxes hold in it.
      page.replaceKey("/Contents", QPDFObjectHandle::newStream(&pdf, "q 288 0 0 144 40 40 cm /Im Do Q"));
      page.replaceKey("/Rotate", QPDFObjectHandle::newInteger(rotate));
      QPDFObjectHandle root = pdf.getRoot();
      root.replaceKey("/Lang", QPDFObjectHandle::newUnicodeString("vi-VN"));
      QPDFObjectHandle outline = pdf.makeIndirectObject(QPDFObjectHandle::parse("<< /Type /Outlines /Count 0 >>"));
      root.replaceKey("/Outlines", outline);
    });
    Document d = OneLineDocument();
    const bool sideways = rotate % 180 != 0;
    d.pages[0].input = {sideways ? 600 : 1200, sideways ? 1200 : 600, 300, {1, 0, 0, 0, 1, 0}};
    if (sideways) {  // OCR read the page as shown, upright: its frame is the shown page's
      d.pages[0].width = 600, d.pages[0].height = 1200;
    }
    StatusOr<std::string> pdf = Render(d, "pdf", PdfSource{input, nullptr});
    ASSERT_TRUE(pdf.ok()) << pdf.status().message();
    EXPECT_NE(PageText(*pdf).find("Quyết định số 47"), std::string::npos) << PageText(*pdf);
    ExpectOn(WordBox(*pdf, "Quyết"), Points(d.pages[0].blocks[0].lines[0].words[0].box));

    Parsed out(*pdf);
    QPDF in;
    in.processFile(input.c_str());
    QPDFObjectHandle in_page = QPDFPageDocumentHelper(in).getAllPages().at(0).getObjectHandle();
    QPDFObjectHandle out_page = out.page(0);
    for (const char* key : {"/MediaBox", "/CropBox", "/Rotate"}) {
      EXPECT_EQ(out_page.getKey(key).unparse(), in_page.getKey(key).unparse()) << key;
    }
    EXPECT_EQ(StreamBytes(out_page.getKey("/Resources").getKey("/XObject").getKey("/Im")),
              StreamBytes(in_page.getKey("/Resources").getKey("/XObject").getKey("/Im")));
    EXPECT_EQ(out.pdf.getRoot().getKey("/Lang").getUTF8Value(), "vi-VN");
    EXPECT_TRUE(out.pdf.getRoot().getKey("/Outlines").isDictionary());
  }
}

// A page that kept its own text layer (born-digital) and a blank page get no second layer.
TEST(PdfTest, PagesWithTheirOwnTextLayerOrNoWordsAreLeftAlone) {
  const std::string dir = ScratchDir("pdf_own_layer");
  const std::string input = InputPdf(dir, [](QPDF&, QPDFObjectHandle) {});
  for (bool own_layer : {true, false}) {
    Document d = OneLineDocument();
    d.pages[0].text_layer = own_layer;
    if (!own_layer) d.pages[0].blocks.clear();
    StatusOr<std::string> pdf = Render(d, "pdf", PdfSource{input, nullptr});
    ASSERT_TRUE(pdf.ok()) << pdf.status().message();
    Parsed out(*pdf);
    EXPECT_TRUE(out.page(0).getKey("/Contents").isStream());
    EXPECT_EQ(PageText(*pdf).find("Quyết"), std::string::npos);
  }
}

TEST(PdfTest, AnInputWhosePagesDoNotMatchTheDocumentFails) {
  const std::string dir = ScratchDir("pdf_mismatch");
  const std::string input = InputPdf(dir, [](QPDF&, QPDFObjectHandle) {});
  Document d = OneLineDocument();
  d.pages.push_back(d.pages[0]);
  d.pages.back().number = 2;
  StatusOr<std::string> pdf = Render(d, "pdf", PdfSource{input, nullptr});
  ASSERT_FALSE(pdf.ok());
  EXPECT_NE(pdf.status().message().find("page 2 is not the next of the input PDF's 1 pages"), std::string::npos)
      << pdf.status().message();
  d.pages.back().number = 1;  // one input page twice
  EXPECT_FALSE(Render(d, "pdf", PdfSource{input, nullptr}).ok());
  StatusOr<std::string> broken = Render(d, "pdf", PdfSource{dir + "/missing.pdf", nullptr});
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("cannot write the searchable PDF"), std::string::npos);
}

// PDF/A-2b, the parts vanban writes: XMP with the identification and the document's fields,
// agreeing with the information dictionary; an sRGB output intent; the font embedded, no text
// on .notdef; no encryption. --no-pdfa leaves out the PDF/A parts.
TEST(PdfTest, DeclaresPdfA2bWithTheDocumentsMetadata) {
  StatusOr<std::string> pdf = Render(OneLineDocument(), "pdf", PdfSource{"", WhitePages()});
  ASSERT_TRUE(pdf.ok());
  Parsed out(*pdf);
  QPDFObjectHandle root = out.pdf.getRoot();
  QPDFObjectHandle metadata = root.getKey("/Metadata");
  ASSERT_TRUE(metadata.isStream());
  EXPECT_FALSE(metadata.getDict().hasKey("/Filter"));
  const std::string xmp = StreamBytes(metadata);
  EXPECT_NE(xmp.find("<pdfaid:part>2</pdfaid:part>"), std::string::npos);
  EXPECT_NE(xmp.find("<pdfaid:conformance>B</pdfaid:conformance>"), std::string::npos);
  EXPECT_NE(xmp.find("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">ban hành Quy chế làm việc</rdf:li>"),
            std::string::npos) << xmp;
  EXPECT_NE(xmp.find("<dc:creator><rdf:Seq><rdf:li>ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI</rdf:li>"), std::string::npos);
  EXPECT_NE(xmp.find("<dc:date><rdf:Seq><rdf:li>2025-01-15</rdf:li>"), std::string::npos);
  QPDFObjectHandle info = out.pdf.getTrailer().getKey("/Info");
  EXPECT_EQ(info.getKey("/Title").getUTF8Value(), "ban hành Quy chế làm việc");
  EXPECT_NE(xmp.find("<pdf:Producer>" + info.getKey("/Producer").getUTF8Value() + "</pdf:Producer>"),
            std::string::npos);
  EXPECT_FALSE(out.pdf.getTrailer().hasKey("/Encrypt"));
  EXPECT_TRUE(out.pdf.getTrailer().getKey("/ID").isArray());

  QPDFObjectHandle intents = root.getKey("/OutputIntents");
  ASSERT_EQ(intents.getArrayNItems(), 1);
  EXPECT_EQ(intents.getArrayItem(0).getKey("/S").getName(), "/GTS_PDFA1");
  QPDFObjectHandle profile = intents.getArrayItem(0).getKey("/DestOutputProfile");
  EXPECT_EQ(profile.getDict().getKey("/N").getIntValue(), 3);
  std::shared_ptr<Buffer> icc = profile.getStreamData();
  ASSERT_GT(icc->getSize(), 128u);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(icc->getBuffer()) + 36, 4), "acsp");  // an ICC profile
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(icc->getBuffer()) + 16, 4), "RGB ");

  QPDFObjectHandle font = out.page(0).getKey("/Resources").getKey("/Font").getKey("/VanbanOcr0");
  ASSERT_TRUE(font.isDictionary()) << out.page(0).getKey("/Resources").unparse();
  QPDFObjectHandle cid_font = font.getKey("/DescendantFonts").getArrayItem(0);
  EXPECT_TRUE(cid_font.getKey("/FontDescriptor").getKey("/FontFile2").isStream());
  // Every code shows glyph 1, never glyph 0 (.notdef).
  std::shared_ptr<Buffer> to_gid = cid_font.getKey("/CIDToGIDMap").getStreamData();
  ASSERT_EQ(to_gid->getSize(), 2u * 65536);
  for (size_t i = 0; i < to_gid->getSize(); i += 2) {
    ASSERT_EQ(to_gid->getBuffer()[i] * 256 + to_gid->getBuffer()[i + 1], 1) << i;
  }
  EXPECT_TRUE(font.getKey("/ToUnicode").isStream());

  StatusOr<std::string> plain = Render(OneLineDocument(), "pdf", PdfSource{"", WhitePages(), false});
  ASSERT_TRUE(plain.ok());
  Parsed plain_out(*plain);
  EXPECT_FALSE(plain_out.pdf.getRoot().hasKey("/Metadata"));
  EXPECT_FALSE(plain_out.pdf.getRoot().hasKey("/OutputIntents"));
  EXPECT_NE(PageText(*plain).find("Quyết định số 47"), std::string::npos);
}

// An input whose page draws with a font it does not embed (here Helvetica) cannot become
// PDF/A-2b by adding a text layer: the copy keeps its metadata but does not claim the standard,
// and says why; an input without such fonts does claim it.
TEST(PdfTest, AnInputWithUnembeddedFontsIsNotDeclaredPdfA) {
  const std::string dir = ScratchDir("pdf_unembedded");
  const std::string input = InputPdf(dir, [](QPDF& pdf, QPDFObjectHandle page) {
    QPDFObjectHandle font = pdf.makeIndirectObject(
        QPDFObjectHandle::parse("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"));
    QPDFObjectHandle stamp = QPDFObjectHandle::newStream(&pdf, "BT /F 9 Tf 10 10 Td (Signed) Tj ET");
    stamp.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/Form"));
    stamp.getDict().replaceKey("/BBox", QPDFObjectHandle::parse("[0 0 100 20]"));
    stamp.getDict().replaceKey("/Resources", QPDFObjectHandle::parse("<< /Font << >> >>"));
    stamp.getDict().getKey("/Resources").getKey("/Font").replaceKey("/F", font);
    // In a widget's appearance, as a signature stamp draws it.
    QPDFObjectHandle widget = pdf.makeIndirectObject(
        QPDFObjectHandle::parse("<< /Type /Annot /Subtype /Widget /Rect [0 0 100 20] /F 4 /AP << >> >>"));
    widget.getKey("/AP").replaceKey("/N", stamp);
    page.replaceKey("/Annots", QPDFObjectHandle::newArray({widget}));
  });
  std::vector<std::string> warnings;
  StatusOr<std::string> pdf = Render(OneLineDocument(), "pdf", PdfSource{input, nullptr, true, &warnings});
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "the searchable PDF is not PDF/A-2b: the input does not embed the fonts Helvetica");
  Parsed out(*pdf);
  const std::string xmp = StreamBytes(out.pdf.getRoot().getKey("/Metadata"));
  EXPECT_EQ(xmp.find("<pdfaid:part>"), std::string::npos);
  EXPECT_NE(xmp.find("<dc:title>"), std::string::npos);
  EXPECT_EQ(UnembeddedFonts(out.pdf), std::vector<std::string>{"Helvetica"});

  const std::string plain = InputPdf(ScratchDir("pdf_embedded"), [](QPDF&, QPDFObjectHandle) {});
  warnings.clear();
  StatusOr<std::string> claimed = Render(OneLineDocument(), "pdf", PdfSource{plain, nullptr, true, &warnings});
  ASSERT_TRUE(claimed.ok());
  EXPECT_TRUE(warnings.empty());
  Parsed claimed_out(*claimed);
  EXPECT_NE(StreamBytes(claimed_out.pdf.getRoot().getKey("/Metadata")).find("<pdfaid:part>2</pdfaid:part>"),
            std::string::npos);
  EXPECT_TRUE(UnembeddedFonts(claimed_out.pdf).empty());  // the glyph-less font is embedded
}

// The embedded font program is a TrueType font FreeType (through PIL) reads, with the checksum
// adjustment right and every glyph kGlyphAdvance wide, as the font dictionary's /DW says.
TEST(PdfTest, TheGlyphLessFontIsAValidTrueTypeFont) {
  const std::string font = GlyphLessTrueType();
  uint32_t sum = 0;
  for (size_t i = 0; i < font.size(); i += 4) {
    uint32_t word = 0;
    for (size_t j = 0; j < 4; ++j) word = word << 8 | (i + j < font.size() ? static_cast<uint8_t>(font[i + j]) : 0);
    sum += word;
  }
  EXPECT_EQ(sum, 0xB1B0AFBAu);
  const std::string dir = ScratchDir("glyphless_font");
  WriteFile(dir + "/font.ttf", font);
  const std::string command = "/usr/bin/python3 -c \"from PIL import ImageFont; f = ImageFont.truetype('" + dir +
                              "/font.ttf', 1000); import sys; sys.exit(0 if f.getlength(' ') == " +
                              std::to_string(kGlyphAdvance) + " else 1)\"";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
}

TEST(PdfTest, PdfDatesBecomeIso8601) {
  EXPECT_EQ(IsoDateOfPdf("D:20250207075624+07'00'"), "2025-02-07T07:56:24+07:00");
  EXPECT_EQ(IsoDateOfPdf("D:20250207075624Z"), "2025-02-07T07:56:24Z");
  EXPECT_EQ(IsoDateOfPdf("D:2025"), "2025-01-01T00:00:00");
  EXPECT_EQ(IsoDateOfPdf("D:202502070756-05'30"), "2025-02-07T07:56:00-05:30");
  EXPECT_EQ(IsoDateOfPdf("yesterday"), "");
}

// A real signed archive PDF (two signatures, pdfsig: both valid): each signature is read with
// its signer, time and byte range; the searchable copy keeps the signature fields' widgets (the
// visible stamp) but no signature value that would no longer verify.
TEST(PdfTest, ReadsEverySignatureAndTheCopyCarriesNone) {
  const std::string input = testing::SharedPath("samples/scans/04_QD_138.signed.pdf");
  if (!testing::HaveShared()) GTEST_SKIP() << "no ../shared";
  const std::vector<DigitalSignature> signatures = ReadSignatures(input);
  ASSERT_EQ(signatures.size(), 2u);
  EXPECT_EQ(signatures[0].field, "Signature1");
  EXPECT_EQ(signatures[0].signer, "Ủy ban nhân dân tỉnh Quảng Ngãi");
  EXPECT_EQ(signatures[0].time, "2025-02-07T07:56:24+07:00");
  EXPECT_EQ(signatures[0].byte_range, (std::vector<long long>{0, 1241065, 1265835, 31366}));
  EXPECT_EQ(signatures[1].signer, "TRUNG TÂM CÔNG BÁO VÀ TIN HỌC");
  EXPECT_EQ(signatures[1].byte_range, (std::vector<long long>{0, 1375024, 1391410, 33466}));
  EXPECT_TRUE(ReadSignatures(testing::SourcePath("README.md")).empty());

  Document d = OneLineDocument();
  d.pages.push_back(d.pages[0]);
  d.pages.back().number = 2;
  StatusOr<std::string> pdf = Render(d, "pdf", PdfSource{input, nullptr});
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  const std::string dir = ScratchDir("pdf_signed");
  WriteFile(dir + "/copy.pdf", *pdf);
  EXPECT_TRUE(ReadSignatures(dir + "/copy.pdf").empty());
  Parsed out(*pdf);
  QPDFAcroFormDocumentHelper form(out.pdf);
  int widgets = 0;
  for (QPDFFormFieldObjectHelper& field : form.getFormFields()) {
    if (field.getFieldType() != "/Sig") continue;
    EXPECT_FALSE(field.getObjectHandle().hasKey("/V"));
    widgets += field.getObjectHandle().getKey("/AP").isDictionary();
  }
  EXPECT_EQ(widgets, 2);
  EXPECT_FALSE(out.pdf.getRoot().getKey("/AcroForm").hasKey("/SigFlags"));
}

TEST(PdfTest, FailsWithoutItsInputOrWhenAPageCannotBeRead) {
  EXPECT_EQ(Render(OneLineDocument(), "pdf").status().code(), Status::Code::kInvalidArgument);
  PageImageSource broken = [](int) -> StatusOr<EmbeddedImage> { return Status::CorruptInput("page 1: unreadable"); };
  StatusOr<std::string> pdf = Render(OneLineDocument(), "pdf", PdfSource{"", broken});
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().message(), "page 1: unreadable");
}

// The PDF goes out piece by piece, the same bytes every time, and a failing sink (a full disk)
// stops it with the sink's error.
TEST(PdfTest, StreamsIntoItsSinkAndStopsAtTheFirstFailure) {
  const std::string whole = Render(OneLineDocument(), "pdf", PdfSource{"", WhitePages()}).value();
  EXPECT_EQ(Render(OneLineDocument(), "pdf", PdfSource{"", WhitePages()}).value(), whole);
  std::string pieces;
  int calls = 0;
  ASSERT_TRUE(Render(OneLineDocument(), "pdf", PdfSource{"", WhitePages()}, [&](std::string_view bytes) {
                ++calls;
                pieces += bytes;
                return Status::Ok();
              }).ok());
  EXPECT_EQ(pieces, whole);
  EXPECT_GT(calls, 10);
  size_t taken = 0;
  Status full = Render(OneLineDocument(), "pdf", PdfSource{"", WhitePages()}, [&](std::string_view bytes) {
    if (taken + bytes.size() > 400) return Status::IoError("disk full");
    taken += bytes.size();
    return Status::Ok();
  });
  EXPECT_EQ(full.message(), "disk full");
}

}  // namespace
}  // namespace vanban::output
