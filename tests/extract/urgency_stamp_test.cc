// End to end: page 1 of the seed rendered by tools/make_page.py with a red urgency stamp, or
// with only a red seal, goes through the whole engine. The colour dropout removes red ink before
// OCR, so an urgency found here was read from the stamp's red ink before the dropout.
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "tests/engine/shared_engine.h"
#include "tests/test_util.h"
#include "vanban/engine.h"

namespace vanban {
namespace {

using vanban::testing::ScratchDir;
using vanban::testing::SourcePath;

// The seed's header, title and first paragraphs: one page.
constexpr int kPageLines = 30;

class UrgencyStampTest : public vanban::testing::SharedEngineTest<true, true> {
 protected:
  // Renders the page as `file` with make_page.py's `flags` and reads it.
  static StatusOr<Document> RenderAndRead(const std::string& file, const std::string& flags) {
    // One folder per page: ctest runs the tests of this suite side by side.
    const std::string dir = ScratchDir("urgency_stamp_" + file);
    std::ifstream seed(SourcePath("samples/kiengiang-2577-UBND-KGVX.gt.txt"));
    std::ofstream text(dir + "/page.txt");
    std::string line;
    for (int i = 0; i < kPageLines && std::getline(seed, line); ++i) text << line << '\n';
    text.close();
    const std::string command = "/usr/bin/python3 " + SourcePath("tools/make_page.py") + " " + dir + "/page.txt " +
                                dir + "/" + file + " " + flags;
    if (std::system(command.c_str()) != 0) return Status::Internal("make_page.py failed: " + command);
    return engine_->ProcessFile(dir + "/" + file);
  }
};

TEST_F(UrgencyStampTest, ReadsAFramedHoaTocStampOnASlightlySkewedScan) {
  auto doc = RenderAndRead("hoatoc.png", "--urgency 'HỎA TỐC' --degrade 1 --seed 3");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->fields.urgency, "Hỏa tốc");
  // The stamp stays out of the page's text.
  EXPECT_EQ(doc->text.find("TỐC"), std::string::npos);
}

// Clerks strike the stamp in haste, at a slant (one held-out archive scan has "HỎA TỐC" turned
// about 30°): its lettering is set level before it is read, either way round.
TEST_F(UrgencyStampTest, ReadsAStampStruckAtASlant) {
  const struct {
    const char* file;
    const char* flags;
  } pages[] = {{"slant30.png", "--urgency 'HỎA TỐC' --urgency-angle 30 --degrade 1 --seed 3"},
               {"slant-45.jpg", "--urgency 'HỎA TỐC' --urgency-angle -45 --seal --degrade 2 --seed 8"}};
  for (const auto& [file, flags] : pages) {
    auto doc = RenderAndRead(file, flags);
    ASSERT_TRUE(doc.ok()) << doc.status().message();
    EXPECT_EQ(doc->fields.urgency, "Hỏa tốc") << flags;
    EXPECT_EQ(doc->text.find("TỐC"), std::string::npos);
  }
}

TEST_F(UrgencyStampTest, ReadsAKhanStampBesideASealOnABadPhotocopy) {
  auto doc = RenderAndRead("khan.jpg", "--urgency 'KHẨN' --seal --degrade 2 --seed 5");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->fields.urgency, "Khẩn");
}

TEST_F(UrgencyStampTest, ReadsAThuongKhanStampInAPdf) {
  auto doc = RenderAndRead("thuongkhan.pdf", "--urgency 'THƯỢNG KHẨN' --degrade 1 --seed 11");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->fields.urgency, "Thượng khẩn");
}

TEST_F(UrgencyStampTest, ARedSealWithoutAnUrgencyStampGivesNoUrgency) {
  auto doc = RenderAndRead("seal.png", "--seal --degrade 1 --seed 7");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_FALSE(doc->pages.empty());
  EXPECT_TRUE(doc->pages[0].red_stamps.empty());
  EXPECT_EQ(doc->fields.urgency, std::nullopt);
}

}  // namespace
}  // namespace vanban
