// vanban::RunBatch — converts many scanned documents (files and folders) into output files,
// the job behind `vanban ocr`. Documents run in parallel, each isolated: a document that fails
// is reported and the others are still written. Outputs are written atomically, so a killed
// batch restarted with `resume` redoes only what was not complete.
//
// Thread-safety: RunBatch starts and joins its own threads; call it from one thread. Several
// batches may share one Engine.
//
//   vanban::BatchOptions batch;
//   batch.inputs = {"scans/"};
//   batch.output_dir = "out";
//   vanban::BatchSummary summary = vanban::RunBatch(*engine, batch);
//   return summary.failed > 0 ? 2 : 0;
#ifndef VANBAN_BATCH_H_
#define VANBAN_BATCH_H_

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "vanban/engine.h"
#include "vanban/export.h"

namespace vanban {

enum class ProgressMode { kAuto, kBar, kPlain, kNone };

struct BatchOptions {
  std::vector<std::string> inputs;  // files or folders (searched recursively)
  // Created when missing. Never read as input: a folder search passes over it.
  std::string output_dir;
  int jobs = 0;                              // documents in parallel; 0 = number of cores
  std::vector<std::string> formats = {"txt", "json"};
  // The searchable PDF declares PDF/A-2b (XMP identification, sRGB output intent); false: a
  // plain PDF with the same pages and text.
  bool pdfa = true;
  // Skip documents whose outputs are complete, take the pages an interrupted run kept, and
  // remove the temporary files a killed run left.
  bool resume = false;
  ProgressMode progress = ProgressMode::kAuto;
  // Image files of one folder named alike but for a page number at the end (4_1.jpg 4_2.jpg;
  // scan-001.tif scan-002.tif …; the numbers running on from 0 or 1 without a gap) are the
  // pages of one document, written under the first file's name: a document scanned a file a
  // page. PDFs stay documents of their own.
  bool join_pages = false;
  // Run only shard `shard_index` (0-based) of `shard_count`: documents are split by a hash of
  // their relative path, so N machines given the same inputs and shards 0..N-1 cover every
  // document exactly once (Slurm job arrays, Kubernetes Indexed Jobs, GNU parallel).
  int shard_index = 0;
  int shard_count = 1;
  // Set from a signal handler to stop: no new page is started, pages in flight finish and are
  // kept for --resume.
  const std::atomic<bool>* cancel = nullptr;
};

// A path and what became of it.
struct BatchEntry {
  std::string path;
  std::string reason;
};

struct BatchSummary {
  int done = 0;
  int failed = 0;
  int skipped = 0;        // documents whose outputs were complete (resume)
  int pages = 0;          // pages of the documents done
  int pages_kept = 0;     // of those, pages an interrupted run had kept (resume)
  int pages_read = 0;     // pages recognised by this run, kept for resume when it was stopped
  int pages_failed = 0;   // pages that could not be read, left empty in their document
  std::vector<BatchEntry> not_inputs;  // folder entries passed over: FIFOs, other file types, …
  double seconds = 0;
  bool cancelled = false;
  // Not ok when the batch could not start (output folder unusable) or stopped early (disk full).
  Status status;
};

// A document to convert: where it is read from and the output path stem it is written to.
struct BatchItem {
  std::string input;        // path as found (folder as given + relative path)
  std::string output_stem;  // OUTDIR/<relative path, see ListBatchItems>
  std::vector<std::string> later_pages;  // join_pages: the files of the pages after `input`'s
};

// What the inputs name, in a deterministic order.
struct BatchListing {
  std::vector<BatchItem> items;        // the documents in the options' shard
  std::vector<BatchEntry> unreadable;  // inputs that are documents but cannot be read
  std::vector<BatchEntry> not_inputs;  // folder entries that are not documents
};

// Checks formats, jobs and shard before anything runs (kInvalidArgument with the reason).
VANBAN_EXPORT Status ValidateBatchOptions(const BatchOptions& options);

// Creates the output folder and proves it writable (a file created and removed), so that a bad
// -o fails before any OCR; refuses an output folder that is one of the input folders.
VANBAN_EXPORT Status PrepareOutputDir(const BatchOptions& options);

// The documents the inputs name. Output names are unique and depend only on the inputs, so
// every run (and every shard) of the same command agrees on them:
//   - each document's path relative to the deepest folder holding all inputs (a folder input
//     counts as its own, a file input as its parent), without its extension: `scans/a/x.pdf`
//     given as `scans` → OUTDIR/a/x; `a/doc.png b/doc.png` → OUTDIR/a/doc, OUTDIR/b/doc;
//   - documents of one folder sharing a name but not an extension keep it: x.png and x.jpg
//     → OUTDIR/x.png, OUTDIR/x.jpg (then .json, .txt, … are appended).
// A folder search passes over the output folder, and lists (in `not_inputs`) what it passes
// over with the reason: FIFOs, sockets, devices, links to folders, names that are not an
// image or PDF. Documents it cannot read (permission denied, dangling link, link loop) and
// missing inputs are `unreadable`.
VANBAN_EXPORT BatchListing ListBatchItems(const BatchOptions& options);

// Runs the batch; reports each failure on stderr as "vanban: <input>: <reason>" and keeps
// OUTDIR/vanban-errors.jsonl ({"file", "page", "reason"} a line) listing what still fails at the
// end of the run: rewritten atomically, it keeps the lines of documents this run did not redo
// (other shards', documents skipped by resume) and drops those it fixed. A page that cannot be
// read leaves its document written with that page empty and is one line there. On a full disk
// no new document is started and `status` says so.
VANBAN_EXPORT BatchSummary RunBatch(const Engine& engine, const BatchOptions& options);

}  // namespace vanban

#endif  // VANBAN_BATCH_H_
