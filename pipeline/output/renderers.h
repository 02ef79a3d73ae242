// Renderers — a finished Document as the bytes of one output format (txt, json, …), and the
// file name suffix each format is written under.
//
// Thread-safety: pure functions.
#ifndef VANBAN_PIPELINE_OUTPUT_RENDERERS_H_
#define VANBAN_PIPELINE_OUTPUT_RENDERERS_H_

#include <functional>
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

// A page of the scan as JPEG, for the searchable PDF.
struct EncodedImage {
  std::string jpeg;
  int width = 0, height = 0;
  bool grey = false;
};
// Returns page `index` (0-based) of the document's scan.
using PageImageSource = std::function<StatusOr<EncodedImage>(int index)>;

// Takes the rendered bytes piece by piece, in order (an AtomicFile's Append, a string's +=).
using ByteSink = std::function<Status(std::string_view bytes)>;

// Renders `document` in `format` into `sink`; `images` is needed by the "pdf" format only,
// which asks for one page image at a time and passes it on, so memory stays flat however
// many pages the document has.
Status Render(const Document& document, std::string_view format, const PageImageSource& images, const ByteSink& sink);
// The same into a string, for small documents and tests.
StatusOr<std::string> Render(const Document& document, std::string_view format,
                             const PageImageSource& images = nullptr);

// The frame hOCR, ALTO and the PDF write a page's boxes in: the input's (OcrPage::input), or the
// page's own when the input's is unknown (a page that could not be loaded, a document built in
// code).
PageFrame OutputFrame(const OcrPage& page);

std::string RenderHocr(const Document& document);
std::string RenderAlto(const Document& document);
Status RenderPdf(const Document& document, const PageImageSource& images, const ByteSink& sink);

}  // namespace vanban::output

#endif  // VANBAN_PIPELINE_OUTPUT_RENDERERS_H_
