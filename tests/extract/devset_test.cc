// Accuracy of the extractor over the hand-checked devset (skipped without ../shared): per-field
// exact match of printed fields on the page-1 transcriptions, F1 of the lists; when
// tools/extract_ocr_scans.sh has OCR'd the scans into build-*/ocr, on whole OCR'd documents; and
// when `VANBAN_OUT=build-*/vanban-devset HOCR=1 tools/extract_eval.sh build-*` has run vanban's
// own pipeline over them, on its restored word boxes.
#include <filesystem>
#include <iostream>

#include <gtest/gtest.h>

#include "tests/extract/devset_eval.h"

namespace vanban::extract::eval {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<Extractor> LoadOrDie() {
  auto loaded = Extractor::Load(VANBAN_SOURCE_DIR);
  EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
  return loaded.ok() ? std::move(loaded).value() : nullptr;
}

std::string Devset() { return std::string(VANBAN_SHARED_DIR) + "/samples/devset"; }

TEST(Devset, Page1Transcriptions) {
  if (!fs::exists(Devset())) GTEST_SKIP() << "no ../shared devset";
  auto extractor = LoadOrDie();
  ASSERT_NE(extractor, nullptr);
  Report report = Evaluate(*extractor, Devset(), Input::kPage1Truth, "");
  std::cout << report.Table();
  for (const std::string& line : report.mismatches) std::cout << "  " << line << "\n";
  ASSERT_GT(report.documents, 0);
  EXPECT_GE(report.PrintedExactShare(), 0.9);
  EXPECT_GE(report.lists["recipients"].F1(), 0.9);
  // Handwritten fill-ins are never guessed from a misreading: a value given must be right.
  for (const char* field : {"number", "date"}) {
    const FieldScore& score = report.fields[field];
    EXPECT_EQ(score.handwritten_exact + score.handwritten_null, score.handwritten) << field;
  }
}

TEST(Devset, WholeDocumentsOcrText) {
  fs::path ocr = fs::path(VANBAN_BINARY_DIR) / "ocr";
  if (!fs::exists(Devset()) || !fs::exists(ocr)) GTEST_SKIP() << "run tools/extract_ocr_scans.sh " << ocr.string();
  auto extractor = LoadOrDie();
  ASSERT_NE(extractor, nullptr);
  for (Input input : {Input::kOcrText, Input::kOcrBoxes}) {
    Report report = Evaluate(*extractor, Devset(), input, ocr.string());
    std::cout << (input == Input::kOcrText ? "OCR text\n" : "OCR boxes\n") << report.Table();
    ASSERT_GT(report.documents, 0);
    // OCR loses signer lines under seals; the floor guards against regressions, not the goal.
    EXPECT_GE(report.PrintedExactShare(), 0.6);
    EXPECT_GE(report.lists["cc"].F1(), 0.85);
  }
}

TEST(Devset, VanbanEndToEndWordBoxes) {
  fs::path out = fs::path(VANBAN_BINARY_DIR) / "vanban-devset";
  if (!fs::exists(Devset()) || !fs::exists(out)) {
    GTEST_SKIP() << "run VANBAN_OUT=" << out.string() << " HOCR=1 tools/extract_eval.sh";
  }
  auto extractor = LoadOrDie();
  ASSERT_NE(extractor, nullptr);
  Report report = Evaluate(*extractor, Devset(), Input::kVanbanHocr, out.string());
  std::cout << report.Table();
  ASSERT_GT(report.documents, 0);
  EXPECT_GE(report.PrintedExactShare(), 0.9);
  EXPECT_GE(report.lists["cc"].F1(), 0.9);
  EXPECT_GE(report.lists["recipients"].F1(), 0.9);
  for (const char* field : {"number", "date"}) EXPECT_EQ(report.fields[field].handwritten_wrong, 0) << field;
}

}  // namespace
}  // namespace vanban::extract::eval
