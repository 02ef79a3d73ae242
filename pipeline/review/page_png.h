// Page PNG — one page of a document's input as the review page shows it: in the frame the boxes
// of the document JSON are in (an image file's own pixels; a PDF page rasterised at the
// document's resolution, as displayed), read by the pipeline's own page loading.
//
// Thread-safety: independent calls may run concurrently.
#ifndef VANBAN_PIPELINE_REVIEW_PAGE_PNG_H_
#define VANBAN_PIPELINE_REVIEW_PAGE_PNG_H_

#include <string>
#include <vector>

#include "vanban/status.h"

namespace vanban::review {

// Page `page` (1-based) of the image or PDF at `paths` (several for a document read from a file
// a page) as PNG bytes; PDF pages at `pdf_dpi`. kNotFound for a page the input does not have;
// the loader's Status for an unreadable input.
StatusOr<std::string> PagePng(const std::vector<std::string>& paths, int page, int pdf_dpi);

}  // namespace vanban::review

#endif  // VANBAN_PIPELINE_REVIEW_PAGE_PNG_H_
