// End to end (issue 19): generated pages of central bodies (samples/truth3, tools/make_issuer_docs.py)
// drawn by tools/make_page.py --document exactly as the evaluation draws them, read by the whole
// engine, and their printed fields compared with the fields.json written from the same spec.
// Each page has a red round seal over the signer's title and name, "Nơi nhận" in the left column
// beside the signer block, and a one- to three-level issuer.
#include <cstdlib>
#include <fstream>
#include <numeric>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/engine/shared_engine.h"
#include "tests/test_util.h"
#include "vanban/engine.h"

namespace vanban {
namespace {

using vanban::testing::ScratchDir;
using vanban::testing::SourcePath;

class IssuerPagesTest : public vanban::testing::SharedEngineTest<true, true>,
                        public ::testing::WithParamInterface<const char*> {
 protected:
  // Draws samples/truth3/<path>/spec.json with the seed make_issuer_docs.py renders it with.
  static StatusOr<Document> RenderAndRead(const std::string& path, nlohmann::json* truth) {
    const std::string folder = SourcePath("samples/truth3/" + path);
    std::ifstream fields(folder + "/fields.json");
    std::ifstream spec_file(folder + "/spec.json");
    if (!fields || !spec_file) return Status::MissingData("no spec or fields in " + folder);
    *truth = nlohmann::json::parse(fields);
    const nlohmann::json spec = nlohmann::json::parse(spec_file);
    const std::string doc = truth->at("doc").get<std::string>();
    const int seed = std::accumulate(doc.begin(), doc.end(), 0, [](int sum, char c) { return sum + c; });
    const std::string dir = ScratchDir("issuer_pages_" + doc);
    const std::string command = "/usr/bin/python3 " + SourcePath("tools/make_page.py") + " --document " + folder +
                                "/spec.json " + dir + "/" + doc + ".png --seed " + std::to_string(seed) +
                                " --degrade " + std::to_string(spec.at("degrade").get<int>());
    if (std::system(command.c_str()) != 0) return Status::Internal("make_page.py failed: " + command);
    return engine_->ProcessFile(dir + "/" + doc + ".png");
  }
};

std::optional<std::string> Value(const nlohmann::json& truth, const char* key) {
  if (truth.at(key).is_null()) return std::nullopt;
  return truth.at(key).get<std::string>();
}

TEST_P(IssuerPagesTest, PrintedFieldsAndNoiNhanOfTheGeneratedPage) {
  nlohmann::json truth;
  auto doc = RenderAndRead(GetParam(), &truth);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const Fields& f = doc->fields;
  EXPECT_EQ(f.issuer, Value(truth, "issuer"));
  EXPECT_EQ(f.number, Value(truth, "number"));
  EXPECT_EQ(f.doc_type, Value(truth, "doc_type"));
  EXPECT_EQ(f.place, Value(truth, "place"));
  EXPECT_EQ(f.date, Value(truth, "date"));
  EXPECT_EQ(f.subject, Value(truth, "subject"));
  // Under the seal.
  EXPECT_EQ(f.signer_authority, Value(truth, "signer_authority"));
  EXPECT_EQ(f.signer_title, Value(truth, "signer_title"));
  EXPECT_EQ(f.signer_name, Value(truth, "signer_name"));
  // The left column, read apart from the signer block beside it.
  EXPECT_EQ(f.cc, truth.at("cc").get<std::vector<std::string>>());
}

// The tuning pages of the Government (TM. CHÍNH PHỦ / THỦ TƯỚNG), a ministry's circular (KT. BỘ
// TRƯỞNG / THỨ TRƯỞNG THƯỜNG TRỰC), the State Bank, the Supreme Procuracy, a Party directive
// (Số 97-CT/TW, "CỦA BAN BÍ THƯ", T/M BAN BÍ THƯ) and a university's decision whose signer's
// title and name are rubber-stamped in red over the seal (KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG).
INSTANTIATE_TEST_SUITE_P(Tune, IssuerPagesTest,
                         ::testing::Values("tune/central/central0a", "tune/ministry/ministry0b", "tune/bank/bank0a",
                                           "tune/justice/justice0a", "tune/party/party0b",
                                           "tune/university/university0a"));

}  // namespace
}  // namespace vanban
