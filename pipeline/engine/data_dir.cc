#include "pipeline/engine/data_dir.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>

#include "vanban/engine.h"

namespace vanban {
namespace {

namespace fs = std::filesystem;

// share/vanban beside the lib/ folder libvanban.so was loaded from: a relocated install
// (cmake --install --prefix anywhere) still finds its models.
std::string DataDirBesideLibrary() {
  Dl_info info;
  if (dladdr(reinterpret_cast<void*>(&Version), &info) == 0 || info.dli_fname == nullptr) return {};
  fs::path dir = fs::absolute(info.dli_fname).parent_path();
  for (int up = 0; up < 3 && !dir.empty(); ++up, dir = dir.parent_path()) {
    std::error_code ec;
    if (fs::is_directory(dir / "share" / "vanban" / "models", ec)) return (dir / "share" / "vanban").string();
  }
  return {};
}

}  // namespace

std::string ResolveDataDir(const std::string& configured) {
  if (!configured.empty()) return configured;
  if (const char* env = std::getenv("VANBAN_DATA_DIR"); env != nullptr && *env != '\0') return env;
  if (std::string beside = DataDirBesideLibrary(); !beside.empty()) return beside;
  std::error_code ec;
  if (fs::is_directory(fs::path(VANBAN_SOURCE_DATA_DIR) / "models", ec)) return VANBAN_SOURCE_DATA_DIR;
  return VANBAN_INSTALL_DATA_DIR;
}

}  // namespace vanban
