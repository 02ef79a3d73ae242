// The C ABI of SPEC.md, including one engine shared by several threads.
#include "vanban/vanban.h"
#include "vanban/version.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

class CApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char* err = nullptr;
    engine_ = vanban_open(VANBAN_SOURCE_DIR, &err);
    ASSERT_NE(engine_, nullptr) << (err ? err : "");
  }
  static void TearDownTestSuite() { vanban_close(engine_); }
  static vanban_engine* engine_;
};
vanban_engine* CApiTest::engine_ = nullptr;

std::string Take(char* s) {
  std::string out = s ? s : "";
  vanban_free(s);
  return out;
}

TEST_F(CApiTest, RestoresStrippedText) {
  char* err = nullptr;
  EXPECT_EQ(Take(vanban_restore(engine_, "Chi thi so 28-CT/TW cua Bo Chinh tri", "stripped", &err)),
            "Chỉ thị số 28-CT/TW của Bộ Chính trị");
  EXPECT_EQ(err, nullptr);
}

TEST_F(CApiTest, ReportsErrorsAsNullAndAMessage) {
  char* err = nullptr;
  EXPECT_EQ(vanban_restore(engine_, "x", "fancy", &err), nullptr);
  ASSERT_NE(err, nullptr);
  EXPECT_NE(Take(err).find("mode"), std::string::npos);
  err = nullptr;
  EXPECT_EQ(vanban_process_file(engine_, "/nonexistent.pdf", &err), nullptr);
  EXPECT_NE(Take(err).find("/nonexistent.pdf"), std::string::npos);
  EXPECT_EQ(vanban_open("/nonexistent-data-dir", nullptr), nullptr);  // err may be NULL
}

// Whatever the caller passes, every call returns (a value or NULL + message) and nothing is
// thrown across the C boundary.
TEST_F(CApiTest, BadInputNeverThrows) {
  const std::string invalid_utf8 = "S\xe1\xbb: 12/\xff\xfe\xc3 ng\xe0y \xf0\x9f";
  const std::string long_line(1 << 20, 'x');
  for (const std::string& text : {std::string(), invalid_utf8, long_line, std::string("\f\f\n\t")}) {
    char* err = nullptr;
    char* restored = nullptr;
    EXPECT_NO_THROW(restored = vanban_restore(engine_, text.c_str(), "auto", &err));
    EXPECT_TRUE(restored != nullptr || err != nullptr);
    Take(restored);
    Take(err);
    err = nullptr;
    char* extracted = nullptr;
    EXPECT_NO_THROW(extracted = vanban_extract(engine_, text.c_str(), &err));
    ASSERT_NE(extracted, nullptr) << (err ? err : "");
    EXPECT_NO_THROW(nlohmann::json::parse(Take(extracted)));
  }
  char* err = nullptr;
  EXPECT_EQ(vanban_restore(nullptr, "x", "auto", &err), nullptr);
  EXPECT_NE(Take(err), "");
  err = nullptr;
  EXPECT_EQ(vanban_extract(engine_, nullptr, &err), nullptr);
  EXPECT_NE(Take(err), "");
  for (const char* path : {"", "/", VANBAN_SOURCE_DIR "/README.md", "/dev/null"}) {
    err = nullptr;
    char* document = nullptr;
    EXPECT_NO_THROW(document = vanban_process_file(engine_, path, &err));
    EXPECT_EQ(document, nullptr) << path;
    EXPECT_NE(Take(err), "") << path;
  }
}

TEST_F(CApiTest, ExtractReturnsTheDocumentJson) {
  const std::string json = Take(vanban_extract(engine_, "Số: 299/UBND-TTHC\nQuảng Ngãi, ngày 15 tháng 01 năm 2025\n", nullptr));
  const nlohmann::json doc = nlohmann::json::parse(json);
  EXPECT_EQ(doc["fields"]["number"], "299/UBND-TTHC");
  EXPECT_EQ(doc["fields"]["date"], "2025-01-15");
}

