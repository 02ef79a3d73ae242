// How text tokens become language-model words — shared by the trainer and the decoder so that
// both see the same vocabulary: syllables lower-cased with the tone placed "hòa" style,
// punctuation as itself, everything else as a class token (<num>, <code>, <abbr>, <url>).
//
// Thread-safety: pure functions.
#ifndef VANBAN_PIPELINE_RESTORE_LM_TOKENS_H_
#define VANBAN_PIPELINE_RESTORE_LM_TOKENS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "pipeline/restore/lm_format.h"
#include "pipeline/text/tokenizer.h"

namespace vanban::restore {

// The class id of a token kind, or 0 when the token's own spelling is its LM word.
uint16_t ClassIdOf(text::TokenKind kind);

// The id to use when a word or a punctuation mark is not in the vocabulary.
inline uint16_t FallbackId(text::TokenKind kind) {
  return kind == text::TokenKind::kPunct ? lm::kSymbolId : lm::kUnk;
}

// Lower case with the tone mark placed "hòa" style: the form the model stores.
std::string CanonicalWord(std::string_view word);

}  // namespace vanban::restore

#endif  // VANBAN_PIPELINE_RESTORE_LM_TOKENS_H_
