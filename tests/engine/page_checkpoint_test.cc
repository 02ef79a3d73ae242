#include "pipeline/engine/page_checkpoint.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <limits>

#include "tests/test_util.h"

namespace vanban {
namespace {

namespace fs = std::filesystem;

// A page with every member the later stages read set to a value that would show if lost:
// confidences that are not round in binary, alternatives, digit re-readings, stamps.
OcrPage FullPage() {
  OcrPage page;
  page.number = 3;
  page.width = 2480;
  page.height = 3508;
  page.dpi = 300;
  page.input = {1654, 2339, 200, {0.6661, -0.0233, 41.7, 0.0233, 0.6661, -29.03}};
  OcrWord word;
  word.text = "Quyết";
  word.ocr_text = "Quyêt";
  word.box = {101, 202, 33, 44};
  word.confidence = 91.37f;
  word.alternatives = {{"Quyết", 0.1f}, {"Quyêt", 87.654321f}};
  word.digits = "47";
  word.digits_confidence = 63.3f;
  word.restore_margin = 0.4217f;
  OcrWord plain;
  plain.text = plain.ocr_text = "định";
  OcrLine line;
  line.words = {word, plain};
  line.box = {100, 200, 400, 50};
  OcrBlock block;
  block.lines = {line, line};
  block.box = {90, 190, 500, 120};
  page.blocks = {block};
  page.mean_word_confidence = 88.123456f;
  page.restored_tokens = 5;
  page.text_layer = true;
  page.stamps = {"Ký bởi: Ủy ban nhân dân\nThời gian ký: 15.01.2025"};
  page.red_stamps = {{"HỎA TỐC", Box{120, 300, 400, 90}}};
  return page;
}

TEST(PageCheckpointTest, APageSurvivesTheTripExactly) {
  const OcrPage page = FullPage();
  std::optional<OcrPage> back = PageFromJson(PageToJson(page));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(PageToJson(*back), PageToJson(page));
  const OcrWord& word = back->blocks[0].lines[1].words[0];
  EXPECT_EQ(word.confidence, 91.37f);
  EXPECT_EQ(word.alternatives[1].second, 87.654321f);
  EXPECT_EQ(word.digits_confidence, 63.3f);
  EXPECT_EQ(word.ocr_text, "Quyêt");
  EXPECT_EQ(word.restore_margin, 0.4217f);
  // A word the restorer weighed no other reading for has an infinite margin, which JSON lacks.
  EXPECT_EQ(back->blocks[0].lines[1].words[1].restore_margin, std::numeric_limits<float>::infinity());
  EXPECT_EQ(back->mean_word_confidence, 88.123456f);
  EXPECT_EQ(back->Text(), page.Text());
  EXPECT_EQ(back->stamps, page.stamps);
  ASSERT_EQ(back->red_stamps.size(), 1u);
  EXPECT_EQ(back->red_stamps[0].text, "HỎA TỐC");
  EXPECT_EQ(back->red_stamps[0].box.y, 300);
  EXPECT_EQ(back->red_stamps[0].box.height, 90);
  EXPECT_TRUE(back->text_layer);
  EXPECT_EQ(back->input.dpi, 200);
  EXPECT_EQ(back->input.to_input, page.input.to_input);
}

TEST(PageCheckpointTest, KeptPagesAreUsedOnlyUnderTheirOwnKey) {
  const std::string folder = vanban::testing::ScratchDir("checkpoint_keys") + "/doc";
  const PageCheckpoints kept(folder, "size:mtime:options");
  ASSERT_TRUE(kept.Save(FullPage()).ok());
  EXPECT_TRUE(kept.Load(2).has_value());
  EXPECT_FALSE(kept.Load(1).has_value());
  EXPECT_FALSE(PageCheckpoints(folder, "other input or options").Load(2).has_value());
  vanban::testing::WriteFile(folder + "/page-0002.json", "{\"key\": \"size:mtime:options\", \"page\": {\"number\"");
  EXPECT_FALSE(kept.Load(1).has_value());  // torn or foreign: read again, never trusted
  kept.Clear();
  EXPECT_FALSE(fs::exists(folder));
}

}  // namespace
}  // namespace vanban
