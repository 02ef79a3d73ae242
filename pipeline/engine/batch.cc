#include "vanban/batch.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "pipeline/engine/load_options.h"
#include "pipeline/image/page_source.h"
#include "pipeline/output/atomic_file.h"
#include "pipeline/output/renderers.h"

namespace vanban {
namespace {

// JPEG quality of the searchable PDF's page images (the value the PDF renderer has used since
// it was written; the text layer, not the image, carries the words).
constexpr int kPdfJpegQuality = 80;

namespace fs = std::filesystem;

bool HasDocumentExtension(const fs::path& path) {
  static const char* const kExtensions[] = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp",
                                            ".webp", ".pnm", ".pbm", ".pgm", ".ppm", ".jp2", ".gif"};
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return std::any_of(std::begin(kExtensions), std::end(kExtensions), [&](const char* e) { return ext == e; });
}

void AddFolder(const fs::path& folder, const fs::path& out, std::vector<BatchItem>* items) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file(ec) && HasDocumentExtension(it->path())) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  // Lexically: fs::relative resolves symbolic links, so a linked scan's outputs would land
  // beside its target, outside the output folder.
  for (const fs::path& file : files) {
    items->push_back({file.string(), (out / file.lexically_relative(folder).replace_extension("")).string()});
  }
}

// FNV-1a: stable across machines and runs, unlike std::hash.
int ShardOf(const std::string& relative_path, int shard_count) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : relative_path) h = (h ^ c) * 1099511628211ull;
  return static_cast<int>(h % static_cast<uint64_t>(shard_count));
}

using Clock = std::chrono::steady_clock;

// Progress and error reporting shared by the worker threads.
class Reporter {
 public:
  Reporter(ProgressMode mode, size_t total, std::string error_log)
      : total_(total), start_(Clock::now()), error_log_(std::move(error_log)) {
    if (mode == ProgressMode::kAuto) mode = isatty(STDERR_FILENO) ? ProgressMode::kBar : ProgressMode::kPlain;
    mode_ = mode;
  }

  void Failed(const std::string& input, const std::string& reason) {
    std::lock_guard<std::mutex> lock(mutex_);
    ClearBar();
    std::fprintf(stderr, "vanban: %s: %s\n", input.c_str(), reason.c_str());
    LogError(input, reason);
    ++finished_;
    DrawBar();
  }

  void Finished(const std::string& input, int pages, const char* what) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++finished_;
    pages_ += pages;
    if (mode_ == ProgressMode::kPlain) {
      std::fprintf(stderr, "[%zu/%zu] %s %s (%d pages)\n", finished_, total_, what, input.c_str(), pages);
    }
    DrawBar();
  }

  void Done() {
    std::lock_guard<std::mutex> lock(mutex_);
    ClearBar();
  }

 private:
  // One JSON object per line, appended: a resumed batch keeps the earlier run's reports.
  void LogError(const std::string& input, const std::string& reason) {
    nlohmann::json line = {{"file", input}, {"page", nullptr}, {"reason", reason}};
    int page = 0;
    if (std::sscanf(reason.c_str(), "page %d:", &page) == 1) line["page"] = page;
    if (FILE* f = std::fopen(error_log_.c_str(), "a")) {
      std::fprintf(f, "%s\n", line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
      std::fclose(f);
    }
  }

  void ClearBar() {
    if (mode_ == ProgressMode::kBar && bar_drawn_) std::fprintf(stderr, "\r\033[K");
  }

  void DrawBar() {
    if (mode_ != ProgressMode::kBar) return;
    const double minutes = std::chrono::duration<double>(Clock::now() - start_).count() / 60;
    const double per_minute = minutes > 0 ? pages_ / minutes : 0;
    const double eta = finished_ > 0 ? minutes * (total_ - finished_) / finished_ : 0;
    const int width = 30;
    const int filled = total_ ? static_cast<int>(width * finished_ / total_) : width;
    std::fprintf(stderr, "\r\033[K[%s%s] %zu/%zu docs, %.1f pages/min, ETA %.1f min",
                 std::string(filled, '#').c_str(), std::string(width - filled, '.').c_str(), finished_, total_,
                 per_minute, eta);
    std::fflush(stderr);
    bar_drawn_ = true;
  }

  ProgressMode mode_;
  const size_t total_;
  const Clock::time_point start_;
  const std::string error_log_;
  std::mutex mutex_;
  size_t finished_ = 0;
  int pages_ = 0;
  bool bar_drawn_ = false;
};

bool OutputsComplete(const BatchItem& item, const std::vector<std::string>& formats) {
  std::error_code ec;
  return std::all_of(formats.begin(), formats.end(), [&](const std::string& f) {
    return fs::is_regular_file(item.output_stem + output::FormatSuffix(f), ec);
  });
}

