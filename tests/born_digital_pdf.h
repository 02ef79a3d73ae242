// A tiny born-digital PDF written by hand for tests: one A4 page of Helvetica lines (WinAnsi
// encoding, so ASCII text), whose text layer is exactly those lines; the page may be displayed
// turned (/Rotate). The font program is embedded (Liberation Sans, metric-compatible with
// Helvetica, from fonts-liberation2): an unembedded Helvetica renders with whatever the machine
// substitutes (Nimbus Sans where fonts-urw-base35 is installed), whose ink differs from the
// boxes by a few pixels.
#ifndef VANBAN_TESTS_BORN_DIGITAL_PDF_H_
#define VANBAN_TESTS_BORN_DIGITAL_PDF_H_

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace vanban::testing {

struct PdfLine {
  double x = 0, y = 0;  // points from the page's top-left corner to the start of the baseline
  double size = 12;     // font size in points
  std::string text;     // ASCII
};

inline constexpr double kPdfPageWidth = 595, kPdfPageHeight = 842;
inline constexpr const char* kEmbeddedFontFile = "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf";

inline std::string EmbeddedFontProgram() {
  std::ifstream in(kEmbeddedFontFile, std::ios::binary);
  std::stringstream program;
  program << in.rdbuf();
  return program.str();
}

// A PDF file of `objects` (numbered from 1; the first is the catalog), with its cross-reference
// table.
inline std::string PdfOfObjects(const std::vector<std::string>& objects) {
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    char entry[24];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    pdf += entry;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// `rotate`: the page's /Rotate, degrees clockwise (0, 90, 180, 270).
inline std::string BornDigitalPdf(const std::vector<PdfLine>& lines, int rotate = 0) {
  std::string content;
  for (const PdfLine& line : lines) {
    std::string escaped;
    for (char c : line.text) {
      if (c == '(' || c == ')' || c == '\\') escaped += '\\';
      escaped += c;
    }
    char head[96];
    std::snprintf(head, sizeof head, "BT /F1 %.1f Tf %.2f %.2f Td (", line.size, line.x, kPdfPageHeight - line.y);
    content += head + escaped + ") Tj ET\n";
  }
  const std::string font = EmbeddedFontProgram();
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate " + std::to_string(rotate) +
          " /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
      // No /Widths: poppler takes Helvetica's own, which the embedded glyphs share.
      "<< /Type /Font /Subtype /TrueType /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FontDescriptor 6 0 R >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream",
      "<< /Type /FontDescriptor /FontName /Helvetica /Flags 32 /FontBBox [-166 -225 1000 931] /ItalicAngle 0 "
      "/Ascent 718 /Descent -207 /CapHeight 718 /StemV 88 /FontFile2 7 0 R >>",
      "<< /Length " + std::to_string(font.size()) + " /Length1 " + std::to_string(font.size()) + " >>\nstream\n" +
          font + "\nendstream",
  };
  return PdfOfObjects(objects);
}

// The opening of a dispatch with its diacritics stripped (WinAnsi has no Vietnamese letters):
// OCR reads it nearly word for word, and the restorer, were it let loose on it, would put the
// marks back ("Cong van" → "Công văn").
inline std::vector<PdfLine> StrippedDispatch() {
  return {{72, 80, 12, "UY BAN NHAN DAN"},
          {320, 80, 12, "CONG HOA XA HOI CHU NGHIA VIET NAM"},
          {72, 100, 12, "TINH QUANG NGAI"},
          {350, 100, 12, "Doc lap - Tu do - Hanh phuc"},
          {72, 140, 12, "So: 11 /TB-UBND"},
          {320, 140, 12, "Quang Ngai, ngay 08 thang 11 nam 2024"},
          {260, 190, 14, "THONG BAO"},
          {72, 230, 12, "Thuc hien Cong van so 2003/UBDT ngay 01/11/2024 cua Uy ban Dan toc ve viec"},
          {72, 250, 12, "tham du Hoi nghi danh gia Chuong trinh muc tieu quoc gia phat trien kinh te"},
          {72, 270, 12, "xa hoi vung dong bao dan toc thieu so va mien nui giai doan 2021 - 2030."}};
}

}  // namespace vanban::testing

#endif  // VANBAN_TESTS_BORN_DIGITAL_PDF_H_
