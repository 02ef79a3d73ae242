// PageSource — the pages of one input file (image, multi-page TIFF or PDF), decoded one at a
// time so a 500-page PDF never sits in memory whole.
//
// Thread-safety: one PageSource per thread; independent sources may run concurrently.
#ifndef VANBAN_PIPELINE_IMAGE_PAGE_SOURCE_H_
#define VANBAN_PIPELINE_IMAGE_PAGE_SOURCE_H_

#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "vanban/document.h"
#include "vanban/status.h"

namespace vanban::image {

// A word of a PDF page's own text layer (what `pdftotext` prints): its text, NFC, and its box in
// the pixels of the page as rendered. Poppler's box spans the font's full line height, not just
// the ink.
struct TextLayerWord {
  std::string text;
  Box box;
  bool space_after = true;  // false when the next word follows without a space ("KTTH" "h5")
};

// A decoded page: 8-bit grey (CV_8UC1) or colour (CV_8UC3, BGR), and its resolution.
struct PageImage {
  cv::Mat pixels;
  int dpi = 300;
  // Set by Preprocess when it dropped coloured ink: the same page in plain luminance, with the
  // size and geometry of `pixels`, for reading red stamps ("Ký bởi: …") that the dropout removed.
  cv::Mat with_colour_ink;
  // Set by Preprocess: no line of print survived the dropout (a blank back page), nothing to read.
  bool blank = false;
  // Set by Preprocess: the affine map from `pixels` back to the page as loaded (its rescaling
  // and deskewing undone; dewarping is not followed), so that boxes found on the clean page can
  // be drawn on the original. Identity for a page as loaded.
  cv::Matx23d to_loaded = cv::Matx23d(1, 0, 0, 0, 1, 0);
  // A PDF page's text layer, in reading order, in the coordinates of `pixels` as loaded (the
  // same resolution and rotation as the render); empty for images, for PDF pages without text
  // and when LoadOptions::text_layer is off. Preprocess does not carry it over: its boxes hold
  // only for the page as loaded.
  std::vector<TextLayerWord> text_layer;
};

struct LoadOptions {
  int pdf_dpi = 300;                      // PDFs are rasterised at this resolution
  int assumed_dpi = 300;                  // for images that do not record a resolution
  long long max_page_pixels = 100'000'000;
  bool text_layer = true;                 // read PDF pages' text layers (PageImage::text_layer)
};

class PageSource {
 public:
  // Opens `path` and checks that it is a readable image or PDF; does not decode pages yet.
  static StatusOr<std::unique_ptr<PageSource>> Open(const std::string& path, const LoadOptions& options);
  // The pages of `paths`, one file after another, as one document's: a document scanned a file
  // a page (4_1.jpg, 4_2.jpg). A file that cannot be opened is one page that fails with its
  // reason, so that the others are still read; Open's errors for a single path.
  static StatusOr<std::unique_ptr<PageSource>> OpenAll(const std::vector<std::string>& paths,
                                                       const LoadOptions& options);

  virtual ~PageSource() = default;
  virtual int page_count() const = 0;
  // Decodes page `index` (0-based). A failure names the page.
  virtual StatusOr<PageImage> LoadPage(int index) = 0;
  // Which of the paths opened page `index` is read from: 0 but for OpenAll's sources.
  virtual size_t FileOf(int /*index*/) const { return 0; }
};

// Whether `path` holds a PDF (its header within the first kilobyte).
bool IsPdfFile(const std::string& path);

// A page of an image input as the searchable PDF embeds it: a JPEG file's own bytes (grey or
// RGB), or the decoded pixels as raw rows — RGB, grey, or one bit a pixel (0 black, 1 white)
// when the page holds nothing but black and white — so that nothing of the scan is lost.
struct OriginalImage {
  std::string bytes;
  bool jpeg = false;
  int width = 0, height = 0;
  int components = 1;  // 1 or 3
  int bits = 8;        // per component: 8 or 1
};
// Page `index` of the image files `paths`, read through `source` (opened on them) when it must
// be decoded.
StatusOr<OriginalImage> LoadOriginalImage(const std::vector<std::string>& paths, PageSource& source, int index);

// `pixels` (grey, or BGR as LoadPage gives them) as a PNG file's bytes, written with zlib level
// `compression` (0–9) through Leptonica, which reads the inputs already: the library does not
// link OpenCV's image codecs, whose Debian build loads some 60 libraries at every start.
StatusOr<std::string> EncodePng(const cv::Mat& pixels, int compression);

// Silences Leptonica's, poppler's and the image codecs' own stderr chatter: errors reach the
// user through Status (a codec's words within it, see codec_messages.h).
void QuietDecoderLogs();

}  // namespace vanban::image

#endif  // VANBAN_PIPELINE_IMAGE_PAGE_SOURCE_H_
