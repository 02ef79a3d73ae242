#include "pipeline/extract/phrase.h"

#include <algorithm>
#include <iterator>
#include <regex>

#include "pipeline/text/unicode.h"
#include "pipeline/text/vietnamese.h"

namespace vanban::extract {
namespace {

constexpr std::string_view kEmDash = "\xE2\x80\x94";  // —
constexpr std::string_view kEnDash = "\xE2\x80\x93";  // –

// Bullets and specks OCR puts before a list entry.
bool IsBulletByte(char c) {
  return c == '-' || c == '_' || c == '~' || c == '+' || c == '*' || c == '\'' || c == '`' ||
         c == '.' || c == ':' || c == ' ' || c == '\t' || c == '|' || c == ',';
}

// Leading bullets, including the multi-byte dashes and the bullet sign.
size_t SkipBullets(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (IsBulletByte(s[i])) {
      ++i;
    } else if (s.substr(i, 3) == kEmDash || s.substr(i, 3) == kEnDash ||
               s.substr(i, 3) == "\xE2\x80\xA2") {  // •
      i += 3;
    } else {
      break;
    }
  }
  return i;
}

// A letter's case; kNone for digits, punctuation and letters without case, kOther for title
// case ("ǅ").
enum class LetterCase { kNone, kLower, kUpper, kOther };

// Simple (one code point) case mappings: the full mappings of ICU's string functions cost an
// allocation and a conversion per letter, the largest share of the extractor's time.
LetterCase CaseOf(char32_t letter) {
  const char32_t lower = text::LowerLetter(letter), upper = text::UpperLetter(letter);
  if (lower == upper) return LetterCase::kNone;
  if (upper == letter) return LetterCase::kUpper;
  return lower == letter ? LetterCase::kLower : LetterCase::kOther;
}

// The case of the code point at *pos; advances *pos past it.
LetterCase NextLetterCase(std::string_view text, size_t* pos) { return CaseOf(text::NextCodePoint(text, pos)); }

size_t AlnumCount(std::string_view s) {
  size_t count = 0, pos = 0;
  while (pos < s.size()) {
    char32_t cp = text::NextCodePoint(s, &pos);
    if (cp >= 0x80 || std::isalnum(static_cast<unsigned char>(cp))) ++count;
  }
  return count;
}

// The entry without trailing specks: a scribble after a bar, what follows its last ';' or '.' when
// that is at most two letters of noise (a seal's edge, a stray mark), then trailing punctuation
// and dashes.
std::string_view WithoutTail(std::string_view entry) {
  // A lone bar and a word or two of letters after it are a scribble beside the list ("Lưu VT-NĐ
  // | đun"): entries never hold a bar.
  size_t bar = entry.rfind(" | ");
  if (bar != std::string_view::npos && bar > 0 && AlnumCount(entry.substr(bar)) <= 4) entry = entry.substr(0, bar);
  size_t terminator = entry.find_last_of(";.");
  if (terminator != std::string_view::npos && AlnumCount(entry.substr(terminator + 1)) <= 2) {
    entry = entry.substr(0, terminator + 1);
  }
  // OCR reads a final ';' as ':' too; after a colon only one speck is noise ("Lưu: VT" is not).
  size_t colon = entry.find_last_of(':');
  if (colon != std::string_view::npos && colon + 1 < entry.size() && AlnumCount(entry.substr(colon + 1)) <= 1) {
    entry = entry.substr(0, colon + 1);
  }
  while (!entry.empty()) {
    if (entry.size() >= 3 && (entry.substr(entry.size() - 3) == kEmDash ||
                              entry.substr(entry.size() - 3) == kEnDash)) {
      entry.remove_suffix(3);
      continue;
    }
    char c = entry.back();
    // A lone dot after a space is a speck, not a full stop: "ngành tỉnh; ."
    if (c == '.' && entry.size() >= 2 && entry[entry.size() - 2] == ' ') {
      entry.remove_suffix(1);
      continue;
    }
    if (c == ' ' || c == '\t' || c == '-' || c == '_' || c == '`' || c == '\'' || c == '|' || c == '~') {
      entry.remove_suffix(1);
      continue;
    }
    break;
  }
  return entry;
}

// Whether `code` is a run of two or more capital letters, "&" allowed between them ("PCVP", "TN&MT").
bool IsCapitalCode(std::string_view code) {
  int letters = 0;
  for (size_t pos = 0; pos < code.size();) {
    const size_t at = pos;
    const LetterCase letter_case = NextLetterCase(code, &pos);
    if (letter_case == LetterCase::kUpper) {
      ++letters;
    } else if (code[at] != '&') {
      return false;
    }
  }
  return letters >= 2;
}

}  // namespace

std::optional<Token> NextToken(std::string_view text, size_t* pos) {
  size_t i = *pos;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (i >= text.size()) {
    *pos = i;
    return std::nullopt;
  }
  size_t begin = i;
  while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
  *pos = i;
  return Token{begin, i};
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t pos = 0;
  while (std::optional<Token> token = NextToken(text, &pos)) tokens.push_back(*token);
  return tokens;
}

