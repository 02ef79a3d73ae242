#include "vanban/serve.h"

#include <gtest/gtest.h>

#include "tests/engine/shared_engine.h"

#include <nlohmann/json.hpp>

namespace vanban {
namespace {

class ServeTest : public vanban::testing::SharedEngineTest<true, false> {
 protected:
  static nlohmann::json Ask(const std::string& line) {
    const std::string response = ServeRequest(*engine_, line);
    EXPECT_EQ(response.find('\n'), std::string::npos);
    return nlohmann::json::parse(response);
  }
};

TEST_F(ServeTest, RestoresAndEchoesTheId) {
  auto r = Ask(R"({"id": "a7", "op": "restore", "text": "Chi thi so 28-CT/TW", "mode": "stripped"})");
  EXPECT_EQ(r["id"], "a7");
  EXPECT_EQ(r["ok"], true);
  EXPECT_EQ(r["text"], "Chỉ thị số 28-CT/TW");
}

TEST_F(ServeTest, ExtractsADocument) {
  auto r = Ask(R"({"id": 2, "op": "extract", "text": "Số: 299/UBND-TTHC\n"})");
  EXPECT_EQ(r["ok"], true);
  EXPECT_EQ(r["document"]["fields"]["number"], "299/UBND-TTHC");
}

TEST_F(ServeTest, AnswersBadRequestsWithAnError) {
  EXPECT_EQ(Ask("not json")["ok"], false);
  EXPECT_EQ(Ask(R"({"id": 3, "op": "frob"})")["error"], "unknown op 'frob' (restore, extract, ocr)");
  EXPECT_EQ(Ask(R"({"id": 4, "op": "restore", "text": 5})")["ok"], false);
  EXPECT_EQ(Ask(R"({"id": 5, "op": "restore", "text": "a", "mode": "x"})")["ok"], false);
  auto r = Ask(R"({"id": 6, "op": "ocr", "path": "/nonexistent.png"})");
  EXPECT_EQ(r["ok"], false);
  EXPECT_EQ(r["id"], 6);
}

}  // namespace
}  // namespace vanban
