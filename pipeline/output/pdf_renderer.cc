// Searchable PDF: the input itself with the corrected words laid over its print in invisible
// text (render mode 3), one word per box, stretched to the box width, so selecting, searching
// and `pdftotext` give correct Vietnamese.
//
// A PDF input keeps every page object as it is — content, images, fonts, annotations, page
// boxes, /Rotate — and gets one more content stream (OCRmyPDF's "graft"); an image input is
// embedded as it is (a JPEG byte for byte, other images as lossless Flate) at its own
// resolution. Word positions are mapped from OCR's frame to the input's (OcrPage::input), which
// one matrix per page puts on the page as shown (its /Rotate and crop box). qpdf assembles and
// writes the file; it throws, which stops here.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include <qpdf/Pipeline.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include "pipeline/output/pdf_parts.h"
#include "pipeline/output/renderers.h"
#include "pipeline/text/unicode.h"

namespace vanban::output {
namespace {

// x' = m[0] x + m[1] y + m[2], y' = m[3] x + m[4] y + m[5], as PageFrame::to_input.
using Affine = std::array<double, 6>;

Affine Then(const Affine& outer, const Affine& inner) {
  const Affine& o = outer;
  const Affine& i = inner;
  return {o[0] * i[0] + o[1] * i[3], o[0] * i[1] + o[1] * i[4], o[0] * i[2] + o[1] * i[5] + o[2],
          o[3] * i[0] + o[4] * i[3], o[3] * i[1] + o[4] * i[4], o[3] * i[2] + o[4] * i[5] + o[5]};
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  std::string s = buf;
  s.erase(s.find_last_not_of('0') + 1);
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

// The PDF `cm` operands of a map.
std::string Cm(const Affine& m) {
  return Num(m[0]) + " " + Num(m[3]) + " " + Num(m[1]) + " " + Num(m[4]) + " " + Num(m[2]) + " " + Num(m[5]) + " cm";
}

// UTF-16BE hex of the word: the character codes of the Identity-H font.
std::string Utf16Hex(std::string_view utf8, int* units) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  *units = 0;
  auto unit = [&](unsigned u) {
    for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(u >> shift) & 0xF];
    ++*units;
  };
  size_t pos = 0;
  while (pos < utf8.size()) {
    char32_t c = text::NextCodePoint(utf8, &pos);
    if (c >= 0x10000) {
      c -= 0x10000;
      unit(0xD800 + (c >> 10));
      unit(0xDC00 + (c & 0x3FF));
    } else {
      unit(c);
    }
  }
  return out;
}

struct Point {
  double x = 0, y = 0;
};

// Point (x, y) of OCR's frame in the input frame turned y-up.
Point InputUp(const PageFrame& frame, double x, double y) {
  const std::array<double, 6>& m = frame.to_input;
  return {m[0] * x + m[1] * y + m[2], frame.height - (m[3] * x + m[4] * y + m[5])};
}

bool HasWords(const OcrPage& page) {
  for (const OcrBlock& block : page.blocks) {
    for (const OcrLine& line : block.lines) {
      if (!line.words.empty()) return true;
    }
  }
  return false;
}

// Marks a handwritten word's text operators, so that PatchHandwrittenPdfWord finds them.
constexpr std::string_view kHandwrittenStart = "/Handwritten BMC\n";
constexpr std::string_view kHandwrittenEnd = "EMC\n";

// The invisible words of `page`, placed in its input frame turned y-up (x, input height - y),
// in pixels, under font resource `font`. Each word starts where it starts on the print (OCR's
// box mapped through OcrPage::input), but a line's words share one straight baseline along the
// page's nearest quarter turn, through the middle of the line as printed: text tilted with a
// skewed scan makes PDF readers split words ("doan" "h") and mix neighbouring lines, and so did
// words stepping down a tilted line (05CT: 1,199, 1,210 and 1,213 of 1,221 words found by
// pdftotext, 1,221 on one baseline). On a page scanned 2° askew the ends of a long line are then
// off their print by up to half its drift (about 3 mm). Every glyph is kGlyphAdvance/1000 em
// wide, so n code units at size s span n·s/2; Tz stretches each word (with its trailing space)
// to reach the next word's start.
std::string TextLayer(const OcrPage& page, const std::string& font) {
  const PageFrame frame = OutputFrame(page);
  const std::array<double, 6>& m = frame.to_input;
  const double scale = std::hypot(m[0], m[3]);  // input pixels per pixel of OCR's frame
  const double turn = std::round(std::atan2(-m[3], m[0]) / (M_PI / 2)) * (M_PI / 2);
  const std::string rotation = Num(std::cos(turn)) + " " + Num(std::sin(turn)) + " " + Num(-std::sin(turn)) + " " +
                               Num(std::cos(turn)) + " ";
  std::string ops = "BT\n3 Tr\n";
  for (const OcrBlock& block : page.blocks) {
    for (const OcrLine& line : block.lines) {
      const double size = std::max(4.0, line.box.height * 0.8);
      const double baseline = line.box.bottom() - size * 0.2;
      const Point centre = InputUp(frame, line.box.x + line.box.width / 2.0, baseline);
      for (size_t w = 0; w < line.words.size(); ++w) {
        const OcrWord& word = line.words[w];
        const bool last = w + 1 == line.words.size();
        int units = 0;
        const std::string hex = Utf16Hex(last ? word.text : word.text + " ", &units);
        if (units == 0) continue;
        const int advance = last ? word.box.width : line.words[w + 1].box.x - word.box.x;
        const double stretch = 100.0 * std::max(1, advance) / (units * size * kGlyphAdvance / 1000.0);
        // Along the line from the word's own start, across it from the line's middle.
        const Point start = InputUp(frame, word.box.x, baseline);
        const double along = (start.x - centre.x) * std::cos(turn) + (start.y - centre.y) * std::sin(turn);
        const double x = centre.x + along * std::cos(turn), y = centre.y + along * std::sin(turn);
        if (word.handwritten) ops += kHandwrittenStart;
        ops += "/" + font + " " + Num(size * scale) + " Tf " + Num(stretch) + " Tz " + rotation + Num(x) + " " + Num(y) +
               " Tm <" + hex + "> Tj\n";
        if (word.handwritten) ops += kHandwrittenEnd;
      }
    }
  }
  return ops + "ET\n";
}

// How a page is shown: its display size in points, and the map from that display (points,
// origin bottom left, y up, the /Rotate applied) to the page's default user space.
struct Display {
  double width = 0, height = 0;
  Affine to_user = {1, 0, 0, 0, 1, 0};
};

// Poppler rasterised the crop box turned by /Rotate, which is the frame OcrPage::input is in.
Display DisplayOf(QPDFPageObjectHelper& page) {
  QPDFObjectHandle::Rectangle box = page.getCropBox(false, false).getArrayAsRectangle();
  const double x0 = std::min(box.llx, box.urx), x1 = std::max(box.llx, box.urx);
  const double y0 = std::min(box.lly, box.ury), y1 = std::max(box.lly, box.ury);
  QPDFObjectHandle rotate = page.getAttribute("/Rotate", false);
  const int turn = ((rotate.isInteger() ? static_cast<int>(rotate.getIntValue()) : 0) % 360 + 360) % 360;
  const double w = x1 - x0, h = y1 - y0;
  switch (turn) {
    case 90: return {h, w, {0, -1, x1, 1, 0, y0}};   // shown turned clockwise: its left edge on top
    case 180: return {w, h, {-1, 0, x1, 0, -1, y1}};
    case 270: return {h, w, {0, 1, x0, -1, 0, y1}};
    default: return {w, h, {1, 0, x0, 0, 1, y0}};
  }
}

// The input frame turned y-up, in pixels → the page's user space.
Affine TextToUser(const OcrPage& page, const Display& display) {
  const PageFrame frame = OutputFrame(page);
  const double points = 72.0 / (frame.dpi > 0 ? frame.dpi : 300);
  return Then(display.to_user, Affine{points, 0, 0, 0, points, display.height - frame.height * points});
}

// The words as a content stream of their own, drawn after the page's content, which is wrapped
// in q … Q so that whatever state it leaves does not move them.
void LayerWords(QPDF& pdf, QPDFPageObjectHelper& page, const OcrPage& ocr, QPDFObjectHandle font) {
  QPDFObjectHandle object = page.getObjectHandle();
  QPDFObjectHandle resources = object.getKey("/Resources");
  if (!resources.isDictionary()) {
    resources = QPDFObjectHandle::newDictionary();
    object.replaceKey("/Resources", resources);
  }
  QPDFObjectHandle fonts = resources.getKey("/Font");
  if (!fonts.isDictionary()) {
    fonts = QPDFObjectHandle::newDictionary();
    resources.replaceKey("/Font", fonts);
  }
  int suffix = 0;
  const std::string name = resources.getUniqueResourceName("/VanbanOcr", suffix);
  fonts.replaceKey(name, font);
  const std::string layer = "q " + Cm(TextToUser(ocr, DisplayOf(page))) + "\n" + TextLayer(ocr, name.substr(1)) + "Q\n";
  page.addPageContents(QPDFObjectHandle::newStream(&pdf, "q\n"), true);
  page.addPageContents(QPDFObjectHandle::newStream(&pdf, "\nQ\n" + layer), false);
}

// The MediaBox of a page built for an image: the input frame's size in points, also given in
// *w and *h.
std::string Dimensions(const PageFrame& frame, double* w, double* h) {
  const double points = 72.0 / (frame.dpi > 0 ? frame.dpi : 300);
  *w = frame.width * points;
  *h = frame.height * points;
  return "[0 0 " + Num(*w) + " " + Num(*h) + "]";
}

// Thrown by the output pipeline when the sink fails; carries nothing, the sink's status is kept.
struct SinkFailed {};

// qpdf's writer into a ByteSink.
class SinkPipeline : public Pipeline {
 public:
  explicit SinkPipeline(const ByteSink& sink) : Pipeline("vanban sink", nullptr), sink_(sink) {}
  void write(unsigned char const* data, size_t len) override {
    status_ = sink_(std::string_view(reinterpret_cast<const char*>(data), len));
    if (!status_.ok()) throw SinkFailed{};
  }
  void finish() override {}
  const Status& status() const { return status_; }

