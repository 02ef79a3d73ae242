// Long documents and a full disk through the command line: the page checkpoints and the
// fail-fast stop. OCR-heavy (a dozen pages read twice), hence labelled slow.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "tests/scanned_pdf.h"
#include "tests/small_page.h"
#include "tests/test_util.h"

namespace {

namespace fs = std::filesystem;
using vanban::testing::ReadFile;
using vanban::testing::ScratchDir;

struct VanbanRun {
  int exit_code;
  double seconds_after_stop = 0;  // from the SIGTERM to the exit
};

// Runs vanban with `args`, its stderr into `err`. `stop_when`, if set, is waited for in stderr
// and answered with SIGTERM `stop_delay` later.
VanbanRun RunVanban(const std::vector<std::string>& args, const std::string& err, const std::string& stop_when = "",
              std::chrono::milliseconds stop_delay = {}) {
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
  int status = 0;
  std::chrono::steady_clock::time_point stopped;
  if (!stop_when.empty()) {
    while (ReadFile(err).find(stop_when) == std::string::npos) {
      if (waitpid(child, &status, WNOHANG) == child) return {WIFEXITED(status) ? WEXITSTATUS(status) : -1};
      usleep(20'000);
    }
    std::this_thread::sleep_for(stop_delay);
    stopped = std::chrono::steady_clock::now();
    kill(child, SIGTERM);
  }
  waitpid(child, &status, 0);
  const double seconds = stop_when.empty() ? 0 : std::chrono::duration<double>(std::chrono::steady_clock::now() - stopped).count();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status), seconds};  // -15: killed by the signal
}

// A full page of small print, which takes Tesseract seconds (about 7 s on a quiet 2-core
// machine) where a SmallPage takes a fraction of one.
cv::Mat DensePage() {
  const char* kWords[] = {"QUYET", "DINH", "CONG", "VAN", "THONG", "BAO", "KE", "HOACH", "UY", "BAN", "NHAN", "DAN"};
  cv::Mat page(3508, 2480, CV_8UC1, cv::Scalar(255));
  constexpr int kLines = 60;
  size_t word = 0;
  for (int line = 0; line < kLines; ++line) {
    std::string text;
    while (text.size() < 90) text += std::string(kWords[word++ * 7 % std::size(kWords)]) + " ";
    cv::putText(page, text, {60, 150 + line * 3300 / kLines}, cv::FONT_HERSHEY_SIMPLEX, 0.9, cv::Scalar(0), 2);
  }
  return page;
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

// A 12-page PDF stopped by SIGTERM while its third page, a slow one, is being read exits 130
// within seconds, without waiting for that page: it keeps pages 1 and 2, not the third, which
// is neither read nor kept as a failed page. --resume reads exactly the pages not kept, and
// writes what an uninterrupted run writes, byte for byte.
TEST(CliResumeTest, ALongPdfStoppedBySigtermResumesAtItsNextPage) {
  const std::string in = ScratchDir("cli_sigterm_in");
  const std::string out = ScratchDir("cli_sigterm_out");
  const std::string whole = ScratchDir("cli_sigterm_whole");
  const char* kWords[] = {"ALPHA", "BRAVO", "DELTA", "HOTEL", "LIMA", "OSCAR",
                          "TANGO", "KILO", "MIKE", "ROMEO", "SIERRA", "VICTOR"};
  std::vector<cv::Mat> pages;
  for (const char* word : kWords) pages.push_back(vanban::testing::SmallPage(std::string("KE HOACH ") + word));
  pages[2] = DensePage();
  vanban::testing::WriteFile(in + "/long.pdf", vanban::testing::ScannedPdf(pages));
  const std::vector<std::string> common = {"ocr", in + "/long.pdf", "-j", "1", "--progress", "plain", "--format", kFormats};

  std::vector<std::string> first = common;
  first.insert(first.end(), {"-o", out});
  // One second in, page 3 is rasterised and under recognition.
  const VanbanRun stopped = RunVanban(first, out + ".err1", "[page 2/12]", std::chrono::seconds(1));
  ASSERT_EQ(stopped.exit_code, 130) << ReadFile(out + ".err1");
  std::cout << "SIGTERM to exit: " << stopped.seconds_after_stop << " s\n";
  EXPECT_LT(stopped.seconds_after_stop, 10.0);
  const std::vector<int> read_first = PagesRead(ReadFile(out + ".err1"));
  EXPECT_EQ(read_first, (std::vector<int>{1, 2})) << "the slow page was waited for";
  EXPECT_FALSE(fs::exists(out + "/long.json"));
  const std::string work = out + "/.vanban-work/long/";
  EXPECT_TRUE(fs::exists(work + "page-0002.json"));
  EXPECT_FALSE(fs::exists(work + "page-0003.json")) << "the stopped page was kept";
  EXPECT_FALSE(fs::exists(out + "/vanban-errors.jsonl")) << ReadFile(out + "/vanban-errors.jsonl");

  std::vector<std::string> resumed = first;
  resumed.push_back("--resume");
  ASSERT_EQ(RunVanban(resumed, out + ".err2").exit_code, 0) << ReadFile(out + ".err2");
  const std::string err2 = ReadFile(out + ".err2");
  const std::vector<int> read_again = PagesRead(err2);
  EXPECT_EQ(read_again.size(), 12 - read_first.size()) << err2;
  std::vector<int> all = read_first;
  all.insert(all.end(), read_again.begin(), read_again.end());
  std::multiset<int> counted(all.begin(), all.end());
  for (int page = 1; page <= 12; ++page) EXPECT_EQ(counted.count(page), 1u) << "page " << page << " read " << counted.count(page) << " times";
  EXPECT_NE(err2.find(std::to_string(read_first.size()) + " kept from an earlier run"), std::string::npos) << err2;
  EXPECT_FALSE(fs::exists(out + "/.vanban-work"));  // the document is written: its pages go

  std::vector<std::string> uninterrupted = common;
  uninterrupted.insert(uninterrupted.end(), {"-o", whole});
  ASSERT_EQ(RunVanban(uninterrupted, whole + ".err").exit_code, 0) << ReadFile(whole + ".err");
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
  const int full = RunVanban(args, in + "/../disk_full.err1").exit_code;
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
  const int rc = RunVanban(resumed, in + "/../disk_full.err2").exit_code;
  EXPECT_EQ(rc, 0) << ReadFile(in + "/../disk_full.err2");
  for (int i = 0; i < 12; ++i) EXPECT_TRUE(fs::exists(out + "/d" + std::to_string(10 + i) + ".json")) << i;
  EXPECT_FALSE(fs::exists(out + "/vanban-errors.jsonl"));
  umount(out.c_str());
}

}  // namespace
