#include "vanban/batch.h"

#include <gtest/gtest.h>

#include "tests/engine/shared_engine.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
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
  BatchOptions options;
  options.inputs = {in, in + "/missing.png"};
  options.output_dir = "/out";
  const BatchListing listing = ListBatchItems(options);
  ASSERT_EQ(listing.items.size(), 2u);
  EXPECT_EQ(listing.items[0].output_stem, "/out/b");
  EXPECT_EQ(listing.items[1].output_stem, "/out/sub/a");
  ASSERT_EQ(listing.unreadable.size(), 1u);
  EXPECT_EQ(listing.unreadable[0].path, in + "/missing.png");
  EXPECT_EQ(listing.unreadable[0].reason, "no such file or folder");
  ASSERT_EQ(listing.not_inputs.size(), 1u);
  EXPECT_EQ(listing.not_inputs[0].path, in + "/notes.txt");
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
  const std::vector<BatchItem> items = ListBatchItems(options).items;
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].output_stem, "/out/sub/linked");
}

TEST_F(BatchTest, ShardsAreDisjointAndCoverEveryDocument) {
  const std::string in = ScratchDir("batch_shards");
  for (int i = 0; i < 40; ++i) WriteFile(in + "/d" + std::to_string(i) + ".pdf", "x");
  BatchOptions options;
  options.inputs = {in};
  options.output_dir = "/out";
  const size_t all = ListBatchItems(options).items.size();
  std::set<std::string> seen;
  size_t total = 0;
  options.shard_count = 3;
  for (int k = 0; k < 3; ++k) {
    options.shard_index = k;
    const std::vector<BatchItem> shard = ListBatchItems(options).items;
    EXPECT_GT(shard.size(), 0u);
    total += shard.size();
    for (const BatchItem& item : shard) seen.insert(item.input);
  }
  EXPECT_EQ(all, 40u);
  EXPECT_EQ(total, all);
  EXPECT_EQ(seen.size(), all);
}

std::vector<std::string> StemsOf(const BatchOptions& options) {
  std::vector<std::string> stems;
  for (const BatchItem& item : ListBatchItems(options).items) stems.push_back(item.output_stem);
  return stems;
}

// x.png and x.jpg would both write x.json: each keeps its extension, and x.png.pdf, now
// sharing a name with x.png, keeps its own too. The names are the same on every run.
TEST_F(BatchTest, DocumentsSharingANameInOneFolderKeepTheirExtensions) {
  const std::string in = ScratchDir("batch_clash_one_folder");
  for (const char* name : {"x.png", "x.jpg", "x.png.pdf", "y.pdf", "sub/x.png"}) {
    fs::create_directories(fs::path(in + "/" + name).parent_path());
    WriteFile(in + "/" + name, "x");
  }
  BatchOptions options;
  options.inputs = {in};
  options.output_dir = "/out";
  const std::vector<std::string> stems = StemsOf(options);
  EXPECT_EQ(stems, (std::vector<std::string>{"/out/sub/x", "/out/x.jpg", "/out/x.png", "/out/x.png.pdf", "/out/y"}));
  EXPECT_EQ(StemsOf(options), stems);
}

// Inputs from different folders mirror their paths below the folder holding them all, the
// same whether named as files or as folders; a document named twice is one document.
TEST_F(BatchTest, InputsFromDifferentFoldersMirrorTheirPaths) {
  const std::string in = ScratchDir("batch_clash_folders");
  fs::create_directories(in + "/a");
  fs::create_directories(in + "/b/deep");
  for (const char* name : {"/a/doc.png", "/b/doc.png", "/b/deep/doc.png"}) WriteFile(in + name, "x");
  BatchOptions options;
  options.output_dir = "/out";
  options.inputs = {in + "/a/doc.png", in + "/b/doc.png"};
  EXPECT_EQ(StemsOf(options), (std::vector<std::string>{"/out/a/doc", "/out/b/doc"}));
  options.inputs = {in + "/a", in + "/b", in + "/b/doc.png"};
  EXPECT_EQ(StemsOf(options), (std::vector<std::string>{"/out/a/doc", "/out/b/deep/doc", "/out/b/doc"}));
  const std::vector<BatchItem> items = ListBatchItems(options).items;
  EXPECT_EQ(items[0].input, in + "/a/doc.png");  // as named: it becomes the JSON's "source"
}

