// Page checkpoints: a batch keeps every page of a document as soon as it is recognised, in a
// work folder of the output folder (OUTDIR/.vanban-work/<name>/page-0001.json …), each file
// written atomically. A document interrupted by SIGTERM, kill -9 or a power cut resumes at its
// next page; the folder goes once the document's outputs are written.
//
// A checkpoint holds the whole OcrPage the later stages read (words with boxes, confidences,
// alternatives and digit re-readings, stamps, restored text), so a resumed document's outputs
// are byte-identical to those of an uninterrupted run. Each file carries a key naming the input
// (size, modification time) and the options that shape a page; a file with another key is
// ignored, so a changed scan or a run with other options reads its pages again.
//
// Thread-safety: Load and Save may be called concurrently for different pages (one file each).
#ifndef VANBAN_PIPELINE_ENGINE_PAGE_CHECKPOINT_H_
#define VANBAN_PIPELINE_ENGINE_PAGE_CHECKPOINT_H_

#include <optional>
#include <string>
#include <string_view>

#include "vanban/document.h"
#include "vanban/engine.h"
#include "vanban/status.h"

namespace vanban {

// The OcrPage as one JSON object and back: every member but `error` (a failed page is never
// kept). Floats survive the trip exactly.
std::string PageToJson(const OcrPage& page);
std::optional<OcrPage> PageFromJson(std::string_view json);

class PageCheckpoints {
 public:
  // `folder`: the document's work folder; `key`: see CheckpointKey.
  PageCheckpoints(std::string folder, std::string key) : folder_(std::move(folder)), key_(std::move(key)) {}

  // The page kept for 0-based `index` under this key, if any.
  std::optional<OcrPage> Load(int index) const;
  Status Save(const OcrPage& page) const;
  // Drops every page kept (the document's outputs are written, or a fresh run starts over).
  void Clear() const;

 private:
  std::string PathOf(int index) const;
  const std::string folder_;
  const std::string key_;
};

// What a kept page depends on: the input file's size and modification time, the options that
// change how a page reads, and the vanban version. Empty when the input cannot be examined.
std::string CheckpointKey(const std::string& input, const EngineOptions& options);

}  // namespace vanban

#endif  // VANBAN_PIPELINE_ENGINE_PAGE_CHECKPOINT_H_
