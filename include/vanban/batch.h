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
  std::string output_dir;
  int jobs = 0;                              // documents in parallel; 0 = number of cores
  std::vector<std::string> formats = {"txt", "json"};
  bool resume = false;                       // skip documents whose outputs are complete
  ProgressMode progress = ProgressMode::kAuto;
  // Run only shard `shard_index` (0-based) of `shard_count`: documents are split by a hash of
  // their relative path, so N machines given the same inputs and shards 0..N-1 cover every
  // document exactly once (Slurm job arrays, Kubernetes Indexed Jobs, GNU parallel).
  int shard_index = 0;
  int shard_count = 1;
  // Set from a signal handler to stop taking new documents; running ones finish.
  const std::atomic<bool>* cancel = nullptr;
};

struct BatchSummary {
  int done = 0;
  int failed = 0;
  int skipped = 0;
  int pages = 0;
  double seconds = 0;
  bool cancelled = false;
};

// A document to convert: where it is read from and the output path stem it is written to.
struct BatchItem {
  std::string input;        // path as found (folder as given + relative path)
  std::string output_stem;  // OUTDIR/<relative path without extension>
};

// Checks formats, jobs and shard before anything runs (kInvalidArgument with the reason).
VANBAN_EXPORT Status ValidateBatchOptions(const BatchOptions& options);

// The documents the inputs name that fall in the options' shard, in a deterministic order.
// Unreadable inputs are reported through `error` (one call per input) and left out.
VANBAN_EXPORT std::vector<BatchItem> ListBatchItems(
    const BatchOptions& options,
    const std::function<void(const std::string& input, const std::string& reason)>& error);

// Runs the batch; reports each failure on stderr as "vanban: <input>: <reason>" and appends it
// to OUTDIR/vanban-errors.jsonl ({"file", "page", "reason"}).
VANBAN_EXPORT BatchSummary RunBatch(const Engine& engine, const BatchOptions& options);

}  // namespace vanban

#endif  // VANBAN_BATCH_H_
