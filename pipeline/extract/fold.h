// Folding: the OCR-tolerant view of a string the extractor matches on. A fold drops diacritics,
// case and everything but letters and digits ("Kính gửi:" → "kinhgui"), and remembers where
// each folded character came from so that a match can cut the original text.
//
// Thread-safety: pure functions; a Folded is a plain value.
#ifndef VANBAN_PIPELINE_EXTRACT_FOLD_H_
#define VANBAN_PIPELINE_EXTRACT_FOLD_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace vanban::extract {

struct Folded {
  std::string key;           // [a-z0-9] only (and ' ' when spaces are kept)
  std::vector<size_t> from;  // byte offset in the source of key[i]; from.back() = bytes folded
  std::vector<size_t> to;    // byte offset just after key[i]'s code point (a space: = from)
};

// Folds `text`; with keep_spaces, runs of non-alphanumerics become one ' '. Folding stops once
// the key holds max_key characters (a check of how a long text opens need not fold all of it).
Folded Fold(std::string_view text, bool keep_spaces = false, size_t max_key = std::string::npos);
std::string FoldKey(std::string_view text, bool keep_spaces = false);

int EditDistance(std::string_view a, std::string_view b);

// Edits tolerated when matching a pattern of this many folded characters: OCR damages about
// one character in six of the words the extractor looks for.
int Tolerance(size_t pattern_length);

struct Match {
  size_t begin = 0, end = 0;  // range in the folded key
  int distance = -1;          // -1: no match within the tolerance
  bool found() const { return distance >= 0; }
};

// The best approximate occurrence of `pattern` in `key` (Sellers' algorithm), within
// max_distance edits; with anchored, the occurrence must start at key[0].
Match FindApprox(std::string_view key, std::string_view pattern, int max_distance,
                 bool anchored = false);

// Whether two folded strings are the same word(s) up to the tolerance of the longer.
bool Near(std::string_view a, std::string_view b);

}  // namespace vanban::extract

#endif  // VANBAN_PIPELINE_EXTRACT_FOLD_H_
