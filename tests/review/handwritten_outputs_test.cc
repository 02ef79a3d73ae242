#include "pipeline/review/handwritten_outputs.h"

#include <gtest/gtest.h>

#include "pipeline/output/renderers.h"
#include "tests/review/filled_in_document.h"

namespace vanban::review {
namespace {

using Blank = HandwrittenEdit::Blank;

const HandwrittenEdit kSerial{Blank::kSerial, "514"};
const HandwrittenEdit kDay{Blank::kDay, "07"};

TEST(PatchText, ReplacesTheSerialAfterSoAndTheDayBeforeThang) {
  const std::string text = FilledIn().text;
  const auto serial = PatchText(text, kSerial);
  ASSERT_TRUE(serial.has_value());
  EXPECT_NE(serial->find("Số: 514 /UBND-KTTH"), std::string::npos) << *serial;
  const auto day = PatchText(text, kDay);
  ASSERT_TRUE(day.has_value());
  EXPECT_NE(day->find("ngày 07 tháng 02 năm 2025"), std::string::npos) << *day;
}

TEST(PatchText, LeavesCitedDatesAlone) {
  const std::string text = "căn cứ Quyết định ngày 25/12/2023;\nHà Nội, ngày 04 tháng 02 năm 2025\nngày 09 tháng 1";
  EXPECT_EQ(PatchText(text, kDay).value(),
            "căn cứ Quyết định ngày 25/12/2023;\nHà Nội, ngày 07 tháng 02 năm 2025\nngày 09 tháng 1");
}

TEST(PatchText, FindsNothingWhenTheBlankWasNotRead) {
  EXPECT_FALSE(PatchText("Số: /UBND-KTTH\nngày   tháng 02", kSerial).has_value());
  EXPECT_FALSE(PatchText("Số: /UBND-KTTH\nngày   tháng 02", kDay).has_value());
}

TEST(PatchHocr, ReplacesOnlyTheHandwrittenWordOfTheBlank) {
  const std::string hocr = output::RenderHocr(FilledIn());
  const auto serial = PatchHocr(hocr, kSerial);
  ASSERT_TRUE(serial.has_value());
  EXPECT_NE(serial->find("x_source handwritten\">514</span>"), std::string::npos);
  EXPECT_NE(serial->find("x_source handwritten\">04</span>"), std::string::npos);  // the day stays
  EXPECT_EQ(serial->find(">574<"), std::string::npos);
  const auto day = PatchHocr(hocr, kDay);
  ASSERT_TRUE(day.has_value());
  EXPECT_NE(day->find("x_source handwritten\">07</span>"), std::string::npos);
  EXPECT_NE(day->find("x_source handwritten\">574</span>"), std::string::npos);
  EXPECT_EQ(day->size(), hocr.size());
}

TEST(PatchAlto, ReplacesOnlyTheHandwrittenWordOfTheBlank) {
  const std::string alto = output::RenderAlto(FilledIn());
  const auto serial = PatchAlto(alto, kSerial);
  ASSERT_TRUE(serial.has_value());
  EXPECT_NE(serial->find("CONTENT=\"514\""), std::string::npos);
  EXPECT_EQ(serial->find("CONTENT=\"574\""), std::string::npos);
  const auto day = PatchAlto(alto, kDay);
  ASSERT_TRUE(day.has_value());
  EXPECT_NE(day->find("CONTENT=\"07\""), std::string::npos);
  EXPECT_NE(day->find("CONTENT=\"02\""), std::string::npos);  // the printed month stays
}

TEST(PatchMarkup, FindsNothingWithoutAHandwrittenWord) {
  Document printed = FilledIn();
  for (OcrLine& line : printed.pages[0].blocks[0].lines) {
    for (OcrWord& word : line.words) word.handwritten = false;
  }
  EXPECT_FALSE(PatchHocr(output::RenderHocr(printed), kSerial).has_value());
  EXPECT_FALSE(PatchAlto(output::RenderAlto(printed), kDay).has_value());
}

}  // namespace
}  // namespace vanban::review
