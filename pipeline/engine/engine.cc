#include "vanban/engine.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "pipeline/engine/data_dir.h"
#include "pipeline/engine/load_options.h"
#include "pipeline/extract/extractor.h"
#include "pipeline/image/page_source.h"
#include "pipeline/image/preprocess.h"
#include "pipeline/ocr/hand_digits.h"
#include "pipeline/ocr/text_layer.h"
#include "pipeline/ocr/worker_pool.h"
#include "pipeline/output/pdf_signatures.h"
#include "pipeline/output/renderers.h"
#include "pipeline/restore/recurring_codes.h"
#include "pipeline/restore/restorer.h"
#include "pipeline/text/unicode.h"
#include "vanban/version.h"


namespace vanban {
namespace {

namespace fs = std::filesystem;

std::string JoinPages(const std::vector<OcrPage>& pages) {
  std::string text;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (i > 0) text += '\f';
    text += pages[i].Text();
  }
  return text;
}

// Where the page OCR read (`clean` turned `rotation` degrees clockwise) lies on the page as
// loaded.
PageFrame InputFrame(const image::PageImage& loaded, const image::PageImage& clean, int rotation) {
  const cv::Matx23d m = image::Compose(clean.to_loaded, image::QuarterTurnBack(rotation, clean.pixels.size()));
  return PageFrame{loaded.pixels.cols, loaded.pixels.rows, loaded.dpi, {m(0, 0), m(0, 1), m(0, 2), m(1, 0), m(1, 1), m(1, 2)}};
}

// A blank back page keeps its place and size in every output, with no words: OCR would only
// read grain and a seal's show-through as junk ("- ¬ 3 * # +").
OcrPage BlankPage(const image::PageImage& loaded, const image::PageImage& clean, int index) {
  OcrPage page;
  page.number = index + 1;
  page.width = clean.pixels.cols;
  page.height = clean.pixels.rows;
  page.dpi = clean.dpi;
  page.input = InputFrame(loaded, clean, 0);
  page.blank = true;
  return page;
}

// A page that could not be read: empty, the size of an A4 sheet so that every output format
// still has a page to show, and the reason. Its message names the page already.
OcrPage FailedPage(int index, const Status& failure) {
  OcrPage page;
  page.number = index + 1;
  page.width = 2480;
  page.height = 3508;
  const std::string prefix = "page " + std::to_string(index + 1) + ": ";
  page.error = failure.message().rfind(prefix, 0) == 0 ? failure.message().substr(prefix.size()) : failure.message();
  return page;
}

output::EmbeddedImage EmbeddedOf(image::OriginalImage&& original) {
  auto bytes = std::make_shared<std::string>(std::move(original.bytes));
  return {original.jpeg, original.width, original.height, original.components, original.bits,
          [bytes]() -> StatusOr<std::string> { return *bytes; }};
}

// The input of the searchable PDF: a PDF as it is, or an image input's pages, each decoded when
// the PDF is written (the first look, for its size and kind, decodes it once more: memory stays
// flat however many pages a TIFF has). A page that could not be read shows as a blank page.
output::PdfSource PdfSourceOf(const std::vector<std::string>& paths, const Document& document,
                              const EngineOptions& engine, const RenderOptions& render) {
  output::PdfSource pdf;
  pdf.pdfa = render.pdfa;
  pdf.warnings = render.warnings;
  if (paths.size() == 1 && image::IsPdfFile(paths.front())) {
    pdf.pdf_path = paths.front();
    return pdf;
  }
  auto source = std::make_shared<std::unique_ptr<image::PageSource>>();
  auto load = [paths, engine, source](int index) -> StatusOr<image::OriginalImage> {
    if (!*source) {
      StatusOr<std::unique_ptr<image::PageSource>> opened = image::PageSource::OpenAll(paths, LoadOptionsFrom(engine));
      if (!opened.ok()) return opened.status();
      *source = std::move(opened).value();
    }
    return image::LoadOriginalImage(paths, **source, index);
  };
  std::set<int> unread;  // input pages (0-based) that could not be loaded
  for (const OcrPage& page : document.pages) {
    if (!page.error.empty()) unread.insert(page.number - 1);
  }
  pdf.images = [unread, load](int index) -> StatusOr<output::EmbeddedImage> {
    if (unread.count(index) > 0) return EmbeddedOf({std::string(1, '\xFF'), false, 1, 1, 1, 8});
    StatusOr<image::OriginalImage> first = load(index);
    if (!first.ok()) return first.status();
    output::EmbeddedImage embedded = EmbeddedOf(std::move(first).value());
    embedded.bytes = [load, index]() -> StatusOr<std::string> {
      StatusOr<image::OriginalImage> again = load(index);
      if (!again.ok()) return again.status();
      return std::move(again->bytes);
    };
    return embedded;
  };
  return pdf;
}

// The engine's options with a call's settings over them.
StatusOr<EngineOptions> CallOptions(const EngineOptions& engine, const ProcessOptions& call, bool can_restore) {
  if (call.restore.value_or(false) && !can_restore) {
    return Status::InvalidArgument("restore: the engine was opened with restore off");
  }
  if (call.first_page < 1 || call.last_page < 0 || (call.last_page > 0 && call.last_page < call.first_page)) {
    return Status::InvalidArgument("pages: first_page must be >= 1 and last_page 0 or >= first_page");
  }
  EngineOptions options = engine;
  options.restore = call.restore.value_or(engine.restore);
  options.assumed_dpi = call.assumed_dpi.value_or(engine.assumed_dpi);
  options.text_layer = call.text_layer.value_or(engine.text_layer);
  options.max_page_pixels = call.max_page_pixels.value_or(engine.max_page_pixels);
  options.page_timeout_seconds = call.page_timeout_seconds.value_or(engine.page_timeout_seconds);
  if (options.assumed_dpi < 50 || options.assumed_dpi > 2400) return Status::InvalidArgument("dpi must be 50-2400");
  if (options.max_page_pixels <= 0 || options.page_timeout_seconds < 0) {
    return Status::InvalidArgument("max_page_pixels must be > 0 and page_timeout_seconds >= 0");
  }
  return options;
}

}  // namespace

