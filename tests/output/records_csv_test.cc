// The archive tables of `vanban export`: RFC 4180 quoting and what each column takes from a
// document JSON.
#include "pipeline/output/records_csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "vanban/document.h"

namespace vanban::output {
namespace {

using ::testing::ElementsAre;

TEST(CsvLineTest, QuotesOnlyFieldsThatNeedItAndEndsWithCrLf) {
  EXPECT_EQ(CsvLine({"Số", "", "Ủy ban nhân dân tỉnh Quảng Ngãi"}), "Số,,Ủy ban nhân dân tỉnh Quảng Ngãi\r\n");
  EXPECT_EQ(CsvLine({"a,b", "Công văn \"Khẩn\"", "dòng 1\ndòng 2", "x\ry"}),
            "\"a,b\",\"Công văn \"\"Khẩn\"\"\",\"dòng 1\ndòng 2\",\"x\ry\"\r\n");
}

TEST(CsvLineTest, ASpreadsheetGetsNoFormulaToRun) {
  const CsvRow row = {"=HYPERLINK(\"x\")", "+1", "-2", "@a", "Số 12"};
  EXPECT_EQ(CsvLine(row), "\"=HYPERLINK(\"\"x\"\")\",+1,-2,@a,Số 12\r\n");
  EXPECT_EQ(CsvLine(row, true), "\"'=HYPERLINK(\"\"x\"\")\",'+1,'-2,'@a,Số 12\r\n");
}

Document ProfiledDocument() {
  Document d;
  d.source = "scans/574_UB.pdf";
  d.text = "trang một\ftrang hai";
  Fields& f = d.fields;
  f.issuer = "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI";
  f.number = "574/UBND-KTTH";
  f.number_serial = "574";
  f.number_notation = "UBND-KTTH";
  f.doc_type = "Công văn";
  f.date = "2025-02-07";
  f.subject = "triển khai Kế hoạch số 12, năm 2025";
  f.recipients = {"Sở Tài chính", "UBND các huyện, thị xã"};
  f.signer_name = "Nguyễn Quốc Việt";
  f.signer_title = "PHÓ CHỦ TỊCH";
  f.signer_authority = "KT. CHỦ TỊCH";
  f.cc = {"Như trên", "Lưu: VT"};
  f.urgency = "Khẩn";
  d.review = {ReviewItem{"number", review_reason::kHandwritten, 1, std::nullopt, {}, {"574/UBND-KTTH"}},
              ReviewItem{"text", review_reason::kPageFailed, 2, std::nullopt, {}, {}}};
  return d;
}

DocumentRecord Read(const std::string& json) {
  std::optional<DocumentRecord> record;
  const Status s = ReadDocumentRecord(json, &record);
  EXPECT_TRUE(s.ok()) << s.message();
  EXPECT_TRUE(record.has_value()) << json;
  return record.value_or(DocumentRecord{});
}

TEST(RecordsTest, TheProfileRowHoldsEachFieldInItsColumn) {
  ASSERT_EQ(ProfileHeader().size(), 17u);
  EXPECT_EQ(ProfileHeader().front(), "Số");
  EXPECT_EQ(ProfileHeader().back(), "Cần kiểm tra");
  EXPECT_THAT(ProfileRow(Read(ToJson(ProfiledDocument()))),
              ElementsAre("574", "UBND-KTTH", "574/UBND-KTTH", "2025-02-07", "Công văn", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
                          "triển khai Kế hoạch số 12, năm 2025", "Nguyễn Quốc Việt", "PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH",
                          "Sở Tài chính; UBND các huyện, thị xã", "Như trên; Lưu: VT", "Khẩn", "2", "vi",
                          "scans/574_UB.pdf", "number; page 2"));
}

TEST(RecordsTest, TheDublinCoreRowMapsTheProfileOntoDcElements) {
  EXPECT_THAT(DublinCoreHeader(), ElementsAre("filename", "dc.title", "dc.creator", "dc.date", "dc.type", "dc.identifier",
                                              "dc.description", "dc.language", "dc.subject", "dc.publisher"));
  EXPECT_THAT(DublinCoreRow(Read(ToJson(ProfiledDocument())), "objects/574_UB.pdf"),
              ElementsAre("objects/574_UB.pdf", "triển khai Kế hoạch số 12, năm 2025", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
                          "2025-02-07", "Công văn", "574/UBND-KTTH",
                          "Người ký: Nguyễn Quốc Việt, PHÓ CHỦ TỊCH, KT. CHỦ TỊCH", "vi", "",
                          "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"));
}

TEST(RecordsTest, AbsentValuesAreEmptyCells) {
  Document d;
  d.source = "blank.png";
  const CsvRow row = ProfileRow(Read(ToJson(d)));
  EXPECT_EQ(row[0], "");
  EXPECT_EQ(row[10], "");
  EXPECT_EQ(row[13], "0");
  EXPECT_EQ(DublinCoreRow(Read(ToJson(d)), "objects/blank.png")[6], "");
}

// Review entries are objects {field, reason, page, box, value, candidates}, and were field names
// in the JSON of earlier versions: a field flagged for two reasons is still one name in the column.
TEST(RecordsTest, ReadsReviewEntriesAsNamesOrObjectsWithAField) {
  const DocumentRecord r = Read(R"({"source": "a.pdf", "fields": {}, "review": [
      {"field": "number", "reason": "handwritten", "page": 1, "box": [1, 2, 3, 4], "value": "5", "candidates": []},
      {"field": "number", "reason": "low_ocr_confidence"}, "date"]})");
  EXPECT_THAT(r.review, ElementsAre("number", "date"));
}

