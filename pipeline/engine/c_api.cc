// The C ABI of SPEC.md: a thin shell over vanban::Engine that turns Status values into
// NULL + message and C++ strings into malloc'd C strings. No exception leaves an entry point:
// a C caller cannot catch one, and one unwinding into it would end the process.
#include "vanban/vanban.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vanban/engine.h"

struct vanban_engine {
  std::unique_ptr<vanban::Engine> engine;
};

struct vanban_document {
  vanban::Document document;
  std::optional<vanban::ScanBytes> held;  // an input from memory, kept for the searchable PDF
};

namespace {

char* CopyString(std::string_view s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out == nullptr) return nullptr;
  std::memcpy(out, s.data(), s.size());
  out[s.size()] = '\0';
  return out;
}

template <typename T>
T* Fail(char** err, std::string_view message) {
  if (err != nullptr) *err = CopyString(message);
  return nullptr;
}

int CodeOf(const vanban::Status& status) {
  using Code = vanban::Status::Code;
  switch (status.code()) {
    case Code::kOk: return VANBAN_OK;
    case Code::kInvalidArgument: return VANBAN_INVALID_ARGUMENT;
    case Code::kNotFound: return VANBAN_NOT_FOUND;
    case Code::kCorruptInput: return VANBAN_CORRUPT_INPUT;
    case Code::kIoError: return VANBAN_IO_ERROR;
    case Code::kMissingData: return VANBAN_MISSING_DATA;
    case Code::kTooLarge: return VANBAN_TOO_LARGE;
    case Code::kInternal: return VANBAN_INTERNAL;
    case Code::kCancelled: return VANBAN_CANCELLED;
    case Code::kNoSpace: return VANBAN_NO_SPACE;
  }
  return VANBAN_INTERNAL;
}

// Stores the message of a failed `status` and returns its code.
int Failed(const vanban::Status& status, char** err) {
  if (err != nullptr) *err = CopyString(status.message());
  return CodeOf(status);
}

// Runs `call` (returning a code), turning any exception into a code + message.
template <typename Call>
int GuardedCode(char** err, Call call) {
  try {
    return call();
  } catch (const std::bad_alloc&) {
    if (err != nullptr) *err = CopyString("out of memory");
    return VANBAN_OUT_OF_MEMORY;
  } catch (const std::exception& e) {
    return Failed(vanban::Status::Internal(std::string("internal error: ") + e.what()), err);
  } catch (...) {
    return Failed(vanban::Status::Internal("internal error"), err);
  }
}

// Runs `call` (returning T*), turning any exception into NULL + message as GuardedCode does.
template <typename T, typename Call>
T* Guarded(char** err, Call call) {
  T* result = nullptr;
  GuardedCode(err, [&]() -> int {
    result = call();
    return VANBAN_OK;
  });
  return result;
}

// A malloc'd copy of `s`, or NULL + message when memory is short.
char* Returned(std::string_view s, char** err) {
  char* out = CopyString(s);
  return out != nullptr ? out : Fail<char>(err, "out of memory");
}

bool ParseMode(const char* mode, vanban::RestoreMode* out) {
  const std::string_view m = mode == nullptr ? "auto" : mode;
  if (m == "auto") *out = vanban::RestoreMode::kAuto;
  else if (m == "stripped") *out = vanban::RestoreMode::kStripped;
  else if (m == "ocr") *out = vanban::RestoreMode::kOcr;
  else return false;
  return true;
}

// The options of vanban_ocr_* (see vanban.h) from their JSON object; NULL or "" is none.
// "later_pages" goes to *later_pages.
vanban::StatusOr<vanban::ProcessOptions> ParseProcessOptions(const char* options_json,
                                                             std::vector<std::string>* later_pages) {
  using nlohmann::json;
  vanban::ProcessOptions options;
  if (options_json == nullptr || *options_json == '\0') return options;
  const json object = json::parse(options_json, nullptr, /*allow_exceptions=*/false);
  if (!object.is_object()) return vanban::Status::InvalidArgument("options: not a JSON object");
  for (const auto& [key, value] : object.items()) {
    auto wrong = [&key = key](const char* want) {
      return vanban::Status::InvalidArgument("options: \"" + key + "\" must be " + want);
    };
    if (key == "restore" || key == "text_layer") {
      if (!value.is_boolean()) return wrong("true or false");
      (key == "restore" ? options.restore : options.text_layer) = value.get<bool>();
    } else if (key == "dpi" || key == "first_page" || key == "last_page" || key == "page_timeout") {
      if (!value.is_number_integer()) return wrong("an integer");
      const long long n = value.get<long long>();
      if (n < 0 || n > 1'000'000) return wrong("an integer from 0 to 1000000");
      const int v = static_cast<int>(n);
      if (key == "dpi") options.assumed_dpi = v;
      if (key == "first_page") options.first_page = v;
      if (key == "last_page") options.last_page = v;
      if (key == "page_timeout") options.page_timeout_seconds = v;
    } else if (key == "max_megapixels") {
      if (!value.is_number() || value.get<double>() <= 0 || value.get<double>() > 1e6) return wrong("a number from 0 to 1000000");
      options.max_page_pixels = static_cast<long long>(value.get<double>() * 1e6);
    } else if (key == "name") {
      if (!value.is_string()) return wrong("a string");
      options.source_name = value.get<std::string>();
    } else if (key == "later_pages") {
      const auto path = [](const json& v) { return v.is_string() && !v.get<std::string>().empty(); };
      if (!value.is_array() || !std::all_of(value.begin(), value.end(), path)) return wrong("a list of file paths");
      for (const json& file : value) later_pages->push_back(file.get<std::string>());
    } else {
      return vanban::Status::InvalidArgument("options: unknown key \"" + key + "\"");
    }
  }
  return options;
}

