// Cost of each preprocessing step and of layout analysis on one real 300 dpi colour page,
// against Tesseract's recognition of the same page (the budget: preprocessing ≤ 15 % of
// Tesseract's time). Uses dev scan 660TBUB from ../shared when present, else the repo's seed scan.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "pipeline/image/dewarp.h"
#include "pipeline/image/layout.h"
#include "pipeline/image/page_source.h"
#include "pipeline/image/preprocess.h"
#include "pipeline/image/red_stamps.h"
#include "pipeline/ocr/tesseract_worker.h"

namespace {

using namespace vanban;

const image::PageImage& Page() {
  static const image::PageImage page = [] {
    image::QuietDecoderLogs();
    const std::string shared = std::string(VANBAN_SHARED_DIR) + "/samples/scans/660TBUB.signed.pdf";
    const std::string path = std::filesystem::exists(shared)
                                 ? shared
                                 : std::string(VANBAN_SOURCE_DIR) + "/samples/scans/kiengiang-2577-scan.pdf";
    auto source = image::PageSource::Open(path, {});
    if (!source.ok()) return image::PageImage{};
    auto decoded = (*source)->LoadPage(0);
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
BENCHMARK_CAPTURE(BM_Step, Preprocess, [] { return image::Preprocess(Page()); })->Unit(benchmark::kMillisecond);
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

}  // namespace

BENCHMARK_MAIN();
