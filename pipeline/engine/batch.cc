#include "vanban/batch.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "pipeline/engine/load_options.h"
#include "pipeline/engine/page_checkpoint.h"
#include "pipeline/image/page_source.h"
#include "pipeline/output/atomic_file.h"
#include "pipeline/output/renderers.h"

namespace vanban {
namespace {

constexpr const char* kErrorLogName = "vanban-errors.jsonl";
constexpr const char* kWorkFolderName = ".vanban-work";

namespace fs = std::filesystem;

bool HasDocumentExtension(const fs::path& path) {
  static const char* const kExtensions[] = {".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp",
                                            ".webp", ".pnm", ".pbm", ".pgm", ".ppm", ".jp2", ".gif"};
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return std::any_of(std::begin(kExtensions), std::end(kExtensions), [&](const char* e) { return ext == e; });
}

// Why stat() of `path` failed, in the words a user looks for.
std::string StatFailure(const fs::path& path, int error) {
  struct stat link;
  if (error == ENOENT && ::lstat(path.c_str(), &link) == 0) return "dangling symbolic link";
  if (error == ENOENT) return "no such file or folder";
  if (error == ELOOP) return "symbolic link loop";
  if (error == EACCES) return "permission denied";
  return std::strerror(error);
}

std::string FileTypeName(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  return "not a regular file";
}

struct FileId {
  dev_t device;
  ino_t inode;
  bool operator==(const FileId&) const = default;
};

std::optional<FileId> IdOf(const fs::path& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return FileId{st.st_dev, st.st_ino};
}

// Absolute, without "." and ".." and without a trailing separator; lexical, so a linked scan's
// outputs mirror the link's place, never its target's (which may lie outside every input).
fs::path Normal(const fs::path& path) {
  fs::path normal = fs::absolute(path).lexically_normal();
  if (!normal.has_filename() && normal.has_relative_path()) normal = normal.parent_path();
  return normal;
}

fs::path CommonFolder(const fs::path& a, const fs::path& b) {
  fs::path common;
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end() && *i == *j; ++i, ++j) common /= *i;
  return common;
}

// A document found: the path as the user named it (for messages and `source`) and normalised
// (for its output name).
struct Found {
  std::string input;
  fs::path normal;
  std::vector<std::string> later_pages;  // join_pages: the files of the pages after its own
};

class Lister {
 public:
  Lister(const BatchOptions& options, BatchListing* listing)
      : output_dir_(IdOf(options.output_dir)), listing_(listing) {}

  void Add(const std::string& input) {
    struct stat st;
    if (::stat(input.c_str(), &st) != 0) return Unreadable(input, StatFailure(input, errno));
    if (S_ISDIR(st.st_mode)) {
      if (IsOutputDir(input)) return Unreadable(input, "is the output folder");
      bases_.push_back(Normal(input));
      return Walk(input);
    }
    if (!S_ISREG(st.st_mode)) return Unreadable(input, FileTypeName(st.st_mode));
    if (::access(input.c_str(), R_OK) != 0) return Unreadable(input, StatFailure(input, errno));
    bases_.push_back(Normal(input).parent_path());
    found_.push_back({input, Normal(input), {}});
  }

  // The deepest folder holding every input.
  fs::path Root() const {
    if (bases_.empty()) return {};
    fs::path root = bases_.front();
    for (const fs::path& base : bases_) root = CommonFolder(root, base);
    return root;
  }

  const std::vector<Found>& found() const { return found_; }

