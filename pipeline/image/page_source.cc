#include "pipeline/image/page_source.h"

#include <leptonica/allheaders.h>
#include <tiffio.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <opencv2/imgproc.hpp>

#include "pipeline/image/codec_messages.h"
#include "pipeline/text/unicode.h"

namespace vanban::image {
namespace {

namespace fs = std::filesystem;

std::string PageLabel(int index) { return "page " + std::to_string(index + 1); }

// What the codec said about the damage, to follow vanban's own words: ", libpng: Read Error".
std::string CodecSays() {
  const std::string messages = TakeCodecMessages();
  return messages.empty() ? "" : ", " + messages;
}

Status CheckPixelLimit(long long width, long long height, const LoadOptions& options, int index) {
  if (width <= 0 || height <= 0) return Status::CorruptInput(PageLabel(index) + ": empty image");
  if (width * height > options.max_page_pixels) {
    char megapixels[32];
    std::snprintf(megapixels, sizeof megapixels, "%g", options.max_page_pixels / 1e6);
    return Status::TooLarge(PageLabel(index) + ": " + std::to_string(width) + "x" + std::to_string(height) +
                            " pixels exceeds the limit of " + megapixels + " megapixels (--max-megapixels)");
  }
  return Status::Ok();
}

// Leptonica packs RGBA into one 32-bit word per pixel (red in the high byte).
cv::Mat PixToMat(PIX* pix) {
  const bool grey = pixGetDepth(pix) <= 8 && pixGetColormap(pix) == nullptr;
  PIX* converted = grey ? pixConvertTo8(pix, 0) : pixConvertTo32(pix);
  if (converted == nullptr) return {};
  const int w = pixGetWidth(converted), h = pixGetHeight(converted);
  const int wpl = pixGetWpl(converted);
  const l_uint32* data = pixGetData(converted);
  cv::Mat out(h, w, grey ? CV_8UC1 : CV_8UC3);
  for (int y = 0; y < h; ++y) {
    const l_uint32* line = data + static_cast<size_t>(y) * wpl;
    uint8_t* dst = out.ptr<uint8_t>(y);
    for (int x = 0; x < w; ++x) {
      if (grey) {
        dst[x] = GET_DATA_BYTE(line, x);
      } else {
        const l_uint32 word = line[x];
        dst[3 * x + 0] = (word >> L_BLUE_SHIFT) & 0xff;
        dst[3 * x + 1] = (word >> L_GREEN_SHIFT) & 0xff;
        dst[3 * x + 2] = (word >> L_RED_SHIFT) & 0xff;
      }
    }
  }
  pixDestroy(&converted);
  return out;
}

// The inverse of PixToMat: 8-bit grey stays 8 bits, BGR becomes Leptonica's packed RGB.
PIX* MatToPix(const cv::Mat& pixels) {
  const bool grey = pixels.channels() == 1;
  PIX* pix = pixCreate(pixels.cols, pixels.rows, grey ? 8 : 32);
  if (pix == nullptr) return nullptr;
  const int wpl = pixGetWpl(pix);
  l_uint32* data = pixGetData(pix);
  for (int y = 0; y < pixels.rows; ++y) {
    const uint8_t* src = pixels.ptr<uint8_t>(y);
    l_uint32* line = data + static_cast<size_t>(y) * wpl;
    for (int x = 0; x < pixels.cols; ++x) {
      if (grey) {
        SET_DATA_BYTE(line, x, src[x]);
      } else {
        composeRGBPixel(src[3 * x + 2], src[3 * x + 1], src[3 * x + 0], &line[x]);
      }
    }
  }
  return pix;
}

class LeptonicaSource : public PageSource {
 public:
  // `lost_tail`: why the pages after the `pages` found cannot be read, which then count as one
  // more page that fails with it; empty when the file holds just those pages.
  LeptonicaSource(std::string path, int format, int pages, LoadOptions options, std::string lost_tail)
      : path_(std::move(path)), format_(format), pages_(pages), options_(options), lost_tail_(std::move(lost_tail)) {}

  int page_count() const override { return pages_ + (lost_tail_.empty() ? 0 : 1); }