TEST(RecordsTest, ValuesComeOutNfc) {
  const DocumentRecord r = Read("{\"source\": \"a.pdf\", \"fields\": {\"signer_name\": \"Nguye\\u0302\\u0303n\"}}");
  EXPECT_EQ(r.signer_name, "Nguyễn");
}

TEST(RecordsTest, OtherJsonIsNoDocument) {
  for (const char* json : {"[1, 2]", "{\"source\": \"a.pdf\"}", "{\"number\": 1, \"blocks\": []}", "\"text\""}) {
    std::optional<DocumentRecord> record;
    EXPECT_TRUE(ReadDocumentRecord(json, &record).ok()) << json;
    EXPECT_FALSE(record.has_value()) << json;
  }
}

TEST(RecordsTest, BrokenJsonAndWrongTypesAreErrorsThatSayWhat) {
  const std::pair<const char*, const char*> broken[] = {
      {"{\"source\": \"a.pdf\", \"fields\": {", "truncated JSON (31 bytes)"},
      {"{\"source\": a.pdf}", "not valid JSON (at byte 12)"},
      {"{\"source\": \"a.pdf\", \"fields\": {\"issuer\": 5}}", "fields.issuer is not a string"},
      {"{\"source\": \"a.pdf\", \"fields\": {\"cc\": \"Lưu\"}}", "fields.cc is not a list"},
      {"{\"source\": \"a.pdf\", \"fields\": [], \"review\": []}", "fields is not an object"},
      {"{\"source\": \"a.pdf\", \"fields\": {}, \"review\": [{\"reason\": \"x\"}]}", "review holds an entry"},
      {"{\"source\": \"a.pdf\", \"fields\": {}, \"pages\": \"2\"}", "pages is not a page count"}};
  for (const auto& [json, what] : broken) {
    std::optional<DocumentRecord> record;
    const Status s = ReadDocumentRecord(json, &record);
    EXPECT_FALSE(s.ok()) << json;
    EXPECT_NE(s.message().find(what), std::string::npos) << s.message();
  }
}

}  // namespace
}  // namespace vanban::output
