// Vietnamese syllables: letters with their tone marks, the skeleton (no marks, đ → d, lower
// case), the valid-syllable check (onset + rhyme + tone), tone-mark placement in either style
// ("hòa, thủy" or "hoà, thuỷ"), and letter case copied from one spelling onto another.
//
// Syllables are handled as UTF-32 strings so that one letter is one element; everything here
// assumes NFC input (precomposed letters), which is what text::ToNfc produces.
//
// Thread-safety: all functions are pure; the lookup tables are built once, thread-safely.
#ifndef VANBAN_PIPELINE_TEXT_VIETNAMESE_H_
#define VANBAN_PIPELINE_TEXT_VIETNAMESE_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "vanban/engine.h"

namespace vanban::text {

// The six tones, numbered as the marks are usually listed.
enum Tone : uint8_t { kLevel = 0, kGrave = 1, kAcute = 2, kHook = 3, kTilde = 4, kDot = 5 };

// What one code point is as a Vietnamese letter.
struct Letter {
  char32_t toneless = 0;  // lower case, shape marks kept (ă â ê ô ơ ư đ), tone removed
  char ascii = 0;         // the skeleton letter ('a'..'z'), 0 when not a Latin letter
  uint8_t tone = kLevel;
  bool upper = false;
};

// Classifies a code point; returns false for anything that is not a (Vietnamese) Latin letter.
bool DescribeLetter(char32_t c, Letter* letter);
bool IsVowel(char32_t toneless_lower);

// Lower case, no tone or shape marks, đ → d: "Quyết" → "quyet". Non-letters are kept.
std::string Skeleton(std::string_view utf8);
// True when the text carries any Vietnamese mark (tone, shape mark or đ).
bool HasVietnameseMarks(std::string_view utf8);
// The letters OCR wrote as look-alike symbols: Đ/đ for the Icelandic eth, alone ("QÐ") or
// after the right letter ("QĐÐ-UBND", "GD&ĐÐT"), as Vietnamese has no eth; "i" for "¡" and
// "c" for "©" within a word ("NC(V¡59)", "(b/©)"), where those symbols never stand.
std::string WithLookAlikeLetters(std::string utf8);

std::u32string ToU32(std::string_view utf8);
std::string ToU8(std::u32string_view s);

// Lower-cased syllable split into its toneless letters and tone. False when a syllable carries
// two tone marks (not a well-formed spelling).
bool SplitTone(std::u32string_view lower, std::u32string* toneless, Tone* tone);

// Onset + rhyme check on a lower-case syllable, with tone ("quyết") or without ("quyêt");
// stop codas (c, ch, p, t) only take the acute or dot tone when tone_required_for_stops.
bool IsValidSyllable(std::u32string_view lower, bool tone_required_for_stops = false);

// Puts `tone` on the right vowel of a toneless lower-case syllable.
std::u32string PlaceTone(std::u32string_view toneless, Tone tone, ToneStyle style);
// Re-places the tone mark of a lower-case syllable in the given style ("hoà" → "hòa").
std::string NormalizeTonePlacement(std::string_view lower_utf8, ToneStyle style);

// Copies the letter case of `pattern` onto `lower` letter by letter (same length assumed; extra
// letters follow the last one): ("TINH", "tỉnh") → "TỈNH", ("Tinh", "tỉnh") → "Tỉnh".
std::string CopyCase(std::u32string_view pattern, std::u32string_view lower);

char32_t LowerLetter(char32_t c);
char32_t UpperLetter(char32_t c);

}  // namespace vanban::text

#endif  // VANBAN_PIPELINE_TEXT_VIETNAMESE_H_