  StatusOr<PageImage> LoadPage(int index) override {
    if (index == pages_) return Status::CorruptInput(PageLabel(index) + ": " + lost_tail_);
    // The header gives the size before a huge image is decoded into memory.
    l_int32 width = 0, height = 0;
    if (!L_FORMAT_IS_TIFF(format_) &&
        pixReadHeader(path_.c_str(), nullptr, &width, &height, nullptr, nullptr, nullptr) == 0) {
      if (Status limit = CheckPixelLimit(width, height, options_, index); !limit.ok()) return limit;
    }
    TakeCodecMessages();  // a warning of an earlier page is not this page's
    PIX* pix = L_FORMAT_IS_TIFF(format_) ? pixReadTiff(path_.c_str(), index) : pixRead(path_.c_str());
    if (pix == nullptr) {
      return Status::CorruptInput(PageLabel(index) + ": cannot decode the image (truncated or corrupt" +
                                  CodecSays() + ")");
    }
    Status limit = CheckPixelLimit(pixGetWidth(pix), pixGetHeight(pix), options_, index);
    if (!limit.ok()) {
      pixDestroy(&pix);
      return limit;
    }
    PageImage page;
    const int xres = pixGetXRes(pix);
    page.dpi = xres >= 50 && xres <= 2400 ? xres : options_.assumed_dpi;
    page.pixels = PixToMat(pix);
    pixDestroy(&pix);
    if (page.pixels.empty()) return Status::CorruptInput(PageLabel(index) + ": unsupported pixel format");
    return page;
  }

 private:
  std::string path_;
  int format_;
  int pages_;
  LoadOptions options_;
  std::string lost_tail_;
};

// Poppler lays the text out at 72 dpi in the frame of the page as displayed (its /Rotate applied,
// origin top-left of the crop box), which is the frame render_page draws in.
std::vector<TextLayerWord> TextLayer(const poppler::page& page, int dpi) {
  const double scale = dpi / 72.0;
  std::vector<TextLayerWord> words;
  for (const poppler::text_box& box : page.text_list()) {
    const poppler::byte_array utf8 = box.text().to_utf8();
    std::string text = text::ToNfc(std::string_view(utf8.data(), utf8.size()));
    if (text.empty()) continue;
    const poppler::rectf r = box.bbox();
    const int left = static_cast<int>(std::floor(r.left() * scale));
    const int top = static_cast<int>(std::floor(r.top() * scale));
    const int right = static_cast<int>(std::ceil(r.right() * scale));
    const int bottom = static_cast<int>(std::ceil(r.bottom() * scale));
    words.push_back(TextLayerWord{std::move(text), Box{left, top, right - left, bottom - top}, box.has_space_after()});
  }
  return words;
}

class PdfSource : public PageSource {
 public:
  PdfSource(std::unique_ptr<poppler::document> doc, LoadOptions options)
      : doc_(std::move(doc)), options_(options) {
    renderer_.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer_.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer_.set_image_format(poppler::image::format_rgb24);
  }

  int page_count() const override { return doc_->pages(); }

  StatusOr<PageImage> LoadPage(int index) override {
    std::unique_ptr<poppler::page> page(doc_->create_page(index));
    if (!page) return Status::CorruptInput(PageLabel(index) + ": cannot read the PDF page");
    const poppler::rectf rect = page->page_rect();
    const double scale = options_.pdf_dpi / 72.0;
    Status limit = CheckPixelLimit(static_cast<long long>(rect.width() * scale),
                                   static_cast<long long>(rect.height() * scale), options_, index);
    if (!limit.ok()) return limit;
    poppler::image img = renderer_.render_page(page.get(), options_.pdf_dpi, options_.pdf_dpi);
    if (!img.is_valid()) return Status::CorruptInput(PageLabel(index) + ": cannot render the PDF page");
    cv::Mat rgb(img.height(), img.width(), CV_8UC3, img.data(), img.bytes_per_row());
    PageImage out;
    cv::cvtColor(rgb, out.pixels, cv::COLOR_RGB2BGR);
    out.dpi = options_.pdf_dpi;
    if (options_.text_layer) out.text_layer = TextLayer(*page, options_.pdf_dpi);
    return out;
  }

