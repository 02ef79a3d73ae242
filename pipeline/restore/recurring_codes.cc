#include "pipeline/restore/recurring_codes.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "pipeline/text/unicode.h"
#include "pipeline/text/vietnamese.h"

namespace vanban::restore {
namespace {

// Word confidences (0..100): an occurrence read at least this sure spells the code …
constexpr float kSureOccurrence = 85;
// … and one read below this may be mended.
constexpr float kUnsureOccurrence = 70;
// A code is a word of at least this many letters and digits with a digit among them.
constexpr size_t kShortestCode = 4;

// Characters OCR takes for one another in print, digits against letters: each group is one class.
constexpr std::u32string_view kConfusable[] = {U"1lIL|i!", U"0OoDQ", U"5Ss", U"8B", U"2Zz", U"6Gb", U"9gq"};

int ConfusionClass(char32_t c) {
  for (int i = 0; i < static_cast<int>(std::size(kConfusable)); ++i) {
    if (kConfusable[i].find(c) != std::u32string_view::npos) return i;
  }
  return -1;
}

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

// A word split into the code and the punctuation round it ("(COVID-19)," → "(", "COVID-19", "),").
struct CodeWord {
  std::u32string before, code, after;
};

bool Edge(char32_t c) { return c == U'(' || c == U')' || c == U',' || c == U'.' || c == U';' || c == U':' || c == U'"'; }

std::optional<CodeWord> AsCode(std::string_view word) {
  const std::u32string points = text::ToU32(word);
  size_t begin = 0, end = points.size();
  while (begin < end && Edge(points[begin])) ++begin;
  while (end > begin && Edge(points[end - 1])) --end;
  CodeWord split{points.substr(0, begin), points.substr(begin, end - begin), points.substr(end)};
  if (split.code.size() < kShortestCode) return std::nullopt;
  if (std::none_of(split.code.begin(), split.code.end(), IsDigit)) return std::nullopt;
  return split;
}

// Whether `read` is `sure` with one character exchanged for one OCR confuses it with.
bool OneConfusionApart(const std::u32string& read, const std::u32string& sure) {
  if (read.size() != sure.size()) return false;
  int differences = 0;
  for (size_t i = 0; i < read.size(); ++i) {
    if (read[i] == sure[i]) continue;
    const int cls = ConfusionClass(read[i]);
    if (cls < 0 || cls != ConfusionClass(sure[i]) || ++differences > 1) return false;
  }
  return differences == 1;
}

template <typename Visit>
void ForEachWord(std::vector<OcrPage>* pages, Visit visit) {
  for (OcrPage& page : *pages) {
    for (OcrBlock& block : page.blocks) {
      for (OcrLine& line : block.lines) {
        for (OcrWord& word : line.words) visit(page, word);
      }
    }
  }
}

}  // namespace

void MendRecurringCodes(std::vector<OcrPage>* pages) {
  std::set<std::u32string> sure;  // the spellings of sure occurrences
  ForEachWord(pages, [&](const OcrPage& page, const OcrWord& word) {
    if (word.handwritten || (!page.text_layer && word.confidence < kSureOccurrence)) return;
    if (std::optional<CodeWord> code = AsCode(word.text)) sure.insert(code->code);
  });
  if (sure.empty()) return;
  ForEachWord(pages, [&](const OcrPage& page, OcrWord& word) {
    if (page.text_layer || word.handwritten || word.confidence >= kUnsureOccurrence) return;
    std::optional<CodeWord> code = AsCode(word.text);
    if (!code || sure.contains(code->code)) return;
    const std::u32string* spelling = nullptr;
    for (const std::u32string& candidate : sure) {
      if (!OneConfusionApart(code->code, candidate)) continue;
      if (spelling != nullptr) return;  // two sure spellings fit: no telling which
      spelling = &candidate;
    }
    if (spelling != nullptr) word.text = text::ToU8(code->before + *spelling + code->after);
  });
}

}  // namespace vanban::restore