struct Engine::Impl {
  EngineOptions options;
  std::unique_ptr<restore::Restorer> restorer;
  std::unique_ptr<extract::Extractor> extractor;
  std::unique_ptr<ocr::WorkerPool> workers;
  std::unique_ptr<ocr::HandDigitClassifier> hand_digits;  // null when the model is not installed

  StatusOr<OcrPage> RecognizePage(const image::PageImage& decoded, int index, const EngineOptions& options,
                                  ocr::WorkerPool::Lease& worker, const std::atomic<bool>* cancel) const {
    const image::PageImage clean = image::Preprocess(decoded);
    if (clean.blank) return BlankPage(decoded, clean, index);
    ocr::RecognizeOptions recognize;
    recognize.stamp_pixels = clean.with_colour_ink;  // red "Ký bởi" stamp text survives there
    recognize.timeout_ms = options.page_timeout_seconds * 1000;
    recognize.hand_digits = hand_digits.get();
    recognize.cancel = cancel;
    StatusOr<ocr::RecognizedPage> read = worker->RecognizePage(clean.pixels, clean.dpi, index + 1, recognize);
    if (!read.ok()) return read.status().WithPrefix("page " + std::to_string(index + 1) + ": ");
    OcrPage page = std::move(read->page);
    page.input = InputFrame(decoded, clean, read->rotation);
    page.stamps = std::move(read->stamps);
    if (!decoded.text_layer.empty()) {
      ocr::AdoptTextLayer(ocr::LayerInPageFrame(decoded.text_layer, decoded.pixels.size(), clean.pixels.size(),
                                                read->rotation),
                          &page);
    }
    // A text-layer page reads exactly as printed: there is nothing to restore.
    if (options.restore && !page.text_layer) restorer->RestorePage(&page, ToneStyle::kNew);
    return page;
  }
};

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

const EngineOptions& Engine::options() const { return impl_->options; }