 private:
  std::unique_ptr<poppler::document> doc_;
  poppler::page_renderer renderer_;
  LoadOptions options_;
};

bool StartsWithPdfMagic(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[1024] = {};
  in.read(head, sizeof head);
  // The PDF header may follow a little junk; readers accept it within the first kilobyte.
  return std::string_view(head, static_cast<size_t>(in.gcount())).find("%PDF-") != std::string_view::npos;
}

StatusOr<std::unique_ptr<PageSource>> OpenPdf(const std::string& path, const LoadOptions& options) {
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
  if (!doc) return Status::CorruptInput("cannot open the PDF (damaged or truncated)");
  if (doc->is_locked()) return Status::CorruptInput("the PDF is encrypted (password protected)");
  if (doc->pages() <= 0) return Status::CorruptInput("the PDF has no pages");
  return std::unique_ptr<PageSource>(new PdfSource(std::move(doc), options));
}

// The image type a file's first bytes announce ("TIFF"), for a file Leptonica cannot identify
// (a TIFF cut before its directory, a JPEG cut after a few bytes); empty for none.
std::string ImageTypeOfSignature(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[4] = {};
  in.read(head, sizeof head);
  const std::string_view signature(head, static_cast<size_t>(in.gcount()));
  using namespace std::string_view_literals;
  for (std::string_view tiff : {"II*\0"sv, "MM\0*"sv, "II+\0"sv, "MM\0+"sv}) {
    if (signature == tiff) return "TIFF";
  }
  if (signature == "\x89PNG"sv) return "PNG";
  if (signature.starts_with("\xff\xd8\xff"sv)) return "JPEG";
  return {};
}

// The pages of a TIFF, one a directory, followed down their chain; *lost_tail says why the
// chain breaks off before its end (a truncated multi-page file: the pages after the break
// cannot even be counted), empty when it does not.
int CountTiffPages(const std::string& path, std::string* lost_tail) {
  TIFF* tiff = TIFFOpen(path.c_str(), "r");
  if (tiff == nullptr) {
    *lost_tail = "cannot decode the TIFF image (truncated or corrupt" + CodecSays() + ")";
    return 0;
  }
  int pages = 1;
  while (!TIFFLastDirectory(tiff)) {
    if (!TIFFReadDirectory(tiff)) {
      *lost_tail = "cannot read this page or any after it (truncated or corrupt" + CodecSays() + ")";
      break;
    }
    ++pages;
  }
  TIFFClose(tiff);
  return pages;
}

StatusOr<std::unique_ptr<PageSource>> OpenImage(const std::string& path, const LoadOptions& options) {
  l_int32 format = IFF_UNKNOWN;
  TakeCodecMessages();
  if (findFileFormat(path.c_str(), &format) != 0 || format == IFF_UNKNOWN) {
    const std::string type = ImageTypeOfSignature(path);
    if (!type.empty()) return Status::CorruptInput("cannot decode the " + type + " image (truncated or corrupt" + CodecSays() + ")");
    return Status::CorruptInput("not an image or PDF file" + CodecSays());
  }
  int pages = 1;
  std::string lost_tail;
  if (L_FORMAT_IS_TIFF(format)) {
    TakeCodecMessages();
    pages = CountTiffPages(path, &lost_tail);
    if (pages == 0) return Status::CorruptInput(lost_tail);
  }
  return std::unique_ptr<PageSource>(new LeptonicaSource(path, format, pages, options, std::move(lost_tail)));
}

void SilentPopplerError(const std::string&, void*) {}

// OpenAll's source: each file's pages in turn.
class JoinedSource : public PageSource {
 public:
  struct Part {
    std::string path;
    std::unique_ptr<PageSource> source;  // null: the file could not be opened, for `failure`
    Status failure;
    int first = 0;  // its first page in the whole
  };

  explicit JoinedSource(std::vector<Part> parts) : parts_(std::move(parts)) {}

  int page_count() const override {
    const Part& last = parts_.back();
    return last.first + (last.source ? last.source->page_count() : 1);
  }

  StatusOr<PageImage> LoadPage(int index) override {
    Part& part = parts_[FileOf(index)];
    const std::string where = PageLabel(index) + ": " + fs::path(part.path).filename().string() + ": ";
    if (!part.source) return part.failure.WithPrefix(where);
    StatusOr<PageImage> page = part.source->LoadPage(index - part.first);
    if (page.ok()) return page;
    // The file's own page number means nothing in the whole: "page 1: …" becomes the whole's.
    std::string reason = page.status().message();
    const std::string local = PageLabel(index - part.first) + ": ";
    if (reason.starts_with(local)) reason.erase(0, local.size());
    return page.status().WithMessage(where + reason);
  }

  size_t FileOf(int index) const override {
    size_t file = 0;
    while (file + 1 < parts_.size() && parts_[file + 1].first <= index) ++file;
    return file;
  }

 private:
  std::vector<Part> parts_;
};

}  // namespace

void QuietDecoderLogs() {
  setMsgSeverity(L_SEVERITY_NONE);
  CatchCodecMessages();
  poppler::set_debug_error_function(SilentPopplerError, nullptr);
}

StatusOr<std::unique_ptr<PageSource>> PageSource::Open(const std::string& path, const LoadOptions& options) {
  std::error_code ec;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status::NotFound("no such file");
    if (errno == ELOOP) return Status::NotFound("symbolic link loop");
    return Status::IoError(std::string("cannot read the file: ") + std::strerror(errno));
  }
  if (S_ISDIR(st.st_mode)) return Status::InvalidArgument("is a directory");
  // Before the content is sniffed: an unreadable file is not "not an image".
  if (::access(path.c_str(), R_OK) != 0) return Status::IoError(std::string("cannot read the file: ") + std::strerror(errno));
  const auto size = fs::file_size(path, ec);
  if (ec) return Status::IoError("cannot read the file: " + ec.message());
  if (size == 0) return Status::CorruptInput("empty file (0 bytes)");
  return StartsWithPdfMagic(path) ? OpenPdf(path, options) : OpenImage(path, options);
}

