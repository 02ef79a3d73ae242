#include "pipeline/review/corrections.h"

#include <gtest/gtest.h>

namespace vanban::review {
namespace {

Json Dispatch() {
  return Json::parse(R"({
    "source": "scans/574.pdf", "pages": 1, "text": "Số: 574/UBND-KTTH",
    "fields": {"number": "574/UBND-KTTH", "number_serial": "574", "number_notation": "UBND-KTTH",
               "date": "2025-02-04", "subject": "về việc A", "recipients": ["Sở A"], "cc": []},
    "confidence": {"number": 0.6, "date": 0.6},
    "review": [
      {"field": "number", "reason": "handwritten", "page": 1, "box": [10, 20, 30, 40], "value": "574/UBND-KTTH",
       "candidates": ["574/UBND-KTTH", "514/UBND-KTTH"]},
      {"field": "recipients", "reason": "low_ocr_confidence", "page": null, "box": null, "value": ["Sở A"], "candidates": []},
      {"field": "number", "reason": "conflict_with_stamp", "page": 1, "box": null, "value": "574/UBND-KTTH", "candidates": []}
    ],
    "provenance": {"subject": {"page": 1, "boxes": [[1, 2, 3, 4], [5, 6, 7, 8]], "ocr": "ve viec A"},
                   "recipients": [{"page": 2, "boxes": [[9, 9, 9, 9]]}]}
  })");
}

TEST(ReviewItems, KeepTheCurrentFormAndMarkListFields) {
  const Json items = ReviewItems(Dispatch());
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0]["reason"], "handwritten");
  EXPECT_EQ(items[0]["box"], Json::parse("[10, 20, 30, 40]"));
  EXPECT_EQ(items[0]["candidates"].size(), 2u);
  EXPECT_FALSE(items[0]["list"].get<bool>());
  EXPECT_TRUE(items[1]["list"].get<bool>());
}

TEST(ReviewItems, ReadTheOldFormAsUncertainWithoutABox) {
  Json doc = Dispatch();
  doc["review"] = Json::parse(R"(["date", "page 2", "no_such_field"])");
  const Json items = ReviewItems(doc);
  ASSERT_EQ(items.size(), 1u);  // "page 2" and unknown names have nothing to correct
  EXPECT_EQ(items[0]["field"], "date");
  EXPECT_EQ(items[0]["reason"], "uncertain");
  EXPECT_TRUE(items[0]["page"].is_null());
  EXPECT_TRUE(items[0]["box"].is_null());
  EXPECT_EQ(items[0]["value"], "2025-02-04");
  EXPECT_TRUE(items[0]["candidates"].empty());
}

TEST(FieldBoxes, FlattenProvenanceObjectsAndListEntries) {
  const Json boxes = FieldBoxes(Dispatch());
  ASSERT_EQ(boxes.size(), 3u);
  EXPECT_EQ(boxes[0]["field"], "subject");
  EXPECT_EQ(boxes[1]["box"], Json::parse("[5, 6, 7, 8]"));
  EXPECT_EQ(boxes[2]["field"], "recipients");
  EXPECT_EQ(boxes[2]["page"], 2);
  Json old = Dispatch();
  old.erase("provenance");
  EXPECT_TRUE(FieldBoxes(old).empty());
}

TEST(ApplyAnswers, CorrectsTheValueRecordsItAndClosesTheFieldsReview) {
  Json doc = Dispatch();
  auto edits = ApplyAnswers({{"number", "514/UBND-KTTH"}}, "2025-03-01T09:00:00Z", &doc);
  ASSERT_TRUE(edits.ok()) << edits.status().message();
  EXPECT_EQ(doc["fields"]["number"], "514/UBND-KTTH");
  EXPECT_EQ(doc["fields"]["number_serial"], "514");
  EXPECT_EQ(doc["fields"]["number_notation"], "UBND-KTTH");
  EXPECT_EQ(doc["confidence"]["number"], 1.0);
  ASSERT_EQ(doc["review"].size(), 1u);  // both entries of "number" gone
  EXPECT_EQ(doc["review"][0]["field"], "recipients");
  ASSERT_EQ(doc["corrections"].size(), 1u);
  EXPECT_EQ(doc["corrections"][0], Json::parse(R"({"field": "number", "value": "514/UBND-KTTH",
      "original": "574/UBND-KTTH", "time": "2025-03-01T09:00:00Z"})"));
  ASSERT_EQ(edits->size(), 1u);
  EXPECT_EQ((*edits)[0].blank, HandwrittenEdit::Blank::kSerial);
  EXPECT_EQ((*edits)[0].digits, "514");
}

