// Cost of each stage a page goes through — rasterising the PDF page, each preprocessing step,
// layout analysis, the filled-in blanks' pen digits, restore, extraction — on one real 300 dpi colour page, against Tesseract's
// recognition of the same page: what vanban adds to the cost of Tesseract alone. Uses dev scan
// 660TBUB from ../shared when present, else the repo's seed scan.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "pipeline/extract/extractor.h"
#include "pipeline/image/dewarp.h"
#include "pipeline/image/layout.h"
#include "pipeline/image/page_source.h"
#include "pipeline/image/preprocess.h"
#include "pipeline/image/red_stamps.h"
#include "pipeline/image/sheet.h"
#include "pipeline/ocr/filled_in_blanks.h"
#include "pipeline/ocr/tesseract_worker.h"
#include "pipeline/restore/restorer.h"

namespace {

using namespace vanban;

image::PageSource* Source() {
  static const std::unique_ptr<image::PageSource> source = []() -> std::unique_ptr<image::PageSource> {
    image::QuietDecoderLogs();
    const std::string shared = std::string(VANBAN_SHARED_DIR) + "/samples/scans/660TBUB.signed.pdf";
    const std::string path = std::filesystem::exists(shared)
                                 ? shared
                                 : std::string(VANBAN_SOURCE_DIR) + "/samples/scans/kiengiang-2577-scan.pdf";
    auto opened = image::PageSource::Open(path, {});
    return opened.ok() ? std::move(opened).value() : nullptr;
  }();
  return source.get();
}

const image::PageImage& Page() {
  static const image::PageImage page = [] {
    if (Source() == nullptr) return image::PageImage{};
    auto decoded = Source()->LoadPage(0);
    return decoded.ok() ? decoded.value() : image::PageImage{};
  }();
  return page;
}

const image::PageImage& Clean() {
  static const image::PageImage clean = image::Preprocess(Page());
  return clean;
}

// One preprocessing or layout step, timed on the decoded or the clean page.
template <class Step>
void BM_Step(benchmark::State& state, Step step) {
  benchmark::DoNotOptimize(step());  // decodes the page outside the timed loop
  for (auto _ : state) benchmark::DoNotOptimize(step());
}
BENCHMARK_CAPTURE(BM_Step, RasterisePdfPage, [] { return Source()->LoadPage(0).ok(); })->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Step, Preprocess, [] { return image::Preprocess(Page()); })->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Step, LooksBlank, [] { return image::LooksBlank(Clean().pixels); })->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Step, DropColourInk, [] { return image::DropColourInk(Page().pixels); })
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Step, FlattenBackground, [] { return image::FlattenBackground(Clean().pixels); })
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Step, EstimateSkew, [] { return image::EstimateSkewDegrees(Clean().pixels); })
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Step, Rotate, [] { return image::RotateGrey(Clean().pixels, 1.5); })->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Step, CleanBorders, [] { return image::CleanBorders(Clean().pixels, 300); })
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Step, GlyphHeight, [] { return image::MedianGlyphHeight(Clean().pixels); })
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Step, Layout, [] { return image::AnalyseLayout(Clean().pixels); })->Unit(benchmark::kMillisecond);
// What every page pays for the photo check: a scan has no sheet to straighten.
BENCHMARK_CAPTURE(BM_Step, FindSlantedSheet, [] { return image::FindSlantedSheet(Clean().pixels).has_value(); })
    ->Unit(benchmark::kMillisecond);
// A grey scan of the signed last page: its red seal is dark ink, found and whitened by layout.
const cv::Mat& GreySignedPage() {
  static const cv::Mat grey = [] {
    if (Source() == nullptr) return cv::Mat();
    auto decoded = Source()->LoadPage(Source()->page_count() - 1);
    if (!decoded.ok()) return cv::Mat();
    const image::PageImage clean = image::Preprocess(decoded.value());
    return clean.with_colour_ink.empty() ? clean.pixels : clean.with_colour_ink;
  }();
  return grey;
}
BENCHMARK_CAPTURE(BM_Step, LayoutWithADarkSeal, [] { return image::AnalyseLayout(GreySignedPage()); })
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Step, MeasureWarp, [] { return image::TextLineWarp::Measure(Clean().pixels, 300).bow(); })
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Step, FindRedInk, [] { return image::FindRedInk(Clean().pixels, Clean().with_colour_ink, 300); })
    ->Unit(benchmark::kMillisecond);