// The scan's pages for the searchable PDF, decoded again one at a time (memory stays bounded)
// and scaled to the coordinates OCR reported its boxes in. The input is opened on the first
// page asked for and kept open for the others.
output::PageImageSource ScanImages(const std::string& path, const Document& document, const EngineOptions& engine) {
  auto source = std::make_shared<std::unique_ptr<image::PageSource>>();
  return [&path, &document, &engine, source](int index) -> StatusOr<output::EncodedImage> {
    if (!*source) {
      StatusOr<std::unique_ptr<image::PageSource>> opened = image::PageSource::Open(path, LoadOptionsFrom(engine));
      if (!opened.ok()) return opened.status();
      *source = std::move(opened).value();
    }
    StatusOr<image::PageImage> page = (*source)->LoadPage(index);
    if (!page.ok()) return page.status();
    const OcrPage& ocr = document.pages[index];
    cv::Mat pixels = page->pixels;
    if (pixels.cols != ocr.width || pixels.rows != ocr.height) {
      cv::resize(pixels, pixels, cv::Size(ocr.width, ocr.height), 0, 0, cv::INTER_AREA);
    }
    StatusOr<std::string> jpeg = image::EncodeJpeg(pixels, kPdfJpegQuality);
    if (!jpeg.ok()) return jpeg.status().WithPrefix("page " + std::to_string(index + 1) + ": ");
    return output::EncodedImage{std::move(jpeg).value(), pixels.cols, pixels.rows, pixels.channels() == 1};
  };
}

// The last format in SupportedFormats order is written last, so a kill mid-document leaves it
// absent and --resume redoes the document.
Status WriteOutputs(const Document& document, const BatchItem& item, const std::vector<std::string>& formats,
                    const EngineOptions& engine) {
  for (const std::string& format : output::SupportedFormats()) {
    if (std::find(formats.begin(), formats.end(), format) == formats.end()) continue;
    StatusOr<std::unique_ptr<output::AtomicFile>> file =
        output::AtomicFile::Create(item.output_stem + output::FormatSuffix(format));
    if (!file.ok()) return file.status();
    const auto append = [&file](std::string_view bytes) { return (*file)->Append(bytes); };
    if (Status s = output::Render(document, format, ScanImages(item.input, document, engine), append); !s.ok()) return s;
    if (Status s = (*file)->Commit(); !s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace

Status ValidateBatchOptions(const BatchOptions& options) {
  if (options.formats.empty()) return Status::InvalidArgument("no output format given");
  for (const std::string& format : options.formats) {
    if (!output::IsSupportedFormat(format)) {
      return Status::InvalidArgument("unknown format '" + format + "' (supported: txt, json, hocr, alto, pdf)");
    }
  }
  if (options.jobs < 0) return Status::InvalidArgument("jobs must be 0 (all cores) or more");
  if (options.shard_count < 1 || options.shard_index < 0 || options.shard_index >= options.shard_count) {
    return Status::InvalidArgument("shard must be K/N with 1 <= K <= N");
  }
  return Status::Ok();
}

std::vector<BatchItem> ListBatchItems(const BatchOptions& options,
                                      const std::function<void(const std::string&, const std::string&)>& error) {
  std::vector<BatchItem> items;
  const fs::path out(options.output_dir);
  for (const std::string& input : options.inputs) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      AddFolder(input, out, &items);
    } else if (fs::exists(input, ec)) {
      items.push_back({input, (out / fs::path(input).filename().replace_extension("")).string()});
    } else {
      error(input, "no such file or folder");
    }
  }
  if (options.shard_count > 1) {
    std::erase_if(items, [&](const BatchItem& item) {
      return ShardOf(fs::path(item.output_stem).lexically_relative(out).string(), options.shard_count) !=
             options.shard_index;
    });
  }
  return items;
}

BatchSummary RunBatch(const Engine& engine, const BatchOptions& options) {
  const auto start = Clock::now();
  BatchSummary summary;
  std::mutex summary_mutex;
  std::vector<std::pair<std::string, std::string>> missing;
  std::vector<BatchItem> items = ListBatchItems(
      options, [&](const std::string& input, const std::string& reason) { missing.emplace_back(input, reason); });
  std::error_code ec;
  fs::create_directories(options.output_dir, ec);
  Reporter reporter(options.progress, items.size() + missing.size(),
                    (fs::path(options.output_dir) / "vanban-errors.jsonl").string());
  for (const auto& [input, reason] : missing) reporter.Failed(input, reason);
  summary.failed = static_cast<int>(missing.size());
  std::atomic<size_t> next{0};

  auto work = [&] {
    for (size_t i = next++; i < items.size(); i = next++) {
      if (options.cancel && options.cancel->load()) return;
      const BatchItem& item = items[i];
      if (options.resume && OutputsComplete(item, options.formats)) {
        reporter.Finished(item.input, 0, "skipped");
        std::lock_guard<std::mutex> lock(summary_mutex);
        ++summary.skipped;
        continue;
      }
      StatusOr<Document> document = engine.ProcessFile(item.input);
      Status status = document.ok() ? WriteOutputs(document.value(), item, options.formats, engine.options())
                                    : document.status();
      std::lock_guard<std::mutex> lock(summary_mutex);
      if (status.ok()) {
        ++summary.done;
        summary.pages += static_cast<int>(document->pages.size());
        reporter.Finished(item.input, static_cast<int>(document->pages.size()), "done");
      } else {
        ++summary.failed;
        reporter.Failed(item.input, status.message());
      }
    }
  };

  int jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  jobs = std::min<int>(jobs, static_cast<int>(std::max<size_t>(1, items.size())));
  std::vector<std::thread> threads;
  for (int t = 1; t < jobs; ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  reporter.Done();

  summary.cancelled = options.cancel && options.cancel->load();
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return summary;
}

}  // namespace vanban
