#include "pipeline/ocr/tesseract_worker.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <chrono>
#include <thread>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "pipeline/image/page_source.h"
#include "pipeline/image/preprocess.h"
#include "pipeline/ocr/worker_pool.h"
#include "pipeline/text/unicode.h"
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

TEST(TesseractWorkerTest, TurnsASidewaysPageUpright) {
  auto worker = TesseractWorker::Create("", "vie");
  ASSERT_TRUE(worker.ok());
  const image::PageImage clean = CleanSeedPage();
  cv::Mat sideways;
  cv::rotate(clean.pixels, sideways, cv::ROTATE_90_COUNTERCLOCKWISE);
  auto page = (*worker)->RecognizePage(sideways, clean.dpi, 1, RecognizeOptions{});
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->rotation, 90);
  EXPECT_EQ(page->page.width, clean.pixels.cols);
  EXPECT_NE(page->page.Text().find("Kiên Giang, ngày 20 tháng 11 năm 2024"), std::string::npos) << page->page.Text();
}

TEST(TesseractWorkerTest, DetectsEachQuarterTurn) {
  auto worker = TesseractWorker::Create("", "vie");
  ASSERT_TRUE(worker.ok());
  const image::PageImage clean = CleanSeedPage();
  EXPECT_EQ((*worker)->DetectRotation(clean.pixels, clean.dpi), 0);
  const std::pair<cv::RotateFlags, int> turns[] = {{cv::ROTATE_90_COUNTERCLOCKWISE, 90},
                                                   {cv::ROTATE_180, 180},
                                                   {cv::ROTATE_90_CLOCKWISE, 270}};
  for (const auto& [flag, expected] : turns) {
    cv::Mat turned;
    cv::rotate(clean.pixels, turned, flag);
    EXPECT_EQ((*worker)->DetectRotation(turned, clean.dpi), expected);
  }
}

TEST(TesseractWorkerTest, KeepsAlternativeReadingsOfWords) {
  auto worker = TesseractWorker::Create("", "vie");
  ASSERT_TRUE(worker.ok());
  const image::PageImage clean = CleanSeedPage();
  auto page = (*worker)->Recognize(clean.pixels, clean.dpi, 1);
  ASSERT_TRUE(page.ok());
  int with_alternatives = 0;
  for (const OcrBlock& block : page->blocks) {
    for (const OcrLine& line : block.lines) {
      for (const OcrWord& word : line.words) {
        EXPECT_LE(word.alternatives.size(), 3u);
        for (const auto& [text, confidence] : word.alternatives) {
          EXPECT_NE(text, word.text);
          EXPECT_GE(confidence, 0);
        }
        with_alternatives += !word.alternatives.empty();
      }
    }
  }
  EXPECT_GT(with_alternatives, 0);
}

TEST(TesseractWorkerTest, ReadsAOneLineStripAndThenAFullPage) {
  auto worker = TesseractWorker::Create("", "vie");
  ASSERT_TRUE(worker.ok());
  cv::Mat strip(300, 1400, CV_8UC1, cv::Scalar(255));
  cv::putText(strip, "KE HOACH 2007", {40, 170}, cv::FONT_HERSHEY_SIMPLEX, 2.0, cv::Scalar(0), 4);
  auto line = (*worker)->Recognize(strip, 300, 1);
  ASSERT_TRUE(line.ok());
  EXPECT_NE(line->Text().find("2007"), std::string::npos) << line->Text();
  const image::PageImage clean = CleanSeedPage();
  auto page = (*worker)->Recognize(clean.pixels, clean.dpi, 2);
  ASSERT_TRUE(page.ok());
  EXPECT_NE(page->Text().find("Kiên Giang, ngày 20 tháng 11 năm 2024"), std::string::npos) << page->Text();
}

// A stop asked for while a page is recognised ends the recognition at its next word instead of
// at the end of the page (the seed page takes Tesseract seconds); the worker then reads a page
// whole, as if nothing had happened.
TEST(TesseractWorkerTest, AStopEndsTheRecognitionInFlight) {
  auto worker = TesseractWorker::Create("", "vie");
  ASSERT_TRUE(worker.ok());
  const image::PageImage clean = CleanSeedPage();
  std::atomic<bool> stop{false};
  RecognizeOptions options;
  options.cancel = &stop;
  const auto timed = [&] {
    const auto start = std::chrono::steady_clock::now();
    StatusOr<RecognizedPage> page = (*worker)->RecognizePage(clean.pixels, clean.dpi, 1, options);
    return std::make_pair(std::move(page), std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  };
  std::thread stopper([&stop] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop = true;
  });
  const auto [stopped, stopped_seconds] = timed();
  stopper.join();
  ASSERT_FALSE(stopped.ok());
  EXPECT_EQ(stopped.status().code(), Status::Code::kCancelled) << stopped.status().message();

  stop = false;
  const auto [whole, whole_seconds] = timed();
  ASSERT_TRUE(whole.ok()) << whole.status().message();
  EXPECT_NE(whole->page.Text().find("Kiên Giang, ngày 20 tháng 11 năm 2024"), std::string::npos) << whole->page.Text();
  EXPECT_LT(stopped_seconds, whole_seconds / 2) << "stopped after " << stopped_seconds << " s, a page takes " << whole_seconds;
}

