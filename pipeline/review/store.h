// Store — the document JSONs of an output folder as the review page reads and saves them.
//
// Documents are named by their path relative to the output folder ("a/x.json"); a name that
// leaves the folder ("..", an absolute path, a link pointing out) is refused. A save carries the
// revision the page loaded (a hash of the file's bytes): when the file changed since (another
// tab, a `vanban ocr` rewriting it) it fails with a conflict and nothing is written, so no update
// is lost. Files are replaced atomically (output/atomic_file.h).
//
// Thread-safety: every method may be called from many threads at once; saves are serialised.
#ifndef VANBAN_PIPELINE_REVIEW_STORE_H_
#define VANBAN_PIPELINE_REVIEW_STORE_H_

#include <mutex>
#include <string>
#include <vector>

#include "pipeline/review/corrections.h"
#include "vanban/status.h"

namespace vanban::review {

// A document as read: its bytes' revision and its JSON.
struct LoadedDocument {
  std::string name;
  std::string revision;
  Json json;
};

struct Listing {
  // {path, source, open, fields}, by path, for the documents with open review items.
  Json open = Json::array();
  int done = 0;  // documents with nothing left to review
  // {path, reason}: .json files that are not readable document JSONs.
  Json unreadable = Json::array();
};

// What a save did besides the document JSON: the outputs whose handwritten digits were patched,
// and those that hold no such word.
struct SaveResult {
  std::string revision;
  std::vector<std::string> patched, not_patched;
};

// Why a save failed: `conflict` when the file changed since `revision` (`current` holds it as it
// is now), else `status`.
struct SaveFailure {
  Status status;
  bool conflict = false;
  LoadedDocument current;
};

class Store {
 public:
  // `output_dir` must exist.
  explicit Store(std::string output_dir);

  Listing List() const;
  // kNotFound for a name outside the folder or no such file; kCorruptInput for a file that is
  // not a document JSON.
  StatusOr<LoadedDocument> Load(const std::string& name) const;
  // Applies `answers` (corrections.h) if the file is still at `revision`, and patches the
  // handwritten digits of the document's .txt, .hocr and .alto.xml beside it.
  bool Save(const std::string& name, const std::string& revision, const std::vector<Answer>& answers,
            SaveResult* result, SaveFailure* failure);

  const std::string& output_dir() const { return root_; }

 private:
  // The file `name` names inside the folder, resolved; empty when it is outside or missing.
  std::string Confined(const std::string& name) const;
  std::vector<std::string> PatchOutputs(const std::string& json_path, const std::vector<HandwrittenEdit>& edits,
                                        std::vector<std::string>* not_patched) const;

  std::string root_;  // resolved
  std::mutex save_mutex_;
};

// `relative`, a name a request gave, taken under `real_root` as output::RealPathInside does;
// names that are absolute or hold a ".." component are refused before anything is resolved.
std::string ResolveInside(const std::string& real_root, const std::string& relative);

// The SHA-256 of `bytes`, in hex.
std::string RevisionOf(std::string_view bytes);

}  // namespace vanban::review

#endif  // VANBAN_PIPELINE_REVIEW_STORE_H_