// Recognises `path` (held: the temporary file of an input from memory) into *out.
int Ocr(vanban_engine* engine, const std::string& path, std::optional<vanban::ScanBytes> held,
        const char* options_json, vanban_progress_fn progress, void* user_data, vanban_document** out, char** err) {
  std::vector<std::string> files = {path};
  vanban::StatusOr<vanban::ProcessOptions> options = ParseProcessOptions(options_json, &files);
  if (!options.ok()) return Failed(options.status(), err);
  if (held.has_value() && files.size() > 1) {
    return Failed(vanban::Status::InvalidArgument("options: \"later_pages\" follow a file, not a buffer"), err);
  }
  if (held.has_value() && options->source_name.empty()) options->source_name.assign(1, '-');  // not = "-": GCC 12 warns of a false -Wrestrict there
  if (progress != nullptr) {
    options->progress = [progress, user_data](int done, int pages) { return progress(user_data, done, pages) != 0; };
  }
  vanban::StatusOr<vanban::Document> document = engine->engine->ProcessFiles(files, options.value());
  if (!document.ok()) {
    return Failed(document.status().WithPrefix((held.has_value() ? options->source_name : path) + ": "), err);
  }
  *out = new vanban_document{std::move(document).value(), std::move(held)};
  return VANBAN_OK;
}

}  // namespace

extern "C" {

const char* vanban_version(void) { return vanban::Version(); }

vanban_engine* vanban_open(const char* data_dir, char** err) {
  return Guarded<vanban_engine>(err, [&]() -> vanban_engine* {
    vanban::EngineOptions options;
    if (data_dir != nullptr) options.data_dir = data_dir;
    vanban::StatusOr<std::unique_ptr<vanban::Engine>> engine = vanban::Engine::Open(options);
    if (!engine.ok()) return Fail<vanban_engine>(err, engine.status().message());
    return new vanban_engine{std::move(engine).value()};
  });
}

void vanban_close(vanban_engine* engine) { delete engine; }

char* vanban_restore(vanban_engine* engine, const char* text, const char* mode, char** err) {
  return Guarded<char>(err, [&]() -> char* {
    if (engine == nullptr || text == nullptr) return Fail<char>(err, "engine and text must not be NULL");
    vanban::RestoreOptions options;
    if (!ParseMode(mode, &options.mode)) return Fail<char>(err, "mode must be auto, stripped or ocr");
    vanban::StatusOr<std::string> restored = engine->engine->Restore(text, options);
    if (!restored.ok()) return Fail<char>(err, restored.status().message());
    return Returned(restored.value(), err);
  });
}

char* vanban_extract(vanban_engine* engine, const char* text, char** err) {
  return Guarded<char>(err, [&]() -> char* {
    if (engine == nullptr || text == nullptr) return Fail<char>(err, "engine and text must not be NULL");
    return Returned(vanban::ToJson(engine->engine->Extract(text)), err);
  });
}

char* vanban_process_file(vanban_engine* engine, const char* path, char** err) {
  return Guarded<char>(err, [&]() -> char* {
    if (engine == nullptr || path == nullptr) return Fail<char>(err, "engine and path must not be NULL");
    vanban::StatusOr<vanban::Document> document = engine->engine->ProcessFile(path);
    if (!document.ok()) return Fail<char>(err, std::string(path) + ": " + document.status().message());
    return Returned(vanban::ToJson(document.value()), err);
  });
}

int vanban_ocr_file(vanban_engine* engine, const char* path, const char* options_json, vanban_progress_fn progress,
                    void* user_data, vanban_document** out, char** err) {
  return GuardedCode(err, [&]() -> int {
    if (engine == nullptr || path == nullptr || out == nullptr) {
      return Failed(vanban::Status::InvalidArgument("engine, path and out must not be NULL"), err);
    }
    *out = nullptr;
    return Ocr(engine, path, std::nullopt, options_json, progress, user_data, out, err);
  });
}

int vanban_ocr_buffer(vanban_engine* engine, const void* data, size_t size, const char* options_json,
                      vanban_progress_fn progress, void* user_data, vanban_document** out, char** err) {
  return GuardedCode(err, [&]() -> int {
    if (engine == nullptr || (data == nullptr && size > 0) || out == nullptr) {
      return Failed(vanban::Status::InvalidArgument("engine, data and out must not be NULL"), err);
    }
    *out = nullptr;
    vanban::StatusOr<vanban::ScanBytes> held =
        vanban::ScanBytes::Hold(std::string_view(static_cast<const char*>(data), size));
    if (!held.ok()) return Failed(held.status(), err);
    const std::string path = held->path();
    return Ocr(engine, path, std::move(held).value(), options_json, progress, user_data, out, err);
  });
}

int vanban_render(vanban_engine* engine, const vanban_document* document, const char* format, char** out, size_t* size,
                  char** err) {
  return GuardedCode(err, [&]() -> int {
    if (engine == nullptr || document == nullptr || format == nullptr || out == nullptr || size == nullptr) {
      return Failed(vanban::Status::InvalidArgument("engine, document, format, out and size must not be NULL"), err);
    }
    *out = nullptr;
    *size = 0;
    vanban::RenderOptions options;
    if (document->held.has_value()) options.input_path = document->held->path();
    vanban::StatusOr<std::string> bytes = engine->engine->Render(document->document, format, options);
    if (!bytes.ok()) return Failed(bytes.status(), err);
    *out = CopyString(bytes.value());
    if (*out == nullptr) throw std::bad_alloc();
    *size = bytes->size();
    return VANBAN_OK;
  });
}

void vanban_document_free(vanban_document* document) { delete document; }

void vanban_free(void* p) { std::free(p); }

}  // extern "C"