TEST(ApplyAnswers, AcceptingAsIsIsRecordedAndChangesNoOutput) {
  Json doc = Dispatch();
  auto edits = ApplyAnswers({{"number", "574/UBND-KTTH"}}, "t", &doc);
  ASSERT_TRUE(edits.ok());
  EXPECT_TRUE(edits->empty());
  EXPECT_EQ(doc["corrections"][0]["original"], doc["corrections"][0]["value"]);
}

TEST(ApplyAnswers, ResplitsTheNumber) {
  const std::pair<const char*, Json> cases[] = {
      {"12/2024/TT-BGDĐT", Json::parse(R"(["12", "2024/TT-BGDĐT"])")},
      {"04-CT/TW", Json::parse(R"(["04", "CT/TW"])")},
      {"/UBND-KTTH", Json::parse(R"([null, "UBND-KTTH"])")},
      {"UBND-KTTH", Json::parse(R"([null, "UBND-KTTH"])")},
      {"575", Json::parse(R"(["575", null])")},
  };
  for (const auto& [number, split] : cases) {
    Json doc = Dispatch();
    ASSERT_TRUE(ApplyAnswers({{"number", number}}, "t", &doc).ok());
    EXPECT_EQ(doc["fields"]["number_serial"], split[0]) << number;
    EXPECT_EQ(doc["fields"]["number_notation"], split[1]) << number;
  }
  Json doc = Dispatch();
  ASSERT_TRUE(ApplyAnswers({{"number", "  "}}, "t", &doc).ok());  // cleared: the document has none
  EXPECT_TRUE(doc["fields"]["number"].is_null());
  EXPECT_TRUE(doc["fields"]["number_serial"].is_null());
}

TEST(ApplyAnswers, AHandwrittenDateGivesItsDay) {
  Json doc = Dispatch();
  doc["review"] = Json::parse(R"([{"field": "date", "reason": "handwritten", "page": 1, "box": null,
                                   "value": "2025-02-04", "candidates": []}])");
  auto edits = ApplyAnswers({{"date", "2025-02-07"}}, "t", &doc);
  ASSERT_TRUE(edits.ok());
  ASSERT_EQ(edits->size(), 1u);
  EXPECT_EQ((*edits)[0].blank, HandwrittenEdit::Blank::kDay);
  EXPECT_EQ((*edits)[0].digits, "07");
  EXPECT_TRUE(doc["review"].empty());
}

TEST(ApplyAnswers, ListFieldsTakeTheirEntries) {
  Json doc = Dispatch();
  ASSERT_TRUE(ApplyAnswers({{"recipients", Json::parse(R"([" Sở A ", "", "Sở Tài chính"])")}}, "t", &doc).ok());
  EXPECT_EQ(doc["fields"]["recipients"], Json::parse(R"(["Sở A", "Sở Tài chính"])"));
}

TEST(ApplyAnswers, RefusesUnknownFieldsAndWrongTypesWithoutChangingAnything) {
  const Json before = Dispatch();
  const std::vector<std::vector<Answer>> bad = {
      {{"number", "1/X"}, {"nonexistent", "x"}},
      {{"recipients", "Sở A"}},
      {{"number", Json::array()}},
      {{"recipients", Json::parse("[1]")}},
  };
  for (const std::vector<Answer>& answers : bad) {
    Json doc = before;
    auto edits = ApplyAnswers(answers, "t", &doc);
    EXPECT_EQ(edits.status().code(), Status::Code::kInvalidArgument);
    EXPECT_EQ(doc, before);
  }
}

TEST(ApplyAnswers, AppendsToEarlierCorrections) {
  Json doc = Dispatch();
  ASSERT_TRUE(ApplyAnswers({{"date", "2025-02-05"}}, "t1", &doc).ok());
  ASSERT_TRUE(ApplyAnswers({{"date", "2025-02-06"}}, "t2", &doc).ok());
  ASSERT_EQ(doc["corrections"].size(), 2u);
  EXPECT_EQ(doc["corrections"][1]["original"], "2025-02-05");
}

TEST(UtcNow, IsIso8601Utc) {
  const std::string now = UtcNow();
  ASSERT_EQ(now.size(), 20u);
  EXPECT_EQ(now[10], 'T');
  EXPECT_EQ(now.back(), 'Z');
}

}  // namespace
}  // namespace vanban::review
