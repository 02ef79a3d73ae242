#include "pipeline/text/tokenizer.h"

#include <unicode/uchar.h>

#include <string>

#include "pipeline/text/unicode.h"
#include "pipeline/text/vietnamese.h"

namespace vanban::text {
namespace {

enum class CharClass : uint8_t { kSpace, kNewline, kLetter, kDigit, kOther };

CharClass Classify(char32_t c) {
  if (c < 0x80) {
    if (c == '\n' || c == '\r') return CharClass::kNewline;
    if (c == ' ' || c == '\t' || c == '\v' || c == '\f') return CharClass::kSpace;
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return CharClass::kLetter;
    if (c >= '0' && c <= '9') return CharClass::kDigit;
    return CharClass::kOther;
  }
  UChar32 u = static_cast<UChar32>(c);
  if (c == 0x2028 || c == 0x2029 || c == 0x85) return CharClass::kNewline;
  if (u_isUWhiteSpace(u)) return CharClass::kSpace;
  if (u_isalpha(u) || u_charType(u) == U_NON_SPACING_MARK) return CharClass::kLetter;
  if (u_isdigit(u)) return CharClass::kDigit;
  return CharClass::kOther;
}

CharClass ClassAt(std::string_view text, size_t pos, size_t* next) {
  *next = pos;
  return Classify(NextCodePoint(text, next));
}

bool IsConnector(char c) { return c == '/' || c == '-' || c == '.' || c == '_' || c == ','; }

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if ((s[i] | 0x20) != prefix[i]) return false;
  }
  return true;
}

// Trailing sentence punctuation is not part of a URL or an address.
size_t TrimTrailing(std::string_view chunk) {
  size_t end = chunk.size();
  while (end > 0 && std::string_view(".,;:!?)]}\"'>").find(chunk[end - 1]) != std::string_view::npos)
    --end;
  return end;
}

size_t UrlOrEmailLength(std::string_view chunk, TokenKind* kind) {
  if (StartsWithNoCase(chunk, "http://") || StartsWithNoCase(chunk, "https://") ||
      StartsWithNoCase(chunk, "www.") || chunk.find("://") != std::string_view::npos) {
    *kind = TokenKind::kUrl;
    return TrimTrailing(chunk);
  }
  size_t at = chunk.find('@');
  if (at != std::string_view::npos && at > 0 && chunk.find('.', at) != std::string_view::npos) {
    *kind = TokenKind::kEmail;
    return TrimTrailing(chunk);
  }
  return 0;
}

struct Part {
  size_t begin, end;
  bool letters, digits;
};

// One run of letters and digits joined by connectors ("28-CT/TW", "Rịa-Vũng", "1.276").
class Compound {
 public:
  Compound(std::string_view text, uint32_t base) : text_(text), base_(base) {}

  // Reads the compound starting at `pos` (a letter or digit); returns where it ends.
  size_t Read(size_t pos) {
    parts_.clear();
    for (;;) {
      Part part{pos, pos, false, false};
      size_t next;
      while (pos < text_.size()) {
        CharClass c = ClassAt(text_, pos, &next);
        if (c != CharClass::kLetter && c != CharClass::kDigit) break;
        (c == CharClass::kLetter ? part.letters : part.digits) = true;
        pos = next;
      }
      part.end = pos;
      parts_.push_back(part);
      if (pos + 1 >= text_.size() || !IsConnector(text_[pos])) return pos;
      CharClass after = ClassAt(text_, pos + 1, &next);
      if (after != CharClass::kLetter && after != CharClass::kDigit) return pos;
      // A comma joins only the digits of a number ("9,3"), never words.
      if (text_[pos] == ',' && !(part.digits && !part.letters && after == CharClass::kDigit))
        return pos;
      ++pos;
    }
  }

  void Emit(std::vector<Token>* tokens) const {
    bool all_digits = true, all_words = true;
    for (const Part& p : parts_) {
      if (p.letters) all_digits = false;
      if (p.digits || !IsWordText(text_.substr(p.begin, p.end - p.begin))) all_words = false;
    }
    const Part& first = parts_.front();
    const Part& last = parts_.back();
    if (all_digits) return Push(TokenKind::kNumber, first.begin, last.end, tokens);
    if (parts_.size() == 1 && !first.digits) {
      return Push(all_words ? TokenKind::kWord : TokenKind::kAbbreviation, first.begin, first.end,
                  tokens);
    }
    if (!all_words) return Push(TokenKind::kCode, first.begin, last.end, tokens);
    for (size_t i = 0; i < parts_.size(); ++i) {
      if (i > 0) Push(TokenKind::kPunct, parts_[i - 1].end, parts_[i].begin, tokens);
      Push(TokenKind::kWord, parts_[i].begin, parts_[i].end, tokens);
    }
  }

 private:
  void Push(TokenKind kind, size_t begin, size_t end, std::vector<Token>* tokens) const {
    tokens->push_back(Token{kind, base_ + static_cast<uint32_t>(begin), base_ + static_cast<uint32_t>(end)});
  }

  std::string_view text_;
  uint32_t base_;
  std::vector<Part> parts_;
};

void TokenizeChunk(std::string_view text, size_t begin, size_t end, std::vector<Token>* tokens) {
  std::string_view chunk = text.substr(begin, end - begin);
  TokenKind kind;
  size_t special = UrlOrEmailLength(chunk, &kind);
  if (special > 0) {
    tokens->push_back(Token{kind, static_cast<uint32_t>(begin), static_cast<uint32_t>(begin + special)});
    chunk = chunk.substr(special);
    begin += special;
  }
  Compound compound(chunk, static_cast<uint32_t>(begin));
  size_t pos = 0;
  while (pos < chunk.size()) {
    size_t next;
    CharClass c = ClassAt(chunk, pos, &next);
    if (c == CharClass::kLetter || c == CharClass::kDigit) {
      next = compound.Read(pos);
      compound.Emit(tokens);
    } else {
      tokens->push_back(Token{TokenKind::kPunct, static_cast<uint32_t>(begin + pos),
                              static_cast<uint32_t>(begin + next)});
    }
    pos = next;
  }
}

}  // namespace

bool IsWordText(std::string_view text) {
  std::u32string s = ToU32(text);
  for (char32_t& c : s) c = LowerLetter(c);
  if (s.size() == 1) {
    Letter l;
    return DescribeLetter(s[0], &l);
  }
  return IsValidSyllable(s);
}

void Tokenize(std::string_view text, std::vector<Token>* tokens) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t next;
    CharClass c = ClassAt(text, pos, &next);
    if (c == CharClass::kNewline) {
      if (text[pos] == '\r' && next < text.size() && text[next] == '\n') ++next;
      tokens->push_back(Token{TokenKind::kNewline, static_cast<uint32_t>(pos), static_cast<uint32_t>(next)});
      pos = next;
      continue;
    }
    size_t end = next;
    bool space = c == CharClass::kSpace;
    while (end < text.size()) {
      size_t after;
      CharClass d = ClassAt(text, end, &after);
      if (d == CharClass::kNewline || (d == CharClass::kSpace) != space) break;
      end = after;
    }
    if (space) {
      tokens->push_back(Token{TokenKind::kSpace, static_cast<uint32_t>(pos), static_cast<uint32_t>(end)});
    } else {
      TokenizeChunk(text, pos, end, tokens);
    }
    pos = end;
  }
}

}  // namespace vanban::text