// What a folder holds that is not a document is passed over with a reason; documents that
// cannot be read are failures, never silently dropped.
TEST_F(BatchTest, EntriesThatAreNotDocumentsAreNamedWithTheirReason) {
  const std::string in = ScratchDir("batch_entries");
  WriteFile(in + "/notes.txt", "x");
  ASSERT_EQ(mkfifo((in + "/pipe.png").c_str(), 0644), 0);
  fs::create_directories(in + "/elsewhere");
  fs::create_directory_symlink(in + "/elsewhere", in + "/linked");
  fs::create_symlink(in + "/nowhere.pdf", in + "/dangling.pdf");
  fs::create_symlink(in + "/loop.png", in + "/loop.png");
  BatchOptions options;
  options.inputs = {in};
  options.output_dir = "/out";
  const BatchListing listing = ListBatchItems(options);
  EXPECT_TRUE(listing.items.empty());
  std::map<std::string, std::string> passed_over, unreadable;
  for (const BatchEntry& e : listing.not_inputs) passed_over[fs::path(e.path).filename().string()] = e.reason;
  for (const BatchEntry& e : listing.unreadable) unreadable[fs::path(e.path).filename().string()] = e.reason;
  EXPECT_EQ(passed_over, (std::map<std::string, std::string>{{"notes.txt", "not an image or PDF name"},
                                                             {"pipe.png", "a FIFO"},
                                                             {"linked", "link to a folder, not followed"}}));
  EXPECT_EQ(unreadable, (std::map<std::string, std::string>{{"dangling.pdf", "dangling symbolic link"},
                                                            {"loop.png", "symbolic link loop"}}));
}

TEST_F(BatchTest, AnUnusableOutputFolderFailsBeforeAnyOcr) {
  const std::string in = ScratchDir("batch_bad_out");
  ASSERT_TRUE(vanban::testing::WriteSmallPage(in + "/a.png", "KHAN 2024"));
  WriteFile(in + "/file", "x");
  BatchOptions options;
  options.progress = ProgressMode::kNone;
  for (const std::string& out : {in + "/file", in + "/file/sub", in, std::string("/proc/vanban-out")}) {
    options.inputs = {in};
    options.output_dir = out;
    EXPECT_FALSE(PrepareOutputDir(options).ok()) << out;
    const BatchSummary summary = RunBatch(*engine_, options);
    EXPECT_EQ(summary.status.code(), Status::Code::kInvalidArgument) << out << ": " << summary.status.message();
    EXPECT_EQ(summary.done + summary.failed, 0) << out;
  }
  EXPECT_FALSE(fs::exists(in + "/a.json"));
}

// An output folder inside the input folder is passed over: the second run reads a.png only,
// not the first run's outputs (before, a PDF output came back as ocr/ocr/a.pdf).
TEST_F(BatchTest, TheOutputFolderInsideTheInputFolderIsNeverRead) {
  const std::string in = ScratchDir("batch_out_inside");
  ASSERT_TRUE(vanban::testing::WriteSmallPage(in + "/a.png", "KHAN 2024"));
  BatchOptions options;
  options.inputs = {in};
  options.output_dir = in + "/ocr";
  options.formats = {"txt", "pdf"};
  options.progress = ProgressMode::kNone;
  for (int run = 0; run < 2; ++run) {
    const BatchSummary summary = RunBatch(*engine_, options);
    EXPECT_EQ(summary.done, 1) << run;
    EXPECT_EQ(summary.failed, 0) << run;
  }
  EXPECT_TRUE(fs::exists(in + "/ocr/a.pdf"));
  EXPECT_FALSE(fs::exists(in + "/ocr/ocr"));
}