 private:
  const ByteSink& sink_;
  Status status_;
};

// A page of an image input: the image, embedded as it is, filling the page.
Status AddImagePage(QPDF& pdf, const OcrPage& ocr, int index, const PageImageSource& images, QPDFObjectHandle font) {
  StatusOr<EmbeddedImage> image = images(index);
  if (!image.ok()) return image.status();
  QPDFObjectHandle xobject = QPDFObjectHandle::newStream(&pdf);
  QPDFObjectHandle dict = xobject.getDict();
  dict.replaceKey("/Type", QPDFObjectHandle::newName("/XObject"));
  dict.replaceKey("/Subtype", QPDFObjectHandle::newName("/Image"));
  dict.replaceKey("/Width", QPDFObjectHandle::newInteger(image->width));
  dict.replaceKey("/Height", QPDFObjectHandle::newInteger(image->height));
  dict.replaceKey("/ColorSpace", QPDFObjectHandle::newName(image->components == 3 ? "/DeviceRGB" : "/DeviceGray"));
  dict.replaceKey("/BitsPerComponent", QPDFObjectHandle::newInteger(image->bits));
  // The bytes are read as the file is written, a page at a time; raw rows get Flate there.
  auto bytes = image->bytes;
  xobject.replaceStreamData(
      [bytes](Pipeline* out) {
        StatusOr<std::string> data = bytes();
        if (!data.ok()) throw std::runtime_error(data.status().message());
        out->write(reinterpret_cast<const unsigned char*>(data->data()), data->size());
        out->finish();
      },
      image->jpeg ? QPDFObjectHandle::newName("/DCTDecode") : QPDFObjectHandle::newNull(),
      QPDFObjectHandle::newNull());
  // A page that could not be loaded has no image of its own size: it shows as a blank page.
  const PageFrame frame = OutputFrame(ocr);
  double w = 0, h = 0;
  const std::string media_box = Dimensions(frame, &w, &h);
  QPDFObjectHandle page = pdf.makeIndirectObject(QPDFObjectHandle::parse(
      "<< /Type /Page /MediaBox " + media_box + " /Resources << /XObject << >> /Font << >> >> >>"));
  page.getKey("/Resources").getKey("/XObject").replaceKey("/Im0", xobject);
  page.replaceKey("/Contents", QPDFObjectHandle::newStream(&pdf, "q " + Num(w) + " 0 0 " + Num(h) + " 0 0 cm /Im0 Do Q\n"));
  QPDFPageObjectHelper helper(page);
  if (HasWords(ocr) && !ocr.text_layer) LayerWords(pdf, helper, ocr, font);
  QPDFPageDocumentHelper(pdf).addPage(helper, false);
  return Status::Ok();
}

Status LayerPdfPages(QPDF& pdf, const Document& document, QPDFObjectHandle font) {
  QPDFPageDocumentHelper pages_of(pdf);
  // Inherited resources and boxes onto each page, so that adding a font to one page's
  // resources never reaches a page that did not ask for it through a shared parent.
  pages_of.pushInheritedAttributesToPage();
  std::vector<QPDFPageObjectHelper> pages = pages_of.getAllPages();
  // A document of some of the input's pages (a page range) keeps those pages only.
  std::vector<bool> kept(pages.size(), false);
  int previous = 0;
  for (const OcrPage& ocr : document.pages) {
    if (ocr.number <= previous || static_cast<size_t>(ocr.number) > pages.size()) {
      return Status::Internal("the document's page " + std::to_string(ocr.number) + " is not the next of the input PDF's " +
                              std::to_string(pages.size()) + " pages");
    }
    kept[ocr.number - 1] = true;
    previous = ocr.number;
  }
  for (size_t i = 0; i < pages.size(); ++i) {
    if (!kept[i]) pages_of.removePage(pages[i]);
  }
  for (const OcrPage& ocr : document.pages) {
    // A page that kept its own text layer already reads right; a blank page has nothing to say.
    if (HasWords(ocr) && !ocr.text_layer) LayerWords(pdf, pages[ocr.number - 1], ocr, font);
  }
  return Status::Ok();
}

Status BuildPdf(QPDF& pdf, const Document& document, const PdfSource& source) {
  if (!source.pdf_path.empty()) {
    pdf.processFile(source.pdf_path.c_str());
    DropSignatureValues(pdf);
  } else {
    pdf.emptyPDF();
  }
  // Before the glyph-less font joins them: only the input's own fonts can be missing.
  const std::vector<std::string> unembedded = source.pdf_path.empty() ? std::vector<std::string>{} : UnembeddedFonts(pdf);
  QPDFObjectHandle font = AddGlyphLessFont(pdf);
  if (!source.pdf_path.empty()) {
    if (Status s = LayerPdfPages(pdf, document, font); !s.ok()) return s;
  } else {
    for (const OcrPage& page : document.pages) {
      if (Status s = AddImagePage(pdf, page, page.number - 1, source.images, font); !s.ok()) return s;
    }
  }
  AddArchivalMetadata(pdf, MetadataOf(document), source.pdfa, unembedded.empty());
  if (source.pdfa && !unembedded.empty() && source.warnings != nullptr) {
    std::string names;
    for (const std::string& name : unembedded) names += (names.empty() ? "" : ", ") + name;
    source.warnings->push_back("the searchable PDF is not PDF/A-2b: the input does not embed the fonts " + names);
  }
  return Status::Ok();
}

// Whether `s` ends with `tail`: under clang this file is C++17 (CMakeLists.txt), without
// string_view's own.
bool EndsWith(std::string_view s, std::string_view tail) {
  return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

// The hex string of the last "<…> Tj" in `ops` before `end`; empty when there is none.
std::string_view LastShownHex(std::string_view ops, size_t end) {
  const size_t shown = ops.rfind("> Tj", end);
  const size_t open = shown == std::string_view::npos ? shown : ops.rfind('<', shown);
  return open == std::string_view::npos ? std::string_view{} : ops.substr(open + 1, shown - open - 1);
}

// `ops` (a text layer's content stream) with its handwritten word of the blank rewritten; the
// word keeps its width, its glyphs restretched (Tz) to the new number of code units.
std::optional<std::string> PatchedOps(std::string_view ops, bool day, std::string_view digits) {
  int units = 0;
  const std::string day_marker = Utf16Hex("ngày", &units);
  for (size_t at = ops.find(kHandwrittenStart); at != std::string_view::npos; at = ops.find(kHandwrittenStart, at + 1)) {
    std::string_view before = LastShownHex(ops, at);
    if (EndsWith(before, "0020")) before.remove_suffix(4);
    if (EndsWith(before, day_marker) != day) continue;
    const size_t op = at + kHandwrittenStart.size();
    const size_t end = ops.find(kHandwrittenEnd, op);
    if (end == std::string_view::npos) return std::nullopt;
    const std::string_view shown = ops.substr(op, end - op);
    const size_t tz = shown.find(" Tz "), stretch = shown.rfind(' ', tz - 1) + 1;
    const size_t open = shown.find('<'), close = shown.find('>', open);
    if (tz == std::string_view::npos || open == std::string_view::npos || close == std::string_view::npos) return std::nullopt;
    const std::string_view old_hex = shown.substr(open + 1, close - open - 1);
    int new_units = 0;
    const std::string hex = Utf16Hex(std::string(digits) + (EndsWith(old_hex, "0020") ? " " : ""), &new_units);
    if (new_units == 0) return std::nullopt;
    const double old_stretch = std::strtod(std::string(shown.substr(stretch, tz - stretch)).c_str(), nullptr);
    const std::string patched = std::string(shown.substr(0, stretch)) + Num(old_stretch * (old_hex.size() / 4) / new_units) +
                                std::string(shown.substr(tz, open + 1 - tz)) + hex + std::string(shown.substr(close));
    return std::string(ops.substr(0, op)) + patched + std::string(ops.substr(end));
  }
  return std::nullopt;
}

// Patches the first content stream of `pdf` that holds the blank's handwritten word; whether
// one did.
bool PatchFirstStream(QPDF& pdf, bool day, std::string_view digits) {
  for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
    for (QPDFObjectHandle stream : page.getPageContents()) {
      std::shared_ptr<Buffer> raw = stream.getStreamData(qpdf_dl_generalized);
      const std::string_view ops(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize());
      if (std::optional<std::string> patched = PatchedOps(ops, day, digits)) {
        stream.replaceStreamData(*patched, QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
        return true;
      }
    }
  }
  return false;
}

}  // namespace

std::optional<std::string> PatchHandwrittenPdfWord(std::string_view pdf_bytes, bool day, std::string_view digits) {
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    const std::string data(pdf_bytes);
    pdf.processMemoryFile("searchable PDF", data.data(), data.size());
    if (!PatchFirstStream(pdf, day, digits)) return std::nullopt;
    QPDFWriter writer(pdf);
    writer.setOutputMemory();
    writer.setPreserveEncryption(false);
    writer.setDeterministicID(true);
    writer.write();
    std::shared_ptr<Buffer> out = writer.getBufferSharedPointer();
    return std::string(reinterpret_cast<const char*>(out->getBuffer()), out->getSize());
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

Status RenderPdf(const Document& document, const PdfSource& source, const ByteSink& sink) {
  if (source.pdf_path.empty() && !source.images) {
    return Status::InvalidArgument("the PDF output needs the input PDF or the page images");
  }
  SinkPipeline out(sink);
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    if (Status s = BuildPdf(pdf, document, source); !s.ok()) return s;
    QPDFWriter writer(pdf);
    writer.setOutputPipeline(&out);
    writer.setPreserveEncryption(false);  // PDF/A: never encrypted
    writer.setDeterministicID(true);      // the same document gives the same bytes (--resume)
    writer.write();
  } catch (const SinkFailed&) {
    return out.status();
  } catch (const std::exception& e) {
    return Status::CorruptInput(std::string("cannot write the searchable PDF: ") + e.what());
  }
  return Status::Ok();
}

}  // namespace vanban::output