StatusOr<std::unique_ptr<PageSource>> PageSource::OpenAll(const std::vector<std::string>& paths,
                                                           const LoadOptions& options) {
  if (paths.empty()) return Status::InvalidArgument("no input file");
  if (paths.size() == 1) return Open(paths.front(), options);
  std::vector<JoinedSource::Part> parts;
  int first = 0;
  for (const std::string& path : paths) {
    StatusOr<std::unique_ptr<PageSource>> opened = Open(path, options);
    JoinedSource::Part part{path, nullptr, opened.status(), first};
    if (opened.ok()) part.source = std::move(opened).value();
    first += part.source ? part.source->page_count() : 1;
    parts.push_back(std::move(part));
  }
  return std::unique_ptr<PageSource>(new JoinedSource(std::move(parts)));
}

bool IsPdfFile(const std::string& path) { return StartsWithPdfMagic(path); }

StatusOr<OriginalImage> LoadOriginalImage(const std::vector<std::string>& paths, PageSource& source, int index) {
  const std::string& path = paths.at(source.FileOf(index));
  OriginalImage out;
  l_int32 format = IFF_UNKNOWN, bps = 0, spp = 0, colormap = 0;
  // A grey or RGB JPEG goes in as it is: PDF readers decode it themselves (DCTDecode).
  if (pixReadHeader(path.c_str(), &format, &out.width, &out.height, &bps, &spp, &colormap) == 0 &&
      format == IFF_JFIF_JPEG && bps == 8 && (spp == 1 || spp == 3)) {
    std::ifstream in(path, std::ios::binary);
    out.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in.bad() && !out.bytes.empty()) {
      out.jpeg = true;
      out.components = spp;
      return out;
    }
  }
  StatusOr<PageImage> page = source.LoadPage(index);
  if (!page.ok()) return page.status();
  const cv::Mat& pixels = page->pixels;
  out.jpeg = false;
  out.width = pixels.cols;
  out.height = pixels.rows;
  out.components = pixels.channels() == 3 ? 3 : 1;
  if (out.components == 3) {
    cv::Mat rgb;
    cv::cvtColor(pixels, rgb, cv::COLOR_BGR2RGB);
    out.bytes.assign(reinterpret_cast<const char*>(rgb.data), rgb.total() * 3);  // cvtColor's output is continuous
    return out;
  }
  cv::Mat mid;
  cv::inRange(pixels, 1, 254, mid);
  if (cv::countNonZero(mid) > 0) {
    out.bytes.reserve(pixels.total());
    for (int y = 0; y < pixels.rows; ++y) out.bytes.append(pixels.ptr<const char>(y), pixels.cols);
    return out;
  }
  // Black and white only (a fax, a bilevel TIFF): one bit a pixel loses nothing.
  out.bits = 1;
  const int row_bytes = (pixels.cols + 7) / 8;
  out.bytes.assign(static_cast<size_t>(row_bytes) * pixels.rows, '\0');
  for (int y = 0; y < pixels.rows; ++y) {
    const uint8_t* src = pixels.ptr<uint8_t>(y);
    char* dst = out.bytes.data() + static_cast<size_t>(y) * row_bytes;
    for (int x = 0; x < pixels.cols; ++x) {
      if (src[x] != 0) dst[x / 8] = static_cast<char>(dst[x / 8] | (0x80 >> (x % 8)));
    }
  }
  return out;
}

StatusOr<std::string> EncodePng(const cv::Mat& pixels, int compression) {
  if (pixels.empty() || pixels.depth() != CV_8U || (pixels.channels() != 1 && pixels.channels() != 3)) {
    return Status::InvalidArgument("a PNG is made of 8-bit grey or colour pixels");
  }
  PIX* pix = MatToPix(pixels);
  if (pix == nullptr) return Status::Internal("cannot make an image of the page");
  // Leptonica takes the zlib level from the image's "special" field, 10 + level.
  pixSetSpecial(pix, 10 + compression);
  l_uint8* data = nullptr;
  size_t size = 0;
  const bool written = pixWriteMem(&data, &size, pix, IFF_PNG) == 0;
  pixDestroy(&pix);
  if (!written) return Status::Internal("cannot encode the page as PNG");
  std::string bytes(reinterpret_cast<const char*>(data), size);
  lept_free(data);
  return bytes;
}

}  // namespace vanban::image
