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
  std::string suffix(1, '.');  // not "." + format: GCC 12 warns of a false -Wrestrict there
  return suffix.append(format);
}

PageFrame OutputFrame(const OcrPage& page) {
  if (page.input.width > 0 && page.input.height > 0) return page.input;
  return PageFrame{page.width, page.height, page.dpi};
}

Status Render(const Document& document, std::string_view format, const PdfSource& pdf, const ByteSink& sink) {
  if (format == "txt") return sink(document.text);
  if (format == "json") return sink(ToJson(document));
  if (format == "hocr") return sink(RenderHocr(document));
  if (format == "alto") return sink(RenderAlto(document));
  if (format == "pdf") return RenderPdf(document, pdf, sink);
  return Status::InvalidArgument("unknown output format '" + std::string(format) + "'");
}

StatusOr<std::string> Render(const Document& document, std::string_view format, const PdfSource& pdf) {
  std::string out;
  Status s = Render(document, format, pdf, [&out](std::string_view bytes) {
    out += bytes;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

}  // namespace vanban::output
