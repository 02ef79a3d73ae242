// libFuzzer target: tokenizer + restorer (all three modes, and RestorePage with each word's
// neighbour as its OCR alternative) on arbitrary bytes. Checks that the tokens cover the text
// exactly, that stripped mode keeps every line's skeleton and that a page keeps its words.
//
// The model is loaded once in LLVMFuzzerInitialize (loading it per input made early runs crawl).
// Measured (2-core shared machine, ASan+UBSan, clang 14):
//   CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DVANBAN_FUZZ=ON -DVANBAN_SANITIZE=ON
//   cmake --build build-fuzz --target restore_fuzz
//   mkdir -p /tmp/restore-fuzz && cp ../shared/samples/seed/*.txt /tmp/restore-fuzz/
//   build-fuzz/tests/fuzz/restore_fuzz -max_len=128 -runs=1000000 /tmp/restore-fuzz
// → 1,000,000 executions clean in 743 s (see models/README.md).
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/restore/restorer.h"
#include "pipeline/text/tokenizer.h"
#include "pipeline/text/unicode.h"
#include "pipeline/text/vietnamese.h"
#include "tests/fuzz/fuzz_util.h"

namespace {

const vanban::restore::Restorer* restorer = nullptr;

// The text's lines as one block, words split at spaces; each word's alternative is the next
// word, so that alternatives of any length and content reach the restorer.
vanban::OcrPage PageOf(const std::string& text) {
  vanban::OcrPage page;
  page.blocks.emplace_back();
  std::vector<std::string> words;
  for (size_t begin = 0; begin <= text.size();) {
    size_t end = std::min(text.find_first_of(" \n", begin), text.size());
    if (end > begin) words.push_back(text.substr(begin, end - begin));
    if (end < text.size() && text[end] == '\n') words.push_back("\n");
    begin = end + 1;
  }
  page.blocks[0].lines.emplace_back();
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "\n") {
      page.blocks[0].lines.emplace_back();
      continue;
    }
    vanban::OcrWord word{words[i], "", {}, 80, {}};
    if (i + 1 < words.size()) word.alternatives.emplace_back(words[i + 1], 40);
    page.blocks[0].lines.back().words.push_back(std::move(word));
  }
  return page;
}

size_t WordCount(const vanban::OcrPage& page) {
  size_t n = 0;
  for (const auto& line : page.blocks[0].lines) n += line.words.size();
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  restorer = vanban::fuzz::KeptOrAbort(vanban::restore::Restorer::Load(VANBAN_SOURCE_DIR));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = vanban::text::ToNfc(std::string_view(reinterpret_cast<const char*>(data), size));
  std::vector<vanban::text::Token> tokens;
  vanban::text::Tokenize(text, &tokens);
  uint32_t at = 0;
  for (const auto& t : tokens) {
    if (t.begin != at || t.end <= t.begin) abort();
    at = t.end;
  }
  if (at != text.size()) abort();
  std::string stripped = restorer->RestoreText(text, {vanban::RestoreMode::kStripped, vanban::ToneStyle::kOld});
  if (vanban::text::Skeleton(stripped) != vanban::text::Skeleton(text)) abort();
  restorer->RestoreText(text, {vanban::RestoreMode::kOcr, vanban::ToneStyle::kNew});
  restorer->RestoreText(text, {});
  vanban::OcrPage page = PageOf(text);
  const size_t words = WordCount(page);
  restorer->RestorePage(&page, vanban::ToneStyle::kNew);
  if (WordCount(page) != words) abort();
  return 0;
}
