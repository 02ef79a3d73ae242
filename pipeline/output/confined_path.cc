#include "pipeline/output/confined_path.h"

#include <cstdlib>

namespace vanban::output {

std::string RealPath(const std::string& path) {
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (resolved == nullptr) return {};
  std::string out(resolved);
  std::free(resolved);
  return out;
}

std::string RealPathInside(const std::string& real_root, const std::string& path) {
  const std::string real = RealPath(path);
  const bool inside = !real_root.empty() && !real.empty() && (real_root == "/" || real.starts_with(real_root + "/"));
  return inside ? real : std::string();
}

}  // namespace vanban::output
