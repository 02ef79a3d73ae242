#include "vanban/serve.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <sstream>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/engine/shared_engine.h"
#include "tests/test_util.h"

namespace vanban {
namespace {

class ServeTest : public vanban::testing::SharedEngineTest<true, false> {
 protected:
  static nlohmann::json Ask(const std::string& line, const ServeOptions& options = {}) {
    const std::string response = ServeRequest(*engine_, line, options);
    EXPECT_EQ(response.find('\n'), std::string::npos);
    return nlohmann::json::parse(response);
  }

  // The responses of a whole serve session on `input`, one per line.
  static std::vector<nlohmann::json> Session(const std::string& input, const ServeOptions& options = {}) {
    std::istringstream in(input);
    std::ostringstream out;
    Serve(*engine_, in, out, options);
    std::vector<nlohmann::json> responses;
    std::istringstream lines(out.str());
    for (std::string line; std::getline(lines, line);) responses.push_back(nlohmann::json::parse(line));
    return responses;
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

TEST_F(ServeTest, AnswersWronglyTypedFieldsAndServesTheNextRequest) {
  const std::vector<nlohmann::json> responses = Session(
      "{\"id\": 1, \"op\": 1}\n"
      "{\"id\": 2, \"op\": [\"restore\"]}\n"
      "{\"id\": 3, \"op\": \"restore\", \"text\": \"x\", \"mode\": 1}\n"
      "{\"id\": 4, \"op\": \"restore\", \"text\": \"x\", \"tone_style\": null}\n"
      "{\"id\": 5, \"op\": \"restore\", \"text\": \"Chi thi so 28-CT/TW\", \"mode\": \"stripped\"}\n");
  ASSERT_EQ(responses.size(), 5u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(responses[i]["id"], i + 1);
    EXPECT_EQ(responses[i]["ok"], false);
  }
  EXPECT_EQ(responses[0]["error"], "'op' must be a string, not number");
  EXPECT_EQ(responses[1]["error"], "'op' must be a string, not array");
  EXPECT_EQ(responses[2]["error"], "'mode' must be a string, not number");
  EXPECT_EQ(responses[3]["error"], "'tone_style' must be a string, not null");
  EXPECT_EQ(responses[4]["ok"], true);
  EXPECT_EQ(responses[4]["text"], "Chỉ thị số 28-CT/TW");
}

TEST_F(ServeTest, ASyntaxErrorNamesItsByteOffset) {
  const nlohmann::json r = Ask(R"({"op": "restore", "text": x})");
  EXPECT_EQ(r["ok"], false);
  EXPECT_EQ(r["id"], nullptr);
  EXPECT_EQ(r["error"].get<std::string>().rfind("invalid JSON at byte 27: ", 0), 0u) << r["error"];
  EXPECT_EQ(Ask("[1, 2]")["error"], "the request is a JSON array, not an object");
}

TEST_F(ServeTest, RefusesARequestNestedTooDeep) {
  const std::string deep = "{\"id\": " + std::string(100000, '[') + std::string(100000, ']') + ", \"op\": \"frob\"}";
  const nlohmann::json r = Ask(deep);
  EXPECT_EQ(r["ok"], false);
  EXPECT_EQ(r["error"], "the request nests deeper than 64 levels");
}

TEST_F(ServeTest, AnswersAnOversizeLineWithAnErrorAndGoesOn) {
  ServeOptions options;
  options.max_request_bytes = 100;
  const std::string oversize = R"({"id": 1, "op": "restore", "text": ")" + std::string(1000, 'a') + "\"}";
  const std::vector<nlohmann::json> responses =
      Session(oversize + "\n\n" + R"({"id": 2, "op": "restore", "text": "Chi thi", "mode": "stripped"})" + "\n", options);
  ASSERT_EQ(responses.size(), 2u);
  EXPECT_EQ(responses[0]["ok"], false);
  EXPECT_EQ(responses[0]["error"], "the request is longer than the limit of 100 bytes (--max-request-bytes)");
  EXPECT_EQ(responses[1]["id"], 2);
  EXPECT_EQ(responses[1]["text"], "Chỉ thị");
}

TEST_F(ServeTest, ALastLineWithoutNewlineIsAnswered) {
  const std::vector<nlohmann::json> responses = Session(R"({"id": 7, "op": "frob"})");
  ASSERT_EQ(responses.size(), 1u);
  EXPECT_EQ(responses[0]["id"], 7);
}

TEST_F(ServeTest, TheRootConfinesOcrPathsSymlinksIncluded) {
  namespace fs = std::filesystem;
  const fs::path scratch = testing::ScratchDir("serve_root");
  const fs::path root = scratch / "root";
  fs::create_directories(root / "in");
  testing::WriteFile((root / "in" / "page.png").string(), "not a png");
  testing::WriteFile((scratch / "secret.png").string(), "not a png either");
  fs::create_symlink(scratch / "secret.png", root / "in" / "link.png");
  fs::create_symlink(scratch, root / "up");
  ServeOptions options;
  options.root = root.string();
  auto ocr = [&](const std::string& path) {
    return Ask(nlohmann::json{{"op", "ocr"}, {"path", path}}.dump(), options)["error"].get<std::string>();
  };
  const std::string refused = ": no such file under the serve root";
  EXPECT_EQ(ocr("in/link.png"), "in/link.png" + refused);
  EXPECT_EQ(ocr("up/secret.png"), "up/secret.png" + refused);
  EXPECT_EQ(ocr("../secret.png"), "../secret.png" + refused);
  EXPECT_EQ(ocr("in/../../secret.png"), "in/../../secret.png" + refused);
  EXPECT_EQ(ocr((scratch / "secret.png").string()), (scratch / "secret.png").string() + refused);
  EXPECT_EQ(ocr("/etc/passwd"), "/etc/passwd" + refused);
  EXPECT_EQ(ocr("in/missing.png"), "in/missing.png" + refused);
  // Inside the root the file is read (and found not to be an image).
  for (const std::string& inside : {std::string("in/page.png"), std::string("in/../in/page.png"), (root / "in/page.png").string()}) {
    const std::string error = ocr(inside);
    EXPECT_EQ(error.find("serve root"), std::string::npos) << error;
    EXPECT_EQ(error.rfind(inside + ": ", 0), 0u) << error;
  }
  // Without a root, the file outside is read like any other.
  EXPECT_EQ(Ask(nlohmann::json{{"op", "ocr"}, {"path", (scratch / "secret.png").string()}}.dump())["error"]
                .get<std::string>()
                .find("serve root"),
            std::string::npos);
}

// A folder of the root swapped for a link out of it while requests are answered: a check on
// the name followed by an open of the same name would read the file outside between the two
// (the outside file is empty, the inside one is not an image, so each answer tells which was
// read). Timing-dependent by nature; each of the thousands of requests is a chance to escape.
TEST_F(ServeTest, AFolderSwappedForALinkOutOfTheRootIsNeverFollowed) {
  namespace fs = std::filesystem;
  const fs::path scratch = testing::ScratchDir("serve_root_swap");
  const fs::path root = scratch / "root";
  fs::create_directories(root / "in");
  fs::create_directories(scratch / "outside");
  testing::WriteFile((root / "in" / "page.png").string(), "not a png");
  testing::WriteFile((scratch / "outside" / "page.png").string(), "");
  ServeOptions options;
  options.root = root.string();
  std::atomic<bool> done{false};
  std::thread swapper([&] {
    std::error_code ec;
    while (!done) {
      fs::rename(root / "in", root / "kept", ec);
      fs::create_directory_symlink(scratch / "outside", root / "in", ec);
      fs::remove(root / "in", ec);
      fs::rename(root / "kept", root / "in", ec);
    }
  });
  int read_inside = 0, read_outside = 0;
  const std::string request = R"({"op": "ocr", "path": "in/page.png"})";
  for (int i = 0; i < 20000; ++i) {
    const std::string error = Ask(request, options)["error"].get<std::string>();
    read_inside += error.find("not an image") != std::string::npos;
    read_outside += error.find("empty file") != std::string::npos;
  }
  done = true;
  swapper.join();
  EXPECT_EQ(read_outside, 0);
  EXPECT_GT(read_inside, 0);  // the file inside stayed readable between swaps
}

}  // namespace
}  // namespace vanban