// A number written into a blank in a hand unlike the print: Tesseract, reading it among printed
// letters, makes a symbol of a digit ("†5", "O5"); read again alone with only digits allowed, it
// comes out right.
TEST(TesseractWorkerTest, ReadsAnUnsureShortWordAgainAsDigits) {
  auto worker = TesseractWorker::Create("", "vie");
  ASSERT_TRUE(worker.ok());
  for (const std::string number : {"15", "05"}) {
    cv::Mat strip(300, 1600, CV_8UC1, cv::Scalar(255));
    cv::putText(strip, "So:", {40, 170}, cv::FONT_HERSHEY_SIMPLEX, 2.0, cv::Scalar(0), 4);
    cv::putText(strip, number, {260, 180}, cv::FONT_HERSHEY_SCRIPT_SIMPLEX, 3.0, cv::Scalar(0), 6);
    cv::putText(strip, "/QD-UBND", {480, 170}, cv::FONT_HERSHEY_SIMPLEX, 2.0, cv::Scalar(0), 4);
    auto page = (*worker)->Recognize(strip, 300, 1);
    ASSERT_TRUE(page.ok());
    std::vector<OcrWord> words;
    for (const OcrBlock& block : page->blocks) {
      for (const OcrLine& line : block.lines) words.insert(words.end(), line.words.begin(), line.words.end());
    }
    ASSERT_EQ(words.size(), 3u) << page->Text();
    EXPECT_NE(words[1].ocr_text, number);
    EXPECT_EQ(words[1].digits, number) << words[1].ocr_text;
    // Long words are not a filled-in number.
    EXPECT_EQ(words[2].digits, "");
  }
}

// Red ink vanishes from the page OCR reads; the red stamp is read apart, from its red ink.
TEST(TesseractWorkerTest, ReadsARedStampThatTheDropoutRemoved) {
  auto worker = TesseractWorker::Create("", "vie");
  ASSERT_TRUE(worker.ok());
  cv::Mat colour;
  cv::cvtColor(CleanSeedPage().pixels, colour, cv::COLOR_GRAY2BGR);
  const image::PageImage plain = image::Preprocess(image::PageImage{colour, 300});
  EXPECT_TRUE((*worker)->ReadRedStamps(plain.pixels, plain.with_colour_ink, plain.dpi).empty());

  cv::Mat ink(colour.size(), CV_8UC3, cv::Scalar(255, 255, 255));
  cv::rectangle(ink, cv::Rect(1500, 700, 330, 95), cv::Scalar(45, 40, 225), 5);
  cv::putText(ink, "KHAN", cv::Point(1555, 770), cv::FONT_HERSHEY_DUPLEX, 1.8, cv::Scalar(45, 40, 225), 4, cv::LINE_AA);
  cv::multiply(colour, ink, colour, 1.0 / 255);
  const image::PageImage clean = image::Preprocess(image::PageImage{colour, 300});
  RecognizeOptions options;
  options.stamp_pixels = clean.with_colour_ink;
  auto page = (*worker)->RecognizePage(clean.pixels, clean.dpi, 1, options);
  ASSERT_TRUE(page.ok()) << page.status().message();
  ASSERT_EQ(page->page.red_stamps.size(), 1u);
  EXPECT_EQ(text::StripDiacritics(page->page.red_stamps[0].text), "KHAN") << page->page.red_stamps[0].text;
  EXPECT_EQ(text::StripDiacritics(page->page.Text()).find("KHAN"), std::string::npos);
}

// What colour dropout leaves of a red seal on a real scan: pale grey rings, ring lettering and
// emblem, which touch the title printed over the seal.
void DrawSealResidue(cv::Mat* grey, cv::Point centre) {
  const cv::Scalar residue(170);
  cv::circle(*grey, centre, 230, residue, 8, cv::LINE_AA);
  cv::circle(*grey, centre, 150, residue, 5, cv::LINE_AA);
  const std::string rim = "UY BAN NHAN DAN TINH KIEN GIANG * UY BAN NHAN DAN TINH KIEN GIANG * ";
  for (size_t k = 0; k < rim.size(); ++k) {
    const double a = (static_cast<double>(k) * 360 / rim.size() - 90) * CV_PI / 180;
    const cv::Point at(centre.x + static_cast<int>(190 * std::cos(a)) - 10, centre.y + static_cast<int>(190 * std::sin(a)) + 12);
    cv::putText(*grey, rim.substr(k, 1), at, cv::FONT_HERSHEY_SIMPLEX, 0.9, residue, 2, cv::LINE_AA);
  }
  cv::circle(*grey, centre, 70, residue, cv::FILLED);
}

void PrintLine(cv::Mat* grey, const std::string& text, cv::Point at, double scale) {
  cv::putText(*grey, text, at, cv::FONT_HERSHEY_TRIPLEX, scale, cv::Scalar(0), 3, cv::LINE_AA);
}

