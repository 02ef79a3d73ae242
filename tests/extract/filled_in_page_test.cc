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

  // The review item of `field`; fails the test when there is none.
  static ReviewItem ItemOf(const Document& doc, const std::string& field) {
    for (const ReviewItem& item : doc.review) {
      if (item.field == field) return item;
    }
    ADD_FAILURE() << field << " is not in review";
    return {};
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
  // Where the values were read: the pen digits' word, on page 1, with its box.
  const std::vector<FieldSource>& number = doc->provenance.at("number");
  ASSERT_EQ(number.size(), 1u);
  EXPECT_EQ(number[0].page, 1);
  EXPECT_FALSE(number[0].boxes.empty());
  EXPECT_NE(number[0].text.find("47"), std::string::npos) << number[0].text;
}

TEST_F(FilledInPageTest, AScribbleGivesNoValueButAReviewEntry) {
  auto doc = RenderAndRead("scribble", "~~", "~~");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->fields.number, std::nullopt);
  EXPECT_EQ(doc->fields.date, std::nullopt);
  // The printed parts are still read, and the review items say where to look.
  EXPECT_EQ(doc->fields.place, "Quảng Ngãi");
  EXPECT_EQ(doc->fields.number_notation, "QĐ-UBND");
  const ReviewItem number = ItemOf(*doc, "number"), date = ItemOf(*doc, "date");
  EXPECT_EQ(number.reason, review_reason::kHandwritten);
  EXPECT_EQ(date.reason, review_reason::kHandwritten);
  EXPECT_EQ(number.page, 1);
  ASSERT_TRUE(number.box.has_value() && date.box.has_value());
  // Both blanks are in the header, the date line right of the number.
  const int width = doc->pages.at(0).input.width, height = doc->pages.at(0).input.height;
  EXPECT_LT(number.box->bottom(), height / 3);
  EXPECT_GT(date.box->x, width / 3);
  EXPECT_GT(number.box->width, 0);
  EXPECT_NE(std::find(date.candidates.begin(), date.candidates.end(), "2025-02"), date.candidates.end());
}

}  // namespace
}  // namespace vanban
