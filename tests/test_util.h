// Helpers shared by the test suites: paths of fixtures and a syllable-recall measure that
// matches ../shared/tools/vnscore.py (order-free, tone-mark placement not counted).
#ifndef VANBAN_TESTS_TEST_UTIL_H_
#define VANBAN_TESTS_TEST_UTIL_H_

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

namespace vanban::testing {

inline std::string SourcePath(const std::string& relative) { return std::string(VANBAN_SOURCE_DIR) + "/" + relative; }
inline std::string SharedPath(const std::string& relative) { return std::string(VANBAN_SHARED_DIR) + "/" + relative; }
inline bool HaveShared() { return std::filesystem::is_directory(VANBAN_SHARED_DIR); }

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void WriteFile(const std::string& path, const std::string& contents) {
  std::ofstream(path, std::ios::binary) << contents;
}

// A fresh, empty folder under the build tree for one test.
inline std::string ScratchDir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(VANBAN_BINARY_DIR) / "test-scratch" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

// "hoà" and "hòa" both become "hoa" + tone digit: placement style is not an error.
inline std::string CanonicalSyllable(const std::string& token) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString d = nfd->normalize(icu::UnicodeString::fromUTF8(token), status);
  icu::UnicodeString base;
  char tone = 0;
  for (int32_t i = 0; i < d.length(); ++i) {
    const char16_t c = d.charAt(i);
    const char* tones = nullptr;
    switch (c) {
      case 0x0300: tones = "2"; break;
      case 0x0301: tones = "1"; break;
      case 0x0309: tones = "3"; break;
      case 0x0303: tones = "4"; break;
      case 0x0323: tones = "5"; break;
    }
    if (tones != nullptr && tone == 0) {
      tone = tones[0];
    } else {
      base.append(c);
    }
  }
  std::string out;
  nfc->normalize(base, status).toUTF8String(out);
  if (tone) out += std::string("#") + tone;
  return out;
}

inline std::vector<std::string> Syllables(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string token; in >> token;) out.push_back(CanonicalSyllable(token));
  return out;
}

// Share of the reference's syllables found in the hypothesis (1 - vnscore's `miss`).
inline double SyllableRecall(const std::string& reference, const std::string& hypothesis) {
  std::map<std::string, int> available;
  for (const std::string& s : Syllables(hypothesis)) ++available[s];
  const std::vector<std::string> ref = Syllables(reference);
  int found = 0;
  for (const std::string& s : ref) {
    if (available[s] > 0) {
      --available[s];
      ++found;
    }
  }
  return ref.empty() ? 1.0 : static_cast<double>(found) / ref.size();
}

// The words of `text` (split at white space) that `other` lacks, counted with repeats, in the
// order of `text`: exact text compared regardless of reading order.
inline std::vector<std::string> WordsNotIn(const std::string& text, const std::string& other) {
  std::map<std::string, int> available;
  std::istringstream theirs(other);
  for (std::string word; theirs >> word;) ++available[word];
  std::vector<std::string> missing;
  std::istringstream ours(text);
  for (std::string word; ours >> word;) {
    if (available[word]-- <= 0) missing.push_back(word);
  }
  return missing;
}

}  // namespace vanban::testing

#endif  // VANBAN_TESTS_TEST_UTIL_H_
