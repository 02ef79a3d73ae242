// The pieces of the searchable PDF that pdf_renderer.cc assembles with qpdf: the embedded
// glyph-less font of the invisible text, and the PDF/A-2b metadata (XMP, sRGB output intent,
// document information). Internal to the output stage.
//
// Thread-safety: each function works on the QPDF it is given, which must not be shared between
// threads while it runs; the functions keep no state of their own.
#ifndef VANBAN_PIPELINE_OUTPUT_PDF_PARTS_H_
#define VANBAN_PIPELINE_OUTPUT_PDF_PARTS_H_

#include <string>
#include <string_view>
#include <vector>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include "vanban/document.h"

namespace vanban::output {

// Every glyph of the glyph-less font advances this many thousandths of the font size.
inline constexpr int kGlyphAdvance = 500;

// A TrueType font program of two empty glyphs (.notdef and one blank glyph, both kGlyphAdvance
// wide in 1000 units an em): all the invisible text needs, and small enough to embed.
std::string GlyphLessTrueType();

// The Type0 font (Identity-H, character codes = UTF-16 code units) over that program, as an
// indirect object of `pdf`: every code shows the blank glyph (CIDToGIDMap), never .notdef, and
// its ToUnicode maps every code to itself, so text extraction gives the words back.
QPDFObjectHandle AddGlyphLessFont(QPDF& pdf);

// "D:20240318084142+07'00'" → "2024-03-18T08:41:42+07:00" (a PDF date as ISO 8601, missing
// trailing parts at their defaults); empty when it is no PDF date.
std::string IsoDateOfPdf(std::string_view pdf_date);

// Drops the value of every signature field (and the document's /Perms, which point at them):
// the rewritten file would carry signatures that no longer verify. The fields' widgets, with the
// signature's visible appearance, stay on their pages.
void DropSignatureValues(QPDF& pdf);

// What the document is, for its metadata: title = the subject, creator = the issuer, date = the
// date of issue (the document's fields; absent ones are left out).
struct PdfMetadata {
  std::string title, creator, date, language = "vi";
};
PdfMetadata MetadataOf(const Document& document);

// The fonts the pages draw with (their resources, form XObjects' and annotation appearances')
// whose program the file does not embed, by /BaseFont, each once: PDF/A forbids them, and
// vanban cannot embed a font it does not have.
std::vector<std::string> UnembeddedFonts(QPDF& pdf);

// Writes `metadata` into the document information dictionary (kept from the input and
// overridden where vanban knows better) and, when `pdfa`, the XMP metadata stream that mirrors
// it and the sRGB output intent. The XMP declares PDF/A-2b only when `claim_pdfa` too: a file
// known to break it (an input's unembedded fonts) must not say it conforms.
void AddArchivalMetadata(QPDF& pdf, const PdfMetadata& metadata, bool pdfa, bool claim_pdfa);

}  // namespace vanban::output

#endif  // VANBAN_PIPELINE_OUTPUT_PDF_PARTS_H_