StatusOr<std::unique_ptr<Engine>> Engine::Open(const EngineOptions& options) {
  image::QuietDecoderLogs();
  ocr::SetSingleThreadedOcr();
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->options.data_dir = ResolveDataDir(options.data_dir);

  if (options.restore) {
    StatusOr<std::unique_ptr<restore::Restorer>> restorer = restore::Restorer::Load(impl->options.data_dir);
    if (!restorer.ok()) return restorer.status();
    impl->restorer = std::move(restorer).value();
  }

  StatusOr<std::unique_ptr<extract::Extractor>> extractor = extract::Extractor::Load(impl->options.data_dir);
  if (!extractor.ok()) return extractor.status();
  impl->extractor = std::move(extractor).value();
  // Without the hand-digit model filled-in blanks keep Tesseract's reading, which the extractor
  // never gives as a field unless its digits-only re-reading is sure.
  const std::string hand_model = (fs::path(impl->options.data_dir) / "models" / "hand-digits.yml.gz").string();
  if (std::error_code ec; fs::exists(hand_model, ec)) {
    StatusOr<std::unique_ptr<ocr::HandDigitClassifier>> hand_digits = ocr::HandDigitClassifier::Load(hand_model);
    if (!hand_digits.ok()) return hand_digits.status();
    impl->hand_digits = std::move(hand_digits).value();
  }

  const int ocr_threads = options.ocr_threads > 0 ? options.ocr_threads
                                                 : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  impl->workers = std::make_unique<ocr::WorkerPool>(options.tessdata_dir, "vie", ocr_threads);
  if (options.load_ocr) {
    if (Status warm = impl->workers->Warm(); !warm.ok()) return warm;
  }
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

StatusOr<Document> Engine::ProcessFile(const std::string& path, const ProcessOptions& call,
                                       const PageHooks& hooks) const {
  return ProcessFiles({path}, call, hooks);
}

StatusOr<Document> Engine::ProcessFiles(const std::vector<std::string>& paths, const ProcessOptions& call,
                                        const PageHooks& hooks) const {
  StatusOr<EngineOptions> merged = CallOptions(impl_->options, call, impl_->restorer != nullptr);
  if (!merged.ok()) return merged.status();
  const EngineOptions& options = merged.value();
  StatusOr<std::unique_ptr<image::PageSource>> source = image::PageSource::OpenAll(paths, LoadOptionsFrom(options));
  if (!source.ok()) return source.status();
  const int count = (*source)->page_count();
  const int first = call.first_page - 1, last = call.last_page > 0 ? std::min(call.last_page, count) : count;
  if (count > 0 && first >= last) {
    return Status::InvalidArgument("first_page " + std::to_string(call.first_page) + ": the input has " +
                                   std::to_string(count) + " page(s)");
  }
  // Pages are decoded here in order (one PageSource is one thread's) and each is preprocessed and
  // recognised on a thread of its own holding a worker: a long volume uses every recogniser the
  // engine has, and at most `window` pages (and one decoded page waiting) are in flight.
  std::vector<StatusOr<OcrPage>> pages(count, Status::Internal("page not read"));
  std::vector<std::thread> readers;
  std::mutex hook_mutex;
  Status stopped = Status::Ok(), hook_failure = Status::Ok();
  // The caller's progress callback stops the pages in flight through this flag when the
  // batch's own does not do it.
  std::atomic<bool> progress_stop{false};
  const std::atomic<bool>* cancel = hooks.cancel != nullptr ? hooks.cancel : &progress_stop;
  int pages_done = 0;
  const size_t window = static_cast<size_t>(impl_->workers->capacity());
  size_t joined = 0;
  for (int i = first; i < last; ++i) {
    if (std::optional<OcrPage> saved = hooks.saved_page ? hooks.saved_page(i) : std::nullopt) {
      pages[i] = std::move(*saved);
      continue;
    }
    if (readers.size() - joined >= window) readers[joined++].join();
    // After the wait for a recogniser, which a stop may have ended: no page is started after it.
    if (cancel->load() || progress_stop.load()) {
      stopped = Status::Cancelled("stopped before page " + std::to_string(i + 1));
      break;
    }
    // Decoded before a recogniser is free, so that none waits for the rasteriser.
    StatusOr<image::PageImage> decoded = (*source)->LoadPage(i);
    if (!decoded.ok()) {
      pages[i] = decoded.status();
      continue;
    }
    StatusOr<ocr::WorkerPool::Lease> worker = impl_->workers->Acquire();
    if (!worker.ok()) {
      stopped = worker.status();
      break;
    }
    readers.emplace_back([&, i, worker = std::move(worker).value(), page = std::move(decoded).value()]() mutable {
      StatusOr<OcrPage> read = impl_->RecognizePage(page, i, options, worker, cancel);
      std::lock_guard<std::mutex> lock(hook_mutex);
      if (read.ok() && hooks.page_done) {
        if (Status kept = hooks.page_done(read.value(), count); !kept.ok()) hook_failure = kept;
      }
      if (call.progress && !call.progress(++pages_done, last - first)) progress_stop = true;
      pages[i] = std::move(read);
    });
  }
  while (joined < readers.size()) readers[joined++].join();
  if (!stopped.ok()) return stopped;
  if (!hook_failure.ok()) return hook_failure;
  if (progress_stop.load()) return Status::Cancelled("stopped by the progress callback");
  // A page stopped half read is not a failed page: it was not kept, and --resume reads it.
  for (const StatusOr<OcrPage>& page : pages) {
    if (!page.ok() && page.status().code() == Status::Code::kCancelled) return page.status();
  }

  Document document;
  document.source = call.source_name.empty() ? paths.front() : call.source_name;
  if (paths.size() > 1) document.source_files = paths;
  if (paths.size() == 1 && image::IsPdfFile(paths.front())) document.signatures = output::ReadSignatures(paths.front());
  Status last_failure;
  for (int i = first; i < last; ++i) {
    if (pages[i].ok()) {
      document.pages.push_back(std::move(pages[i]).value());
    } else {
      last_failure = pages[i].status();
      document.pages.push_back(FailedPage(i, pages[i].status()));
    }
    if (paths.size() > 1) document.pages.back().source_file = paths[(*source)->FileOf(i)];
  }
  const bool all_failed = !document.pages.empty() && std::all_of(document.pages.begin(), document.pages.end(),
                                                                 [](const OcrPage& page) { return !page.error.empty(); });
  if (all_failed) return last_failure;
  if (impl_->restorer) restore::MendRecurringCodes(&document.pages);
  document.text = JoinPages(document.pages);
  impl_->extractor->Extract(&document);
  for (const OcrPage& page : document.pages) {
    if (!page.error.empty()) {
      document.review.push_back(ReviewItem{"text", review_reason::kPageFailed, page.number, std::nullopt, {}, {}});
    }
  }
  return document;
}

Status Engine::Render(const Document& document, std::string_view format, const RenderOptions& options,
                      const std::function<Status(std::string_view bytes)>& sink) const {
  if (!output::IsSupportedFormat(format)) {
    return Status::InvalidArgument("unknown format \"" + std::string(format) + "\" (txt, json, hocr, alto, pdf)");
  }
  const std::vector<std::string> inputs = !options.input_path.empty()        ? std::vector{options.input_path}
                                          : !document.source_files.empty() ? document.source_files
                                                                           : std::vector{document.source};
  output::PdfSource pdf;
  if (format == "pdf") pdf = PdfSourceOf(inputs, document, impl_->options, options);
  return output::Render(document, format, pdf, sink);
}

StatusOr<std::string> Engine::Render(const Document& document, std::string_view format,
                                     const RenderOptions& options) const {
  std::string bytes;
  Status rendered = Render(document, format, options, [&bytes](std::string_view piece) {
    bytes += piece;
    return Status::Ok();
  });
  if (!rendered.ok()) return rendered;
  return bytes;
}

StatusOr<ScanBytes> ScanBytes::Hold(std::string_view bytes) {
  const char* tmpdir = std::getenv("TMPDIR");
  std::string path = std::string(tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp") + "/vanban-scan-XXXXXX";
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return Status::IoError(path + ": " + std::strerror(errno));
  ScanBytes held(path);  // removes the file on every path out
  for (size_t written = 0; written < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      return (error == ENOSPC ? Status::NoSpace : Status::IoError)(path + ": " + std::strerror(error));
    }
    written += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) return Status::IoError(path + ": " + std::strerror(errno));
  return held;
}

ScanBytes::ScanBytes(ScanBytes&& other) noexcept : path_(std::exchange(other.path_, {})) {}

ScanBytes& ScanBytes::operator=(ScanBytes&& other) noexcept {
  if (this != &other) {
    if (!path_.empty()) ::unlink(path_.c_str());
    path_ = std::exchange(other.path_, {});
  }
  return *this;
}

ScanBytes::~ScanBytes() {
  if (!path_.empty()) ::unlink(path_.c_str());
}

StatusOr<std::string> Engine::Restore(std::string_view text, const RestoreOptions& options) const {
  if (!impl_->restorer) return Status::InvalidArgument("the engine was opened with restore off");
  return impl_->restorer->RestoreText(text::ToNfc(text), options);
}

Document Engine::Extract(std::string_view text) const {
  Document document;
  document.text = text::ToNfc(text);
  impl_->extractor->Extract(&document);
  return document;
}

const char* Version() { return VANBAN_VERSION_STRING; }

}  // namespace vanban
