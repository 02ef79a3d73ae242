#include "vanban/batch.h"

#include <gtest/gtest.h>

#include "tests/engine/shared_engine.h"

#include <filesystem>
#include <set>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "tests/small_page.h"
#include "tests/test_util.h"

namespace vanban {
namespace {

namespace fs = std::filesystem;
using vanban::testing::ScratchDir;
using vanban::testing::WriteFile;

class BatchTest : public vanban::testing::SharedEngineTest<false, true> {
};

TEST_F(BatchTest, ListsFoldersRecursivelyInAStableOrderMirroringTheTree) {
  const std::string in = ScratchDir("batch_list");
  WriteFile(in + "/b.pdf", "x");
  fs::create_directories(in + "/sub");
  WriteFile(in + "/sub/a.PNG", "x");
  WriteFile(in + "/notes.txt", "x");
  std::vector<std::string> errors;
  BatchOptions options;
  options.inputs = {in, in + "/missing.png"};
  options.output_dir = "/out";
  auto items = ListBatchItems(options, [&](const std::string& input, const std::string&) { errors.push_back(input); });
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].output_stem, "/out/b");
  EXPECT_EQ(items[1].output_stem, "/out/sub/a");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], in + "/missing.png");
}

// A folder of links to scans kept elsewhere (a common way to batch part of an archive): the
// outputs mirror the folder given, never the links' targets.
TEST_F(BatchTest, LinkedScansWriteIntoTheOutputFolder) {
  const std::string archive = ScratchDir("batch_link_archive");
  const std::string in = ScratchDir("batch_link_in");
  fs::create_directories(archive + "/deep");
  WriteFile(archive + "/deep/scan.pdf", "x");
  fs::create_directories(in + "/sub");
  fs::create_symlink(archive + "/deep/scan.pdf", in + "/sub/linked.pdf");
  BatchOptions options;
  options.inputs = {in};
  options.output_dir = "/out";
  auto items = ListBatchItems(options, [](const std::string&, const std::string&) {});
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].output_stem, "/out/sub/linked");
}

TEST_F(BatchTest, ShardsAreDisjointAndCoverEveryDocument) {
  const std::string in = ScratchDir("batch_shards");
  for (int i = 0; i < 40; ++i) WriteFile(in + "/d" + std::to_string(i) + ".pdf", "x");
  BatchOptions options;
  options.inputs = {in};
  options.output_dir = "/out";
  auto none = [](const std::string&, const std::string&) {};
  const size_t all = ListBatchItems(options, none).size();
  std::set<std::string> seen;
  size_t total = 0;
  options.shard_count = 3;
  for (int k = 0; k < 3; ++k) {
    options.shard_index = k;
    auto shard = ListBatchItems(options, none);
    EXPECT_GT(shard.size(), 0u);
    total += shard.size();
    for (const BatchItem& item : shard) seen.insert(item.input);
  }
  EXPECT_EQ(all, 40u);
  EXPECT_EQ(total, all);
  EXPECT_EQ(seen.size(), all);
}

TEST_F(BatchTest, RejectsUnknownFormatsAndBadShards) {
  BatchOptions options;
  options.formats = {"txt", "docx"};
  EXPECT_FALSE(ValidateBatchOptions(options).ok());
  options.formats = {"txt", "json", "hocr", "alto", "pdf"};
  EXPECT_TRUE(ValidateBatchOptions(options).ok());
  options.shard_index = 3;
  options.shard_count = 3;
  EXPECT_FALSE(ValidateBatchOptions(options).ok());
}

TEST_F(BatchTest, WritesGoodDocumentsAndCountsBadOnes) {
  const std::string in = ScratchDir("batch_in");
  const std::string out = ScratchDir("batch_out");
  ASSERT_TRUE(vanban::testing::WriteSmallPage(in + "/good/page.png", "SO 299 UBND 2025"));
  WriteFile(in + "/empty.png", "");
  WriteFile(in + "/text.pdf", "not a pdf at all");
  BatchOptions options;
  options.inputs = {in};
  options.output_dir = out;
  options.jobs = 2;
  options.progress = ProgressMode::kNone;
  BatchSummary summary = RunBatch(*engine_, options);
  EXPECT_EQ(summary.done, 1);
  EXPECT_EQ(summary.failed, 2);
  EXPECT_TRUE(fs::exists(out + "/good/page.txt"));
  EXPECT_TRUE(fs::exists(out + "/good/page.json"));
  EXPECT_NE(vanban::testing::ReadFile(out + "/good/page.txt").find("299"), std::string::npos);
  EXPECT_FALSE(fs::exists(out + "/empty.json"));
  const std::string errors = vanban::testing::ReadFile(out + "/vanban-errors.jsonl");
  EXPECT_NE(errors.find("\"file\":\"" + in + "/empty.png\""), std::string::npos) << errors;
  EXPECT_NE(errors.find("text.pdf"), std::string::npos) << errors;
}

TEST_F(BatchTest, OutputsAreDeterministic) {
  const std::string in = ScratchDir("determinism_in");
  ASSERT_TRUE(vanban::testing::WriteSmallPage(in + "/a.png", "QUYET DINH 47"));
  BatchOptions options;
  options.inputs = {in};
  options.progress = ProgressMode::kNone;
  options.formats = {"txt", "json", "hocr", "alto", "pdf"};
  std::vector<std::string> runs[2];
  for (int run = 0; run < 2; ++run) {
    options.output_dir = ScratchDir("determinism_out" + std::to_string(run));
    ASSERT_EQ(RunBatch(*engine_, options).done, 1);
    for (const char* suffix : {".txt", ".json", ".hocr", ".alto.xml", ".pdf"}) {
      runs[run].push_back(vanban::testing::ReadFile(options.output_dir + "/a" + suffix));
    }
  }
  for (size_t i = 0; i < runs[0].size(); ++i) {
    EXPECT_FALSE(runs[0][i].empty()) << i;
    EXPECT_EQ(runs[0][i], runs[1][i]) << i;
  }
}

TEST_F(BatchTest, ResumeSkipsCompleteDocumentsAndRedoesPartialOnes) {
  const std::string in = ScratchDir("resume_in");
  const std::string out = ScratchDir("resume_out");
  ASSERT_TRUE(vanban::testing::WriteSmallPage(in + "/a.png", "KHAN 2024"));
  ASSERT_TRUE(vanban::testing::WriteSmallPage(in + "/b.png", "HOA TOC 2025"));
  BatchOptions options;
  options.inputs = {in};
  options.output_dir = out;
  options.progress = ProgressMode::kNone;
  ASSERT_EQ(RunBatch(*engine_, options).done, 2);
  fs::remove(out + "/b.json");  // as if the batch was killed between b.txt and b.json
  options.resume = true;
  BatchSummary summary = RunBatch(*engine_, options);
  EXPECT_EQ(summary.skipped, 1);
  EXPECT_EQ(summary.done, 1);
  EXPECT_TRUE(fs::exists(out + "/b.json"));
}

}  // namespace
}  // namespace vanban
