// The C ABI of SPEC.md, including one engine shared by several threads.
#include "vanban/vanban.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
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
