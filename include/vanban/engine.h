// vanban::Engine — scanned Vietnamese administrative documents in, correct text and fields out.
//
// An Engine holds the read-only parts of the pipeline (the language model mapped from disk,
// dictionaries) and a pool of Tesseract workers. Open one per process and share it.
//
// Thread-safety: every const method may be called from many threads at once. Each call that
// runs OCR borrows one Tesseract instance from the pool for its duration, so N threads calling
// ProcessFile recognise N documents in parallel.
//
// Recognise a scan (image or PDF) into a Document:
//
//   vanban::EngineOptions options;                 // defaults: vie OCR, restore on
//   auto engine = vanban::Engine::Open(options);
//   if (!engine.ok()) { report(engine.status()); return; }
//   vanban::StatusOr<vanban::Document> doc = (*engine)->ProcessFile("299_UB.pdf");
//   if (doc.ok()) std::cout << doc->text << doc->fields.number.value_or("?");
//
// Restore diacritics to stripped or OCR-damaged text:
//
//   auto text = (*engine)->Restore("Chi thi so 28-CT/TW cua Bo Chinh tri", {});
//   // → "Chỉ thị số 28-CT/TW của Bộ Chính trị"
//
// Extract the fields of a document's text (already restored):
//
//   vanban::Document d = (*engine)->Extract(text_of_a_dispatch);
//   d.fields.date;  // e.g. "2025-01-15"
#ifndef VANBAN_ENGINE_H_
#define VANBAN_ENGINE_H_

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/document.h"
#include "vanban/export.h"
#include "vanban/status.h"

namespace vanban {

struct EngineOptions {
  // Folder holding the vanban models; empty: $VANBAN_DATA_DIR, else the installed default.
  std::string data_dir;
  // Folder holding Tesseract's *.traineddata; empty: Tesseract's compiled-in default.
  std::string tessdata_dir;
  // Load the restorer and apply it to OCR output (vanban ocr --no-restore turns this off;
  // Restore then fails with kInvalidArgument).
  bool restore = true;
  // Resolution assumed for images that do not record one (vanban ocr --dpi).
  int assumed_dpi = 300;
  // Create a Tesseract instance at Open, so missing language data fails early (kMissingData).
  // Text-only users (Restore, Extract) turn it off; ProcessFile then loads OCR on first use.
  bool load_ocr = true;
  // Pages larger than this many pixels are refused rather than risk exhausting memory.
  long long max_page_pixels = 100'000'000;
  // A page whose OCR takes longer than this fails its document instead of hanging a batch
  // (vanban ocr --page-timeout); 0: no limit.
  int page_timeout_seconds = 600;
  // Born-digital PDF pages whose own text layer agrees with what OCR read take their text from
  // it (OcrPage::text_layer) and are not restored; false: OCR only (vanban ocr --no-text-layer,
  // to measure OCR on such PDFs).
  bool text_layer = true;
  // Pages recognised at once over all calls on this engine, the pages of one document included
  // (vanban ocr -j); 0: the number of cores. ProcessFile reads a document's pages side by side up
  // to this many, and calls beyond it wait for a free recogniser.
  int ocr_threads = 0;
};

enum class RestoreMode {
  kAuto,      // decide per line
  kStripped,  // the input lost only its diacritics: only marks and đ/Đ change
  kOcr,       // the input is OCR output: letters may change too
};

enum class ToneStyle {
  kNew,  // hòa, thủy
  kOld,  // hoà, thuỷ
};

struct RestoreOptions {
  RestoreMode mode = RestoreMode::kAuto;
  ToneStyle tone_style = ToneStyle::kNew;
};

// Settings of one ProcessFile call; those left unset are the engine's (EngineOptions).
struct ProcessOptions {
  std::optional<bool> restore;  // true needs an engine opened with restore on
  std::optional<int> assumed_dpi;
  std::optional<bool> text_layer;
  std::optional<long long> max_page_pixels;
  std::optional<int> page_timeout_seconds;
  // The pages to read, 1-based and inclusive; last_page 0: to the end. The document holds these
  // pages only, each with its number in the input.
  int first_page = 1;
  int last_page = 0;
  // Called after each page is read with the pages read so far and the pages to read; returning
  // false stops the pages in flight at their next word and ProcessFile returns kCancelled. Calls
  // come from the reading threads, one at a time.
  std::function<bool(int pages_done, int page_count)> progress;
  // What Document::source says; empty: the path (a caller reading from memory names its input).
  std::string source_name;
};

// Where Render finds the input's pages for the searchable PDF.
struct RenderOptions {
  // The input file; empty: Document::source (or its source_files). Only "pdf" reads it: a
  // PDF's pages are kept as they are, an image's are embedded at their own resolution.
  std::string input_path;
  bool pdfa = true;  // the PDF declares PDF/A-2b; false: a plain PDF with the same pages and text
  // Receives what a reader of the PDF must know (why it is not PDF/A-2b), a line each; null: not told.
  std::vector<std::string>* warnings = nullptr;
};

// A scan held in memory (an upload, a message body) as an input file: its bytes are kept in a
// private temporary file (mode 0600) for as long as this object lives, since the pages of a PDF
// are read from a file and kept, as they are, in the searchable PDF.
//
//   auto scan = vanban::ScanBytes::Hold(uploaded_bytes);
//   vanban::ProcessOptions options;
//   options.source_name = "upload.pdf";
//   auto doc = engine->ProcessFile(scan->path(), options);
//   auto alto = engine->Render(*doc, "alto", {.input_path = scan->path()});
class VANBAN_EXPORT ScanBytes {
 public:
  // Fails with kIoError when no temporary file can be written ($TMPDIR, else /tmp).
  static StatusOr<ScanBytes> Hold(std::string_view bytes);
  ScanBytes(ScanBytes&& other) noexcept;
  ScanBytes& operator=(ScanBytes&& other) noexcept;
  ~ScanBytes();
  const std::string& path() const { return path_; }

