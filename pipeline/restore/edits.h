// ForEachEdit — every string one deletion, insertion or substitution (letters a–z) away from a
// lower-case ASCII skeleton: the candidates of an edit-distance-1 lookup.
//
// Thread-safety: a pure function.
#ifndef VANBAN_PIPELINE_RESTORE_EDITS_H_
#define VANBAN_PIPELINE_RESTORE_EDITS_H_

#include <string>

namespace vanban::restore {

template <typename Visit>
void ForEachEdit(const std::string& skeleton, Visit visit) {
  std::string variant;
  for (size_t i = 0; i <= skeleton.size(); ++i) {
    if (i < skeleton.size()) {
      variant = skeleton;
      variant.erase(i, 1);
      visit(variant);
    }
    for (char letter = 'a'; letter <= 'z'; ++letter) {
      variant = skeleton;
      variant.insert(variant.begin() + i, letter);
      visit(variant);
      if (i < skeleton.size() && skeleton[i] != letter) {
        variant = skeleton;
        variant[i] = letter;
        visit(variant);
      }
    }
  }
}

}  // namespace vanban::restore

#endif  // VANBAN_PIPELINE_RESTORE_EDITS_H_
