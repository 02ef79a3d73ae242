#include "pipeline/ocr/glued_words.h"

#include <algorithm>

#include "pipeline/text/unicode.h"
#include "pipeline/text/vietnamese.h"

namespace vanban::ocr {
namespace {

// The filled-in part stays short: a day, a month, a serial, a year.
constexpr size_t kMaxTailSymbols = 4;
constexpr size_t kMinSyllableLetters = 3;

bool IsLowerLetter(const std::string& symbol) {
  size_t pos = 0;
  const char32_t c = text::NextCodePoint(symbol, &pos);
  text::Letter letter;
  return pos == symbol.size() && text::DescribeLetter(c, &letter) && !letter.upper;
}

// A digit, or a symbol no Vietnamese word holds; punctuation that may follow a word is neither.
bool OpensFilledIn(const std::string& symbol) {
  size_t pos = 0;
  const char32_t c = text::NextCodePoint(symbol, &pos);
  if (c >= '0' && c <= '9') return true;
  if (c < 0x80 && std::string_view(".,;:!?)]}'\"-/").find(static_cast<char>(c)) != std::string_view::npos) return false;
  text::Letter letter;
  return !text::DescribeLetter(c, &letter);
}

Box Union(const std::vector<Symbol>& symbols, size_t begin, size_t end) {
  int left = symbols[begin].box.x, top = symbols[begin].box.y;
  int right = symbols[begin].box.right(), bottom = symbols[begin].box.bottom();
  for (size_t i = begin + 1; i < end; ++i) {
    left = std::min(left, symbols[i].box.x);
    top = std::min(top, symbols[i].box.y);
    right = std::max(right, symbols[i].box.right());
    bottom = std::max(bottom, symbols[i].box.bottom());
  }
  return Box{left, top, right - left, bottom - top};
}

}  // namespace

size_t GluedTailStart(const std::vector<Symbol>& symbols) {
  size_t letters = 0;
  while (letters < symbols.size() && IsLowerLetter(symbols[letters].text)) ++letters;
  const size_t tail = symbols.size() - letters;
  if (letters < kMinSyllableLetters || tail == 0 || tail > kMaxTailSymbols) return 0;
  return OpensFilledIn(symbols[letters].text) ? letters : 0;
}

std::pair<OcrWord, OcrWord> SplitWord(const OcrWord& word, const std::vector<Symbol>& symbols, size_t at) {
  std::pair<OcrWord, OcrWord> parts;
  auto fill = [&](OcrWord* part, size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) part->text += symbols[i].text;
    part->ocr_text = part->text;
    part->box = Union(symbols, begin, end);
    part->confidence = word.confidence;
  };
  fill(&parts.first, 0, at);
  fill(&parts.second, at, symbols.size());
  return parts;
}

}  // namespace vanban::ocr