TEST_F(CApiTest, OneEngineServesManyThreadsWithTheSameAnswers) {
  const char* inputs[] = {"Chi thi so 28-CT/TW cua Bo Chinh tri", "Uy ban nhan dan tinh Quang Ngai",
                          "Kinh gui: So Tu phap", "Noi nhan: Nhu tren; Luu: VT"};
  std::vector<std::string> expected;
  for (const char* in : inputs) expected.push_back(Take(vanban_restore(engine_, in, "auto", nullptr)));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        const int k = (t + i) % 4;
        if (Take(vanban_restore(engine_, inputs[k], "auto", nullptr)) != expected[k]) ++mismatches[t];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

}  // namespace

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

struct Progress {
  std::vector<std::pair<int, int>> calls;
  int stop_after = -1;  // pages after which to return 0; -1: never
};

int RecordProgress(void* user_data, int done, int pages) {
  auto* progress = static_cast<Progress*>(user_data);
  progress->calls.emplace_back(done, pages);
  return progress->stop_after < 0 || done < progress->stop_after;
}

TEST_F(CApiTest, VersionIsTheLibrarys) { EXPECT_STREQ(vanban_version(), VANBAN_VERSION_STRING); }

// One page of a PDF held in memory, with progress, rendered as ALTO and as a one-page PDF.
TEST_F(CApiTest, RecognisesABufferAndRendersItsPages) {
  const std::string pdf = ReadFile(std::string(VANBAN_SOURCE_DIR) + "/samples/scans/kiengiang-2577-scan.pdf");
  ASSERT_FALSE(pdf.empty());
  Progress progress;
  vanban_document* doc = nullptr;
  char* err = nullptr;
  ASSERT_EQ(vanban_ocr_buffer(engine_, pdf.data(), pdf.size(), R"({"last_page": 1, "name": "upload.pdf"})",
                              RecordProgress, &progress, &doc, &err),
            VANBAN_OK)
      << Take(err);
  EXPECT_EQ(progress.calls, (std::vector<std::pair<int, int>>{{1, 1}}));
  char* out = nullptr;
  size_t size = 0;
  ASSERT_EQ(vanban_render(engine_, doc, "json", &out, &size, &err), VANBAN_OK) << Take(err);
  const nlohmann::json json = nlohmann::json::parse(std::string(out, size));
  vanban_free(out);
  EXPECT_EQ(json["source"], "upload.pdf");
  EXPECT_EQ(json["fields"]["number"], "2577/UBND-KGVX");
  ASSERT_EQ(vanban_render(engine_, doc, "alto", &out, &size, &err), VANBAN_OK) << Take(err);
  EXPECT_NE(std::string(out, size).find("<alto"), std::string::npos);
  EXPECT_EQ(out[size], '\0');
  vanban_free(out);
  ASSERT_EQ(vanban_render(engine_, doc, "pdf", &out, &size, &err), VANBAN_OK) << Take(err);
  EXPECT_EQ(std::string(out, 5), "%PDF-");
  vanban_free(out);
  EXPECT_EQ(vanban_render(engine_, doc, "docx", &out, &size, &err), VANBAN_INVALID_ARGUMENT);
  EXPECT_EQ(out, nullptr);
  EXPECT_NE(Take(err).find("docx"), std::string::npos);
  vanban_document_free(doc);
}

TEST_F(CApiTest, ProgressReturningZeroCancels) {
  Progress progress;
  progress.stop_after = 1;
  vanban_document* doc = nullptr;
  char* err = nullptr;
  const std::string path = std::string(VANBAN_SOURCE_DIR) + "/samples/scans/kiengiang-2577-scan.pdf";
  EXPECT_EQ(vanban_ocr_file(engine_, path.c_str(), nullptr, RecordProgress, &progress, &doc, &err), VANBAN_CANCELLED);
  EXPECT_EQ(doc, nullptr);
  EXPECT_FALSE(Take(err).empty());
  EXPECT_EQ(progress.calls.front(), std::make_pair(1, 2));
}

