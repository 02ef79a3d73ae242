// Unicode at the pipeline's boundaries: UTF-8 validation, NFC (ICU), case mapping, and the
// Vietnamese "skeleton" (a word with its diacritics removed and đ → d).
//
// Thread-safety: all functions are pure and may be called from any thread.
#ifndef VANBAN_PIPELINE_TEXT_UNICODE_H_
#define VANBAN_PIPELINE_TEXT_UNICODE_H_

#include <string>
#include <string_view>

namespace vanban::text {

// Replaces every ill-formed UTF-8 sequence with U+FFFD; sets *replaced when it did.
std::string SanitizeUtf8(std::string_view input, bool* replaced = nullptr);

// Sanitises and normalises to NFC: what every external string goes through first.
std::string ToNfc(std::string_view input, bool* replaced = nullptr);

std::string ToLower(std::string_view utf8);
std::string ToUpper(std::string_view utf8);

// "Chỉ thị Đảng" → "Chi thi Dang": removes combining marks and maps đ/Đ to d/D. Case is kept.
std::string StripDiacritics(std::string_view utf8);

// Decodes one code point at `pos` and advances it; returns U+FFFD on a bad sequence.
char32_t NextCodePoint(std::string_view utf8, size_t* pos);
void AppendUtf8(char32_t code_point, std::string* out);

}  // namespace vanban::text

#endif  // VANBAN_PIPELINE_TEXT_UNICODE_H_
