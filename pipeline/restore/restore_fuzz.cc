// libFuzzer target: tokenizer + restorer (all three modes) on arbitrary bytes. Checks that the
// tokens cover the text exactly and that stripped mode keeps every line's skeleton.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "pipeline/restore/restorer.h"
#include "pipeline/text/tokenizer.h"
#include "pipeline/text/unicode.h"
#include "pipeline/text/vietnamese.h"

namespace {

const vanban::restore::Restorer& TheRestorer() {
  static auto loaded = vanban::restore::Restorer::Load(VANBAN_SOURCE_DIR);
  if (!loaded.ok()) abort();
  return *loaded.value();
}

}  // namespace

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
  const auto& restorer = TheRestorer();
  std::string stripped = restorer.RestoreText(text, {vanban::RestoreMode::kStripped, vanban::ToneStyle::kOld});
  if (vanban::text::Skeleton(stripped) != vanban::text::Skeleton(text)) abort();
  restorer.RestoreText(text, {vanban::RestoreMode::kOcr, vanban::ToneStyle::kNew});
  restorer.RestoreText(text, {});
  return 0;
}
