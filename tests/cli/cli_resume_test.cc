// Long documents and a full disk through the command line: the page checkpoints and the
// fail-fast stop. OCR-heavy (a dozen pages read twice), hence labelled slow.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "tests/scanned_pdf.h"
#include "tests/small_page.h"
#include "tests/test_util.h"

namespace {

namespace fs = std::filesystem;
using vanban::testing::ReadFile;
using vanban::testing::ScratchDir;

// Runs vanban with `args`, its stderr into `err`; returns the exit code. `stop_when`, if set, is
// waited for in stderr and then answered with SIGTERM.
int RunVanban(const std::vector<std::string>& args, const std::string& err, const std::string& stop_when = "") {
  std::filesystem::remove(err);  // an earlier run's lines must not answer stop_when
  const pid_t child = fork();
  if (child == 0) {
    if (!freopen(err.c_str(), "w", stderr)) _exit(126);
    std::vector<char*> argv = {const_cast<char*>(VANBAN_CLI)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(VANBAN_CLI, argv.data());
    _exit(127);
  }
  if (!stop_when.empty()) {
    int status = 0;
    while (ReadFile(err).find(stop_when) == std::string::npos) {
      if (waitpid(child, &status, WNOHANG) == child) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      usleep(20'000);
    }
    kill(child, SIGTERM);
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);  // -15: killed by the signal
}

// The page numbers of the "[page N/12]" progress lines: the pages a run recognised.
std::vector<int> PagesRead(const std::string& err) {
  std::vector<int> pages;
  static const std::regex kLine(R"(\[page (\d+)/\d+\])");
  for (auto it = std::sregex_iterator(err.begin(), err.end(), kLine); it != std::sregex_iterator(); ++it) {
    pages.push_back(std::stoi((*it)[1]));
  }
  return pages;
}

const char* const kFormats = "txt,json,hocr,alto,pdf";

// A 12-page PDF stopped by SIGTERM while its third page is read exits 130 keeping the pages
// read; --resume reads only the others, and writes what an uninterrupted run writes, byte for
// byte.
TEST(CliResumeTest, ALongPdfStoppedBySigtermResumesAtItsNextPage) {
  const std::string in = ScratchDir("cli_sigterm_in");
  const std::string out = ScratchDir("cli_sigterm_out");
  const std::string whole = ScratchDir("cli_sigterm_whole");
  const char* kWords[] = {"ALPHA", "BRAVO", "DELTA", "HOTEL", "LIMA", "OSCAR",
                          "TANGO", "KILO", "MIKE", "ROMEO", "SIERRA", "VICTOR"};
  std::vector<cv::Mat> pages;
  for (const char* word : kWords) pages.push_back(vanban::testing::SmallPage(std::string("KE HOACH ") + word));
  vanban::testing::WriteFile(in + "/long.pdf", vanban::testing::ScannedPdf(pages));
  const std::vector<std::string> common = {"ocr", in + "/long.pdf", "-j", "1", "--progress", "plain", "--format", kFormats};

  std::vector<std::string> first = common;
  first.insert(first.end(), {"-o", out});
  ASSERT_EQ(RunVanban(first, out + ".err1", "[page 2/12]"), 130) << ReadFile(out + ".err1");
  const std::vector<int> read_first = PagesRead(ReadFile(out + ".err1"));
  ASSERT_GE(read_first.size(), 2u);
  ASSERT_LT(read_first.size(), 12u) << "the document finished before it could be stopped";
  EXPECT_FALSE(fs::exists(out + "/long.json"));

  std::vector<std::string> resumed = first;
  resumed.push_back("--resume");
  ASSERT_EQ(RunVanban(resumed, out + ".err2"), 0) << ReadFile(out + ".err2");
  const std::string err2 = ReadFile(out + ".err2");
  std::vector<int> all = read_first;
  for (int page : PagesRead(err2)) all.push_back(page);
  std::multiset<int> counted(all.begin(), all.end());
  for (int page = 1; page <= 12; ++page) EXPECT_EQ(counted.count(page), 1u) << "page " << page << " read " << counted.count(page) << " times";
  EXPECT_NE(err2.find(std::to_string(read_first.size()) + " kept from an earlier run"), std::string::npos) << err2;
  EXPECT_FALSE(fs::exists(out + "/.vanban-work"));  // the document is written: its pages go

  std::vector<std::string> uninterrupted = common;
  uninterrupted.insert(uninterrupted.end(), {"-o", whole});
  ASSERT_EQ(RunVanban(uninterrupted, whole + ".err"), 0) << ReadFile(whole + ".err");
  for (const char* suffix : {".txt", ".json", ".hocr", ".alto.xml", ".pdf"}) {
    const std::string kept = ReadFile(out + "/long" + suffix);
    EXPECT_FALSE(kept.empty()) << suffix;
    EXPECT_TRUE(kept == ReadFile(whole + "/long" + suffix)) << suffix << " differs after the resume";
  }
}

// A full disk stops the batch from starting documents, says so, exits 2; once there is space,
// --resume completes it. Needs a small tmpfs, so root (a CI container); skipped otherwise.
TEST(CliResumeTest, AFullDiskStopsTheBatchAndResumeCompletesIt) {
  const std::string in = ScratchDir("cli_disk_full_in");
  const std::string out = ScratchDir("cli_disk_full_out");
  if (mount("tmpfs", out.c_str(), "tmpfs", 0, "size=24k") != 0) GTEST_SKIP() << "cannot mount a tmpfs here";
  for (int i = 0; i < 12; ++i) {
    ASSERT_TRUE(vanban::testing::WriteSmallPage(in + "/d" + std::to_string(10 + i) + ".png", "THONG BAO " + std::to_string(10 + i)));
  }
  const std::vector<std::string> args = {"ocr", in, "-o", out, "-j", "1", "--no-restore", "--progress", "plain"};
  const int full = RunVanban(args, in + "/../disk_full.err1");
  const std::string err = ReadFile(in + "/../disk_full.err1");
  EXPECT_EQ(full, 2) << err;
  const std::regex kStop(R"(disk full after (\d+) documents; free space and rerun with --resume)");
  std::smatch stop;
  ASSERT_TRUE(std::regex_search(err, stop, kStop)) << err;
  EXPECT_LT(std::stoi(stop[1]), 11) << err;
  EXPECT_EQ(err.find("[12/12]"), std::string::npos) << "a document was started after the disk filled:\n" << err;

  ASSERT_EQ(mount("tmpfs", out.c_str(), "tmpfs", MS_REMOUNT, "size=4m"), 0);
  std::vector<std::string> resumed = args;
  resumed.push_back("--resume");
  const int rc = RunVanban(resumed, in + "/../disk_full.err2");
  EXPECT_EQ(rc, 0) << ReadFile(in + "/../disk_full.err2");
  for (int i = 0; i < 12; ++i) EXPECT_TRUE(fs::exists(out + "/d" + std::to_string(10 + i) + ".json")) << i;
  EXPECT_FALSE(fs::exists(out + "/vanban-errors.jsonl"));
  umount(out.c_str());
}

}  // namespace
