// Renderers — a finished Document as the bytes of one output format (txt, json, …), and the
// file name suffix each format is written under.
//
// Thread-safety: pure functions.
#ifndef VANBAN_PIPELINE_OUTPUT_RENDERERS_H_
#define VANBAN_PIPELINE_OUTPUT_RENDERERS_H_

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

StatusOr<std::string> Render(const Document& document, std::string_view format);

}  // namespace vanban::output

#endif  // VANBAN_PIPELINE_OUTPUT_RENDERERS_H_
