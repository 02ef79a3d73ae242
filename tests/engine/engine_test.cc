// End-to-end tests of the public API on generated scans (samples/scans, made by
// tools/make_page.py from the seed's correct text) and, when present, a real scan.
#include "vanban/engine.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <opencv2/imgcodecs.hpp>

#include "tests/engine/shared_engine.h"

#include "tests/image/back_page.h"
#include "tests/test_util.h"

namespace vanban {
namespace {

using vanban::testing::ReadFile;
using vanban::testing::SourcePath;
using vanban::testing::SyllableRecall;

class EngineTest : public vanban::testing::SharedEngineTest<true, true> {
};

const char kSeedTruth[] = "samples/kiengiang-2577-UBND-KGVX.gt.txt";

TEST_F(EngineTest, RecognisesAClean300DpiPageOfTheSeed) {
  auto doc = engine_->ProcessFile(SourcePath("samples/scans/kiengiang-2577-clean.tif"));
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->pages.size(), 2u);
  EXPECT_NE(doc->text.find('\f'), std::string::npos);
  EXPECT_GT(doc->pages[0].mean_word_confidence, 80);
  EXPECT_GE(SyllableRecall(ReadFile(SourcePath(kSeedTruth)), doc->text), 0.95);
}

TEST_F(EngineTest, RecognisesADegradedColourPdfWithARedSeal) {
  auto doc = engine_->ProcessFile(SourcePath("samples/scans/kiengiang-2577-scan.pdf"));
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->pages.size(), 2u);
  EXPECT_GE(SyllableRecall(ReadFile(SourcePath(kSeedTruth)), doc->text), 0.93);
}

TEST_F(EngineTest, FailsADocumentWithAMessageInsteadOfThrowing) {
  auto doc = engine_->ProcessFile(SourcePath("samples/kiengiang-2577-UBND-KGVX.gt.txt"));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Status::Code::kCorruptInput);
}

TEST_F(EngineTest, ReadsARealScanOfTheArchive) {
  if (!vanban::testing::HaveShared()) GTEST_SKIP() << "../shared is absent";
  auto doc = engine_->ProcessFile(vanban::testing::SharedPath("samples/scans/2352_07_CT_UBND_.signed.pdf"));
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_NE(doc->text.find("Quảng Ngãi"), std::string::npos);
}

// A digitally signed dispatch reads as its text layer: each page holds exactly the words of its
// exact text (*.gt_layout.txt, what `pdftotext -layout` prints) but the signature stamp's 11 on
// page 1 (TRUNG TÂM CÔNG BÁO VÀ TIN HỌC, its e-mail, date, time and offset), which are kept out of
// the page text on purpose.
TEST_F(EngineTest, ABornDigitalDispatchReadsAsItsTextLayer) {
  if (!vanban::testing::HaveShared()) GTEST_SKIP() << "../shared is absent";
  const std::string base = vanban::testing::SharedPath("samples/born-digital/vht507.signed");
  auto doc = engine_->ProcessFile(base + ".pdf");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->pages.size(), 2u);
  for (size_t i = 0; i < doc->pages.size(); ++i) {
    const OcrPage& page = doc->pages[i];
    const std::string exact = ReadFile(base + ".p" + std::to_string(i + 1) + ".gt_layout.txt");
    EXPECT_TRUE(page.text_layer) << i;
    EXPECT_EQ(page.restored_tokens, 0) << i;
    EXPECT_EQ(vanban::testing::WordsNotIn(page.Text(), exact), std::vector<std::string>()) << i;
    EXPECT_EQ(vanban::testing::WordsNotIn(exact, page.Text()).size(), i == 0 ? 11u : 0u) << i;
  }
}

TEST_F(EngineTest, ABlankBackPageIsKeptEmptyAndNotRead) {
  const std::string path = vanban::testing::ScratchDir("engine_blank") + "/back.png";
  ASSERT_TRUE(cv::imwrite(path, vanban::testing::BackPage(7)));
  auto doc = engine_->ProcessFile(path);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->pages.size(), 1u);
  EXPECT_TRUE(doc->pages[0].blank);
  EXPECT_TRUE(doc->pages[0].blocks.empty());
  EXPECT_EQ(doc->text, "");
  EXPECT_EQ(doc->pages[0].width, 2480);  // not enlarged
}

