#include "pipeline/review/store.h"

#include <unistd.h>

#include <filesystem>
#include <thread>

#include <gtest/gtest.h>

#include "pipeline/output/renderers.h"
#include "tests/review/filled_in_document.h"
#include "tests/test_util.h"

namespace vanban::review {
namespace {

namespace fs = std::filesystem;
using vanban::testing::ReadFile;
using vanban::testing::ScratchDir;
using vanban::testing::WriteFile;

// An output folder with one document whose handwritten number is up for review, written as
// `vanban ocr --format txt,json,hocr,alto` would, and one document with nothing left to review.
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // One folder a test: ctest runs them side by side.
    dir_ = ScratchDir(std::string("review_store_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    const Document header = FilledIn();
    Json doc = {{"source", header.source},
                {"pages", 1},
                {"text", header.text},
                {"fields", {{"number", "574/UBND-KTTH"}, {"number_serial", "574"}, {"number_notation", "UBND-KTTH"},
                            {"date", "2025-02-04"}}},
                {"confidence", {{"number", 0.6}}},
                {"review", Json::parse(R"([{"field": "number", "reason": "handwritten", "page": 1,
                                            "box": [200, 100, 80, 40], "value": "574/UBND-KTTH", "candidates": []}])")}};
    fs::create_directories(dir_ + "/a");
    WriteFile(dir_ + "/a/574.json", doc.dump(2));
    WriteFile(dir_ + "/a/574.txt", header.text);
    WriteFile(dir_ + "/a/574.hocr", output::RenderHocr(header));
    WriteFile(dir_ + "/a/574.alto.xml", output::RenderAlto(header));
    doc["review"] = Json::array();
    WriteFile(dir_ + "/done.json", doc.dump(2));
  }

  // Saves a/574.json with its number corrected to 514, as the page would.
  void CorrectTheNumberTo514(SaveResult* saved) {
    Store store(dir_);
    auto loaded = store.Load("a/574.json");
    ASSERT_TRUE(loaded.ok());
    SaveFailure failed;
    ASSERT_TRUE(store.Save("a/574.json", loaded->revision, {{"number", "514/UBND-KTTH"}}, saved, &failed))
        << failed.status.message();
  }

  std::string dir_;
};

TEST_F(StoreTest, ListsOpenDoneAndUnreadableDocuments) {
  WriteFile(dir_ + "/broken.json", "{\"source\": ");
  WriteFile(dir_ + "/other.json", "[1, 2]");
  fs::create_directories(dir_ + "/.vanban-work");
  WriteFile(dir_ + "/.vanban-work/x.json", "{");
  WriteFile(dir_ + "/a/574.json.vanban-tmp.host.1.0", "{");
  const Listing listing = Store(dir_).List();
  ASSERT_EQ(listing.open.size(), 1u);
  EXPECT_EQ(listing.open[0]["path"], "a/574.json");
  EXPECT_EQ(listing.open[0]["open"], 1);
  EXPECT_EQ(listing.done, 1);
  ASSERT_EQ(listing.unreadable.size(), 2u);
  EXPECT_EQ(listing.unreadable[0]["path"], "broken.json");
  EXPECT_NE(listing.unreadable[1]["reason"].get<std::string>().find("not a document"), std::string::npos);
}

TEST_F(StoreTest, RefusesNamesOutsideTheFolder) {
  Store store(dir_ + "/a");
  fs::create_symlink(dir_ + "/done.json", dir_ + "/a/link.json");
  for (const std::string name : {"../done.json", "/etc/passwd", "x/../../done.json", "link.json", "574.txt", ""}) {
    EXPECT_EQ(store.Load(name).status().code(), Status::Code::kNotFound) << name;
  }
  EXPECT_TRUE(store.Load("574.json").ok());
}

TEST_F(StoreTest, SavesTheCorrectionAndPatchesTheHandwrittenDigitsEverywhere) {
  SaveResult saved;
  ASSERT_NO_FATAL_FAILURE(CorrectTheNumberTo514(&saved));
  const Json doc = Json::parse(ReadFile(dir_ + "/a/574.json"));
  EXPECT_EQ(doc["fields"]["number"], "514/UBND-KTTH");
  EXPECT_EQ(doc["fields"]["number_serial"], "514");
  EXPECT_TRUE(doc["review"].empty());
  EXPECT_EQ(doc["corrections"][0]["original"], "574/UBND-KTTH");
  EXPECT_NE(doc["text"].get<std::string>().find("Số: 514"), std::string::npos);
  EXPECT_EQ(saved.revision, RevisionOf(ReadFile(dir_ + "/a/574.json")));
  EXPECT_EQ(saved.patched, (std::vector<std::string>{"a/574.txt", "a/574.hocr", "a/574.alto.xml"}));
  EXPECT_NE(ReadFile(dir_ + "/a/574.txt").find("Số: 514"), std::string::npos);
  EXPECT_NE(ReadFile(dir_ + "/a/574.hocr").find("handwritten\">514<"), std::string::npos);
  EXPECT_NE(ReadFile(dir_ + "/a/574.alto.xml").find("CONTENT=\"514\""), std::string::npos);
  for (const auto& entry : fs::directory_iterator(dir_ + "/a")) {
    EXPECT_EQ(entry.path().string().find(".vanban-tmp."), std::string::npos) << entry.path();
  }
}

TEST_F(StoreTest, TheSearchablePdfsTextLayerTakesTheCorrectionToo) {
  const output::PageImageSource white = [](int) -> StatusOr<output::EmbeddedImage> {
    return output::EmbeddedImage{false, 1200, 800, 1, 8, [] { return StatusOr<std::string>(std::string(1200 * 800, '\xFF')); }};
  };
  StatusOr<std::string> pdf = output::Render(FilledIn(), "pdf", output::PdfSource{"", white});
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  WriteFile(dir_ + "/a/574.pdf", *pdf);
  SaveResult saved;
  ASSERT_NO_FATAL_FAILURE(CorrectTheNumberTo514(&saved));
  EXPECT_NE(std::find(saved.patched.begin(), saved.patched.end(), "a/574.pdf"), saved.patched.end());
  // What was written is the PDF with the serial rewritten, and its day still there to rewrite.
  const std::string written = ReadFile(dir_ + "/a/574.pdf");
  EXPECT_EQ(written, output::PatchHandwrittenPdfWord(*pdf, false, "514"));
  EXPECT_TRUE(output::PatchHandwrittenPdfWord(written, true, "05").has_value());
}

TEST_F(StoreTest, AFileChangedSinceItWasLoadedIsAConflictAndStaysAsItIs) {
  Store store(dir_);
  const std::string revision = store.Load("a/574.json")->revision;
  Json rewritten = Json::parse(ReadFile(dir_ + "/a/574.json"));
  rewritten["fields"]["date"] = "2025-02-05";  // a vanban ocr run, another tab
  WriteFile(dir_ + "/a/574.json", rewritten.dump(2));
  SaveResult saved;
  SaveFailure failed;
  EXPECT_FALSE(store.Save("a/574.json", revision, {{"number", "514/UBND-KTTH"}}, &saved, &failed));
  EXPECT_TRUE(failed.conflict);
  EXPECT_EQ(failed.current.json["fields"]["date"], "2025-02-05");
  EXPECT_EQ(ReadFile(dir_ + "/a/574.json"), rewritten.dump(2));
  EXPECT_NE(ReadFile(dir_ + "/a/574.txt").find("Số: 574"), std::string::npos);
}

TEST_F(StoreTest, OfTwoSavesFromOneRevisionOnlyOneLands) {
  Store store(dir_);
  const std::string revision = store.Load("a/574.json")->revision;
  std::atomic<int> landed{0}, conflicts{0};
  std::vector<std::thread> tabs;
  for (const char* number : {"514/UBND-KTTH", "594/UBND-KTTH"}) {
    tabs.emplace_back([&, number] {
      SaveResult saved;
      SaveFailure failed;
      if (store.Save("a/574.json", revision, {{"number", number}}, &saved, &failed)) ++landed;
      else if (failed.conflict) ++conflicts;
    });
  }
  for (std::thread& tab : tabs) tab.join();
  EXPECT_EQ(landed, 1);
  EXPECT_EQ(conflicts, 1);
  EXPECT_EQ(Json::parse(ReadFile(dir_ + "/a/574.json"))["corrections"].size(), 1u);
}

TEST_F(StoreTest, ABadAnswerWritesNothing) {
  Store store(dir_);
  const std::string before = ReadFile(dir_ + "/a/574.json");
  SaveResult saved;
  SaveFailure failed;
  EXPECT_FALSE(store.Save("a/574.json", RevisionOf(before), {{"no_such", "x"}}, &saved, &failed));
  EXPECT_FALSE(failed.conflict);
  EXPECT_EQ(failed.status.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(ReadFile(dir_ + "/a/574.json"), before);
}

}  // namespace
}  // namespace vanban::review
