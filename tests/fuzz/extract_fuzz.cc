// libFuzzer target: the extractor on arbitrary text (the path of `vanban extract`, serve's
// "extract" and the C ABI's vanban_extract). Checks that every field it gives is valid UTF-8 and
// that a date is ISO YYYY-MM-DD. Build and run: see tests/fuzz/run.sh.
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include <unicode/unistr.h>

#include "pipeline/extract/extractor.h"
#include "pipeline/text/unicode.h"
#include "tests/fuzz/fuzz_util.h"

namespace {

const vanban::extract::Extractor* extractor = nullptr;

// A field cut inside a letter's bytes would not survive a round trip through UTF-16.
void CheckUtf8(const std::string& value) {
  std::string round_trip;
  icu::UnicodeString::fromUTF8(value).toUTF8String(round_trip);
  if (round_trip != value) abort();
}

void CheckField(const std::optional<std::string>& value) {
  if (value.has_value()) CheckUtf8(*value);
}

void CheckDate(const std::optional<std::string>& date) {
  if (!date.has_value()) return;
  const std::string& d = *date;
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') abort();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  extractor = vanban::fuzz::KeptOrAbort(vanban::extract::Extractor::Load(VANBAN_SOURCE_DIR));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  vanban::Document document;
  document.text = vanban::text::ToNfc(std::string_view(reinterpret_cast<const char*>(data), size));
  extractor->Extract(&document);
  const vanban::Fields& fields = document.fields;
  for (const auto* value : {&fields.issuer, &fields.number, &fields.doc_type, &fields.place, &fields.date,
                            &fields.subject, &fields.signer_name, &fields.signer_title}) {
    CheckField(*value);
  }
  for (const auto* list : {&fields.recipients, &fields.cc}) {
    for (const std::string& entry : *list) CheckUtf8(entry);
  }
  CheckDate(fields.date);
  for (const vanban::Reference& reference : fields.references) CheckDate(reference.date);
  return 0;
}
