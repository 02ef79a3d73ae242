#include "vanban/serve.h"

#include <fcntl.h>
#include <unistd.h>

#include <climits>
#include <new>

#include <nlohmann/json.hpp>

#include "pipeline/output/confined_path.h"

namespace vanban {
namespace {

using nlohmann::json;

// Deeper requests are refused: echoing or freeing a value nested millions deep would recurse
// as deep, and no request of the protocol nests more than a few levels.
constexpr int kMaxDepth = 64;

struct TooDeep {};

json Error(const json& id, const std::string& message) { return {{"id", id}, {"ok", false}, {"error", message}}; }

// The string member `key` of the request, or `fallback` when it is absent. False, with *error
// set, when it holds another type (null included).
bool StringMember(const json& request, const char* key, const char* fallback, std::string* value, std::string* error) {
  auto member = request.find(key);
  if (member == request.end()) {
    *value = fallback;
    return true;
  }
  if (!member->is_string()) {
    *error = std::string("'") + key + "' must be a string, not " + member->type_name();
    return false;
  }
  *value = member->get<std::string>();
  return true;
}

bool ParseRestoreOptions(const json& request, RestoreOptions* options, std::string* error) {
  std::string mode, tone;
  if (!StringMember(request, "mode", "auto", &mode, error) || !StringMember(request, "tone_style", "new", &tone, error)) {
    return false;
  }
  if (mode == "auto") options->mode = RestoreMode::kAuto;
  else if (mode == "stripped") options->mode = RestoreMode::kStripped;
  else if (mode == "ocr") options->mode = RestoreMode::kOcr;
  else *error = "mode must be auto, stripped or ocr";
  if (tone == "new") options->tone_style = ToneStyle::kNew;
  else if (tone == "old") options->tone_style = ToneStyle::kOld;
  else *error = "tone_style must be new or old";
  return error->empty();
}

// An open file descriptor, closed with it.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// The document an "ocr" request names, read confined to the root: the file `path` resolves to,
// refused unless it lies inside the resolved root. The file is opened once and the check made
// again on what was opened, then the engine reads it through that descriptor (/proc/self/fd):
// opening the resolved name again would follow a folder of the root swapped for a link to
// elsewhere in between. One message for a missing file and an escape, so that a caller cannot
// probe what exists outside the root.
StatusOr<Document> ProcessConfined(const Engine& engine, const std::string& root, const std::string& path) {
  const Status refused = Status::NotFound("no such file under the serve root");
  const std::string real_root = output::RealPath(root);
  const std::string named = !path.empty() && path[0] == '/' ? path : root + "/" + path;
  const std::string real_file = output::RealPathInside(real_root, named);
  if (real_file.empty()) return refused;
  // O_NONBLOCK: a FIFO must not hold the server; O_NOFOLLOW: no link is left in a resolved name
  // unless one was put there since.
  const Descriptor file(::open(real_file.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC));
  if (file.get() < 0) return refused;
  const std::string opened = "/proc/self/fd/" + std::to_string(file.get());
  if (output::RealPath(opened) != real_file) return refused;
  StatusOr<Document> document = engine.ProcessFile(opened);
  if (document.ok()) document->source = real_file;
  return document;
}

json Handle(const Engine& engine, const json& request, const ServeOptions& options) {
  const json id = request.contains("id") ? request["id"] : json(nullptr);
  std::string op, error;
  if (!StringMember(request, "op", "", &op, &error)) return Error(id, error);
  if (op == "restore" || op == "extract") {
    if (!request.contains("text") || !request["text"].is_string()) return Error(id, "'text' must be a string");
    const std::string& text = request["text"].get_ref<const std::string&>();
    if (op == "extract") return {{"id", id}, {"ok", true}, {"document", json::parse(ToJson(engine.Extract(text)))}};
    RestoreOptions restore;
    if (!ParseRestoreOptions(request, &restore, &error)) return Error(id, error);
    StatusOr<std::string> restored = engine.Restore(text, restore);
    if (!restored.ok()) return Error(id, restored.status().message());
    return {{"id", id}, {"ok", true}, {"text", restored.value()}};
  }
  if (op == "ocr") {
    if (!request.contains("path") || !request["path"].is_string()) return Error(id, "'path' must be a string");
    const std::string path = request["path"];
    StatusOr<Document> document = options.root.empty() ? engine.ProcessFile(path)
                                                        : ProcessConfined(engine, options.root, path);
    if (!document.ok()) return Error(id, path + ": " + document.status().message());
    return {{"id", id}, {"ok", true}, {"document", json::parse(ToJson(document.value()))}};
  }
  return Error(id, "unknown op '" + op + "' (restore, extract, ocr)");
}

// "syntax error while parsing value - invalid literal; last read: 'no'" of nlohmann's
// "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error …".
std::string ParseErrorDetail(const json::parse_error& e) {
  const std::string what = e.what();
  const size_t colon = what.find(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

json Answer(const Engine& engine, std::string_view request_line, const ServeOptions& options) {
  json request;
  try {
    request = json::parse(request_line, [](int depth, json::parse_event_t, json&) {
      if (depth > kMaxDepth) throw TooDeep{};
      return true;
    });
  } catch (const json::parse_error& e) {
    return Error(nullptr, "invalid JSON at byte " + std::to_string(e.byte) + ": " + ParseErrorDetail(e));
  } catch (const TooDeep&) {
    return Error(nullptr, "the request nests deeper than " + std::to_string(kMaxDepth) + " levels");
  }
  if (!request.is_object()) return Error(nullptr, std::string("the request is a JSON ") + request.type_name() + ", not an object");
  const json id = request.contains("id") ? request["id"] : json(nullptr);
  try {
    return Handle(engine, request, options);
  } catch (const std::bad_alloc&) {
    return Error(id, "out of memory while answering the request");
  } catch (const std::exception& e) {
    return Error(id, std::string("internal error: ") + e.what());
  } catch (...) {
    return Error(id, "internal error");
  }
}

// Reads one line (without its '\n') into *line, keeping at most `limit` bytes of it; false at
// the end of input. *too_long tells that bytes were dropped.
bool ReadLine(std::istream& in, size_t limit, std::string* line, bool* too_long) {
  line->clear();
  *too_long = false;
  std::streambuf* buffer = in.rdbuf();
  bool read_any = false;
  for (int c = buffer->sbumpc(); c != std::char_traits<char>::eof(); c = buffer->sbumpc()) {
    read_any = true;
    if (c == '\n') return true;
    if (line->size() < limit) line->push_back(static_cast<char>(c));
    else *too_long = true;
  }
  return read_any;
}

}  // namespace

std::string ServeRequest(const Engine& engine, std::string_view request_line, const ServeOptions& options) {
  try {
    return Answer(engine, request_line, options).dump(-1, ' ', false, json::error_handler_t::replace);
  } catch (...) {
    // Only memory can fail here; a fixed answer needs none.
    return R"({"id":null,"ok":false,"error":"out of memory while answering the request"})";
  }
}

void Serve(const Engine& engine, std::istream& in, std::ostream& out, const ServeOptions& options) {
  std::string line;
  bool too_long = false;
  while (ReadLine(in, options.max_request_bytes, &line, &too_long)) {
    if (too_long) {
      const std::string limit = std::to_string(options.max_request_bytes);
      out << Error(nullptr, "the request is longer than the limit of " + limit + " bytes (--max-request-bytes)").dump()
          << '\n' << std::flush;
      continue;
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    out << ServeRequest(engine, line, options) << '\n' << std::flush;
  }
}

}  // namespace vanban
