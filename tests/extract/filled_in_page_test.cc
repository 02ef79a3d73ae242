// End to end (issue 11): a generated dispatch whose serial and day are written by hand into the
// printed blanks (tools/make_page.py --pen-digits: real pen digits cut from archive scans,
// tests/ocr/data/hand_digits), read by the whole engine. Legible digits must come out as the
// number and date fields and in the text, marked handwritten; a scribble must give no value and
// a review entry, never a guess.
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/engine/shared_engine.h"
#include "tests/test_util.h"
#include "vanban/engine.h"

namespace vanban {
namespace {

using vanban::testing::ScratchDir;
using vanban::testing::SourcePath;

class FilledInPageTest : public vanban::testing::SharedEngineTest<true, true> {
 protected:
  // A provincial decision laid out as Decree 30/2020 prescribes (samples/truth3's tuning page of
  // the State Bank, re-headed), its blanks filled in by hand with `serial` and `day`.
  static StatusOr<Document> RenderAndRead(const std::string& name, const std::string& serial, const std::string& day) {
    std::ifstream spec_file(SourcePath("samples/truth3/tune/bank/bank0a/spec.json"));
    if (!spec_file) return Status::MissingData("no spec in samples/truth3/tune/bank/bank0a");
    nlohmann::json spec = nlohmann::json::parse(spec_file);
    spec["issuer"] = {"ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"};
    spec["number"] = "Số: {" + serial + "} /QĐ-UBND";
    spec["place_date"] = "Quảng Ngãi, ngày {" + day + "} tháng 02 năm 2025";
    spec["degrade"] = 0;
    const std::string dir = ScratchDir("filled_in_page_" + name);
    std::ofstream(dir + "/spec.json") << spec.dump();
    const std::string command = "/usr/bin/python3 " + SourcePath("tools/make_page.py") + " --document " + dir +
                                "/spec.json " + dir + "/page.png --seed 11 --pen-digits " +
                                SourcePath("tests/ocr/data/hand_digits");
    if (std::system(command.c_str()) != 0) return Status::Internal("make_page.py failed: " + command);
    return engine_->ProcessFile(dir + "/page.png");
  }

  static bool InReview(const Document& doc, const std::string& field) {
    return doc.InReview(field);
  }
};

TEST_F(FilledInPageTest, HandwrittenSerialAndDayAreTheFields) {
  auto doc = RenderAndRead("legible", "47", "05");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->fields.number, "47/QĐ-UBND");
  EXPECT_EQ(doc->fields.date, "2025-02-05");
  EXPECT_NE(doc->text.find("47 /QĐ-UBND"), std::string::npos) << doc->text.substr(0, 400);
  int handwritten = 0;
  for (const OcrBlock& block : doc->pages.at(0).blocks) {
    for (const OcrLine& line : block.lines) {
      for (const OcrWord& word : line.words) handwritten += word.handwritten;
    }
  }
  EXPECT_EQ(handwritten, 2);
}

TEST_F(FilledInPageTest, AScribbleGivesNoValueButAReviewEntry) {
  auto doc = RenderAndRead("scribble", "~~", "~~");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->fields.number, std::nullopt);
  EXPECT_EQ(doc->fields.date, std::nullopt);
  EXPECT_TRUE(InReview(*doc, "number"));
  EXPECT_TRUE(InReview(*doc, "date"));
  // The printed parts are still read.
  EXPECT_EQ(doc->fields.place, "Quảng Ngãi");
}

}  // namespace
}  // namespace vanban