void AddReading(const std::string& reading, std::vector<std::string>* readings) {
  if (!reading.empty() && std::find(readings->begin(), readings->end(), reading) == readings->end()) {
    readings->push_back(reading);
  }
}

std::string Trim(std::string_view text, std::string_view chars) {
  size_t begin = text.find_first_not_of(chars);
  if (begin == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(chars);
  return std::string(text.substr(begin, end - begin + 1));
}

std::string Tidy(std::string_view text) {
  std::string out;
  for (Token token : Tokenize(text)) {
    if (!out.empty()) out += ' ';
    std::string_view word = token.In(text);
    out += word == kEmDash ? kEnDash : word;
  }
  return out;
}

double UpperShare(std::string_view text) {
  size_t upper = 0, letters = 0;
  for (size_t pos = 0; pos < text.size();) {
    const LetterCase letter_case = NextLetterCase(text, &pos);
    if (letter_case == LetterCase::kNone) continue;
    ++letters;
    if (letter_case == LetterCase::kUpper) ++upper;
  }
  return letters < 2 ? 0 : static_cast<double>(upper) / static_cast<double>(letters);
}

bool IsUpperDominant(std::string_view text) { return UpperShare(text) >= 0.75; }

bool IsCapitalizedWord(std::string_view word) {
  bool first = true;
  for (size_t pos = 0; pos < word.size();) {
    // Digits and punctuation do not belong in a name.
    if (NextLetterCase(word, &pos) != (first ? LetterCase::kUpper : LetterCase::kLower)) return false;
    first = false;
  }
  return !first;
}

bool StartsWithCapital(std::string_view text) {
  size_t pos = 0;
  return !text.empty() && NextLetterCase(text, &pos) == LetterCase::kUpper;
}

std::string_view FromFirstLetter(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    const size_t start = pos;
    if (NextLetterCase(text, &pos) != LetterCase::kNone) return text.substr(start);
  }
  return {};
}

bool HasDigit(std::string_view text) {
  for (char c : text) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string JoinWrapped(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& raw : lines) {
    std::string line = Trim(raw);
    if (line.empty()) continue;
    bool code_continues = out.size() >= 2 && out.back() == '-' && out[out.size() - 2] != ' ';
    if (!out.empty() && !code_continues) out += ' ';
    out += line;
  }
  return Tidy(out);
}

// A ')' that closes nothing is a seal speck OCR glued to a word ("Thường trực HĐND) tỉnh").
std::string WithoutStrayParens(std::string_view entry) {
  std::string out;
  int open = 0;
  for (char c : entry) {
    if (c == '(') ++open;
    if (c == ')' && open == 0) continue;
    if (c == ')') --open;
    out += c;
  }
  return out;
}

std::string CleanEntry(std::string_view entry) {
  entry = entry.substr(SkipBullets(entry));
  entry = WithoutTail(entry);
  while (!entry.empty() && (entry.back() == ';' || entry.back() == '.' || entry.back() == ',' ||
                            entry.back() == ':' || entry.back() == ' ')) {
    entry.remove_suffix(1);
  }
  return Tidy(WithoutStrayParens(entry));
}

char EntryTerminator(std::string_view entry) {
  entry = WithoutTail(entry);
  if (entry.empty()) return 0;
  char c = entry.back();
  // ";." is an entry's ';' with a speck after it: the list goes on.
  if (c == '.' && entry.size() >= 2 && entry[entry.size() - 2] == ';') return ';';
  return c == ';' || c == '.' ? c : 0;
}

std::string DigitsFromLookAlikes(std::string_view slot) {
  if (slot.empty() || slot.size() > 2 || !HasDigit(slot)) return std::string(slot);
  std::string digits(slot);
  for (char& c : digits) {
    if (c == 'l' || c == 'I' || c == '|') c = '1';
    if (c == 'O' || c == 'o') c = '0';
  }
  return AllDigits(digits) ? digits : std::string(slot);
}

std::string WithNumberRunDigits(std::string_view entry) {
  const std::vector<Token> tokens = Tokenize(entry);
  auto word = [&](size_t k) { return tokens[k].In(entry); };
  auto core = [](std::string_view token) {
    while (!token.empty() && (token.back() == ',' || token.back() == ';' || token.back() == '.')) token.remove_suffix(1);
    return token;
  };
  auto number = [&](size_t k) { return k < tokens.size() && !core(word(k)).empty() && AllDigits(core(word(k))); };
  std::string out(entry);
  for (size_t k = 0; k < tokens.size(); ++k) {
    const std::string_view letter = core(word(k));
    if (letter != "I" && letter != "l" && letter != "|") continue;
    const bool comma_after = word(k).size() > letter.size() && word(k)[letter.size()] == ',';
    const bool comma_before = k > 0 && word(k - 1).ends_with(',');
    if ((comma_after && number(k + 1)) || (comma_before && number(k - 1))) out[tokens[k].begin] = '1';
  }
  return out;
}

