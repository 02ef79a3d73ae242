// Restorer throughput: syllables per second on one thread for stripped text (the devset ground
// truth and the held-out decrees with their diacritics removed) and for legacy English-model OCR
// output (the seed), plus the model load time. Needs ../shared; skips when it is absent.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "pipeline/restore/restorer.h"
#include "pipeline/text/tokenizer.h"
#include "pipeline/text/unicode.h"

namespace {

namespace fs = std::filesystem;
using vanban::restore::Restorer;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string DevsetStripped() {
  std::string all;
  fs::path devset = fs::path(VANBAN_SHARED_DIR) / "samples/devset";
  if (!fs::exists(devset)) return all;
  for (const auto& entry : fs::directory_iterator(devset)) {
    fs::path gt = entry.path() / "page1.gt.txt";
    if (fs::exists(gt)) all += vanban::text::StripDiacritics(ReadFile(gt));
  }
  return all;
}

// The held-out decrees vanban-train-lm never counted (every 50th line of the file, as
// models/README.md trains it), diacritics stripped: 100k syllables of legal text.
std::string HeldOutDecreesStripped() {
  std::ifstream in(fs::path(VANBAN_SHARED_DIR) / "corpus/legal/congbao_decrees_circulars.txt");
  std::string line, all;
  for (uint64_t line_no = 0; std::getline(in, line); ++line_no) {
    if (line_no % 50 == 49 && !line.empty()) all += line + '\n';
  }
  return vanban::text::StripDiacritics(all);
}

std::string SeedOcr() {
  return ReadFile(fs::path(VANBAN_SHARED_DIR) / "samples/seed/kiengiang-2577-UBND-KGVX.eng-ocr.txt");
}

int64_t Syllables(const std::string& text) {
  std::vector<vanban::text::Token> tokens;
  vanban::text::Tokenize(text, &tokens);
  int64_t n = 0;
  for (const auto& t : tokens) n += t.kind == vanban::text::TokenKind::kWord;
  return n;
}

const Restorer* SharedRestorer() {
  static auto loaded = Restorer::Load(VANBAN_SOURCE_DIR);
  return loaded.ok() ? loaded.value().get() : nullptr;
}

void RunRestore(benchmark::State& state, const std::string& input, vanban::RestoreMode mode) {
  const Restorer* restorer = SharedRestorer();
  if (!restorer || input.empty()) {
    state.SkipWithError("model or ../shared samples missing");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(restorer->RestoreText(input, {mode, vanban::ToneStyle::kNew}));
  }
  state.SetItemsProcessed(state.iterations() * Syllables(input));
}

void BM_RestoreStripped(benchmark::State& state) {
  static const std::string input = DevsetStripped();
  RunRestore(state, input, vanban::RestoreMode::kStripped);
}
BENCHMARK(BM_RestoreStripped)->Unit(benchmark::kMillisecond);

void BM_RestoreHeldOutDecrees(benchmark::State& state) {
  static const std::string input = HeldOutDecreesStripped();
  RunRestore(state, input, vanban::RestoreMode::kStripped);
}
BENCHMARK(BM_RestoreHeldOutDecrees)->Unit(benchmark::kMillisecond);

void BM_RestoreEnglishOcr(benchmark::State& state) {
  static const std::string input = SeedOcr();
  RunRestore(state, input, vanban::RestoreMode::kOcr);
}
BENCHMARK(BM_RestoreEnglishOcr)->Unit(benchmark::kMillisecond);

void BM_LoadModel(benchmark::State& state) {
  for (auto _ : state) {
    auto loaded = Restorer::Load(VANBAN_SOURCE_DIR);
    if (!loaded.ok()) state.SkipWithError(loaded.status().message().c_str());
    benchmark::DoNotOptimize(loaded);
  }
}
BENCHMARK(BM_LoadModel)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
