#include "pipeline/restore/place_names.h"

#include <algorithm>
#include <fstream>

#include "pipeline/text/unicode.h"
#include "pipeline/text/vietnamese.h"

namespace vanban::restore {

StatusOr<std::unique_ptr<PlaceNames>> PlaceNames::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::MissingData("cannot read place names " + path);
  auto result = std::make_unique<PlaceNames>();
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::string name = text::ToNfc(line);
    int syllables = 1 + static_cast<int>(std::count(name.begin(), name.end(), ' '));
    if (syllables < 2 || syllables > kMaxSyllables) continue;
    auto [it, added] = result->by_skeleton_.emplace(text::Skeleton(name), name);
    if (!added && it->second != name) it->second.clear();
  }
  return result;
}

const std::string* PlaceNames::Find(const std::string& skeleton_phrase) const {
  auto it = by_skeleton_.find(skeleton_phrase);
  return it == by_skeleton_.end() || it->second.empty() ? nullptr : &it->second;
}

}  // namespace vanban::restore
