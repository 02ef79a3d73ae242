// The command line's contract (SPEC.md): exit codes and one-line error messages.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "tests/born_digital_pdf.h"
#include "tests/scanned_pdf.h"
#include "tests/small_page.h"
#include "tests/test_util.h"

namespace {

namespace fs = std::filesystem;
using vanban::testing::ReadFile;
using vanban::testing::ScratchDir;
using vanban::testing::SourcePath;
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

// Whether the document JSON has the review item of a page that could not be read.
bool PageFailedInReview(const std::string& json, int page) {
  const nlohmann::json document = nlohmann::json::parse(json);
  for (const nlohmann::json& item : document["review"]) {
    if (item["reason"] == "page_failed" && item["page"] == page) return true;
  }
  return false;
}

TEST(CliTest, PrintsItsVersion) {
  Result r = RunCli("--version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("vanban "), std::string::npos);
}

TEST(CliTest, BadArgumentsExitOneWithOneLine) {
  for (const char* args : {"", "frobnicate", "ocr x.png" /* no -o */, "ocr x.png -o out --format docx",
                           "restore --mode fancy", "ocr - -o out" /* stdin goes to stdout */,
                           "ocr a.png b.png -o -", "ocr a.png -o - --format txt,json"}) {
    Result r = RunCli(args);
    EXPECT_EQ(r.exit_code, 1) << args;
    EXPECT_EQ(r.err.rfind("vanban: ", 0), 0u) << args << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << args << ": " << r.err;
  }
  Result help = RunCli("ocr --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--no-restore"), std::string::npos);
  EXPECT_NE(help.out.find("--no-text-layer"), std::string::npos);
}

// A pipe: one document from stdin, one format to stdout, the exit code as for a batch.
TEST(CliTest, OneDocumentFromStdinToStdout) {
  const std::string scan = std::string(VANBAN_SOURCE_DIR) + "/samples/scans/kiengiang-2577-scan.pdf";
  Result alto = RunCli("ocr - -o - --format alto --progress plain <" + scan);
  ASSERT_EQ(alto.exit_code, 0) << alto.err;
  EXPECT_EQ(alto.out.rfind("<?xml", 0), 0u);
  EXPECT_NE(alto.out.find("2577/UBND-KGVX"), std::string::npos);
  EXPECT_NE(alto.err.find("page 2 of 2 read"), std::string::npos) << alto.err;
  Result json = RunCli("ocr " + scan + " -o - --format json --no-restore");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_NE(json.out.find("\"source\": \"" + scan + "\""), std::string::npos);
  Result garbage = RunCli("ocr - -o - --format txt </dev/null");
  EXPECT_EQ(garbage.exit_code, 2);
  EXPECT_EQ(garbage.err.rfind("vanban: -: ", 0), 0u) << garbage.err;
}

// serve --stdio outlives any request: wrongly typed fields, broken JSON and an oversize line are
// each answered with one error line, and the valid request after them is served.
TEST(CliTest, ServeAnswersEveryRequestLineAndExitsZero) {
  const std::string dir = ScratchDir("cli_serve");
  WriteFile(dir + "/requests",
            "{\"op\":1}\n{\"op\":[\"restore\"]}\n{\"op\":\"restore\",\"text\":\"x\",\"mode\":1}\n"
            "{\"op\":\"restore\",\"text\":\"x\",\"tone_style\":null}\n{\"op\":\n" +
                std::string(300, ' ') + "{}\n{\"id\":6,\"op\":\"restore\",\"text\":\"Chi thi\",\"mode\":\"stripped\"}\n");
  Result r = RunCli("serve --stdio --max-request-bytes 200 < " + dir + "/requests");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 7) << r.out;
  EXPECT_NE(r.out.find("invalid JSON at byte"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("longer than the limit of 200 bytes"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(R"({"id":6,"ok":true,"text":"Chỉ thị"})"), std::string::npos) << r.out;
  EXPECT_EQ(RunCli("serve --stdio --root " + dir + "/missing < /dev/null").exit_code, 1);
}

// serve --root reads documents inside the root, through links that stay inside it, and answers
// a link pointing out of it as if nothing were there.
TEST(CliTest, ServeWithARootRefusesALinkPointingOutOfIt) {
  const std::string dir = ScratchDir("cli_serve_root");
  const std::string root = dir + "/root";
  ASSERT_TRUE(vanban::testing::WriteSmallPage(root + "/in/page.png", "CONG VAN 2025"));
  ASSERT_TRUE(vanban::testing::WriteSmallPage(dir + "/outside/secret.png", "MAT KHAU 1234"));
  fs::create_symlink(dir + "/outside/secret.png", root + "/in/secret.png");
  fs::create_symlink("page.png", root + "/in/alias.png");
  WriteFile(dir + "/requests", R"({"id":1,"op":"ocr","path":"in/secret.png"})"
                               "\n"
                               R"({"id":2,"op":"ocr","path":"in/alias.png"})"
                               "\n");
  Result r = RunCli("serve --stdio --root " + root + " < " + dir + "/requests");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string refused, read;
  ASSERT_TRUE(std::getline(lines, refused) && std::getline(lines, read)) << r.out;
  EXPECT_NE(refused.find(R"("error":"in/secret.png: no such file under the serve root")"), std::string::npos) << refused;
  EXPECT_NE(read.find(R"("ok":true)"), std::string::npos) << read;
  EXPECT_NE(read.find("2025"), std::string::npos) << read;
  EXPECT_NE(read.find(R"("source":")" + fs::canonical(root).string() + R"(/in/page.png")"), std::string::npos) << read;
  EXPECT_EQ(r.out.find("1234"), std::string::npos) << r.out;
}

// A born-digital PDF's text is its own text layer, word for word and unrestored; with
// --no-text-layer the page is OCR'd and restored like a scan.
TEST(CliTest, ABornDigitalPdfReadsAsItsTextLayerUnlessTurnedOff) {
  const std::string in = ScratchDir("cli_born_digital_in");
  const std::string out = ScratchDir("cli_born_digital_out");
  const std::vector<vanban::testing::PdfLine> lines = vanban::testing::StrippedDispatch();
  WriteFile(in + "/dispatch.pdf", vanban::testing::BornDigitalPdf(lines));
  std::string layer;
  for (const vanban::testing::PdfLine& line : lines) layer += line.text + "\n";

  ASSERT_EQ(RunCli("ocr " + in + " -o " + out + "/layer --format txt --progress none").exit_code, 0);
  const std::string text = ReadFile(out + "/layer/dispatch.txt");
  EXPECT_TRUE(vanban::testing::WordsNotIn(text, layer).empty()) << text;
  EXPECT_TRUE(vanban::testing::WordsNotIn(layer, text).empty()) << text;

  ASSERT_EQ(RunCli("ocr " + in + " -o " + out + "/ocr --format txt --progress none --no-text-layer").exit_code, 0);
  const std::string ocr = ReadFile(out + "/ocr/dispatch.txt");
  EXPECT_NE(ocr.find("Công văn"), std::string::npos) << ocr;
}

// A signed archive PDF (two signatures): the JSON lists both, one stderr line says the
// searchable copy does not carry them, and the exit code stays 0. --no-pdfa drops the PDF/A
// identification; the default declares it.
TEST(CliTest, ASignedPdfGetsOneWarningAndItsSignaturesInTheJson) {
  if (!vanban::testing::HaveShared()) GTEST_SKIP() << "no ../shared";
  const std::string input = vanban::testing::SharedPath("samples/scans/90_QD_CT.signed.pdf");
  const std::string out = ScratchDir("cli_signed_out");
  const Result pdfa = RunCli("ocr " + input + " -o " + out + "/pdfa --format json,pdf --progress none");
  ASSERT_EQ(pdfa.exit_code, 0) << pdfa.err;
  EXPECT_EQ(std::count(pdfa.err.begin(), pdfa.err.end(), '\n'), 1) << pdfa.err;  // the warning alone
  EXPECT_NE(pdfa.err.find("90_QD_CT.signed.pdf: warning: the searchable PDF does not carry the input's 2 digital "
                          "signature(s)"),
            std::string::npos)
      << pdfa.err;
  const std::string json = ReadFile(out + "/pdfa/90_QD_CT.signed.json");
  EXPECT_NE(json.find("\"signatures\": ["), std::string::npos);
  EXPECT_NE(json.find("\"field\": \"Signature2\""), std::string::npos) << json;
  EXPECT_NE(ReadFile(out + "/pdfa/90_QD_CT.signed.pdf").find("<pdfaid:part>2</pdfaid:part>"), std::string::npos);

  const Result plain = RunCli("ocr " + input + " -o " + out + "/plain --format pdf --no-pdfa --progress none");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(ReadFile(out + "/plain/90_QD_CT.signed.pdf").find("pdfaid"), std::string::npos);
}

TEST(CliTest, BadInputsAreReportedOneLineEachAndTheRestIsWritten) {
  const std::string in = ScratchDir("cli_bad_in");
  const std::string out = ScratchDir("cli_bad_out");
  ASSERT_TRUE(vanban::testing::WriteSmallPage(in + "/good.png", "CONG VAN 2025"));
  cv::Mat page = cv::imread(in + "/good.png", cv::IMREAD_GRAYSCALE);
  WriteFile(in + "/zero.png", "");
  WriteFile(in + "/junk.jpg", std::string(5000, '\x17'));
  std::vector<uchar> png;
  cv::imencode(".png", page, png);
  WriteFile(in + "/truncated.png", std::string(png.begin(), png.begin() + png.size() / 2));
  std::vector<uchar> jpeg;
  cv::imencode(".jpg", page, jpeg);
  WriteFile(in + "/truncated.jpg", std::string(jpeg.begin(), jpeg.begin() + jpeg.size() / 2));

  Result r = RunCli("ocr " + in + " -o " + out + " --no-restore --progress none");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(fs::exists(out + "/good.txt"));
  EXPECT_TRUE(fs::exists(out + "/good.json"));
  for (const char* name : {"zero.png", "junk.jpg", "truncated.png", "truncated.jpg"}) {
    const std::string prefix = "vanban: " + in + "/" + name + ": ";
    EXPECT_NE(r.err.find(prefix), std::string::npos) << name << " not reported in:\n" << r.err;
  }
  // libpng and libjpeg print nothing of their own: what they say is part of vanban's line.
  std::istringstream lines(r.err);
  for (std::string line; std::getline(lines, line);) EXPECT_EQ(line.rfind("vanban: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("truncated.png: page 1: cannot decode the image (truncated or corrupt, libpng: "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("truncated.jpg: page 1: cannot decode the image (truncated or corrupt, libjpeg: "),
            std::string::npos)
      << r.err;
}

// A truncated TIFF says so in vanban's one line, with what libtiff said and no line of its own.
// Cut inside its first page, nothing of it can be read. Cut inside a later page, the pages
// before the cut are read and what follows is one page left empty and flagged: past a break in
// the chain of directories the pages cannot even be counted (Leptonica passed them over in
// silence). A JPEG cut after its first bytes is named a JPEG, not "not an image".
TEST(CliTest, ATruncatedTiffSaysSoAndKeepsThePagesBeforeTheCut) {
  const std::string in = ScratchDir("cli_truncated_in");
  const std::string out = ScratchDir("cli_truncated_out");
  const std::vector<cv::Mat> pages = {vanban::testing::SmallPage("CONG VAN 2025"),
                                      vanban::testing::SmallPage("KE HOACH 2026"),
                                      vanban::testing::SmallPage("THONG BAO 2027")};
  ASSERT_TRUE(cv::imwrite(out + "/whole.tif", pages));
  const std::string tiff = ReadFile(out + "/whole.tif");
  WriteFile(in + "/early.tif", tiff.substr(0, tiff.size() / 6));
  WriteFile(in + "/late.tif", tiff.substr(0, tiff.size() / 2));
  WriteFile(in + "/tiny.jpg", "\xff\xd8\xff\xe0");

  Result r = RunCli("ocr " + in + " -o " + out + " --no-restore --progress none --format txt,json");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 3) << r.err;
  std::istringstream lines(r.err);
  for (std::string line; std::getline(lines, line);) EXPECT_EQ(line.rfind("vanban: " + in + "/", 0), 0u) << r.err;
  EXPECT_NE(r.err.find(in + "/early.tif: cannot decode the TIFF image (truncated or corrupt, libtiff: "), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(in + "/late.tif: page 2: cannot read this page or any after it (truncated or corrupt, libtiff: "),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(in + "/tiny.jpg: cannot decode the JPEG image (truncated or corrupt)"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out + "/early.txt"));
  const std::string late = ReadFile(out + "/late.txt");
  EXPECT_NE(late.find("2025"), std::string::npos) << late;
  const std::string json = ReadFile(out + "/late.json");
  EXPECT_NE(json.find(R"("error": "cannot read this page or any after it)"), std::string::npos) << json;
  EXPECT_TRUE(PageFailedInReview(json, 2)) << json;
}

TEST(CliTest, AKilledBatchResumesWhereItStopped) {
  const std::string in = ScratchDir("cli_kill_in");
  const std::string out = ScratchDir("cli_kill_out");
  // Words the Hershey font renders unambiguously (its 3 and 5 are read interchangeably).
  const char* kWords[] = {"ALPHA", "BRAVO", "DELTA", "HOTEL", "LIMA", "OSCAR", "TANGO", "KILO"};
  for (int i = 0; i < 8; ++i) {
    ASSERT_TRUE(vanban::testing::WriteSmallPage(in + "/p" + std::to_string(i) + ".png", std::string("KE HOACH ") + kWords[i]));
  }
  const pid_t child = fork();
  if (child == 0) {
    execl(VANBAN_CLI, VANBAN_CLI, "ocr", in.c_str(), "-o", out.c_str(), "-j", "1", "--no-restore", "--progress", "none",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  while (!fs::exists(out + "/p1.json")) usleep(20'000);
  kill(child, SIGKILL);
  waitpid(child, nullptr, 0);
  ASSERT_FALSE(fs::exists(out + "/p7.json")) << "the batch finished before it could be killed";

  Result r = RunCli("ocr " + in + " -o " + out + " -j 1 --no-restore --progress plain --resume");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("skipped"), std::string::npos) << r.err;
  for (int i = 0; i < 8; ++i) {
    EXPECT_NE(ReadFile(out + "/p" + std::to_string(i) + ".txt").find(kWords[i]), std::string::npos) << i;
    EXPECT_TRUE(fs::exists(out + "/p" + std::to_string(i) + ".json")) << i;
  }
}

// --join-pages: the progress line says a document came from several files.
TEST(CliTest, AJoinedDocumentsProgressLineCountsItsFiles) {
  const std::string in = ScratchDir("cli_join_in");
  const std::string out = ScratchDir("cli_join_out");
  ASSERT_TRUE(vanban::testing::WriteSmallPage(in + "/cv_1.png", "THONG BAO 2025"));
  ASSERT_TRUE(vanban::testing::WriteSmallPage(in + "/cv_2.png", "KHAN 2024"));
  Result r = RunCli("ocr " + in + " -o " + out + " --no-restore --progress plain --join-pages");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("done " + in + "/cv_1.png (2 pages, from 2 files)"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out + "/cv_2.json"));
}

TEST(CliTest, EncryptedAndOversizedInputsFailTheirDocumentOnly) {
  const std::string in = ScratchDir("cli_limits_in");
  const std::string out = ScratchDir("cli_limits_out");
  ASSERT_TRUE(vanban::testing::WriteSmallPage(in + "/ok.png", "THONG BAO 2025"));
  cv::Mat huge(12000, 10000, CV_8UC1, cv::Scalar(255));
  ASSERT_TRUE(cv::imwrite(in + "/huge.png", huge));
  const std::string pdf = vanban::testing::SourcePath("samples/scans/kiengiang-2577-scan.pdf");
  ASSERT_EQ(std::system(("qpdf --encrypt secret secret 256 -- " + pdf + " " + in + "/locked.pdf").c_str()), 0);
  Result r = RunCli("ocr " + in + " -o " + out + " --no-restore --progress none");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("vanban: " + in + "/locked.pdf: the PDF is encrypted"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("vanban: " + in + "/huge.png: page 1: 10000x12000 pixels exceeds the limit of 100 megapixels "
                       "(--max-megapixels)"),
            std::string::npos)
      << r.err;
  EXPECT_TRUE(fs::exists(out + "/ok.json"));
}

// Two inputs that would share an output name each get their own, and their JSON names them.
TEST(CliTest, InputsSharingANameGetAnOutputEach) {
  const std::string in = ScratchDir("cli_clash_in");
  const std::string out = ScratchDir("cli_clash_out");
  ASSERT_TRUE(vanban::testing::WriteSmallPage(in + "/a/doc.png", "KHAN 2024"));
  ASSERT_TRUE(vanban::testing::WriteSmallPage(in + "/b/doc.png", "HOA TOC 2025"));
  Result r = RunCli("ocr " + in + "/a/doc.png " + in + "/b/doc.png -o " + out + " --no-restore --progress none");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(ReadFile(out + "/a/doc.json").find("\"source\": \"" + in + "/a/doc.png\""), std::string::npos);
  EXPECT_NE(ReadFile(out + "/b/doc.json").find("\"source\": \"" + in + "/b/doc.png\""), std::string::npos);
  EXPECT_NE(ReadFile(out + "/b/doc.txt").find("2025"), std::string::npos);
}

// Run as an ordinary user even under root (CI containers), whom permissions do not stop.
std::string AsOrdinaryUser() { return geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups" : ""; }

// That user must reach the build tree: a clone inside a private (0700) folder hides it from them.
bool OrdinaryUserCanRunTheCli() { return RunCli("--version", AsOrdinaryUser()).exit_code == 0; }

// -o naming a file, or a folder nobody may write in, fails at once, before any OCR.
TEST(CliTest, AnUnwritableOutputFolderFailsBeforeAnyOcr) {
  if (!OrdinaryUserCanRunTheCli()) GTEST_SKIP() << "an ordinary user cannot reach " << VANBAN_CLI;
  const std::string in = ScratchDir("cli_unwritable_in");
  ASSERT_TRUE(vanban::testing::WriteSmallPage(in + "/a.png", "KHAN 2024"));
  WriteFile(in + "/file", "x");
  fs::create_directories(in + "/locked");
  fs::permissions(in, fs::perms::all);
  fs::permissions(in + "/locked", fs::perms::owner_read | fs::perms::owner_exec | fs::perms::others_read |
                                      fs::perms::others_exec);
  for (const std::string& out : {in + "/file", in + "/locked"}) {
    Result r = RunCli("ocr " + in + "/a.png -o " + out + " --progress plain", AsOrdinaryUser());
    EXPECT_EQ(r.exit_code, 1) << out << ": " << r.err;
    EXPECT_EQ(r.err.rfind("vanban: " + out + ": ", 0), 0u) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
  Result r = RunCli("ocr " + in + "/a.png -o " + in + "/locked/out", AsOrdinaryUser());
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("Permission denied"), std::string::npos) << r.err;
}

TEST(CliTest, AnUnreadableFileSaysPermissionDenied) {
  if (!OrdinaryUserCanRunTheCli()) GTEST_SKIP() << "an ordinary user cannot reach " << VANBAN_CLI;
  const std::string in = ScratchDir("cli_eacces_in");
  const std::string out = ScratchDir("cli_eacces_out");
  ASSERT_TRUE(vanban::testing::WriteSmallPage(in + "/secret.png", "KHAN 2024"));
  fs::permissions(in + "/secret.png", fs::perms::owner_write);
  fs::permissions(out, fs::perms::all);
  Result r = RunCli("ocr " + in + "/secret.png -o " + out + " --progress none", AsOrdinaryUser());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("vanban: " + in + "/secret.png: permission denied"), std::string::npos) << r.err;
}

// One page over --max-megapixels: the document is written with that page empty and flagged,
// the page is one line of the error list, and the run exits 2.
TEST(CliTest, APageOverTheLimitIsLeftEmptyAndFlagged) {
  const std::string in = ScratchDir("cli_page_limit_in");
  const std::string out = ScratchDir("cli_page_limit_out");
  cv::Mat wide(1000, 2000, CV_8UC1, cv::Scalar(255));
  WriteFile(in + "/two.pdf", vanban::testing::ScannedPdf({vanban::testing::SmallPage("QUYET DINH 47"), wide}));
  Result r = RunCli("ocr " + in + "/two.pdf -o " + out + " --no-restore --progress none --max-megapixels 1 "
                    "--format txt,json,pdf");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("vanban: " + in + "/two.pdf: page 2: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("pixels exceeds the limit of 1 megapixels (--max-megapixels)"), std::string::npos) << r.err;
  EXPECT_NE(ReadFile(out + "/two.txt").find("47"), std::string::npos);
  const std::string json = ReadFile(out + "/two.json");
  EXPECT_TRUE(PageFailedInReview(json, 2)) << json;
  EXPECT_NE(json.find("\"error\": \"2000x1000 pixels exceeds"), std::string::npos) << json;
  EXPECT_EQ(json.find("\"error\"", json.find("\"error\"") + 1), std::string::npos) << json;  // page 1 read
  EXPECT_TRUE(fs::exists(out + "/two.pdf"));
  const std::string errors = ReadFile(out + "/vanban-errors.jsonl");
  EXPECT_EQ(std::count(errors.begin(), errors.end(), '\n'), 1) << errors;
  EXPECT_NE(errors.find("\"page\":2"), std::string::npos) << errors;
}

// `vanban export`: the documents `vanban extract` (or ocr) wrote, as archive tables; a broken
// JSON is one line and exit 2, the other documents still get their rows.
TEST(CliTest, ExportTabulatesEveryDocumentAndReportsABrokenJson) {
  const std::string dir = ScratchDir("cli_export");
  const std::string seed = SourcePath("samples/kiengiang-2577-UBND-KGVX.gt.txt");
  Result extracted = RunCli("extract " + seed);
  ASSERT_EQ(extracted.exit_code, 0) << extracted.err;
  fs::create_directories(dir + "/out/a");
  fs::create_directories(dir + "/out/b");
  WriteFile(dir + "/out/a/kiengiang.json", extracted.out);
  WriteFile(dir + "/out/b/574_UB.json",
            R"({"source": "scans/b/574_UB.pdf", "pages": 1, "fields": {"issuer": "Ủy ban nhân dân tỉnh Quảng Ngãi",
                "subject": "về việc \"Khẩn\", số 12", "recipients": ["Sở Tài chính"]}, "review": [{"field": "number"}]})");
  WriteFile(dir + "/out/b/broken.json", R"({"source": "x.pdf", "fields": {)");
  WriteFile(dir + "/out/notes.json", "[1, 2]");

  Result r = RunCli("export " + dir + "/out --csv " + dir + "/records.csv --dublin-core " + dir + "/dc.csv");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(r.err, "vanban: " + dir + "/out/b/broken.json: truncated JSON (31 bytes)\n");
  const std::string records = ReadFile(dir + "/records.csv");
  EXPECT_EQ(records.rfind("Số,Ký hiệu,Số và ký hiệu,Ngày ban hành,", 0), 0u) << records;
  EXPECT_EQ(std::count(records.begin(), records.end(), '\n'), 3) << records;
  EXPECT_LT(records.find("2577,UBND-KGVX,2577/UBND-KGVX,2024-11-20,Công văn,"),
            records.find("\"về việc \"\"Khẩn\"\", số 12\""))
      << records;
  const std::string dc = ReadFile(dir + "/dc.csv");
  EXPECT_EQ(dc.rfind("filename,dc.title,dc.creator,dc.date,dc.type,dc.identifier,dc.description,dc.language,"
                     "dc.subject,dc.publisher\r\nobjects/a/kiengiang-2577-UBND-KGVX.gt.txt,",
                     0),
            0u)
      << dc;
  EXPECT_NE(dc.find("\r\nobjects/b/574_UB.pdf,"), std::string::npos) << dc;

  Result excel = RunCli("export " + dir + "/out/a --csv " + dir + "/excel.csv --excel --dublin-core " + dir + "/dc.csv");
  EXPECT_EQ(excel.exit_code, 0) << excel.err;
  EXPECT_EQ(ReadFile(dir + "/excel.csv").rfind("\xEF\xBB\xBFSố,", 0), 0u);
  EXPECT_EQ(ReadFile(dir + "/dc.csv").rfind("filename,", 0), 0u);
  EXPECT_EQ(RunCli("export " + dir + "/out").exit_code, 1);
  EXPECT_EQ(RunCli("export " + dir + "/nowhere --csv " + dir + "/x.csv").exit_code, 1);
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
