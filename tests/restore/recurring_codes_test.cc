#include "pipeline/restore/recurring_codes.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace vanban::restore {
namespace {

// One page with one line per word, each given as (text, confidence).
std::vector<OcrPage> Pages(const std::vector<std::pair<std::string, float>>& words, bool text_layer = false) {
  OcrPage page;
  page.text_layer = text_layer;
  OcrBlock block;
  for (const auto& [text, confidence] : words) {
    OcrWord word;
    word.text = word.ocr_text = text;
    word.confidence = confidence;
    block.lines.push_back(OcrLine{{word}, Box{}});
  }
  page.blocks.push_back(block);
  return {page};
}

std::string Text(const std::vector<OcrPage>& pages, size_t line) { return pages[0].blocks[0].lines[line].words[0].text; }

TEST(RecurringCodesTest, AnUnsureCodeTakesTheSpellingOfItsSureOccurrences) {
  auto pages = Pages({{"COVID-19,", 90}, {"(COVID-L9).", 57}, {"2114/BGDĐT-GDCTHSSV", 92}, {"2l14/BGDĐT-GDCTHSSV", 40}});
  MendRecurringCodes(&pages);
  EXPECT_EQ(Text(pages, 1), "(COVID-19).");
  EXPECT_EQ(Text(pages, 3), "2114/BGDĐT-GDCTHSSV");
  EXPECT_EQ(pages[0].blocks[0].lines[1].words[0].ocr_text, "(COVID-L9).");  // what OCR read stays
}

TEST(RecurringCodesTest, LeavesWhatHasNoSureTwinOrTwoOrDiffersInMoreThanALookalike) {
  auto pages = Pages({{"QĐ-L9", 40},                           // no sure occurrence
                      {"10/CT", 95}, {"1D/CT", 95}, {"1O/CT", 50},  // two sure spellings fit
                      {"574/UBND", 95}, {"575/UBND", 50},      // 4 and 5 are not alike
                      {"COVID-L9", 80}});                      // not unsure enough
  auto before = pages;
  auto with_twin = Pages({{"COVID-19", 95}, {"COVID-L9", 80}});
  MendRecurringCodes(&pages);
  MendRecurringCodes(&with_twin);
  for (size_t i = 0; i < 7; ++i) EXPECT_EQ(Text(pages, i), Text(before, i)) << i;
  EXPECT_EQ(Text(with_twin, 1), "COVID-L9");
}

TEST(RecurringCodesTest, ATextLayersCodesSpellTheScannedPages) {
  std::vector<OcrPage> pages = {Pages({{"COVID-19", 0}}, /*text_layer=*/true)[0], Pages({{"COVID-L9", 30}})[0]};
  MendRecurringCodes(&pages);
  EXPECT_EQ(pages[1].blocks[0].lines[0].words[0].text, "COVID-19");
}

}  // namespace
}  // namespace vanban::restore