 private:
  void Walk(const fs::path& folder) {
    std::error_code ec;
    std::vector<fs::path> entries;
    for (fs::directory_iterator it(folder, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
      entries.push_back(it->path());
    }
    if (ec) return Unreadable(folder.string(), "cannot list the folder: " + ec.message());
    std::sort(entries.begin(), entries.end());
    for (const fs::path& entry : entries) Visit(entry);
  }

  void Visit(const fs::path& entry) {
    struct stat st;
    if (::stat(entry.c_str(), &st) != 0) {
      const std::string reason = StatFailure(entry, errno);
      return HasDocumentExtension(entry) ? Unreadable(entry.string(), reason) : NotInput(entry, reason);
    }
    if (S_ISDIR(st.st_mode)) {
      if (IsOutputDir(entry)) return NotInput(entry, "the output folder");
      struct stat link;
      if (::lstat(entry.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) return NotInput(entry, "link to a folder, not followed");
      return Walk(entry);
    }
    if (!S_ISREG(st.st_mode)) return NotInput(entry, FileTypeName(st.st_mode));
    if (!HasDocumentExtension(entry)) return NotInput(entry, "not an image or PDF name");
    if (::access(entry.c_str(), R_OK) != 0) return Unreadable(entry.string(), StatFailure(entry, errno));
    found_.push_back({entry.string(), Normal(entry), {}});
  }

  bool IsOutputDir(const fs::path& folder) const { return output_dir_ && IdOf(folder) == output_dir_; }
  void Unreadable(const std::string& path, const std::string& reason) { listing_->unreadable.push_back({path, reason}); }
  void NotInput(const fs::path& path, const std::string& reason) { listing_->not_inputs.push_back({path.string(), reason}); }

  const std::optional<FileId> output_dir_;
  BatchListing* listing_;
  std::vector<fs::path> bases_;
  std::vector<Found> found_;
};

// Output names relative to the root: the path without its extension, or with it where
// documents of one folder would otherwise share a name (x.png and x.jpg; x.png and x.png.pdf).
std::vector<std::string> OutputNames(const std::vector<Found>& found, const fs::path& root) {
  std::vector<std::string> names, full;
  for (const Found& f : found) {
    const fs::path relative = f.normal.lexically_relative(root);
    full.push_back(relative.string());
    names.push_back(fs::path(relative).replace_extension("").string());
  }
  // Full relative paths are unique, so each round settles at least one clash for good.
  for (bool clash = true; clash;) {
    clash = false;
    std::map<std::string, std::vector<size_t>> holders;
    for (size_t i = 0; i < names.size(); ++i) holders[names[i]].push_back(i);
    for (const auto& [name, indices] : holders) {
      if (indices.size() < 2) continue;
      for (size_t i : indices) {
        clash |= names[i] != full[i];
        names[i] = full[i];
      }
    }
  }
  return names;
}

// Where a page file's name (4_2.jpg, scan-002.tif) puts it: its document's name with the
// separator ("4_", "scan-") and extension, and its page number; nothing for a PDF or a name
// without a number at its end.
struct PageFileName {
  std::string document;
  int page = 0;
};

std::optional<PageFileName> PageFileNameOf(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext == ".pdf") return std::nullopt;
  const std::string stem = path.stem().string();
  size_t digits = stem.size();
  while (digits > 0 && std::isdigit(static_cast<unsigned char>(stem[digits - 1]))) --digits;
  if (digits == stem.size() || stem.size() - digits > 4) return std::nullopt;
  return PageFileName{(path.parent_path() / stem.substr(0, digits)).string() + "\n" + ext, std::stoi(stem.substr(digits))};
}

// join_pages: the page files of one document leave `found` for their first page's later_pages,
// in page order.
void JoinPageFiles(std::vector<Found>* found) {
  std::map<std::string, std::map<int, size_t>> documents;  // document name → page → index in found
  for (size_t i = 0; i < found->size(); ++i) {
    if (std::optional<PageFileName> name = PageFileNameOf((*found)[i].normal)) documents[name->document][name->page] = i;
  }
  std::vector<bool> joined(found->size(), false);
  for (const auto& [document, pages] : documents) {
    auto first = pages.begin();
    if (first->first > 1 || pages.size() < 2) continue;
    int expected = first->first + 1;
    for (auto page = std::next(first); page != pages.end() && page->first == expected; ++page, ++expected) {
      (*found)[first->second].later_pages.push_back((*found)[page->second].input);
      joined[page->second] = true;
    }
  }
  std::vector<Found> kept;
  for (size_t i = 0; i < found->size(); ++i) {
    if (!joined[i]) kept.push_back(std::move((*found)[i]));
  }
  *found = std::move(kept);
}

// FNV-1a: stable across machines and runs, unlike std::hash.
int ShardOf(const std::string& relative_path, int shard_count) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : relative_path) h = (h ^ c) * 1099511628211ull;
  return static_cast<int>(h % static_cast<uint64_t>(shard_count));
}

using Clock = std::chrono::steady_clock;

// Progress and error reporting shared by the worker threads. Errors go to stderr at once and
// are appended to the error list (a killed run keeps them); Settle then rewrites the list.
class Reporter {
 public:
  Reporter(ProgressMode mode, size_t total, std::string error_log)
      : total_(total), start_(Clock::now()), error_log_(std::move(error_log)) {
    if (mode == ProgressMode::kAuto) mode = isatty(STDERR_FILENO) ? ProgressMode::kBar : ProgressMode::kPlain;
    mode_ = mode;
  }

