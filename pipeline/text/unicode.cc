#include "pipeline/text/unicode.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace vanban::text {
namespace {

std::string ToUtf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace

char32_t NextCodePoint(std::string_view utf8, size_t* pos) {
  UChar32 c;
  int32_t i = static_cast<int32_t>(*pos);
  U8_NEXT(reinterpret_cast<const uint8_t*>(utf8.data()), i, static_cast<int32_t>(utf8.size()), c);
  *pos = static_cast<size_t>(i);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

void AppendUtf8(char32_t code_point, std::string* out) {
  uint8_t buf[4];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(buf, n, 4, static_cast<UChar32>(code_point), error);
  if (error) return;
  out->append(reinterpret_cast<const char*>(buf), n);
}

std::string SanitizeUtf8(std::string_view input, bool* replaced) {
  std::string out;
  out.reserve(input.size());
  bool bad = false;
  size_t pos = 0;
  while (pos < input.size()) {
    size_t start = pos;
    char32_t c = NextCodePoint(input, &pos);
    if (c == U'\uFFFD' && input.substr(start, pos - start) != "\xEF\xBF\xBD") bad = true;
    if (c == U'\uFFFD' || c >= 0x80) {
      AppendUtf8(c, &out);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  if (replaced) *replaced = bad;
  return out;
}

std::string ToNfc(std::string_view input, bool* replaced) {
  std::string clean = SanitizeUtf8(input, replaced);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return clean;
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(clean);
  if (nfc->isNormalized(s, status) && U_SUCCESS(status)) return clean;
  status = U_ZERO_ERROR;
  icu::UnicodeString normalized = nfc->normalize(s, status);
  return U_SUCCESS(status) ? ToUtf8(normalized) : clean;
}

std::string ToLower(std::string_view utf8) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  return ToUtf8(s.toLower(icu::Locale::getRoot()));
}

std::string ToUpper(std::string_view utf8) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  return ToUtf8(s.toUpper(icu::Locale::getRoot()));
}

std::string StripDiacritics(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  icu::UnicodeString decomposed = nfd->normalize(s, status);
  if (U_FAILURE(status)) return std::string(utf8);
  icu::UnicodeString out;
  for (int32_t i = 0; i < decomposed.length(); ++i) {
    char16_t c = decomposed.charAt(i);
    if (c >= 0x0300 && c <= 0x036F) continue;  // combining diacritical marks
    if (c == u'đ') c = u'd';
    if (c == u'Đ') c = u'D';
    out.append(c);
  }
  return ToUtf8(out);
}

}  // namespace vanban::text