 private:
  explicit ScanBytes(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

// Page by page hooks for ProcessFile, for a caller that keeps each finished page (vanban ocr's
// page checkpoints, so an interrupted long document resumes at its next page) or stops between
// pages. Each page is recognised on its own from the file and these hooks, so pages could be
// recognised in parallel: the hooks may then be called from several threads, for different
// pages.
struct PageHooks {
  // A page recognised earlier (same file, same options) to use instead of reading it again;
  // nullopt: read it.
  std::function<std::optional<OcrPage>(int index)> saved_page;
  // Called with each page just recognised (not with saved ones, nor failed ones) and the
  // document's page count; an error fails the document.
  std::function<Status(const OcrPage& page, int page_count)> page_done;
  // Checked before each page and during its recognition: once set, the pages being read stop
  // at their next word and ProcessFile returns kCancelled (the pages finished before have been
  // passed to page_done; the stopped ones are not, nor reported as failed).
  const std::atomic<bool>* cancel = nullptr;
};

class VANBAN_EXPORT Engine {
 public:
  // Loads the models and checks that Tesseract's language data is present.
  // Fails with kMissingData when a model or the `vie` traineddata is missing.
  static StatusOr<std::unique_ptr<Engine>> Open(const EngineOptions& options);

  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Runs the whole pipeline (load → preprocess → OCR → restore → extract) on one image or PDF
  // file. A page that cannot be read (undecodable, over max_page_pixels, past the page timeout)
  // stays in the document empty, with OcrPage::error saying why and "page N" in `review`; the
  // document fails only when the file cannot be opened or none of its pages can be read.
  StatusOr<Document> ProcessFile(const std::string& path, const ProcessOptions& options = {},
                                 const PageHooks& hooks = {}) const;

  // The same for a document scanned a file a page: the pages of `paths`, one file after another,
  // are the document's (Document::source_files lists them). A file that cannot be opened is a
  // page that failed; the document fails only when no page can be read.
  //
  //   auto doc = engine->ProcessFiles({"4_1.jpg", "4_2.jpg"});   // one record of two pages
  StatusOr<Document> ProcessFiles(const std::vector<std::string>& paths, const ProcessOptions& options = {},
                                  const PageHooks& hooks = {}) const;

  // Renders a processed document in one of the formats of `vanban ocr --format` ("txt", "json",
  // "hocr", "alto", "pdf"), with the same renderers, into `sink` piece by piece or into a string.
  // kInvalidArgument for an unknown format.
  //
  //   auto pdf = engine->Render(*doc, "pdf");   // the searchable PDF of doc->source
  Status Render(const Document& document, std::string_view format, const RenderOptions& options,
                const std::function<Status(std::string_view bytes)>& sink) const;
  StatusOr<std::string> Render(const Document& document, std::string_view format,
                               const RenderOptions& options = {}) const;

  // Restores diacritics and corrects OCR errors in UTF-8 text. Line breaks are kept.
  // Invalid UTF-8 is replaced by U+FFFD, never rejected.
  StatusOr<std::string> Restore(std::string_view text, const RestoreOptions& options) const;

  // Extracts the fields of one document's text (pages separated by '\f').
  Document Extract(std::string_view text) const;

  const EngineOptions& options() const;

 private:
  struct Impl;
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The library version, "MAJOR.MINOR.PATCH".
VANBAN_EXPORT const char* Version();

}  // namespace vanban

#endif  // VANBAN_ENGINE_H_
