// Cost of each preprocessing step and of layout analysis on one real 300 dpi colour page,
// against Tesseract's recognition of the same page (the budget: preprocessing ≤ 15 % of
// Tesseract's time). Uses dev scan 660TBUB from ../shared when present, else the repo's seed scan.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "pipeline/image/layout.h"
#include "pipeline/image/page_source.h"
#include "pipeline/image/preprocess.h"
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

void BM_Preprocess(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(image::Preprocess(Page()));
}
BENCHMARK(BM_Preprocess)->Unit(benchmark::kMillisecond);

void BM_DropColourInk(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(image::DropColourInk(Page().pixels));
}
BENCHMARK(BM_DropColourInk)->Unit(benchmark::kMillisecond);

void BM_FlattenBackground(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(image::FlattenBackground(Clean().pixels));
}
BENCHMARK(BM_FlattenBackground)->Unit(benchmark::kMillisecond);

void BM_EstimateSkew(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(image::EstimateSkewDegrees(Clean().pixels));
}
BENCHMARK(BM_EstimateSkew)->Unit(benchmark::kMillisecond);

void BM_Rotate(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(image::RotateGrey(Clean().pixels, 1.5));
}
BENCHMARK(BM_Rotate)->Unit(benchmark::kMillisecond);

void BM_CleanBorders(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(image::CleanBorders(Clean().pixels, 300));
}
BENCHMARK(BM_CleanBorders)->Unit(benchmark::kMillisecond);

void BM_GlyphHeight(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(image::MedianGlyphHeight(Clean().pixels));
}
BENCHMARK(BM_GlyphHeight)->Unit(benchmark::kMillisecond);

void BM_Layout(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(image::AnalyseLayout(Clean().pixels));
}
BENCHMARK(BM_Layout)->Unit(benchmark::kMillisecond);

void BM_DetectRotation(benchmark::State& state) {
  ocr::SetSingleThreadedOcr();
  auto worker = ocr::TesseractWorker::Create("", "vie");
  if (!worker.ok()) {
    state.SkipWithError("tessdata missing");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize((*worker)->DetectRotation(Clean().pixels, Clean().dpi));
}
BENCHMARK(BM_DetectRotation)->Unit(benchmark::kMillisecond);

// Recognition of the clean page: arg 0 = our layout, 1 = Tesseract's PSM_AUTO; arg 2: OSD on/off.
void BM_Recognize(benchmark::State& state) {
  ocr::SetSingleThreadedOcr();
  auto worker = ocr::TesseractWorker::Create("", "vie");
  if (!worker.ok()) {
    state.SkipWithError("vie.traineddata missing");
    return;
  }
  ocr::RecognizeOptions options;
  options.layout = state.range(0) == 0;
  options.orientation = state.range(1) == 1;
  for (auto _ : state) {
    benchmark::DoNotOptimize((*worker)->RecognizePage(Clean().pixels, Clean().dpi, 1, options));
  }
}
BENCHMARK(BM_Recognize)->Args({0, 1})->Args({0, 0})->Args({1, 0})->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
