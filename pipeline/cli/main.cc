// vanban — the command line. Parses arguments, calls the library, prints; holds no logic.
// Exit codes (SPEC.md): 0 ok, 1 bad arguments, 2 some inputs failed, 3 model or language data
// missing, 130 interrupted.
#include <fcntl.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>

#include "vanban/batch.h"
#include "vanban/engine.h"
#include "vanban/records.h"
#include "vanban/review.h"
#include "vanban/serve.h"

namespace {

enum ExitCode { kOk = 0, kBadArguments = 1, kSomeFailed = 2, kMissingData = 3, kInterrupted = 130 };

std::atomic<bool> g_interrupted{false};

void OnInterrupt(int) {
  // A second Ctrl-C kills at once. The first stops the pages being read at their next word (a
  // slow page must not hold the exit; --resume reads them again), keeps the pages finished and
  // lets documents whose pages are all read be written.
  if (g_interrupted.exchange(true)) std::_Exit(kInterrupted);
}

void Error(const std::string& where, const std::string& what) {
  std::fprintf(stderr, "vanban: %s: %s\n", where.c_str(), what.c_str());
}

int OpenEngine(const vanban::EngineOptions& options, std::unique_ptr<vanban::Engine>* engine) {
  vanban::StatusOr<std::unique_ptr<vanban::Engine>> opened = vanban::Engine::Open(options);
  if (!opened.ok()) {
    const bool missing = opened.status().code() == vanban::Status::Code::kMissingData;
    Error(missing ? "data" : "engine", opened.status().message());
    return missing ? kMissingData : kBadArguments;
  }
  *engine = std::move(opened).value();
  return kOk;
}

// FILE or "-" (stdin); an unreadable file is a bad argument.
bool ReadInput(const std::string& path, std::string* out) {
  if (path == "-") {
    out->assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return false;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  std::fclose(f);
  return true;
}

struct OcrArgs {
  std::vector<std::string> inputs;
  std::string output_dir;
  int jobs = 0;
  std::string formats = "txt,json";
  bool no_restore = false;
  bool no_text_layer = false;
  bool pdfa = true;
  bool resume = false;
  bool join_pages = false;
  int dpi = 300;
  std::string progress = "auto";
  std::string shard = "1/1";
  int page_timeout = 600;
  double max_megapixels = 100;
};

std::vector<std::string> SplitComma(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream ss(list);
  for (std::string item; std::getline(ss, item, ',');) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// "vanban: 3 done, 1 failed, 0 skipped, 40 pages (12 kept, 1 failed) in 61.2 s; 2 passed over:
// in/notes.txt (not an image or PDF name), in/fifo (a FIFO)" — the first few entries passed over
// are named; --progress plain names them all.
std::string SummaryLine(const vanban::BatchSummary& s) {
  char counts[160];
  std::snprintf(counts, sizeof counts, "vanban: %d done, %d failed, %d skipped, %d pages", s.done, s.failed, s.skipped,
                s.pages);
  std::string line = counts;
  if (s.pages_kept > 0 || s.pages_failed > 0) {
    line += " (" + std::to_string(s.pages_kept) + " kept from an earlier run, " + std::to_string(s.pages_failed) +
            " failed)";
  }
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, " in %.1f s", s.seconds);
  line += seconds;
  if (s.not_inputs.empty()) return line;
  constexpr size_t kNamed = 5;
  line += "; " + std::to_string(s.not_inputs.size()) + " passed over: ";
  for (size_t i = 0; i < std::min(kNamed, s.not_inputs.size()); ++i) {
    line += (i > 0 ? ", " : "") + s.not_inputs[i].path + " (" + s.not_inputs[i].reason + ")";
  }
  if (s.not_inputs.size() > kNamed) line += ", and " + std::to_string(s.not_inputs.size() - kNamed) + " more";
  return line;
}

vanban::EngineOptions OcrEngineOptions(const OcrArgs& args, const std::string& data_dir) {
  vanban::EngineOptions options;
  options.data_dir = data_dir;
  options.restore = !args.no_restore;
  options.text_layer = !args.no_text_layer;
  options.assumed_dpi = args.dpi;
  options.page_timeout_seconds = args.page_timeout;
  options.max_page_pixels = static_cast<long long>(args.max_megapixels * 1e6);
  options.ocr_threads = args.jobs;
  return options;
}

// `-o -`: one document, from a file or from stdin ("-"), in one format on stdout — for pipes
// (cat scan.pdf | vanban ocr - -o - --format alto > scan.xml). No output folder, no resume.
int RunOcrToStdout(const OcrArgs& args, const std::string& data_dir) {
  vanban::BatchOptions check;
  check.formats = SplitComma(args.formats);
  check.jobs = args.jobs;
  if (vanban::Status valid = vanban::ValidateBatchOptions(check); !valid.ok()) {
    Error("ocr", valid.message());
    return kBadArguments;
  }
  if (args.inputs.size() != 1 || check.formats.size() != 1) {
    Error("-o -", "writes one document in one format: give one input and one --format");
    return kBadArguments;
  }
  const std::string& input = args.inputs[0];
  std::optional<vanban::ScanBytes> held;
  if (input == "-") {
    std::string bytes;
    ReadInput("-", &bytes);
    vanban::StatusOr<vanban::ScanBytes> hold = vanban::ScanBytes::Hold(bytes);
    if (!hold.ok()) {
      Error("stdin", hold.status().message());
      return kSomeFailed;
    }
    held = std::move(hold).value();
  }
  const std::string path = held.has_value() ? held->path() : input;
  std::unique_ptr<vanban::Engine> engine;
  if (int rc = OpenEngine(OcrEngineOptions(args, data_dir), &engine); rc != kOk) return rc;
  std::signal(SIGINT, OnInterrupt);
  std::signal(SIGTERM, OnInterrupt);
  vanban::ProcessOptions call;
  call.source_name = input;
  if (args.progress == "plain") {
    call.progress = [](int done, int pages) {
      std::fprintf(stderr, "vanban: page %d of %d read\n", done, pages);
      return true;
    };
  }
  vanban::PageHooks hooks;
  hooks.cancel = &g_interrupted;
  vanban::StatusOr<vanban::Document> document = engine->ProcessFile(path, call, hooks);
  if (!document.ok()) {
    Error(input, document.status().message());
    return document.status().code() == vanban::Status::Code::kCancelled ? kInterrupted : kSomeFailed;
  }
  vanban::RenderOptions render;
  render.input_path = path;
  render.pdfa = args.pdfa;
  const vanban::Status written = engine->Render(*document, check.formats[0], render, [](std::string_view bytes) {
    return std::fwrite(bytes.data(), 1, bytes.size(), stdout) == bytes.size() && std::fflush(stdout) == 0
               ? vanban::Status::Ok()
               : vanban::Status::IoError("cannot write to stdout");
  });
  if (!written.ok()) {
    Error(input, written.message());
    return kSomeFailed;
  }
  const bool page_failed = std::any_of(document->pages.begin(), document->pages.end(),
                                       [](const vanban::OcrPage& page) { return !page.error.empty(); });
  return page_failed ? kSomeFailed : kOk;
}

int RunOcr(const OcrArgs& args, const std::string& data_dir) {
  if (args.output_dir == "-") return RunOcrToStdout(args, data_dir);
  if (std::find(args.inputs.begin(), args.inputs.end(), "-") != args.inputs.end()) {
    Error("ocr -", "a document read from stdin is written to stdout: use -o -");
    return kBadArguments;
  }
  vanban::BatchOptions batch;
  batch.inputs = args.inputs;
  batch.output_dir = args.output_dir;
  batch.jobs = args.jobs;
  batch.formats = SplitComma(args.formats);
  batch.pdfa = args.pdfa;
  batch.resume = args.resume;
  batch.join_pages = args.join_pages;
  batch.progress = args.progress == "bar"     ? vanban::ProgressMode::kBar
                   : args.progress == "plain" ? vanban::ProgressMode::kPlain
                   : args.progress == "none"  ? vanban::ProgressMode::kNone
                                              : vanban::ProgressMode::kAuto;
  batch.cancel = &g_interrupted;
  int shard_k = 0, shard_n = 0;
  char tail = 0;
  if (std::sscanf(args.shard.c_str(), "%d/%d%c", &shard_k, &shard_n, &tail) != 2) {
    Error("--shard", "expected K/N, e.g. 3/8");
    return kBadArguments;
  }
  batch.shard_index = shard_k - 1;
  batch.shard_count = shard_n;
  if (vanban::Status valid = vanban::ValidateBatchOptions(batch); !valid.ok()) {
    Error("ocr", valid.message());
    return kBadArguments;
  }
  // Before the models load: a bad -o fails at once, not after the first document's OCR.
  if (vanban::Status ready = vanban::PrepareOutputDir(batch); !ready.ok()) {
    Error(batch.output_dir, ready.message());
    return kBadArguments;
  }

  std::unique_ptr<vanban::Engine> engine;
  if (int rc = OpenEngine(OcrEngineOptions(args, data_dir), &engine); rc != kOk) return rc;
  std::signal(SIGINT, OnInterrupt);
  std::signal(SIGTERM, OnInterrupt);

  const vanban::BatchSummary s = vanban::RunBatch(*engine, batch);
  if (args.progress != "none") std::fprintf(stderr, "%s\n", SummaryLine(s).c_str());
  if (!s.status.ok()) Error(batch.output_dir, s.status.message());
  if (s.cancelled) {
    Error(batch.output_dir, "interrupted after reading " + std::to_string(s.pages_read) +
                                " pages, all kept: rerun with --resume to continue at the next page");
  }
  if (s.status.code() == vanban::Status::Code::kInvalidArgument) return kBadArguments;
  if (s.cancelled) return kInterrupted;
  return s.failed > 0 || s.pages_failed > 0 || !s.status.ok() ? kSomeFailed : kOk;
}

// The text-only commands (restore, extract, serve) need no Tesseract.
int OpenTextEngine(const std::string& data_dir, std::unique_ptr<vanban::Engine>* engine) {
  vanban::EngineOptions options;
  options.data_dir = data_dir;
  options.load_ocr = false;
  return OpenEngine(options, engine);
}

// Reads FILE or stdin and opens a text-only engine: what restore and extract start with.
int ReadTextAndOpen(const std::string& input, const std::string& data_dir, std::string* text,
                    std::unique_ptr<vanban::Engine>* engine) {
  if (!ReadInput(input, text)) {
    Error(input, "cannot read the file");
    return kBadArguments;
  }
  return OpenTextEngine(data_dir, engine);
}

int RunRestore(const std::string& input, const std::string& mode, const std::string& tone, const std::string& data_dir) {
  vanban::RestoreOptions restore;
  restore.mode = mode == "stripped" ? vanban::RestoreMode::kStripped
                 : mode == "ocr"    ? vanban::RestoreMode::kOcr
                                    : vanban::RestoreMode::kAuto;
  restore.tone_style = tone == "old" ? vanban::ToneStyle::kOld : vanban::ToneStyle::kNew;
  std::string text;
  std::unique_ptr<vanban::Engine> engine;
  if (int rc = ReadTextAndOpen(input, data_dir, &text, &engine); rc != kOk) return rc;
  vanban::StatusOr<std::string> restored = engine->Restore(text, restore);
  if (!restored.ok()) {
    Error(input, restored.status().message());
    return kSomeFailed;
  }
  std::fwrite(restored->data(), 1, restored->size(), stdout);
  return kOk;
}

int RunExtract(const std::string& input, const std::string& data_dir) {
  std::string text;
  std::unique_ptr<vanban::Engine> engine;
  if (int rc = ReadTextAndOpen(input, data_dir, &text, &engine); rc != kOk) return rc;
  vanban::Document document = engine->Extract(text);
  document.source = input;
  std::fputs(vanban::ToJson(document).c_str(), stdout);
  return kOk;
}

// One request per input line, one response per output line, flushed at once.
int RunServe(const vanban::ServeOptions& options, const std::string& data_dir) {
  std::unique_ptr<vanban::Engine> engine;
  if (int rc = OpenTextEngine(data_dir, &engine); rc != kOk) return rc;
  vanban::Serve(*engine, std::cin, std::cout, options);
  return kOk;
}

// Each JSON that could not be read is one line; the tables hold the others.
int RunExport(const vanban::RecordsOptions& options) {
  const vanban::RecordsSummary s = vanban::ExportRecords(options);
  for (const vanban::BatchEntry& failed : s.failed) Error(failed.path, failed.reason);
  if (!s.status.ok()) {
    std::fprintf(stderr, "vanban: %s\n", s.status.message().c_str());
    return kBadArguments;
  }
  return s.failed.empty() ? kOk : kSomeFailed;
}

struct ReviewArgs {
  std::string output_dir;
  std::string inputs = ".";
  int port = 0;
  bool no_browser = false;
};

// Hands `url` to the desktop's browser (xdg-open) without waiting for it; a machine without one
// is told to open the URL by hand.
void OpenBrowser(const std::string& url) {
  posix_spawn_file_actions_t quiet;
  posix_spawn_file_actions_init(&quiet);
  for (int fd : {0, 1, 2}) posix_spawn_file_actions_addopen(&quiet, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0);
  std::string program = "xdg-open", target = url;
  char* argv[] = {program.data(), target.data(), nullptr};
  pid_t pid = 0;
  if (posix_spawnp(&pid, "xdg-open", &quiet, nullptr, argv, environ) == 0) {
    std::thread([pid] { waitpid(pid, nullptr, 0); }).detach();
  } else {
    Error("review", "no browser could be started (xdg-open): open the URL above");
  }
  posix_spawn_file_actions_destroy(&quiet);
}

// The URL is the first line on stdout, for whoever started the review (a script, a test).
// Ctrl-C and SIGTERM are taken by a thread of their own (sigwait) that stops the server: a
// signal handler may not.
int RunReview(const ReviewArgs& args, const std::string& data_dir) {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);  // before any thread starts, so all inherit it
  vanban::ReviewOptions options;
  options.output_dir = args.output_dir;
  options.inputs_dir = args.inputs;
  options.data_dir = data_dir;
  options.port = args.port;
  vanban::StatusOr<std::unique_ptr<vanban::ReviewServer>> server = vanban::ReviewServer::Open(options);
  if (!server.ok()) {
    Error("review", server.status().message());
    return server.status().code() == vanban::Status::Code::kMissingData ? kMissingData : kBadArguments;
  }
  std::printf("%s\n", (*server)->url().c_str());
  std::fflush(stdout);
  std::fprintf(stderr, "vanban: reviewing %s at the URL above; Ctrl-C stops\n", args.output_dir.c_str());
  if (!args.no_browser) OpenBrowser((*server)->url());
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    (*server)->Stop();
  });
  const vanban::Status served = (*server)->Run();
  pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter when Run ended by itself
  waiter.join();
  if (!served.ok()) {
    Error("review", served.message());
    return kSomeFailed;
  }
  return kOk;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"vanban: scanned Vietnamese administrative documents to correct text and fields"};
  app.set_version_flag("--version", std::string("vanban ") + vanban::Version());
  app.require_subcommand(1);
  app.fallthrough();  // --data-dir may follow the subcommand
  std::string data_dir;
  app.add_option("--data-dir", data_dir, "folder with models/, dictionaries/ and review/ (default: $VANBAN_DATA_DIR or installed)");

  OcrArgs ocr;
  CLI::App* ocr_cmd = app.add_subcommand("ocr", "OCR scans (images, PDFs, folders) into text and JSON");
  ocr_cmd->add_option("INPUT", ocr.inputs, "image files, PDF files or folders (searched recursively); - reads one document from stdin")->required();
  ocr_cmd->add_option("-o,--output", ocr.output_dir, "output folder; - writes the one document, in the one --format, to stdout")->required();
  ocr_cmd->add_option("-j,--jobs", ocr.jobs, "pages recognised in parallel, over documents and within one (default: number of cores)")
      ->check(CLI::NonNegativeNumber);
  ocr_cmd->add_option("--format", ocr.formats, "comma list of txt,json,hocr,alto,pdf (default txt,json)");
  ocr_cmd->add_option("--shard", ocr.shard, "K/N: process only the K-th of N deterministic shards (default 1/1)");
  ocr_cmd->add_flag("--no-restore", ocr.no_restore, "raw OCR text, no correction");
  ocr_cmd->add_flag("--no-text-layer", ocr.no_text_layer,
                    "OCR born-digital PDF pages too instead of taking their own text layer");
  ocr_cmd->add_flag("--pdfa,!--no-pdfa", ocr.pdfa,
                    "the searchable PDF declares PDF/A-2b (default); --no-pdfa: a plain PDF with the same pages and text");
  ocr_cmd->add_flag("--resume", ocr.resume, "skip documents whose outputs are complete, continue others at their next page");
  ocr_cmd->add_flag("--join-pages", ocr.join_pages,
                    "image files named alike but for a page number (4_1.jpg 4_2.jpg, 001.tif 002.tif) are one document's "
                    "pages, written under the first file's name");
  ocr_cmd->add_option("--dpi", ocr.dpi, "resolution to assume for images that do not carry one")
      ->check(CLI::Range(50, 2400));
  ocr_cmd->add_option("--page-timeout", ocr.page_timeout, "seconds one page may take before it is left empty (0: none)")
      ->check(CLI::NonNegativeNumber);
  ocr_cmd->add_option("--max-megapixels", ocr.max_megapixels, "larger pages are left empty (default 100)")
      ->check(CLI::PositiveNumber);
  ocr_cmd->add_option("--progress", ocr.progress, "auto | bar | plain | none")
      ->check(CLI::IsMember({"auto", "bar", "plain", "none"}));

  std::string restore_input = "-", mode = "auto", tone = "new";
  CLI::App* restore_cmd = app.add_subcommand("restore", "restore diacritics / correct OCR text (stdin or FILE → stdout)");
  restore_cmd->add_option("--mode", mode, "auto | stripped | ocr")->check(CLI::IsMember({"auto", "stripped", "ocr"}));
  restore_cmd->add_option("--tone-style", tone, "new (hòa) | old (hoà)")->check(CLI::IsMember({"new", "old"}));
  restore_cmd->add_option("FILE", restore_input, "input text file, or - for stdin");

  std::string extract_input = "-";
  CLI::App* extract_cmd = app.add_subcommand("extract", "print the fields of one document's text as JSON");
  extract_cmd->add_option("FILE", extract_input, "input text file, or - for stdin");

  bool stdio = false;
  CLI::App* serve_cmd = app.add_subcommand("serve", "answer JSON-lines requests (restore, extract, ocr) on stdin/stdout");
  serve_cmd->add_flag("--stdio", stdio, "serve on stdin/stdout (the only transport)")->required();
  vanban::ServeOptions serve;
  serve_cmd->add_option("--root", serve.root, "ocr requests may read files under this folder only (default: any file)")
      ->check(CLI::ExistingDirectory);
  serve_cmd->add_option("--max-request-bytes", serve.max_request_bytes, "longer request lines get an error (default 64 MB)")
      ->check(CLI::PositiveNumber);

  vanban::RecordsOptions records;
  CLI::App* export_cmd = app.add_subcommand(
      "export", "the document JSONs of an output folder as archive tables (CSV: document profile, Dublin Core)");
  export_cmd->add_option("OUTDIR", records.output_dir, "a folder vanban ocr or extract wrote, searched recursively")
      ->required();
  export_cmd->add_option("--csv", records.records_csv,
                         "write one row per document, Vietnamese archive profile columns (Số, Ký hiệu, … Cần kiểm tra)")
      ->required();
  export_cmd->add_option("--dublin-core", records.dublin_core_csv,
                         "also write a Dublin Core table (filename, dc.title, …) for Archivematica's metadata.csv");
  export_cmd->add_flag("--excel", records.excel, "for Excel: a UTF-8 byte order mark before the --csv table, no value read as a formula");

  ReviewArgs review;
  CLI::App* review_cmd = app.add_subcommand("review", "a local web page to confirm or correct the fields flagged for review");
  review_cmd->add_option("OUTDIR", review.output_dir, "output folder of vanban ocr (document JSONs, searched recursively)")
      ->required()
      ->check(CLI::ExistingDirectory);
  review_cmd->add_option("--inputs", review.inputs, "folder the documents' \"source\" paths are relative to (default: .)")
      ->check(CLI::ExistingDirectory);
  review_cmd->add_option("--port", review.port, "port on 127.0.0.1 (default 0: a free one)")->check(CLI::Range(0, 65535));
  review_cmd->add_flag("--no-browser", review.no_browser, "only print the URL, do not open a browser");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e), kOk;  // --help, --version
    // One line, like every other error of vanban, instead of CLI11's two.
    std::cerr << "vanban: " << e.what() << " (see vanban --help)\n";
    return kBadArguments;
  }
  if (*ocr_cmd) return RunOcr(ocr, data_dir);
  if (*restore_cmd) return RunRestore(restore_input, mode, tone, data_dir);
  if (*extract_cmd) return RunExtract(extract_input, data_dir);
  if (*serve_cmd) return RunServe(serve, data_dir);
  if (*export_cmd) return RunExport(records);
  if (*review_cmd) return RunReview(review, data_dir);
  return kBadArguments;
}