  // A document that failed as a whole (the reason may name the page that failed it) or, with
  // `page`, one of its pages.
  void Failed(const std::string& input, const std::string& reason, int page = 0) {
    std::lock_guard<std::mutex> lock(mutex_);
    ClearBar();
    const std::string where = page > 0 ? "page " + std::to_string(page) + ": " : "";
    std::fprintf(stderr, "vanban: %s: %s%s\n", input.c_str(), where.c_str(), reason.c_str());
    if (page == 0) {
      Counted(input);
      std::sscanf(reason.c_str(), "page %d:", &page);
    }
    LogError(input, where + reason, page);
    DrawBar();
  }

  // A document written all the same, with something its reader must know.
  void Warn(const std::string& input, const std::string& warning) {
    std::lock_guard<std::mutex> lock(mutex_);
    ClearBar();
    std::fprintf(stderr, "vanban: %s: warning: %s\n", input.c_str(), warning.c_str());
    DrawBar();
  }

  void NotInput(const BatchEntry& entry) {
    if (mode_ != ProgressMode::kPlain) return;
    std::lock_guard<std::mutex> lock(mutex_);
    std::fprintf(stderr, "[passed over] %s: %s\n", entry.path.c_str(), entry.reason.c_str());
  }

  void PageRead(const std::string& input, int page, int page_count) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++pages_;
    ++pages_read_;
    if (mode_ == ProgressMode::kPlain) std::fprintf(stderr, "[page %d/%d] %s\n", page, page_count, input.c_str());
    DrawBar();
  }

  // `files`: how many files the document was read from (join_pages), named by its first.
  void Finished(const std::string& input, const char* what, int pages = 0, int kept = 0, size_t files = 1) {
    std::lock_guard<std::mutex> lock(mutex_);
    Counted(input);
    if (mode_ == ProgressMode::kPlain) {
      std::string notes;
      if (files > 1) notes += ", from " + std::to_string(files) + " files";
      if (kept > 0) notes += ", " + std::to_string(kept) + " kept from an earlier run";
      std::fprintf(stderr, "[%zu/%zu] %s %s (%d pages%s)\n", finished_, total_, what, input.c_str(), pages,
                   notes.c_str());
    }
    DrawBar();
  }

  // Returns the pages recognised in this run.
  int Done() {
    std::lock_guard<std::mutex> lock(mutex_);
    ClearBar();
    return pages_read_;
  }

  // Rewrites the error list atomically: the lines of inputs this run settled (done or failed)
  // are replaced by this run's, every other line (a shard's, a document resume skipped) stays.
  // Shards sharing the output folder take turns through a lock on the folder.
  void Settle(const std::string& output_dir) {
    std::lock_guard<std::mutex> lock(mutex_);
    const int folder = ::open(output_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder >= 0) ::flock(folder, LOCK_EX);
    std::string kept;
    std::ifstream in(error_log_);
    for (std::string line; std::getline(in, line);) {
      const nlohmann::json parsed = nlohmann::json::parse(line, nullptr, false);
      if (!parsed.is_object() || !parsed.contains("file") || !parsed["file"].is_string()) continue;
      if (settled_.count(parsed["file"].get<std::string>()) == 0) kept += line + "\n";
    }
    in.close();
    for (const std::string& line : errors_) kept += line + "\n";
    std::error_code ec;
    if (kept.empty()) {
      fs::remove(error_log_, ec);
    } else {
      output::WriteFileAtomically(error_log_, kept);  // on failure the appended list stands
    }
    if (folder >= 0) ::close(folder);  // releases the lock
  }

 private:
  void Counted(const std::string& input) {
    ++finished_;
    settled_.insert(input);
  }

  void LogError(const std::string& input, const std::string& reason, int page) {
    const nlohmann::json line = {{"file", input}, {"page", page > 0 ? nlohmann::json(page) : nullptr}, {"reason", reason}};
    errors_.push_back(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    settled_.insert(input);
    if (FILE* f = std::fopen(error_log_.c_str(), "a")) {
      std::fprintf(f, "%s\n", errors_.back().c_str());
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
    std::fprintf(stderr, "\r\033[K[%s%s] %zu/%zu docs, %d pages, %.1f pages/min, ETA %.1f min",
                 std::string(filled, '#').c_str(), std::string(width - filled, '.').c_str(), finished_, total_,
                 pages_, per_minute, eta);
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
  int pages_read_ = 0;
  bool bar_drawn_ = false;
  std::vector<std::string> errors_;
  std::set<std::string> settled_;
};

bool OutputsComplete(const BatchItem& item, const std::vector<std::string>& formats) {
  std::error_code ec;
  return std::all_of(formats.begin(), formats.end(), [&](const std::string& f) {
    return fs::is_regular_file(item.output_stem + output::FormatSuffix(f), ec);
  });
}

// The last format in SupportedFormats order is written last, so a kill mid-document leaves it
// absent and --resume redoes the document.
Status WriteOutputs(const Engine& engine, const Document& document, const BatchItem& item,
                    const BatchOptions& options, std::vector<std::string>* warnings) {
  const std::vector<std::string>& formats = options.formats;
  // A joined document's pages come from all its files (Document::source_files).
  const RenderOptions render{item.later_pages.empty() ? item.input : std::string(), options.pdfa, warnings};
  for (const std::string& format : output::SupportedFormats()) {
    if (std::find(formats.begin(), formats.end(), format) == formats.end()) continue;
    StatusOr<std::unique_ptr<output::AtomicFile>> file =
        output::AtomicFile::Create(item.output_stem + output::FormatSuffix(format));
    if (!file.ok()) return file.status();
    const auto append = [&file](std::string_view bytes) { return (*file)->Append(bytes); };
    if (Status s = engine.Render(document, format, render, append); !s.ok()) return s;
    if (Status s = (*file)->Commit(); !s.ok()) return s;
  }
  return Status::Ok();
}

// What a signed input's searchable PDF lacks, for one warning line; empty when nothing is lost.
std::string SignatureWarning(const Document& document, const std::vector<std::string>& formats) {
  if (document.signatures.empty() || std::find(formats.begin(), formats.end(), "pdf") == formats.end()) return {};
  std::string signers;
  for (const DigitalSignature& s : document.signatures) {
    signers += (signers.empty() ? "" : "; ") + (s.signer.empty() ? s.field : s.signer);
  }
  return "the searchable PDF does not carry the input's " + std::to_string(document.signatures.size()) +
         " digital signature(s) (" + signers + "); the input stays the signed record";
}

// OUTDIR/.vanban-work/<output name>: the document's kept pages.
std::string WorkFolderOf(const BatchItem& item, const fs::path& output_dir) {
  return (output_dir / kWorkFolderName / fs::path(item.output_stem).lexically_relative(output_dir)).string();
}

// Work folders of finished documents leave their parents behind; removed once no thread
// writes there any more.
void RemoveEmptyFolders(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec) || fs::is_symlink(folder, ec)) return;
  for (fs::directory_iterator it(folder, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    RemoveEmptyFolders(it->path());
  }
  fs::remove(folder, ec);  // fails, as it should, when not empty
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

Status PrepareOutputDir(const BatchOptions& options) {
  if (options.output_dir.empty()) return Status::InvalidArgument("no output folder given");
  std::error_code ec;
  fs::create_directories(options.output_dir, ec);
  if (!fs::is_directory(options.output_dir)) {
    return Status::InvalidArgument("cannot use as output folder: " + (ec ? ec.message() : "not a folder"));
  }
  const std::optional<FileId> output_dir = IdOf(options.output_dir);
  for (const std::string& input : options.inputs) {
    if (fs::is_directory(input, ec) && IdOf(input) == output_dir) {
      return Status::InvalidArgument("the output folder is the input folder " + input +
                                     ": its outputs would be read as inputs; choose another -o");
    }
  }
  const std::string probe =
      (fs::path(options.output_dir) / (".vanban-write-test." + std::to_string(getpid()))).string();
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::InvalidArgument(std::string("cannot write into the output folder: ") + std::strerror(errno));
  ::close(fd);
  ::unlink(probe.c_str());
  return Status::Ok();
}

BatchListing ListBatchItems(const BatchOptions& options) {
  BatchListing listing;
  Lister lister(options, &listing);
  for (const std::string& input : options.inputs) lister.Add(input);
  std::vector<Found> found = lister.found();
  // The same document named twice (a folder and a file in it) is one document.
  std::set<fs::path> seen;
  std::erase_if(found, [&seen](const Found& f) { return !seen.insert(f.normal).second; });
  if (options.join_pages) JoinPageFiles(&found);
  const fs::path out(options.output_dir);
  const std::vector<std::string> names = OutputNames(found, lister.Root());
  for (size_t i = 0; i < found.size(); ++i) {
    if (options.shard_count > 1 && ShardOf(names[i], options.shard_count) != options.shard_index) continue;
    listing.items.push_back({found[i].input, (out / names[i]).string(), std::move(found[i].later_pages)});
  }
  return listing;
}

BatchSummary RunBatch(const Engine& engine, const BatchOptions& options) {
  const auto start = Clock::now();
  BatchSummary summary;
  if (Status ready = PrepareOutputDir(options); !ready.ok()) {
    summary.status = ready;
    return summary;
  }
  const fs::path out(options.output_dir);
  if (options.resume) output::RemoveStaleTempFiles(options.output_dir);
  const BatchListing listing = ListBatchItems(options);
  summary.not_inputs = listing.not_inputs;
  Reporter reporter(options.progress, listing.items.size() + listing.unreadable.size(),
                    (out / kErrorLogName).string());
  for (const BatchEntry& entry : listing.not_inputs) reporter.NotInput(entry);
  for (const BatchEntry& entry : listing.unreadable) reporter.Failed(entry.path, entry.reason);
  summary.failed = static_cast<int>(listing.unreadable.size());
  std::mutex summary_mutex;
  std::atomic<bool> disk_full{false};
  std::atomic<size_t> next{0};
  const auto stopping = [&] { return disk_full.load() || (options.cancel && options.cancel->load()); };

  auto work = [&] {
    for (size_t i = next++; i < listing.items.size() && !stopping(); i = next++) {
      const BatchItem& item = listing.items[i];
      if (options.resume && OutputsComplete(item, options.formats)) {
        reporter.Finished(item.input, "skipped");
        std::lock_guard<std::mutex> lock(summary_mutex);
        ++summary.skipped;
        continue;
      }
      std::vector<std::string> files = {item.input};
      files.insert(files.end(), item.later_pages.begin(), item.later_pages.end());
      std::string key;
      for (const std::string& file : files) key += CheckpointKey(file, engine.options()) + "\n";
      const PageCheckpoints checkpoints(WorkFolderOf(item, out), key);
      if (!options.resume) checkpoints.Clear();
      std::atomic<int> kept{0};
      PageHooks hooks;
      hooks.cancel = options.cancel;
      hooks.saved_page = [&](int index) {
        std::optional<OcrPage> page = options.resume ? checkpoints.Load(index) : std::nullopt;
        if (page) ++kept;
        return page;
      };
      hooks.page_done = [&](const OcrPage& page, int page_count) {
        reporter.PageRead(item.input, page.number, page_count);
        return checkpoints.Save(page);
      };
      StatusOr<Document> document = engine.ProcessFiles(files, {}, hooks);
      if (!document.ok() && document.status().code() == Status::Code::kCancelled) return;
      std::vector<std::string> warnings;
      Status status = document.ok() ? WriteOutputs(engine, document.value(), item, options, &warnings)
                                    : document.status();
      if (status.code() == Status::Code::kNoSpace) disk_full = true;
      std::lock_guard<std::mutex> lock(summary_mutex);
      if (!status.ok()) {
        ++summary.failed;
        reporter.Failed(item.input, status.message());
        continue;
      }
      checkpoints.Clear();
      if (const std::string warning = SignatureWarning(*document, options.formats); !warning.empty()) {
        warnings.insert(warnings.begin(), warning);
      }
      for (const std::string& warning : warnings) reporter.Warn(item.input, warning);
      ++summary.done;
      summary.pages += static_cast<int>(document->pages.size());
      summary.pages_kept += kept;
      for (const OcrPage& page : document->pages) {
        if (page.error.empty()) continue;
        ++summary.pages_failed;
        reporter.Failed(item.input, page.error, page.number);
      }
      reporter.Finished(item.input, "done", static_cast<int>(document->pages.size()), kept, files.size());
    }
  };

  int jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  jobs = std::min<int>(jobs, static_cast<int>(std::max<size_t>(1, listing.items.size())));
  std::vector<std::thread> threads;
  for (int t = 1; t < jobs; ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  summary.pages_read = reporter.Done();
  RemoveEmptyFolders(out / kWorkFolderName);
  reporter.Settle(options.output_dir);

  summary.cancelled = options.cancel && options.cancel->load();
  if (disk_full) {
    summary.status = Status::NoSpace("disk full after " + std::to_string(summary.done) +
                                     " documents; free space and rerun with --resume");
  }
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return summary;
}

}  // namespace vanban
