// The command line's contract (SPEC.md): exit codes and one-line error messages.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "tests/test_util.h"

namespace {

namespace fs = std::filesystem;
using vanban::testing::ReadFile;
using vanban::testing::ScratchDir;
using vanban::testing::WriteFile;

struct Result {
  int exit_code;
  std::string out, err;
};

Result RunCli(const std::string& args, const std::string& env = "") {
  // ctest runs the tests of this file in parallel processes: each run gets its own folder.
  static int runs = 0;
  const std::string dir = ScratchDir("cli_run_" + std::to_string(getpid()) + "_" + std::to_string(runs++));
  const std::string command = env + " " + VANBAN_CLI + " " + args + " >" + dir + "/out 2>" + dir + "/err";
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadFile(dir + "/out"), ReadFile(dir + "/err")};
}

TEST(CliTest, PrintsItsVersion) {
  Result r = RunCli("--version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("vanban "), std::string::npos);
}

TEST(CliTest, BadArgumentsExitOne) {
  EXPECT_EQ(RunCli("").exit_code, 1);
  EXPECT_EQ(RunCli("frobnicate").exit_code, 1);
  EXPECT_EQ(RunCli("ocr x.png").exit_code, 1);  // no -o
  EXPECT_EQ(RunCli("ocr x.png -o out --format docx").exit_code, 1);
  EXPECT_EQ(RunCli("restore --mode fancy").exit_code, 1);
}

TEST(CliTest, BadInputsAreReportedOneLineEachAndTheRestIsWritten) {
  const std::string in = ScratchDir("cli_bad_in");
  const std::string out = ScratchDir("cli_bad_out");
  cv::Mat page(300, 1400, CV_8UC1, cv::Scalar(255));
  cv::putText(page, "CONG VAN 2025", {40, 170}, cv::FONT_HERSHEY_SIMPLEX, 2.0, cv::Scalar(0), 4);
  ASSERT_TRUE(cv::imwrite(in + "/good.png", page));
  WriteFile(in + "/zero.png", "");
  WriteFile(in + "/junk.jpg", std::string(5000, '\x17'));
  std::vector<uchar> png;
  cv::imencode(".png", page, png);
  WriteFile(in + "/truncated.png", std::string(png.begin(), png.begin() + png.size() / 2));

  Result r = RunCli("ocr " + in + " -o " + out + " --no-restore --progress none");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(fs::exists(out + "/good.txt"));
  EXPECT_TRUE(fs::exists(out + "/good.json"));
  for (const char* name : {"zero.png", "junk.jpg", "truncated.png"}) {
    const std::string prefix = "vanban: " + in + "/" + name + ": ";
    EXPECT_NE(r.err.find(prefix), std::string::npos) << name << " not reported in:\n" << r.err;
  }
}

TEST(CliTest, MissingLanguageDataExitsThreeNamingThePackage) {
  const std::string empty = ScratchDir("cli_no_tessdata");
  Result r = RunCli("ocr x.png -o " + ScratchDir("cli_no_tessdata_out"), "TESSDATA_PREFIX=" + empty);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("tesseract-ocr-vie"), std::string::npos) << r.err;
}

TEST(CliTest, MissingModelsExitThree) {
  Result r = RunCli("restore --data-dir " + ScratchDir("cli_no_models") + " -", "echo Chi thi |");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err.rfind("vanban: ", 0), 0u) << r.err;
}

}  // namespace
