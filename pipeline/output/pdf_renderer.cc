// Searchable PDF: each page is the scan image with the corrected words laid over it in
// invisible text (render mode 3), one word per box, stretched to the box width, so selecting,
// searching and `pdftotext` give correct Vietnamese.
//
// The text uses a Type0 font with Identity-H encoding whose character codes are UTF-16 code
// units, and a ToUnicode CMap mapping every code to itself; no glyphs are needed because the
// text is never painted.
#include <algorithm>
#include <cstdio>

#include "pipeline/output/renderers.h"
#include "pipeline/text/unicode.h"

namespace vanban::output {
namespace {

// PDF user space is 1/72 inch.
double Points(int pixels, int dpi) { return pixels * 72.0 / (dpi > 0 ? dpi : 300); }

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
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

// Writes numbered objects into a sink as they come (an object reserved early, like the page
// tree, is written when it is set), then the cross-reference table of their offsets. The first
// failure of the sink is kept and every later write skipped.
class PdfWriter {
 public:
  explicit PdfWriter(const ByteSink& sink) : sink_(sink) { Write("%PDF-1.5\n%\xE2\xE3\xCF\xD3\n"); }
  int Reserve() {
    offsets_.push_back(0);
    return static_cast<int>(offsets_.size());
  }
  void Set(int id, std::string_view body) {
    Begin(id);
    Write(body);
    Write("\nendobj\n");
  }
  int Add(std::string_view body) {
    const int id = Reserve();
    Set(id, body);
    return id;
  }
  int AddStream(std::string_view dict_extra, std::string_view data) {
    const int id = Reserve();
    Begin(id);
    Write("<< /Length " + std::to_string(data.size()));
    Write(dict_extra);
    Write(" >>\nstream\n");
    Write(data);
    Write("\nendstream\nendobj\n");
    return id;
  }
  Status Finish(int catalog) {
    const size_t xref = written_;
    Write("xref\n0 " + std::to_string(offsets_.size() + 1) + "\n0000000000 65535 f \n");
    for (size_t offset : offsets_) {
      char line[24];
      std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
      Write(line);
    }
    Write("trailer\n<< /Size " + std::to_string(offsets_.size() + 1) + " /Root " + std::to_string(catalog) +
          " 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n");
    return status_;
  }
  const Status& status() const { return status_; }

 private:
  void Begin(int id) {
    offsets_[id - 1] = written_;
    Write(std::to_string(id) + " 0 obj\n");
  }
  void Write(std::string_view bytes) {
    if (status_.ok()) status_ = sink_(bytes);
    written_ += bytes.size();
  }

  const ByteSink& sink_;
  Status status_;
  size_t written_ = 0;
  std::vector<size_t> offsets_;
};

int AddFont(PdfWriter* pdf) {
  const std::string cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
      "1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\n"
      "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend";
  const int to_unicode = pdf->AddStream("", cmap);
  const int descriptor = pdf->Add(
      "<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 /FontBBox [0 0 500 1000] /ItalicAngle 0 "
      "/Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 >>");
  const int cid_font = pdf->Add(
      "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont /CIDToGIDMap /Identity "
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor " +
      std::to_string(descriptor) + " 0 R /DW 500 >>");
  return pdf->Add("<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H /DescendantFonts [" +
                  std::to_string(cid_font) + " 0 R] /ToUnicode " + std::to_string(to_unicode) + " 0 R >>");
}

// Every glyph of the font is 500/1000 em wide, so n code units at size s span n*s/2; Tz
// stretches each word (with its trailing space) to reach the next word's box.
std::string TextLayer(const OcrPage& page, double page_height_pt) {
  std::string ops = "BT\n3 Tr\n";
  for (const OcrBlock& block : page.blocks) {
    for (const OcrLine& line : block.lines) {
      const double size = std::max(4.0, Points(line.box.height, page.dpi) * 0.8);
      const double baseline = page_height_pt - Points(line.box.bottom(), page.dpi) + size * 0.2;
      for (size_t w = 0; w < line.words.size(); ++w) {
        const OcrWord& word = line.words[w];
        const bool last = w + 1 == line.words.size();
        int units = 0;
        const std::string hex = Utf16Hex(last ? word.text : word.text + " ", &units);
        if (units == 0) continue;
        const int advance_px = last ? word.box.width : line.words[w + 1].box.x - word.box.x;
        const double scale = 100.0 * Points(std::max(1, advance_px), page.dpi) / (units * size / 2);
        ops += "/F1 " + Num(size) + " Tf " + Num(scale) + " Tz 1 0 0 1 " + Num(Points(word.box.x, page.dpi)) + " " +
               Num(baseline) + " Tm <" + hex + "> Tj\n";
      }
    }
  }
  return ops + "ET\n";
}

}  // namespace

Status RenderPdf(const Document& document, const PageImageSource& images, const ByteSink& sink) {
  if (!images) return Status::InvalidArgument("the PDF output needs the page images");
  PdfWriter pdf(sink);
  const int catalog = pdf.Reserve();
  const int pages_id = pdf.Reserve();
  const int font = AddFont(&pdf);
  std::string kids;
  for (size_t i = 0; i < document.pages.size() && pdf.status().ok(); ++i) {
    const OcrPage& page = document.pages[i];
    StatusOr<EncodedImage> image = images(static_cast<int>(i));
    if (!image.ok()) return image.status();
    const double w = Points(page.width, page.dpi), h = Points(page.height, page.dpi);
    const int xobject = pdf.AddStream(" /Type /XObject /Subtype /Image /Width " + std::to_string(image->width) +
                                          " /Height " + std::to_string(image->height) + " /ColorSpace /Device" +
                                          (image->grey ? "Gray" : "RGB") + " /BitsPerComponent 8 /Filter /DCTDecode",
                                      image->jpeg);
    const std::string content = "q " + Num(w) + " 0 0 " + Num(h) + " 0 0 cm /Im1 Do Q\n" + TextLayer(page, h);
    const int contents = pdf.AddStream("", content);
    const int page_id = pdf.Add("<< /Type /Page /Parent " + std::to_string(pages_id) + " 0 R /MediaBox [0 0 " + Num(w) +
                                " " + Num(h) + "] /Resources << /XObject << /Im1 " + std::to_string(xobject) +
                                " 0 R >> /Font << /F1 " + std::to_string(font) + " 0 R >> >> /Contents " +
                                std::to_string(contents) + " 0 R >>");
    kids += std::to_string(page_id) + " 0 R ";
  }
  pdf.Set(pages_id, "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(document.pages.size()) + " >>");
  pdf.Set(catalog, "<< /Type /Catalog /Pages " + std::to_string(pages_id) + " 0 R >>");
  return pdf.Finish(catalog);
}

}  // namespace vanban::output