std::string WithCodeListCommas(std::string_view entry) {
  // Abbreviations that take a period before the name they shorten: places, degrees, authorities.
  static constexpr std::string_view kDotted[] = {"TP", "TX", "TT", "TS", "ThS", "PGS", "GS", "BS", "KS", "CN",
                                                 "KT", "TM", "TL", "TUQ"};
  const std::vector<Token> tokens = Tokenize(entry);
  std::string out(entry);
  for (size_t k = 0; k + 1 < tokens.size(); ++k) {
    std::string_view word = tokens[k].In(entry);
    if (!word.ends_with('.')) continue;
    word.remove_suffix(1);
    const size_t start = word.find_last_of(":,.(");
    const std::string_view code = start == std::string_view::npos ? word : word.substr(start + 1);
    if (!IsCapitalCode(code) || std::find(std::begin(kDotted), std::end(kDotted), code) != std::end(kDotted)) continue;
    if (StartsWithCapital(entry.substr(tokens[k + 1].begin))) out[tokens[k].end - 1] = ',';
  }
  return out;
}

std::optional<std::string> IsoDate(std::string_view day, std::string_view month, std::string_view year) {
  if (!AllDigits(day) || !AllDigits(month) || !AllDigits(year) || day.size() > 2 ||
      month.size() > 2 || year.size() != 4) {
    return std::nullopt;
  }
  int d = std::stoi(std::string(day)), m = std::stoi(std::string(month)), y = std::stoi(std::string(year));
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1945 || y > 2100 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return std::nullopt;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, m, d);
  return std::string(buffer);
}

std::optional<std::string> ParseNumericDate(std::string_view text, size_t* length) {
  static const std::regex kDate(R"(^(\d{1,2})\s?([/.])\s?(\d{1,2})\s?\2\s?(\d{4}))");
  std::match_results<std::string_view::const_iterator> m;
  // match_continuous: a search would try, and fail, at every later byte of a long text.
  if (!std::regex_search(text.begin(), text.end(), m, kDate, std::regex_constants::match_continuous)) {
    return std::nullopt;
  }
  if (length != nullptr) *length = static_cast<size_t>(m.length(0));
  return IsoDate(std::string_view(&*m[1].first, m[1].length()), std::string_view(&*m[3].first, m[3].length()),
                 std::string_view(&*m[4].first, m[4].length()));
}

std::string ReadNumber(std::string_view text, size_t* length) {
  // Token by token: the number is a few tokens long, the text may be the rest of a long body.
  size_t pos = 0;
  std::optional<Token> first = NextToken(text, &pos);
  if (!first.has_value()) return "";
  auto word = [&](Token token) { return token.In(text); };
  std::string number(word(*first));
  size_t end = first->end;
  while (std::optional<Token> token = NextToken(text, &pos)) {
    std::string_view next = word(*token);
    bool joins = number.back() == '/' || number.back() == '-' || next.front() == '/' || next.front() == '-';
    // A typewriter's "QĐ- -NĐ": one separator, struck twice across a line's gap.
    if (number.back() == '-' && next.front() == '-') next.remove_prefix(1);
    // "2577 JUBND-KGVX": OCR reads the slash after a number as J, I, l or |.
    bool misread_slash = !joins && HasDigit(number) && next.size() > 2 &&
                         std::string_view("JIl|").find(next.front()) != std::string_view::npos &&
                         std::isupper(static_cast<unsigned char>(next[1])) &&
                         next.find('-') != std::string_view::npos;
    if (!joins && !misread_slash) break;
    if (misread_slash) {
      number += '/';
      next.remove_prefix(1);
    }
    number += next;
    end = token->end;
  }
  number = text::WithLookAlikeLetters(std::move(number));
  while (!number.empty() && std::string_view(".,;:").find(number.back()) != std::string_view::npos) {
    number.pop_back();
  }
  if (number.find('/') == std::string::npos && number.find('-') == std::string::npos) return "";
  if (length != nullptr) *length = end;
  return number;
}

bool HasValidSerial(std::string_view number) {
  std::string_view serial = number.substr(0, number.find_first_of("/-"));
  return AllDigits(serial) && serial.size() <= 6 && serial.find_first_not_of('0') != std::string_view::npos;
}

std::string TypeAbbreviation(std::string_view number) {
  size_t start = number.find_first_of("/-");
  if (start == std::string_view::npos) return "";
  std::string_view rest = number.substr(start + 1);
  // "161/2024/NĐ-CP": the year sits between the serial and the symbol.
  if (rest.size() > 5 && AllDigits(rest.substr(0, 4)) && rest[4] == '/') rest = rest.substr(5);
  return std::string(rest.substr(0, rest.find_first_of("/-")));
}

NumberParts SplitNumber(std::string_view number) {
  NumberParts parts;
  const size_t separator = number.find_first_of("/-");
  const std::string_view head = number.substr(0, separator);
  const bool has_serial = !head.empty() && AllDigits(head);
  const size_t rest = has_serial ? (separator == std::string_view::npos ? separator : separator + 1)
                                 : number.find_first_not_of("/-");
  if (has_serial) parts.serial = std::string(head);
  if (rest != std::string_view::npos && rest < number.size()) parts.notation = std::string(number.substr(rest));
  return parts;
}

}  // namespace vanban::extract
