#include "pipeline/review/store.h"

#include <openssl/evp.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "pipeline/output/atomic_file.h"
#include "pipeline/output/confined_path.h"
#include "pipeline/output/renderers.h"
#include "pipeline/review/handwritten_outputs.h"
#include "pipeline/review/hex.h"

namespace vanban::review {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kJsonSuffix = ".json";

StatusOr<Json> ParseDocument(const std::string& bytes) {
  Json json;
  try {
    json = Json::parse(bytes);
  } catch (const Json::parse_error& e) {
    return Status::CorruptInput("invalid JSON at byte " + std::to_string(e.byte));
  }
  if (!IsDocument(json)) return Status::CorruptInput("not a document JSON (no \"source\" and \"fields\")");
  return json;
}

std::string Dump(const Json& json) { return json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n"; }

bool Hidden(const fs::path& path) { return path.filename().string().starts_with("."); }

// The .json files under `root`, relative to it, sorted; hidden folders (.vanban-work) passed over.
std::vector<std::string> JsonFilesUnder(const std::string& root) {
  std::vector<std::string> names;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (Hidden(it->path())) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && it->path().string().ends_with(kJsonSuffix)) {
      names.push_back(it->path().lexically_relative(root).string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

bool HasParentStep(const std::string& relative) {
  std::stringstream parts(relative);
  for (std::string part; std::getline(parts, part, '/');) {
    if (part == "..") return true;
  }
  return false;
}

// `file`, an output in `format` (txt for the JSON's text), with the handwritten digits of every
// edit patched; nullopt when one found no word.
std::optional<std::string> Patched(std::string file, std::string_view format, const std::vector<HandwrittenEdit>& edits) {
  for (const HandwrittenEdit& edit : edits) {
    std::optional<std::string> next =
        format == "hocr"   ? PatchHocr(file, edit)
        : format == "alto" ? PatchAlto(file, edit)
        : format == "pdf"  ? output::PatchHandwrittenPdfWord(file, edit.blank == HandwrittenEdit::Blank::kDay, edit.digits)
                           : PatchText(file, edit);
    if (!next) return std::nullopt;
    file = std::move(*next);
  }
  return file;
}

}  // namespace

std::string ResolveInside(const std::string& real_root, const std::string& relative) {
  if (relative.empty() || relative[0] == '/' || HasParentStep(relative)) return {};
  return output::RealPathInside(real_root, real_root + "/" + relative);
}

std::string RevisionOf(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  return Hex(digest, size);
}

Store::Store(std::string output_dir) : root_(output::RealPath(output_dir)) {}

std::string Store::Confined(const std::string& name) const {
  return name.ends_with(kJsonSuffix) ? ResolveInside(root_, name) : std::string();
}

Listing Store::List() const {
  Listing listing;
  for (const std::string& name : JsonFilesUnder(root_)) {
    StatusOr<LoadedDocument> document = Load(name);
    if (!document.ok()) {
      listing.unreadable.push_back({{"path", name}, {"reason", document.status().message()}});
      continue;
    }
    const Json items = ReviewItems(document->json);
    if (items.empty()) {
      ++listing.done;
      continue;
    }
    Json fields = Json::array();
    for (const Json& item : items) fields.push_back(item["field"]);
    listing.open.push_back({{"path", name}, {"source", document->json["source"]}, {"open", items.size()}, {"fields", fields}});
  }
  return listing;
}

StatusOr<LoadedDocument> Store::Load(const std::string& name) const {
  const std::string path = Confined(name);
  if (path.empty()) return Status::NotFound("no document JSON " + name + " in the output folder");
  StatusOr<std::string> bytes = output::ReadWholeFile(path);
  if (!bytes.ok()) return bytes.status();
  StatusOr<Json> json = ParseDocument(*bytes);
  if (!json.ok()) return json.status();
  return LoadedDocument{name, RevisionOf(*bytes), std::move(json).value()};
}

bool Store::Save(const std::string& name, const std::string& revision, const std::vector<Answer>& answers,
                 SaveResult* result, SaveFailure* failure) {
  std::lock_guard<std::mutex> lock(save_mutex_);
  StatusOr<LoadedDocument> current = Load(name);
  if (!current.ok()) {
    failure->status = current.status();
    return false;
  }
  if (current->revision != revision) {
    failure->status = Status::InvalidArgument("the document changed since it was loaded");
    failure->conflict = true;
    failure->current = std::move(current).value();
    return false;
  }
  Json json = std::move(current->json);
  StatusOr<std::vector<HandwrittenEdit>> edits = ApplyAnswers(answers, UtcNow(), &json);
  if (!edits.ok()) {
    failure->status = edits.status();
    return false;
  }
  if (json.contains("text") && json["text"].is_string()) {
    if (std::optional<std::string> text = Patched(json["text"], "txt", *edits)) json["text"] = *text;
  }
  const std::string bytes = Dump(json);
  if (Status written = output::WriteFileAtomically(Confined(name), bytes); !written.ok()) {
    failure->status = written;
    return false;
  }
  result->revision = RevisionOf(bytes);
  result->patched = PatchOutputs(name, *edits, &result->not_patched);
  return true;
}

std::vector<std::string> Store::PatchOutputs(const std::string& json_name, const std::vector<HandwrittenEdit>& edits,
                                             std::vector<std::string>* not_patched) const {
  std::vector<std::string> patched;
  if (edits.empty()) return patched;
  const std::string stem = json_name.substr(0, json_name.size() - kJsonSuffix.size());
  for (const char* format : {"txt", "hocr", "alto", "pdf"}) {
    const std::string name = stem + output::FormatSuffix(format);
    const std::string path = ResolveInside(root_, name);
    if (path.empty()) continue;
    StatusOr<std::string> file = output::ReadWholeFile(path);
    std::optional<std::string> changed = file.ok() ? Patched(*file, format, edits) : std::nullopt;
    if (changed && output::WriteFileAtomically(path, *changed).ok()) patched.push_back(name);
    else not_patched->push_back(name);
  }
  return patched;
}

}  // namespace vanban::review
