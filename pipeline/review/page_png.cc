#include "pipeline/review/page_png.h"

#include "pipeline/image/page_source.h"

namespace vanban::review {

StatusOr<std::string> PagePng(const std::vector<std::string>& paths, int page, int pdf_dpi) {
  image::LoadOptions options;
  options.pdf_dpi = pdf_dpi;
  options.text_layer = false;
  StatusOr<std::unique_ptr<image::PageSource>> source = image::PageSource::OpenAll(paths, options);
  if (!source.ok()) return source.status();
  if (page < 1 || page > (*source)->page_count()) {
    return Status::NotFound("the input has no page " + std::to_string(page));
  }
  StatusOr<image::PageImage> loaded = (*source)->LoadPage(page - 1);
  if (!loaded.ok()) return loaded.status();
  // Fast compression: the PNG goes over loopback once, and a 300 dpi page encodes in a fraction
  // of the time the default level takes.
  return image::EncodePng(loaded->pixels, 1);
}

}  // namespace vanban::review
