// libFuzzer target: serve's request handler (vanban::ServeRequest) on arbitrary request lines,
// with the restorer loaded and OCR not (an "ocr" request then fails after its path checks) and
// a root holding nothing, so that no request reads the machine's files. Checks that every
// answer is one line of one JSON object with "ok" and, on failure, an "error" string.
// Build and run: see tests/fuzz/run.sh.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/fuzz/fuzz_util.h"
#include "vanban/engine.h"
#include "vanban/serve.h"

namespace {

const vanban::Engine* engine = nullptr;
vanban::ServeOptions* options = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  vanban::EngineOptions engine_options;
  engine_options.data_dir = VANBAN_SOURCE_DIR;
  engine_options.load_ocr = false;
  engine = vanban::fuzz::KeptOrAbort(vanban::Engine::Open(engine_options));
  options = new vanban::ServeOptions;
  options->root = (std::filesystem::temp_directory_path() / "vanban-serve-fuzz-root").string();
  std::filesystem::create_directories(options->root);
  options->max_request_bytes = 1 << 16;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string response =
      vanban::ServeRequest(*engine, std::string_view(reinterpret_cast<const char*>(data), size), *options);
  if (response.find('\n') != std::string::npos) abort();
  const nlohmann::json answer = nlohmann::json::parse(response, nullptr, /*allow_exceptions=*/false);
  if (!answer.is_object() || !answer.contains("ok") || !answer["ok"].is_boolean()) abort();
  if (!answer["ok"].get<bool>() && !(answer.contains("error") && answer["error"].is_string())) abort();
  return 0;
}
