#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "pipeline/output/atomic_file.h"
#include "pipeline/output/renderers.h"
#include "tests/test_util.h"

namespace vanban::output {
namespace {

namespace fs = std::filesystem;
using vanban::testing::ReadFile;
using vanban::testing::ScratchDir;

TEST(AtomicFileTest, CreatesFoldersAndReplacesTheOldFileWithoutLeavingTemporaries) {
  const std::string dir = ScratchDir("atomic");
  const std::string path = dir + "/a/b/doc.txt";
  ASSERT_TRUE(WriteFileAtomically(path, "cũ").ok());
  ASSERT_TRUE(WriteFileAtomically(path, "Quyết định mới").ok());
  EXPECT_EQ(ReadFile(path), "Quyết định mới");
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir + "/a/b")) files += entry.is_regular_file();
  EXPECT_EQ(files, 1);
}

// A document abandoned half-written (a page that fails after the PDF began) leaves neither the
// file nor a temporary behind; the previous complete file stays until a commit replaces it.
TEST(AtomicFileTest, ReadsAFileBackWholeAndSaysWhyNot) {
  const std::string dir = ScratchDir("read_whole");
  const std::string text(200000, 'x');  // longer than one read
  ASSERT_TRUE(WriteFileAtomically(dir + "/doc.json", text + "ỦY BAN").ok());
  StatusOr<std::string> back = ReadWholeFile(dir + "/doc.json");
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, text + "ỦY BAN");
  StatusOr<std::string> missing = ReadWholeFile(dir + "/none.json");
  EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(missing.status().message(), "cannot read the file (No such file or directory)");
  EXPECT_FALSE(ReadWholeFile(dir).ok());  // a folder is no file
}

TEST(AtomicFileTest, AnUncommittedFileLeavesNothingBehind) {
  const std::string dir = ScratchDir("atomic_abandoned");
  const std::string path = dir + "/doc.pdf";
  {
    auto file = AtomicFile::Create(path);
    ASSERT_TRUE(file.ok());
    ASSERT_TRUE((*file)->Append("%PDF-1.5 part").ok());
  }
  EXPECT_TRUE(fs::is_empty(dir));
  ASSERT_TRUE(WriteFileAtomically(path, "old").ok());
  auto file = AtomicFile::Create(path);
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append("new ").ok());
  ASSERT_TRUE((*file)->Append("pages").ok());
  EXPECT_EQ(ReadFile(path), "old");
  ASSERT_TRUE((*file)->Commit().ok());
  EXPECT_EQ(ReadFile(path), "new pages");
  EXPECT_FALSE((*file)->Append("late").ok());
}

TEST(AtomicFileTest, ReportsAnUnwritableFolder) {
  const std::string dir = ScratchDir("atomic_blocked");
  vanban::testing::WriteFile(dir + "/file", "x");
  Status s = WriteFileAtomically(dir + "/file/inside.txt", "x");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kIoError);
}

Document SampleDocument() {
  Document d;
  d.source = "scans/299_UB.signed.pdf";
  OcrPage page;
  page.mean_word_confidence = 91.437f;
  page.restored_tokens = 37;
  d.pages.push_back(page);
  d.text = "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\n";
  d.fields.issuer = "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI";
  d.fields.recipients = {"Sở Giao thông vận tải"};
  d.fields.references.push_back({"Quyết định", "1743/QĐ-BGTVT", "2024-12-31"});
  d.confidence["number"] = 0.623;
  d.review = {ReviewItem{"number", review_reason::kHandwritten, 1, Box{410, 300, 120, 40}, {}, {"574/UBND-KTTH"}}};
  return d;
}

TEST(JsonRendererTest, WritesEveryKeyOfTheSpecWithNullsForAbsentValues) {
  const nlohmann::json j = nlohmann::json::parse(ToJson(SampleDocument()));
  EXPECT_EQ(j["source"], "scans/299_UB.signed.pdf");
  EXPECT_EQ(j["pages"], 1);
  EXPECT_EQ(j["fields"]["issuer"], "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI");
  EXPECT_TRUE(j["fields"]["number"].is_null());
  EXPECT_TRUE(j["fields"]["cc"].is_array());
  EXPECT_TRUE(j["fields"]["cc"].empty());
  EXPECT_EQ(j["fields"]["references"][0]["number"], "1743/QĐ-BGTVT");
  EXPECT_DOUBLE_EQ(j["confidence"]["number"].get<double>(), 0.62);
  EXPECT_EQ(j["review"][0]["field"], "number");
  EXPECT_TRUE(j["provenance"].is_object());
  EXPECT_TRUE(j["signature_stamp"].is_null());
  EXPECT_DOUBLE_EQ(j["page_results"][0]["mean_word_confidence"].get<double>(), 91.44);
  EXPECT_EQ(j["page_results"][0]["restored_tokens"], 37);
  EXPECT_FALSE(j["page_results"][0].contains("dpi"));  // a page whose frame is unknown
}

