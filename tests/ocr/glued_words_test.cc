#include "pipeline/ocr/glued_words.h"

#include <gtest/gtest.h>

#include "pipeline/text/unicode.h"

namespace vanban::ocr {
namespace {

// The symbols of `word`, one letter each, 20 px wide side by side.
std::vector<Symbol> Symbols(const std::string& word) {
  std::vector<Symbol> symbols;
  const std::string nfc = text::ToNfc(word);
  for (size_t pos = 0; pos < nfc.size();) {
    size_t start = pos;
    text::NextCodePoint(nfc, &pos);
    const int x = 100 + 20 * static_cast<int>(symbols.size());
    symbols.push_back({nfc.substr(start, pos - start), Box{x, 50, 18, 30}});
  }
  return symbols;
}

TEST(GluedWords, SplitsAFilledInPartFromTheSyllableBeforeIt) {
  EXPECT_EQ(GluedTailStart(Symbols("ngày11")), 4u);
  EXPECT_EQ(GluedTailStart(Symbols("ngày0ÿ")), 4u);
  EXPECT_EQ(GluedTailStart(Symbols("ngày@0")), 4u);
  EXPECT_EQ(GluedTailStart(Symbols("thángØ†?")), 5u);
  EXPECT_EQ(GluedTailStart(Symbols("năm2025")), 3u);
}

TEST(GluedWords, LeavesWordsThatAreOneWord) {
  for (const char* word : {"ngày", "tỉnh,", "km2", "COVID-19", "Ngãi,", "ngàyÂtháng", "(b/c)", "năm20251", "lưu:"}) {
    EXPECT_EQ(GluedTailStart(Symbols(word)), 0u) << word;
  }
}

TEST(GluedWords, EachPartKeepsItsLettersAndBox) {
  OcrWord word;
  word.text = word.ocr_text = "ngày11";
  word.confidence = 61;
  const std::vector<Symbol> symbols = Symbols("ngày11");
  auto [head, tail] = SplitWord(word, symbols, GluedTailStart(symbols));
  EXPECT_EQ(head.text, "ngày");
  EXPECT_EQ(tail.text, "11");
  EXPECT_EQ(tail.ocr_text, "11");
  EXPECT_EQ(head.box.x, 100);
  EXPECT_EQ(head.box.right(), 100 + 3 * 20 + 18);
  EXPECT_EQ(tail.box.x, 180);
  EXPECT_EQ(tail.box.width, 38);
  EXPECT_EQ(tail.confidence, 61);
}

}  // namespace
}  // namespace vanban::ocr