// A killed run leaves temp files; --resume removes them. The error list holds what still fails
// at the end: a document fixed since is dropped from it, another shard's line stays.
TEST_F(BatchTest, ResumeCleansUpAndTheErrorListKeepsOnlyWhatStillFails) {
  const std::string in = ScratchDir("batch_clean_in");
  const std::string out = ScratchDir("batch_clean_out");
  ASSERT_TRUE(vanban::testing::WriteSmallPage(in + "/a.png", "KHAN 2024"));
  WriteFile(in + "/b.png", "");
  BatchOptions options;
  options.inputs = {in};
  options.output_dir = out;
  options.progress = ProgressMode::kNone;
  ASSERT_EQ(RunBatch(*engine_, options).failed, 1);
  const std::string errors = out + "/vanban-errors.jsonl";
  ASSERT_NE(vanban::testing::ReadFile(errors).find("b.png"), std::string::npos);
  const std::string other_shard = "{\"file\":\"elsewhere/c.png\",\"page\":null,\"reason\":\"empty file (0 bytes)\"}\n";
  std::ofstream(errors, std::ios::app) << other_shard;

  // A dead writer's temp file (a child that has exited), and a live one's (this process).
  const pid_t child = fork();
  if (child == 0) _exit(0);
  waitpid(child, nullptr, 0);
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  std::string host_name = host;
  std::replace(host_name.begin(), host_name.end(), '.', '_');
  const std::string stale = out + "/a.txt.vanban-tmp." + host_name + "." + std::to_string(child) + ".0";
  const std::string live = out + "/a.json.vanban-tmp." + host_name + "." + std::to_string(getpid()) + ".7";
  WriteFile(stale, "half");
  WriteFile(live, "half");

  ASSERT_TRUE(vanban::testing::WriteSmallPage(in + "/b.png", "HOA TOC 2025"));
  options.resume = true;
  const BatchSummary summary = RunBatch(*engine_, options);
  EXPECT_EQ(summary.skipped, 1);
  EXPECT_EQ(summary.done, 1);
  EXPECT_EQ(summary.failed, 0);
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_TRUE(fs::exists(live));
  EXPECT_EQ(vanban::testing::ReadFile(errors), other_shard);
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

// A document scanned a file a page: its files join only when asked, in page-number order, and
// only while the numbers run on; PDFs and names without a number stay documents of their own.
TEST_F(BatchTest, JoinPagesMakesNumberedPageFilesOneDocument) {
  const std::string in = ScratchDir("batch_join_list");
  for (const char* name : {"4_2.jpg", "4_1.jpg", "4_10.jpg", "scan-002.tif", "scan-001.tif", "scan-000.tif",
                           "only_2.png", "only_3.png", "x.png", "7_1.pdf", "7_2.pdf", "HS01/001.tif", "HS01/002.tif"}) {
    fs::create_directories(fs::path(in + "/" + name).parent_path());
    WriteFile(in + "/" + name, "x");
  }
  BatchOptions options;
  options.inputs = {in};
  options.output_dir = "/out";
  EXPECT_EQ(ListBatchItems(options).items.size(), 13u);

  options.join_pages = true;
  std::map<std::string, std::vector<std::string>> later;
  for (const BatchItem& item : ListBatchItems(options).items) {
    for (const std::string& file : item.later_pages) later[item.output_stem].push_back(fs::path(file).filename());
  }
  EXPECT_EQ(later, (std::map<std::string, std::vector<std::string>>{
                       {"/out/4_1", {"4_2.jpg"}},  // 4_10 after a gap is a document of its own
                       {"/out/scan-000", {"scan-001.tif", "scan-002.tif"}},
                       {"/out/HS01/001", {"002.tif"}}}));
  EXPECT_EQ(ListBatchItems(options).items.size(), 9u);  // only_2 and only_3 start at no page 1
}

TEST_F(BatchTest, AJoinedDocumentHoldsThePagesOfAllItsFiles) {
  const std::string in = ScratchDir("batch_join_in");
  const std::string out = ScratchDir("batch_join_out");
  ASSERT_TRUE(vanban::testing::WriteSmallPage(in + "/cv_1.png", "SO 299 UBND 2025"));
  ASSERT_TRUE(vanban::testing::WriteSmallPage(in + "/cv_2.png", "HOA TOC 2025"));
  WriteFile(in + "/cv_3.png", "");  // a page file that cannot be read fails its page only
  BatchOptions options;
  options.inputs = {in};
  options.output_dir = out;
  options.join_pages = true;
  options.progress = ProgressMode::kNone;
  options.formats = {"txt", "json", "hocr", "pdf"};
  const BatchSummary summary = RunBatch(*engine_, options);
  EXPECT_EQ(summary.done, 1);
  EXPECT_EQ(summary.pages, 3);
  EXPECT_EQ(summary.pages_failed, 1);
  EXPECT_FALSE(fs::exists(out + "/cv_2.json"));
  const std::string json = vanban::testing::ReadFile(out + "/cv_1.json");
  EXPECT_NE(json.find("\"source_files\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"file\": \"" + in + "/cv_2.png\""), std::string::npos) << json;  // page 2's
  const std::string text = vanban::testing::ReadFile(out + "/cv_1.txt");
  EXPECT_NE(text.find("299"), std::string::npos) << text;
  EXPECT_NE(text.find("HOA TOC"), std::string::npos) << text;
  const std::string errors = vanban::testing::ReadFile(out + "/vanban-errors.jsonl");
  EXPECT_NE(errors.find("page 3: cv_3.png: empty file"), std::string::npos) << errors;
  EXPECT_NE(vanban::testing::ReadFile(out + "/cv_1.pdf").find("/Count 3"), std::string::npos);
  EXPECT_NE(vanban::testing::ReadFile(out + "/cv_1.hocr").find("image &quot;" + in + "/cv_2.png&quot;"), std::string::npos);
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