// A document scanned a file a page: the later files' pages follow, in the JSON and the PDF.
TEST_F(CApiTest, LaterPagesComeFromTheFilesNamed) {
  const std::string scans = std::string(VANBAN_SOURCE_DIR) + "/samples/scans/";
  const std::string first = scans + "kiengiang-2577-clean.tif", later = scans + "kiengiang-2577-scan.pdf";
  const std::string options = R"({"restore": false, "later_pages": [")" + later + R"("]})";
  vanban_document* doc = nullptr;
  char* err = nullptr;
  ASSERT_EQ(vanban_ocr_file(engine_, first.c_str(), options.c_str(), nullptr, nullptr, &doc, &err), VANBAN_OK) << Take(err);
  char* out = nullptr;
  size_t size = 0;
  ASSERT_EQ(vanban_render(engine_, doc, "json", &out, &size, &err), VANBAN_OK) << Take(err);
  const nlohmann::json json = nlohmann::json::parse(std::string(out, size));
  vanban_free(out);
  EXPECT_EQ(json["pages"], 4);  // two of the TIFF, two of the PDF
  EXPECT_EQ(json["source_files"], nlohmann::json::array({first, later}));
  ASSERT_EQ(vanban_render(engine_, doc, "pdf", &out, &size, &err), VANBAN_OK) << Take(err);
  EXPECT_NE(std::string(out, size).find("/Count 4"), std::string::npos);
  vanban_free(out);
  vanban_document_free(doc);
  // Later pages follow a file; a buffer has no place among files.
  EXPECT_EQ(vanban_ocr_buffer(engine_, "x", 1, options.c_str(), nullptr, nullptr, &doc, &err), VANBAN_INVALID_ARGUMENT);
  EXPECT_NE(Take(err).find("later_pages"), std::string::npos);
  EXPECT_EQ(vanban_ocr_file(engine_, first.c_str(), R"({"later_pages": "x.tif"})", nullptr, nullptr, &doc, &err),
            VANBAN_INVALID_ARGUMENT);
  EXPECT_NE(Take(err).find("list of file paths"), std::string::npos);
}

// Options of the wrong type, unknown keys and inputs that are not scans come back as codes.
TEST_F(CApiTest, OcrFailuresAreCodesWithMessages) {
  const std::string tif = std::string(VANBAN_SOURCE_DIR) + "/samples/scans/kiengiang-2577-clean.tif";
  const struct {
    const char* path;
    const char* options;
    int code;
    const char* says;
  } cases[] = {
      {"/nonexistent/scan.pdf", nullptr, VANBAN_NOT_FOUND, "/nonexistent/scan.pdf"},
      {tif.c_str(), "[1, 2]", VANBAN_INVALID_ARGUMENT, "JSON object"},
      {tif.c_str(), "{\"dpi\": \"300\"}", VANBAN_INVALID_ARGUMENT, "dpi"},
      {tif.c_str(), "{\"pages\": 3}", VANBAN_INVALID_ARGUMENT, "pages"},
      {tif.c_str(), "{\"first_page\": 4}", VANBAN_INVALID_ARGUMENT, "2 page"},
      {tif.c_str(), "{\"restore\": 1}", VANBAN_INVALID_ARGUMENT, "restore"},
      {tif.c_str(), "{\"max_megapixels\": -1}", VANBAN_INVALID_ARGUMENT, "max_megapixels"},
      {tif.c_str(), "{\"dpi\": 10}", VANBAN_INVALID_ARGUMENT, "dpi"},
  };
  for (const auto& c : cases) {
    vanban_document* doc = nullptr;
    char* err = nullptr;
    EXPECT_EQ(vanban_ocr_file(engine_, c.path, c.options, nullptr, nullptr, &doc, &err), c.code) << c.options;
    EXPECT_EQ(doc, nullptr);
    const std::string message = Take(err);
    EXPECT_NE(message.find(c.says), std::string::npos) << message;
  }
  vanban_document* doc = nullptr;
  char* err = nullptr;
  const std::string not_a_scan = "plain text, no image";
  EXPECT_EQ(vanban_ocr_buffer(engine_, not_a_scan.data(), not_a_scan.size(), nullptr, nullptr, nullptr, &doc, &err),
            VANBAN_CORRUPT_INPUT);
  Take(err);
  EXPECT_EQ(vanban_ocr_file(nullptr, tif.c_str(), nullptr, nullptr, nullptr, &doc, &err), VANBAN_INVALID_ARGUMENT);
  Take(err);
}
