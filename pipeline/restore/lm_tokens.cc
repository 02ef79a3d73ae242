#include "pipeline/restore/lm_tokens.h"

#include "pipeline/text/unicode.h"
#include "pipeline/text/vietnamese.h"

namespace vanban::restore {

uint16_t ClassIdOf(text::TokenKind kind) {
  switch (kind) {
    case text::TokenKind::kNumber: return lm::kNumberId;
    case text::TokenKind::kCode: return lm::kCodeId;
    case text::TokenKind::kAbbreviation: return lm::kAbbrId;
    case text::TokenKind::kEmail:
    case text::TokenKind::kUrl: return lm::kUrlId;
    default: return 0;
  }
}

std::string CanonicalWord(std::string_view word) {
  std::u32string lower = text::ToU32(word);
  for (char32_t& c : lower) c = text::LowerLetter(c);
  std::u32string toneless;
  text::Tone tone;
  if (!text::SplitTone(lower, &toneless, &tone)) return text::ToU8(lower);
  return text::ToU8(text::PlaceTone(toneless, tone, ToneStyle::kNew));
}

}  // namespace vanban::restore