TEST(JsonRendererTest, ReviewItemsSayWhereToLookAndListFieldsKeepTheirEntries) {
  Document d = SampleDocument();
  d.review.push_back(ReviewItem{"cc", review_reason::kLowOcrConfidence, 2, std::nullopt, {"Như trên", "Lưu: VT"}, {}});
  d.provenance["issuer"] = {FieldSource{1, {Box{100, 80, 600, 40}}, "ỦY BAN NHÂN DÂN TỈNH QUANG NGAI",
                                        "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", 0.874}};
  d.provenance["cc"] = {FieldSource{2, {}, "Nhu trên;", "Như trên;", 0.95}, FieldSource{2, {}, "Lưu: VT.", "Lưu: VT.", 0.4}};
  d.pages[0].input.dpi = 200;  // a PDF page rasterised at --dpi 200: its boxes are at 200 dpi
  const nlohmann::json j = nlohmann::json::parse(ToJson(d));
  EXPECT_EQ(j["page_results"][0]["dpi"], 200);
  const nlohmann::json& number = j["review"][0];
  EXPECT_EQ(number["reason"], "handwritten");
  EXPECT_EQ(number["page"], 1);
  EXPECT_EQ(number["box"], nlohmann::json::array({410, 300, 120, 40}));
  EXPECT_TRUE(number["value"].is_null());
  EXPECT_EQ(number["candidates"], nlohmann::json::array({"574/UBND-KTTH"}));
  const nlohmann::json& cc = j["review"][1];
  EXPECT_EQ(cc["value"], nlohmann::json::array({"Như trên", "Lưu: VT"}));
  EXPECT_TRUE(cc["box"].is_null());
  EXPECT_EQ(j["provenance"]["issuer"]["boxes"][0], nlohmann::json::array({100, 80, 600, 40}));
  EXPECT_EQ(j["provenance"]["issuer"]["ocr"], "ỦY BAN NHÂN DÂN TỈNH QUANG NGAI");
  EXPECT_DOUBLE_EQ(j["provenance"]["issuer"]["word_confidence"].get<double>(), 0.87);
  ASSERT_EQ(j["provenance"]["cc"].size(), 2u);
  EXPECT_EQ(j["provenance"]["cc"][1]["restored"], "Lưu: VT.");
}

TEST(JsonRendererTest, ListsEverySignatureOfTheInput) {
  Document d = SampleDocument();
  EXPECT_TRUE(nlohmann::json::parse(ToJson(d))["signatures"].empty());
  d.signatures = {{"Signature1", "Ủy ban nhân dân tỉnh Quảng Ngãi", "2025-02-07T07:56:24+07:00", {0, 10, 20, 5}},
                  {"Signature2", "TRUNG TÂM CÔNG BÁO VÀ TIN HỌC", "", {0, 30, 40, 5}}};
  const nlohmann::json j = nlohmann::json::parse(ToJson(d));
  ASSERT_EQ(j["signatures"].size(), 2u);
  EXPECT_EQ(j["signatures"][0]["signer"], "Ủy ban nhân dân tỉnh Quảng Ngãi");
  EXPECT_EQ(j["signatures"][0]["time"], "2025-02-07T07:56:24+07:00");
  EXPECT_EQ(j["signatures"][0]["byte_range"], nlohmann::json::array({0, 10, 20, 5}));
  EXPECT_EQ(j["signatures"][1]["field"], "Signature2");
  EXPECT_TRUE(j["signatures"][1]["time"].is_null());
}

TEST(JsonRendererTest, CountsFormFeedPagesOfATextOnlyDocument) {
  Document d;
  d.text = "trang một\ftrang hai\ftrang ba";
  EXPECT_EQ(nlohmann::json::parse(ToJson(d))["pages"], 3);
}

TEST(RenderersTest, TextIsTheDocumentTextAndUnknownFormatsAreErrors) {
  Document d = SampleDocument();
  EXPECT_EQ(Render(d, "txt").value(), d.text);
  EXPECT_FALSE(Render(d, "docx").ok());
  EXPECT_EQ(FormatSuffix("alto"), ".alto.xml");
  EXPECT_EQ(FormatSuffix("json"), ".json");
}

TEST(PageTextTest, JoinsWordsLinesAndBlocks) {
  OcrPage page;
  page.blocks.resize(2);
  page.blocks[0].lines.resize(2);
  page.blocks[0].lines[0].words = {{"Kính", "Kinh"}, {"gửi:", "gui:"}};
  page.blocks[0].lines[1].words = {{"Sở", "So"}};
  page.blocks[1].lines.resize(1);
  page.blocks[1].lines[0].words = {{"Nơi", "Noi"}};
  EXPECT_EQ(page.Text(), "Kính gửi:\nSở\n\nNơi\n");
}

}  // namespace
}  // namespace vanban::output
