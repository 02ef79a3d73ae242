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

// `images` is needed by the "pdf" format only.
StatusOr<std::string> Render(const Document& document, std::string_view format,
                             const PageImageSource& images = nullptr);

std::string RenderHocr(const Document& document);
std::string RenderAlto(const Document& document);
StatusOr<std::string> RenderPdf(const Document& document, const PageImageSource& images);

}  // namespace vanban::output

#endif  // VANBAN_PIPELINE_OUTPUT_RENDERERS_H_