TEST(TesseractWorkerTest, ReadsASignersTitlePrintedOverASealsResidue) {
  cv::Mat grey;  // the seed page with room below its body for the closing
  cv::copyMakeBorder(CleanSeedPage().pixels, grey, 0, 1000, 0, 0, cv::BORDER_CONSTANT, cv::Scalar(255));
  int y = 3480;
  for (const char* line : {"Noi nhan:", "- Nhu tren;", "- So Noi vu;", "- Luu: VT."}) PrintLine(&grey, line, {250, y += 60}, 1.0);
  PrintLine(&grey, "CHU TICH", {1330, 3500}, 1.6);
  PrintLine(&grey, "Nguyen Van An", {1280, 3950}, 1.6);
  DrawSealResidue(&grey, cv::Point(1500, 3640));
  auto worker = TesseractWorker::Create("", "vie");
  ASSERT_TRUE(worker.ok());
  auto page = (*worker)->RecognizePage(grey, 300, 1, RecognizeOptions{});
  ASSERT_TRUE(page.ok()) << page.status().message();
  const std::string text = text::StripDiacritics(page->page.Text());
  EXPECT_NE(text.find("CHU TICH"), std::string::npos) << text;
  EXPECT_NE(text.find("Nguyen Van An"), std::string::npos) << text;
}

TEST(TesseractWorkerTest, DegeneratePagesGiveEmptyPagesNotErrors) {
  auto worker = TesseractWorker::Create("", "vie");
  ASSERT_TRUE(worker.ok());
  for (const cv::Mat& m : {cv::Mat(1200, 900, CV_8UC1, cv::Scalar(0)), cv::Mat(1, 1, CV_8UC1, cv::Scalar(0)),
                           cv::Mat(3, 5000, CV_8UC1, cv::Scalar(255))}) {
    auto page = (*worker)->Recognize(m, 300, 1);
    ASSERT_TRUE(page.ok()) << page.status().message();
    EXPECT_TRUE(page->blocks.empty()) << page->Text();
  }
  EXPECT_FALSE((*worker)->Recognize(cv::Mat(), 300, 1).ok());
}

// Dev scan 660TBUB: Tesseract's own layout loses two thirds of page 1; ours must not.
TEST(TesseractWorkerTest, ReadsTheDevScanThatDefeatsAutomaticLayout) {
  if (!vanban::testing::HaveShared()) GTEST_SKIP() << "../shared is absent";
  auto source = image::PageSource::Open(vanban::testing::SharedPath("samples/scans/660TBUB.signed.pdf"), {});
  ASSERT_TRUE(source.ok()) << source.status().message();
  auto decoded = (*source)->LoadPage(0);
  ASSERT_TRUE(decoded.ok());
  const image::PageImage clean = image::Preprocess(decoded.value());
  auto worker = TesseractWorker::Create("", "vie");
  ASSERT_TRUE(worker.ok());
  auto page = (*worker)->RecognizePage(clean.pixels, clean.dpi, 1, RecognizeOptions{});
  ASSERT_TRUE(page.ok());
  const std::string text = page->page.Text();
  const std::string reference =
      vanban::testing::ReadFile(vanban::testing::SharedPath("samples/devset/660TBUB.signed/page1.gt.txt"));
  EXPECT_GT(vanban::testing::SyllableRecall(reference, text), 0.96) << text;
  // Header: the left block whole, then the right block, never one merged line.
  const size_t agency = text.find("ỦY BAN NHÂN DÂN\n");
  const size_t number = text.find("/TB-UBND");
  const size_t motto = text.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n");
  ASSERT_NE(agency, std::string::npos) << text;
  ASSERT_NE(motto, std::string::npos) << text;
  EXPECT_LT(agency, number);
  EXPECT_LT(number, motto);
  // The digital-signature stamp is reported apart, not read into the text.
  EXPECT_EQ(text.find("Thời gian ký"), std::string::npos);
  EXPECT_EQ(text.find("ttcbth"), std::string::npos);
  ASSERT_FALSE(page->stamps.empty());
}

TEST(WorkerPoolTest, ReusesReturnedWorkers) {
  WorkerPool pool("", "vie", 2);
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

TEST(WorkerPoolTest, NeverLeasesMoreWorkersThanItsCapacity) {
  WorkerPool pool("", "vie", 2);
  std::atomic<int> leased{0}, most{0};
  // Each lease is held until two have been out at once: on a loaded machine the second worker's
  // creation (its traineddata loaded) outlasted all the other threads' rounds on the first
  // worker, and the pool was never seen lending both.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < 3; ++round) {
        auto lease = pool.Acquire();
        ASSERT_TRUE(lease.ok());
        const int now = ++leased;
        for (int seen = most; now > seen && !most.compare_exchange_weak(seen, now);) {
        }
        do {
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        } while (most < 2 && std::chrono::steady_clock::now() < deadline);
        --leased;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(most, 2);
}

}  // namespace
}  // namespace vanban::ocr
