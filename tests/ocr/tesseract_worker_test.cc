#include "pipeline/ocr/tesseract_worker.h"

#include <gtest/gtest.h>

#include "pipeline/image/page_source.h"
#include "pipeline/image/preprocess.h"
#include "pipeline/ocr/worker_pool.h"
#include "tests/test_util.h"

namespace vanban::ocr {
namespace {

using vanban::testing::SourcePath;

image::PageImage CleanSeedPage() {
  auto source = image::PageSource::Open(SourcePath("samples/scans/kiengiang-2577-clean.tif"), {});
  EXPECT_TRUE(source.ok());
  auto page = (*source)->LoadPage(0);
  EXPECT_TRUE(page.ok());
  return image::Preprocess(page.value());
}

TEST(TesseractWorkerTest, ReadsWordsWithBoxesAndConfidences) {
  SetSingleThreadedOcr();
  auto worker = TesseractWorker::Create("", "vie");
  ASSERT_TRUE(worker.ok()) << worker.status().message();
  const image::PageImage clean = CleanSeedPage();
  auto page = (*worker)->Recognize(clean.pixels, clean.dpi, 1);
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->width, clean.pixels.cols);
  ASSERT_FALSE(page->blocks.empty());
  const OcrWord& first = page->blocks[0].lines[0].words[0];
  EXPECT_EQ(first.text, first.ocr_text);
  EXPECT_GT(first.box.width, 0);
  EXPECT_LT(first.box.y, clean.pixels.rows / 4);
  EXPECT_GT(page->mean_word_confidence, 80);
  EXPECT_NE(page->Text().find("Kiên Giang, ngày 20 tháng 11 năm 2024"), std::string::npos) << page->Text();
}

TEST(TesseractWorkerTest, ABlankPageGivesNoWords) {
  auto worker = TesseractWorker::Create("", "vie");
  ASSERT_TRUE(worker.ok());
  cv::Mat blank(1000, 800, CV_8UC1, cv::Scalar(255));
  auto page = (*worker)->Recognize(blank, 300, 1);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->blocks.empty());
  EXPECT_EQ(page->mean_word_confidence, 0);
}

TEST(TesseractWorkerTest, MissingLanguageDataNamesTheDebianPackage) {
  auto worker = TesseractWorker::Create(vanban::testing::ScratchDir("no_tessdata"), "vie");
  ASSERT_FALSE(worker.ok());
  EXPECT_EQ(worker.status().code(), Status::Code::kMissingData);
  EXPECT_NE(worker.status().message().find("tesseract-ocr-vie"), std::string::npos);
}

TEST(WorkerPoolTest, ReusesReturnedWorkers) {
  WorkerPool pool("", "vie");
  ASSERT_TRUE(pool.Warm().ok());
  TesseractWorker* first = nullptr;
  {
    auto lease = pool.Acquire();
    ASSERT_TRUE(lease.ok());
    first = lease.value().operator->();
  }
  auto again = pool.Acquire();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value().operator->(), first);
}

}  // namespace
}  // namespace vanban::ocr
