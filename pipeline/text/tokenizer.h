// Tokenizer — splits NFC text into tokens that cover it exactly (whitespace and punctuation
// included), so that text can be rebuilt byte for byte from the tokens with some words replaced.
//
// Kinds: a Vietnamese syllable or single letter (kWord), a number ("25/12/2023", "1.276"), a
// document code ("28-CT/TW", "1183/QĐ-TTg", "BCĐ138"), an abbreviation or foreign word (letters
// that are not a Vietnamese syllable: "UBND", "TTHC", "Vietlott"), an e-mail address, a URL, one
// punctuation or symbol character, a run of spaces, a line break.
//
// Thread-safety: pure functions.
#ifndef VANBAN_PIPELINE_TEXT_TOKENIZER_H_
#define VANBAN_PIPELINE_TEXT_TOKENIZER_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace vanban::text {

enum class TokenKind : uint8_t {
  kSpace,
  kNewline,
  kWord,
  kNumber,
  kCode,
  kAbbreviation,
  kEmail,
  kUrl,
  kPunct,
};

struct Token {
  TokenKind kind;
  uint32_t begin;  // byte offsets into the tokenized text
  uint32_t end;
  std::string_view In(std::string_view text) const { return text.substr(begin, end - begin); }
};

// Appends the tokens of `text` (valid UTF-8, NFC; at most 4 GiB) to *tokens.
void Tokenize(std::string_view text, std::vector<Token>* tokens);

// True for one letter, or a lower-cased Vietnamese syllable ("quyết", "d", "đ"); case-blind.
bool IsWordText(std::string_view text);

}  // namespace vanban::text

#endif  // VANBAN_PIPELINE_TEXT_TOKENIZER_H_
