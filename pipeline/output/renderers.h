// Renderers — a finished Document as the bytes of one output format (txt, json, …), and the
// file name suffix each format is written under.
//
// Thread-safety: pure functions.
#ifndef VANBAN_PIPELINE_OUTPUT_RENDERERS_H_
#define VANBAN_PIPELINE_OUTPUT_RENDERERS_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/document.h"
#include "vanban/status.h"

namespace vanban::output {

// The formats vanban can write, in the order they are written (json last: its presence marks
// a complete document).
const std::vector<std::string>& SupportedFormats();
bool IsSupportedFormat(std::string_view format);

// ".txt", ".json", ".hocr", ".alto.xml", ".pdf".
std::string FormatSuffix(std::string_view format);

// A page of an image input as the searchable PDF embeds it, its bytes read only when the PDF is
// written (a page at a time, so memory stays flat however many pages the document has).
struct EmbeddedImage {
  bool jpeg = false;  // the bytes are a JPEG file's own, embedded unchanged; else raw pixel rows
  int width = 0, height = 0;
  int components = 1;  // 1 grey, 3 RGB
  int bits = 8;        // per component: 8, or 1 for a bilevel page (0 black, 1 white)
  std::function<StatusOr<std::string>()> bytes;
};
// Returns page `index` (0-based) of the document's input.
using PageImageSource = std::function<StatusOr<EmbeddedImage>(int index)>;

// What the searchable PDF is made of: the input itself.
struct PdfSource {
  std::string pdf_path;    // a PDF input: its pages are kept as they are, the text laid on them
  PageImageSource images;  // an image input: its pages, embedded at their own resolution
  bool pdfa = true;        // PDF/A-2b metadata: XMP with pdfaid, sRGB output intent
  // Receives what a reader of the PDF must know (it does not declare PDF/A-2b because the input
  // breaks it), one line each; null: not told.
  std::vector<std::string>* warnings = nullptr;
};

// Takes the rendered bytes piece by piece, in order (an AtomicFile's Append, a string's +=).
using ByteSink = std::function<Status(std::string_view bytes)>;

// Renders `document` in `format` into `sink`; `pdf` is needed by the "pdf" format only.
Status Render(const Document& document, std::string_view format, const PdfSource& pdf, const ByteSink& sink);
// The same into a string, for small documents and tests.
StatusOr<std::string> Render(const Document& document, std::string_view format, const PdfSource& pdf = {});

// `s` with XML's five special characters escaped, for element text and attribute values.
std::string XmlEscape(std::string_view s);

// The frame hOCR, ALTO and the PDF write a page's boxes in: the input's (OcrPage::input), or the
// page's own when the input's is unknown (a page that could not be loaded, a document built in
// code).
PageFrame OutputFrame(const OcrPage& page);

std::string RenderHocr(const Document& document);
std::string RenderAlto(const Document& document);
Status RenderPdf(const Document& document, const PdfSource& source, const ByteSink& sink);

// A searchable PDF as RenderPdf wrote it, with the invisible word of a handwritten blank
// rewritten to `digits` (a correction in `vanban review`): the day's, the word after "ngày", or
// else the serial's. nullopt when the file holds no such word (a blank not read by hand, a PDF
// vanban did not write) or cannot be read.
std::optional<std::string> PatchHandwrittenPdfWord(std::string_view pdf, bool day, std::string_view digits);

}  // namespace vanban::output

#endif  // VANBAN_PIPELINE_OUTPUT_RENDERERS_H_