// One single-threaded worker for the Tesseract benchmarks; null without vie.traineddata.
ocr::TesseractWorker* Worker() {
  static const std::unique_ptr<ocr::TesseractWorker> worker = [] {
    ocr::SetSingleThreadedOcr();
    auto created = ocr::TesseractWorker::Create("", "vie");
    return created.ok() ? std::move(created).value() : nullptr;
  }();
  return worker.get();
}

void BM_DetectRotation(benchmark::State& state) {
  if (Worker() == nullptr) return state.SkipWithError("tessdata missing");
  for (auto _ : state) benchmark::DoNotOptimize(Worker()->DetectRotation(Clean().pixels, Clean().dpi));
}
BENCHMARK(BM_DetectRotation)->Unit(benchmark::kMillisecond);

// Recognition of the clean page: arg 0 = 0 our layout, 1 Tesseract's PSM_AUTO; arg 1: OSD on/off.
void BM_Recognize(benchmark::State& state) {
  if (Worker() == nullptr) return state.SkipWithError("tessdata missing");
  ocr::RecognizeOptions options;
  options.layout = state.range(0) == 0;
  options.orientation = state.range(1) == 1;
  for (auto _ : state) benchmark::DoNotOptimize(Worker()->RecognizePage(Clean().pixels, Clean().dpi, 1, options));
}
BENCHMARK(BM_Recognize)->Args({0, 1})->Args({0, 0})->Args({1, 0})->Iterations(1)->Unit(benchmark::kMillisecond);

// The page as vanban ocr recognises it, for the stages after OCR.
const OcrPage& Recognized() {
  static const OcrPage page = [] {
    if (Worker() == nullptr) return OcrPage{};
    ocr::RecognizeOptions options;
    options.stamp_pixels = Clean().with_colour_ink;
    auto read = Worker()->RecognizePage(Clean().pixels, Clean().dpi, 1, options);
    return read.ok() ? read->page : OcrPage{};
  }();
  return page;
}

void BM_RestorePage(benchmark::State& state) {
  static const auto restorer = restore::Restorer::Load(VANBAN_SOURCE_DIR);
  if (!restorer.ok() || Worker() == nullptr) return state.SkipWithError("model or tessdata missing");
  for (auto _ : state) {
    OcrPage page = Recognized();
    (*restorer)->RestorePage(&page, ToneStyle::kNew);
    benchmark::DoNotOptimize(page.restored_tokens);
  }
}
BENCHMARK(BM_RestorePage)->Unit(benchmark::kMillisecond);

// The filled-in blanks of the page read by the hand-digit reader (issue 11's budget: 50 ms).
void BM_ReadFilledInBlanks(benchmark::State& state) {
  static const auto classifier = ocr::HandDigitClassifier::Load(std::string(VANBAN_SOURCE_DIR) + "/models/hand-digits.yml.gz");
  if (!classifier.ok() || Worker() == nullptr) return state.SkipWithError("model or tessdata missing");
  const cv::Mat& ink = Clean().with_colour_ink.empty() ? Clean().pixels : Clean().with_colour_ink;
  for (auto _ : state) {
    OcrPage page = Recognized();
    ocr::ReadFilledInBlanks(ink, **classifier, &page);
    benchmark::DoNotOptimize(page.blocks.size());
  }
}
BENCHMARK(BM_ReadFilledInBlanks)->Unit(benchmark::kMillisecond);

void BM_ExtractPage(benchmark::State& state) {
  static const auto extractor = extract::Extractor::Load(VANBAN_SOURCE_DIR);
  if (!extractor.ok() || Worker() == nullptr) return state.SkipWithError("dictionaries or tessdata missing");
  for (auto _ : state) {
    Document document;
    document.pages.push_back(Recognized());
    document.text = Recognized().Text();
    (*extractor)->Extract(&document);
    benchmark::DoNotOptimize(document.fields.number);
  }
}
BENCHMARK(BM_ExtractPage)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
