#include "vanban/engine.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "pipeline/engine/load_options.h"
#include "pipeline/extract/extractor.h"
#include "pipeline/image/page_source.h"
#include "pipeline/image/preprocess.h"
#include "pipeline/ocr/text_layer.h"
#include "pipeline/ocr/worker_pool.h"
#include "pipeline/restore/restorer.h"
#include "pipeline/text/unicode.h"
#include "vanban/version.h"


namespace vanban {
namespace {

namespace fs = std::filesystem;

// share/vanban beside the lib/ folder libvanban.so was loaded from: a relocated install
// (cmake --install --prefix anywhere) still finds its models.
std::string DataDirBesideLibrary() {
  Dl_info info;
  if (dladdr(reinterpret_cast<void*>(&Version), &info) == 0 || info.dli_fname == nullptr) return {};
  fs::path dir = fs::absolute(info.dli_fname).parent_path();
  for (int up = 0; up < 3 && !dir.empty(); ++up, dir = dir.parent_path()) {
    std::error_code ec;
    if (fs::is_directory(dir / "share" / "vanban" / "models", ec)) return (dir / "share" / "vanban").string();
  }
  return {};
}

// The first of: the option, $VANBAN_DATA_DIR, share/vanban beside the library (an install),
// the source tree (a development build), the configured install folder.
std::string ResolveDataDir(const std::string& configured) {
  if (!configured.empty()) return configured;
  if (const char* env = std::getenv("VANBAN_DATA_DIR"); env != nullptr && *env != '\0') return env;
  if (std::string beside = DataDirBesideLibrary(); !beside.empty()) return beside;
  std::error_code ec;
  if (fs::is_directory(fs::path(VANBAN_SOURCE_DATA_DIR) / "models", ec)) return VANBAN_SOURCE_DATA_DIR;
  return VANBAN_INSTALL_DATA_DIR;
}

std::string JoinPages(const std::vector<OcrPage>& pages) {
  std::string text;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (i > 0) text += '\f';
    text += pages[i].Text();
  }
  return text;
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

}  // namespace

struct Engine::Impl {
  EngineOptions options;
  std::unique_ptr<restore::Restorer> restorer;
  std::unique_ptr<extract::Extractor> extractor;
  std::unique_ptr<ocr::WorkerPool> workers;

  StatusOr<OcrPage> RecognizePage(image::PageSource& source, int index, ocr::WorkerPool::Lease& worker) const {
    StatusOr<image::PageImage> decoded = source.LoadPage(index);
    if (!decoded.ok()) return decoded.status();
    const image::PageImage clean = image::Preprocess(decoded.value());
    ocr::RecognizeOptions recognize;
    recognize.stamp_pixels = clean.with_colour_ink;  // red "Ký bởi" stamp text survives there
    recognize.timeout_ms = options.page_timeout_seconds * 1000;
    StatusOr<ocr::RecognizedPage> read = worker->RecognizePage(clean.pixels, clean.dpi, index + 1, recognize);
    if (!read.ok()) return read.status().WithPrefix("page " + std::to_string(index + 1) + ": ");
    OcrPage page = std::move(read->page);
    page.stamps = std::move(read->stamps);
    if (!decoded->text_layer.empty()) {
      ocr::AdoptTextLayer(ocr::LayerInPageFrame(decoded->text_layer, decoded->pixels.size(), clean.pixels.size(),
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

  impl->workers = std::make_unique<ocr::WorkerPool>(options.tessdata_dir, "vie");
  if (options.load_ocr) {
    if (Status warm = impl->workers->Warm(); !warm.ok()) return warm;
  }
  return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

StatusOr<Document> Engine::ProcessFile(const std::string& path) const { return ProcessFile(path, PageHooks{}); }

StatusOr<Document> Engine::ProcessFile(const std::string& path, const PageHooks& hooks) const {
  StatusOr<std::unique_ptr<image::PageSource>> source = image::PageSource::Open(path, LoadOptionsFrom(impl_->options));
  if (!source.ok()) return source.status();
  StatusOr<ocr::WorkerPool::Lease> worker = impl_->workers->Acquire();
  if (!worker.ok()) return worker.status();

  Document document;
  document.source = path;
  Status last_failure;
  for (int i = 0; i < (*source)->page_count(); ++i) {
    if (hooks.cancel && hooks.cancel->load()) return Status::Cancelled("stopped before page " + std::to_string(i + 1));
    std::optional<OcrPage> saved = hooks.saved_page ? hooks.saved_page(i) : std::nullopt;
    if (saved) {
      document.pages.push_back(std::move(*saved));
      continue;
    }
    StatusOr<OcrPage> page = impl_->RecognizePage(**source, i, worker.value());
    if (!page.ok()) {
      last_failure = page.status();
      document.pages.push_back(FailedPage(i, page.status()));
      continue;
    }
    if (hooks.page_done) {
      if (Status kept = hooks.page_done(page.value(), (*source)->page_count()); !kept.ok()) return kept;
    }
    document.pages.push_back(std::move(page).value());
  }
  const bool all_failed = std::all_of(document.pages.begin(), document.pages.end(),
                                      [](const OcrPage& page) { return !page.error.empty(); });
  if (all_failed) return last_failure;
  document.text = JoinPages(document.pages);
  impl_->extractor->Extract(&document);
  for (const OcrPage& page : document.pages) {
    if (!page.error.empty()) document.review.push_back("page " + std::to_string(page.number));
  }
  return document;
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
