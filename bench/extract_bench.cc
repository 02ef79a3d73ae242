// Extractor time against input size (Engine::Extract, as `vanban extract` and serve's
// "extract" run it): N lines citing a decree each (the case that was quadratic: 1,000 lines took
// 2.3 s, 4,000 about 40 s), and 10 MB of random Vietnamese-looking text. Targets: 4,000 lines
// ≤ 0.5 s and ≤ 5 × the time of 1,000; 10 MB ≤ 10 s.
//   build/bench/extract_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <random>
#include <string>

#include "vanban/engine.h"

namespace {

const vanban::Engine& TextEngine() {
  static const vanban::Engine* engine = [] {
    vanban::EngineOptions options;
    options.data_dir = VANBAN_SOURCE_DIR;
    options.load_ocr = false;
    options.restore = false;
    auto opened = vanban::Engine::Open(options);
    if (!opened.ok()) std::abort();
    return std::move(opened).value().release();
  }();
  return *engine;
}

std::string CitationLines(int lines) {
  std::string text;
  for (int i = 1; i <= lines; ++i) {
    text += "Căn cứ Nghị định số " + std::to_string(i) + "/2020/NĐ-CP ngày 19 tháng 10 năm 2020 của Chính phủ;\n";
  }
  return text;
}

// Letters, digits, punctuation, spaces and line breaks drawn at random (seeded).
std::string RandomText(size_t bytes) {
  static const char* const kPieces[] = {"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m",
                                        "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y", "á",
                                        "à", "ả", "ã", "ạ", "Đ", "Ồ", "0", "1", "2", "/", "-", ",", ".", ";", ":",
                                        " ", " ", " ", " ", " ", " ", "\n"};
  std::mt19937 random(1);
  std::uniform_int_distribution<size_t> pick(0, std::size(kPieces) - 1);
  std::string text;
  while (text.size() < bytes) text += kPieces[pick(random)];
  return text;
}

void BM_ExtractCitationLines(benchmark::State& state) {
  const std::string text = CitationLines(static_cast<int>(state.range(0)));
  const vanban::Engine& engine = TextEngine();
  for (auto _ : state) benchmark::DoNotOptimize(engine.Extract(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ExtractCitationLines)->Arg(1000)->Arg(4000)->Unit(benchmark::kMillisecond);

void BM_ExtractRandomText(benchmark::State& state) {
  const std::string text = RandomText(static_cast<size_t>(state.range(0)));
  const vanban::Engine& engine = TextEngine();
  for (auto _ : state) benchmark::DoNotOptimize(engine.Extract(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ExtractRandomText)->Arg(10 << 20)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace

BENCHMARK_MAIN();
