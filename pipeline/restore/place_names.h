// PlaceNames — administrative place names of two or more syllables ("Nghĩa Chánh", "Tịnh
// Phong", dictionaries/places.txt), looked up by their skeleton ("nghia chanh"): on OCR lines a
// run of words that reads as a known name gets the name's spelling as a favoured candidate,
// since the language model cannot tell "Phường Nghĩa Chánh" from "Phương Nghĩa Chanh".
//
// Thread-safety: immutable after Load; Find may run on many threads at once.
#ifndef VANBAN_PIPELINE_RESTORE_PLACE_NAMES_H_
#define VANBAN_PIPELINE_RESTORE_PLACE_NAMES_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "vanban/status.h"

namespace vanban::restore {

class PlaceNames {
 public:
  static constexpr int kMaxSyllables = 4;

  // One name per line, '#' comments; kMissingData when unreadable.
  static StatusOr<std::unique_ptr<PlaceNames>> Load(const std::string& path);

  // The spelling of the name whose skeleton is `skeleton_phrase` (syllable skeletons joined by
  // one space); nullptr when none, or when names with that skeleton are spelt differently.
  const std::string* Find(const std::string& skeleton_phrase) const;

 private:
  std::unordered_map<std::string, std::string> by_skeleton_;  // "" marks an ambiguous skeleton
};

}  // namespace vanban::restore

#endif  // VANBAN_PIPELINE_RESTORE_PLACE_NAMES_H_
