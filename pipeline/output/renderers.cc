#include "pipeline/output/renderers.h"

#include <algorithm>

namespace vanban::output {

const std::vector<std::string>& SupportedFormats() {
  static const std::vector<std::string> formats = {"txt", "hocr", "alto", "pdf", "json"};
  return formats;
}

bool IsSupportedFormat(std::string_view format) {
  const auto& all = SupportedFormats();
  return std::find(all.begin(), all.end(), format) != all.end();
}

std::string FormatSuffix(std::string_view format) {
  if (format == "alto") return ".alto.xml";
  return "." + std::string(format);
}

StatusOr<std::string> Render(const Document& document, std::string_view format, const PageImageSource& images) {
  if (format == "txt") return document.text;
  if (format == "json") return ToJson(document);
  if (format == "hocr") return RenderHocr(document);
  if (format == "alto") return RenderAlto(document);
  if (format == "pdf") return RenderPdf(document, images);
  return Status::InvalidArgument("unknown output format '" + std::string(format) + "'");
}

}  // namespace vanban::output
