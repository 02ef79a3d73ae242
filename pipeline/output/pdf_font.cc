// The glyph-less font of the invisible text layer. PDF/A wants every font embedded and no text
// shown with .notdef; the text is never painted, so a font of empty glyphs satisfies both at a
// few hundred bytes (the idea of Tesseract's and OCRmyPDF's "GlyphLessFont").
#include <cstdint>
#include <map>

#include "pipeline/output/pdf_parts.h"

namespace vanban::output {
namespace {

constexpr int kUnitsPerEm = 1000;
constexpr int kGlyphs = 2;  // .notdef and the blank glyph every character code shows

// Big-endian writers: TrueType tables are big-endian throughout.
void U16(std::string* out, uint32_t v) {
  out->push_back(static_cast<char>((v >> 8) & 0xFF));
  out->push_back(static_cast<char>(v & 0xFF));
}
void U32(std::string* out, uint32_t v) {
  U16(out, v >> 16);
  U16(out, v & 0xFFFF);
}

uint32_t TableChecksum(const std::string& data) {
  uint32_t sum = 0;
  for (size_t i = 0; i < data.size(); i += 4) {
    uint32_t word = 0;
    for (size_t j = 0; j < 4; ++j) word = word << 8 | (i + j < data.size() ? static_cast<uint8_t>(data[i + j]) : 0);
    sum += word;
  }
  return sum;
}

std::string Head() {
  std::string t;
  U32(&t, 0x00010000);  // version
  U32(&t, 0x00010000);  // fontRevision
  U32(&t, 0);           // checkSumAdjustment, set once the whole font is known
  U32(&t, 0x5F0F3CF5);  // magicNumber
  U16(&t, 0x000B);      // flags: baseline at y=0, left sidebearing at x=0, integer scaling
  U16(&t, kUnitsPerEm);
  for (int i = 0; i < 4; ++i) U32(&t, 0);  // created, modified: none, so the bytes never change
  for (int i = 0; i < 4; ++i) U16(&t, 0);  // xMin, yMin, xMax, yMax: no outlines at all
  U16(&t, 0);  // macStyle
  U16(&t, 3);  // lowestRecPPEM
  U16(&t, 2);  // fontDirectionHint
  U16(&t, 0);  // indexToLocFormat: short offsets
  U16(&t, 0);  // glyphDataFormat
  return t;
}

std::string Hhea() {
  std::string t;
  U32(&t, 0x00010000);
  U16(&t, kUnitsPerEm);  // ascender
  U16(&t, 0);            // descender
  U16(&t, 0);            // lineGap
  U16(&t, kGlyphAdvance);  // advanceWidthMax
  for (int i = 0; i < 3; ++i) U16(&t, 0);  // minLeftSideBearing, minRightSideBearing, xMaxExtent
  U16(&t, 1);  // caretSlopeRise
  for (int i = 0; i < 7; ++i) U16(&t, 0);  // caretSlopeRun, caretOffset, 4 reserved, metricDataFormat
  U16(&t, kGlyphs);  // numberOfHMetrics
  return t;
}

std::string Maxp() {
  std::string t;
  U32(&t, 0x00010000);
  U16(&t, kGlyphs);
  for (int i = 0; i < 4; ++i) U16(&t, 0);  // points and contours, simple and composite
  U16(&t, 2);                             // maxZones
  for (int i = 0; i < 8; ++i) U16(&t, 0);
  return t;
}

std::string Hmtx() {
  std::string t;
  for (int i = 0; i < kGlyphs; ++i) {
    U16(&t, kGlyphAdvance);
    U16(&t, 0);
  }
  return t;
}

// Every glyph is empty: all offsets 0 into an empty glyf table.
std::string Loca() { return std::string(2 * (kGlyphs + 1), '\0'); }

// The space maps to the blank glyph (a font viewer shows something); the PDF never uses the
// cmap, since its CIDToGIDMap names the glyph of every code.
std::string Cmap() {
  std::string t;
  U16(&t, 0);  // version
  U16(&t, 1);  // one encoding table
  U16(&t, 3), U16(&t, 1), U32(&t, 12);  // Windows Unicode BMP, at offset 12
  const int segments = 2;
  U16(&t, 4);                    // format 4
  U16(&t, 16 + 8 * segments);    // length
  U16(&t, 0);                    // language
  U16(&t, 2 * segments);         // segCountX2
  U16(&t, 4), U16(&t, 1), U16(&t, 0);  // searchRange, entrySelector, rangeShift
  U16(&t, 0x20), U16(&t, 0xFFFF);      // endCode
  U16(&t, 0);                          // reservedPad
  U16(&t, 0x20), U16(&t, 0xFFFF);      // startCode
  U16(&t, (1 - 0x20) & 0xFFFF), U16(&t, 1);  // idDelta: ' ' → glyph 1; 0xFFFF → 0
  U16(&t, 0), U16(&t, 0);                    // idRangeOffset
  return t;
}

std::string Name() {
  const std::string name = "GlyphLessFont";
  std::string t;
  U16(&t, 0), U16(&t, 1), U16(&t, 6 + 12);  // format, count, string offset
  U16(&t, 3), U16(&t, 1), U16(&t, 0x409), U16(&t, 6);  // Windows, Unicode BMP, en-US, PostScript name
  U16(&t, 2 * name.size()), U16(&t, 0);
  for (char c : name) U16(&t, static_cast<uint8_t>(c));
  return t;
}

std::string Post() {
  std::string t;
  U32(&t, 0x00030000);  // version 3: no glyph names
  for (int i = 0; i < 3; ++i) U32(&t, 0);  // italicAngle, underlinePosition + Thickness
  U32(&t, 1);                              // isFixedPitch
  for (int i = 0; i < 4; ++i) U32(&t, 0);
  return t;
}

}  // namespace

std::string GlyphLessTrueType() {
  // Tables in tag order, as the table directory must list them.
  const std::map<std::string, std::string> tables = {{"cmap", Cmap()}, {"glyf", ""},      {"head", Head()},
                                                     {"hhea", Hhea()}, {"hmtx", Hmtx()},  {"loca", Loca()},
                                                     {"maxp", Maxp()}, {"name", Name()},  {"post", Post()}};
  const uint32_t count = static_cast<uint32_t>(tables.size());
  uint32_t power = 1, log2 = 0;
  while (power * 2 <= count) power *= 2, ++log2;
  std::string font;
  U32(&font, 0x00010000);
  U16(&font, count), U16(&font, power * 16), U16(&font, log2), U16(&font, count * 16 - power * 16);
  std::string body;
  size_t head_offset = 0;
  const size_t body_start = font.size() + 16 * tables.size();
  for (const auto& [tag, data] : tables) {
    if (tag == "head") head_offset = body_start + body.size();
    font += tag;
    U32(&font, TableChecksum(data));
    U32(&font, static_cast<uint32_t>(body_start + body.size()));
    U32(&font, static_cast<uint32_t>(data.size()));
    body += data;
    body.resize((body.size() + 3) & ~size_t{3}, '\0');
  }
  font += body;
  std::string adjustment;
  U32(&adjustment, 0xB1B0AFBAu - TableChecksum(font));
  font.replace(head_offset + 8, 4, adjustment);
  return font;
}

QPDFObjectHandle AddGlyphLessFont(QPDF& pdf) {
  QPDFObjectHandle program = QPDFObjectHandle::newStream(&pdf, GlyphLessTrueType());
  program.getDict().replaceKey("/Length1", QPDFObjectHandle::newInteger(static_cast<long long>(GlyphLessTrueType().size())));
  // Every CID (a UTF-16 code unit) shows glyph 1, the blank one.
  std::string to_gid;
  for (int cid = 0; cid < 0x10000; ++cid) to_gid += std::string("\0\1", 2);
  QPDFObjectHandle cid_to_gid = QPDFObjectHandle::newStream(&pdf, to_gid);
  // Each code maps to itself; a bfrange may only vary its last byte, hence 256 of them.
  std::string cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  static const char kHex[] = "0123456789ABCDEF";
  for (int block = 0; block < 256; block += 100) {
    const int n = std::min(100, 256 - block);
    cmap += std::to_string(n) + " beginbfrange\n";
    for (int high = block; high < block + n; ++high) {
      const std::string h = {kHex[high >> 4], kHex[high & 15]};
      cmap += "<" + h + "00> <" + h + "FF> <" + h + "00>\n";
    }
    cmap += "endbfrange\n";
  }
  cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  QPDFObjectHandle to_unicode = QPDFObjectHandle::newStream(&pdf, cmap);

  QPDFObjectHandle descriptor = pdf.makeIndirectObject(QPDFObjectHandle::parse(
      "<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 4 /FontBBox [0 0 " + std::to_string(kGlyphAdvance) +
      " 1000] /ItalicAngle 0 /Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 >>"));
  descriptor.replaceKey("/FontFile2", program);
  QPDFObjectHandle cid_font = pdf.makeIndirectObject(QPDFObjectHandle::parse(
      "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont "
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW " +
      std::to_string(kGlyphAdvance) + " >>"));
  cid_font.replaceKey("/FontDescriptor", descriptor);
  cid_font.replaceKey("/CIDToGIDMap", cid_to_gid);
  QPDFObjectHandle font = pdf.makeIndirectObject(
      QPDFObjectHandle::parse("<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H >>"));
  font.replaceKey("/DescendantFonts", QPDFObjectHandle::newArray({cid_font}));
  font.replaceKey("/ToUnicode", to_unicode);
  return font;
}

}  // namespace vanban::output