// The archive's back pages hold only the show-through of the seal on the front.
TEST_F(EngineTest, TheBlankBackPageOfARealScanIsMarkedBlankAndItsFrontIsRead) {
  if (!vanban::testing::HaveShared()) GTEST_SKIP() << "../shared is absent";
  auto doc = engine_->ProcessFile(vanban::testing::SharedPath("samples/scans/90_QD_CT.signed.pdf"));
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ(doc->pages.size(), 2u);
  EXPECT_FALSE(doc->pages[0].blank);
  EXPECT_TRUE(doc->pages[1].blank);
  EXPECT_EQ(doc->pages[1].Text(), "");
  EXPECT_LE(doc->pages[1].width, 2480);
  EXPECT_NE(doc->text.find("QUYẾT ĐỊNH"), std::string::npos);
}

// Pages of one document recognised side by side come out exactly as one after the other.
TEST(EnginePageParallelTest, AMultiPageDocumentReadsTheSameWithOneOrTwoRecognisers) {
  std::vector<Document> docs;
  for (int threads : {1, 2}) {
    EngineOptions options;
    options.data_dir = VANBAN_SOURCE_DIR;
    options.ocr_threads = threads;
    auto engine = Engine::Open(options);
    ASSERT_TRUE(engine.ok()) << engine.status().message();
    auto doc = (*engine)->ProcessFile(SourcePath("samples/scans/kiengiang-2577-scan.pdf"));
    ASSERT_TRUE(doc.ok()) << doc.status().message();
    docs.push_back(std::move(doc).value());
  }
  ASSERT_EQ(docs[0].pages.size(), 2u);
  ASSERT_EQ(docs[1].pages.size(), 2u);
  EXPECT_EQ(docs[0].text, docs[1].text);
  EXPECT_EQ(docs[0].fields.number, docs[1].fields.number);
  for (size_t p = 0; p < 2; ++p) {
    const OcrPage &a = docs[0].pages[p], &b = docs[1].pages[p];
    EXPECT_EQ(a.number, b.number);
    EXPECT_EQ(a.mean_word_confidence, b.mean_word_confidence);
    EXPECT_EQ(a.stamps, b.stamps);
  }
}

// A page past the limit is left empty and flagged; a document none of whose pages could be read
// fails as a whole.
TEST(EnginePageTimeoutTest, APageOverTheTimeLimitIsLeftEmpty) {
  EngineOptions options;
  options.data_dir = VANBAN_SOURCE_DIR;
  options.restore = false;
  options.page_timeout_seconds = 1;  // a full 300 dpi page takes Tesseract several seconds
  auto engine = Engine::Open(options);
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  auto doc = (*engine)->ProcessFile(SourcePath("samples/scans/kiengiang-2577-clean.tif"));
  if (!doc.ok()) {
    EXPECT_NE(doc.status().message().find("OCR gave up after 1 s"), std::string::npos) << doc.status().message();
    return;
  }
  ASSERT_EQ(doc->pages.size(), 2u);
  EXPECT_EQ(doc->pages[0].error, "OCR gave up after 1 s");
  EXPECT_TRUE(doc->pages[0].blocks.empty());
  ASSERT_TRUE(doc->InReview("text"));
  EXPECT_EQ(doc->review.back().reason, review_reason::kPageFailed);
  EXPECT_EQ(doc->review.back().page, 1);
}

TEST(EngineOpenTest, ReportsMissingLanguageDataAsMissingData) {
  EngineOptions options;
  options.data_dir = VANBAN_SOURCE_DIR;
  options.tessdata_dir = vanban::testing::ScratchDir("empty_tessdata");
  auto opened = Engine::Open(options);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), Status::Code::kMissingData);
  EXPECT_NE(opened.status().message().find("tesseract-ocr-vie"), std::string::npos);
}

}  // namespace
}  // namespace vanban
