// The C ABI of SPEC.md: a thin shell over vanban::Engine that turns Status values into
// NULL + message and C++ strings into malloc'd C strings. No exception leaves an entry point:
// a C caller cannot catch one, and one unwinding into it would end the process.
#include "vanban/vanban.h"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <string_view>

#include "vanban/engine.h"

struct vanban_engine {
  std::unique_ptr<vanban::Engine> engine;
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

// Runs `call` (returning T*), turning any exception into NULL + message.
template <typename T, typename Call>
T* Guarded(char** err, Call call) {
  try {
    return call();
  } catch (const std::bad_alloc&) {
    return Fail<T>(err, "out of memory");
  } catch (const std::exception& e) {
    return Fail<T>(err, std::string("internal error: ") + e.what());
  } catch (...) {
    return Fail<T>(err, "internal error");
  }
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

}  // namespace

extern "C" {

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

void vanban_free(void* p) { std::free(p); }

}  // extern "C"
