#include "pipeline/text/vietnamese.h"

#include <unicode/uchar.h>

#include <array>
#include <string_view>

#include "pipeline/text/unicode.h"

namespace vanban::text {
namespace {

// Rows: the twelve toneless vowels; columns: the six tones in Tone order.
constexpr std::u32string_view kVowelTable =
    U"aàáảãạ" U"ăằắẳẵặ" U"âầấẩẫậ" U"eèéẻẽẹ" U"êềếểễệ" U"iìíỉĩị"
    U"oòóỏõọ" U"ôồốổỗộ" U"ơờớởỡợ" U"uùúủũụ" U"ưừứửữự" U"yỳýỷỹỵ";
constexpr std::u32string_view kVowelAscii = U"aaaeeiooouuy";
constexpr std::u32string_view kShaped = U"ăâêôơư";

// Letters live below U+1F00; one flat array makes DescribeLetter a single load.
constexpr char32_t kTableLimit = 0x1F00;

struct LetterTable {
  std::array<Letter, kTableLimit> letters{};

  LetterTable() {
    for (char32_t c = 'a'; c <= 'z'; ++c) Add(c, c, static_cast<char>(c), kLevel);
    Add(U'đ', U'đ', 'd', kLevel);
    for (size_t row = 0; row < kVowelAscii.size(); ++row) {
      char32_t base = kVowelTable[row * 6];
      for (uint8_t tone = 0; tone < 6; ++tone) {
        Add(kVowelTable[row * 6 + tone], base, static_cast<char>(kVowelAscii[row]), tone);
      }
    }
  }

  void Add(char32_t lower, char32_t toneless, char ascii, uint8_t tone) {
    letters[lower] = Letter{toneless, ascii, tone, false};
    char32_t upper = static_cast<char32_t>(u_toupper(static_cast<UChar32>(lower)));
    if (upper < kTableLimit) letters[upper] = Letter{toneless, ascii, tone, true};
  }
};

const LetterTable& Table() {
  static const LetterTable table;
  return table;
}

bool IsShaped(char32_t c) { return kShaped.find(c) != std::u32string_view::npos; }

constexpr std::array<std::u32string_view, 27> kOnsets = {
    U"ngh", U"ch", U"gh", U"gi", U"kh", U"ng", U"nh", U"ph", U"qu", U"th", U"tr", U"b", U"c", U"d",
    U"đ",   U"g",  U"h",  U"k",  U"l",  U"m",  U"n",  U"p",  U"r",  U"s",  U"t",  U"v", U"x"};

constexpr std::array<std::u32string_view, 9> kCodas = {U"", U"c", U"ch", U"m", U"n",
                                                      U"ng", U"nh", U"p", U"t"};

constexpr std::array<std::u32string_view, 50> kNuclei = {
    U"a",   U"ă",   U"â",   U"e",   U"ê",   U"i",   U"o",   U"ô",   U"ơ",   U"u",
    U"ư",   U"y",   U"ai",  U"ao",  U"au",  U"ay",  U"âu",  U"ây",  U"eo",  U"êu",
    U"ia",  U"iu",  U"iê",  U"oa",  U"oă",  U"oe",  U"oi",  U"ôi",  U"ơi",  U"oo",
    U"ua",  U"uâ",  U"uê",  U"ui",  U"uô",  U"uơ",  U"uy",  U"ưa",  U"ưi",  U"ưu",
    U"ươ",  U"yê",  U"iêu", U"yêu", U"oai", U"oay", U"oeo", U"uây", U"uôi", U"ươi"};
constexpr std::array<std::u32string_view, 5> kLongNuclei = {U"ươu", U"uya", U"uyê", U"uyu",
                                                           U"oao"};

template <size_t N>
bool OneOf(const std::array<std::u32string_view, N>& set, std::u32string_view s) {
  for (auto item : set) {
    if (item == s) return true;
  }
  return false;
}

char32_t Unshaped(char32_t c) {
  switch (c) {
    case U'ă': case U'â': return U'a';
    case U'ê': return U'e';
    case U'ô': case U'ơ': return U'o';
    case U'ư': return U'u';
    default: return c;
  }
}

// Stripped text spells "ươ" as "uo": a nucleus without shape marks matches any nucleus that
// loses its marks to it.
template <size_t N>
bool OneOfUnshaped(const std::array<std::u32string_view, N>& set, std::u32string_view s) {
  for (auto item : set) {
    if (item.size() != s.size()) continue;
    size_t i = 0;
    while (i < s.size() && Unshaped(item[i]) == s[i]) ++i;
    if (i == s.size()) return true;
  }
  return false;
}

// Where the onset ends and the vowel cluster starts and ends in a toneless lower syllable.
struct Anatomy {
  size_t nucleus = 0, coda = 0;  // [nucleus, coda) is the vowel cluster
  bool ok = false;
};

Anatomy Dissect(std::u32string_view s) {
  Anatomy a;
  size_t first_vowel = 0;
  while (first_vowel < s.size() && !IsVowel(s[first_vowel])) ++first_vowel;
  if (first_vowel == s.size()) return a;
  size_t end = first_vowel;
  while (end < s.size() && IsVowel(s[end])) ++end;
  a.nucleus = first_vowel;
  a.coda = end;
  std::u32string_view onset = s.substr(0, first_vowel);
  // "qu" and "gi" take the glide into the onset when a vowel follows it.
  if ((onset == U"q" && s[first_vowel] == U'u') ||
      (onset == U"g" && s[first_vowel] == U'i' && end - first_vowel > 1)) {
    if (end - first_vowel > 1) a.nucleus = first_vowel + 1;
    onset = s.substr(0, first_vowel + 1);
  }
  a.ok = onset.empty() || OneOf(kOnsets, onset);
  return a;
}

bool IsLetterOrDigit(char32_t c) { return (c >= '0' && c <= '9') || LowerLetter(c) != c || UpperLetter(c) != c; }

}  // namespace

bool DescribeLetter(char32_t c, Letter* letter) {
  if (c >= kTableLimit) return false;
  const Letter& l = Table().letters[c];
  if (l.toneless == 0) return false;
  *letter = l;
  return true;
}

bool IsVowel(char32_t c) {
  return std::u32string_view(U"aăâeêioôơuưy").find(c) != std::u32string_view::npos;
}

std::string Skeleton(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  size_t pos = 0;
  while (pos < utf8.size()) {
    unsigned char b = static_cast<unsigned char>(utf8[pos]);
    if (b < 0x80) {
      out.push_back(b >= 'A' && b <= 'Z' ? static_cast<char>(b + 32) : static_cast<char>(b));
      ++pos;
      continue;
    }
    char32_t c = NextCodePoint(utf8, &pos);
    Letter l;
    if (DescribeLetter(c, &l)) {
      out.push_back(l.ascii);
    } else {
      AppendUtf8(static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))), &out);
    }
  }
  return out;
}

bool HasVietnameseMarks(std::string_view utf8) {
  size_t pos = 0;
  while (pos < utf8.size()) {
    if (static_cast<unsigned char>(utf8[pos]) < 0x80) {
      ++pos;
      continue;
    }
    Letter l;
    if (DescribeLetter(NextCodePoint(utf8, &pos), &l) && (l.tone != kLevel || l.toneless >= 0x80))
      return true;
  }
  return false;
}

std::string WithLookAlikeLetters(std::string utf8) {
  for (const auto& [eth, d] : {std::pair<std::string_view, std::string_view>{"ĐÐ", "Đ"}, {"đð", "đ"}, {"Ð", "Đ"}, {"ð", "đ"}}) {
    for (size_t at = utf8.find(eth); at != std::string::npos; at = utf8.find(eth, at + d.size())) {
      utf8.replace(at, eth.size(), d);
    }
  }
  constexpr char32_t kInvertedExclamation = 0xA1, kCopyright = 0xA9;
  if (utf8.find("\u00A1") == std::string::npos && utf8.find("\u00A9") == std::string::npos) return utf8;
  std::u32string text = ToU32(utf8);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != kInvertedExclamation && text[i] != kCopyright) continue;
    const char32_t before = i > 0 ? text[i - 1] : 0, after = i + 1 < text.size() ? text[i + 1] : 0;
    const bool in_word = IsLetterOrDigit(before) || IsLetterOrDigit(after);
    if (text[i] == kInvertedExclamation && in_word) text[i] = 'i';
    // A "c" after a slash ("b/©") or before a list item's bracket ("©) …") too.
    if (text[i] == kCopyright && (in_word || before == '/' || after == ')')) text[i] = 'c';
  }
  return ToU8(text);
}

std::u32string ToU32(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  size_t pos = 0;
  while (pos < utf8.size()) out.push_back(NextCodePoint(utf8, &pos));
  return out;
}

std::string ToU8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 2);
  for (char32_t c : s) AppendUtf8(c, &out);
  return out;
}

bool SplitTone(std::u32string_view lower, std::u32string* toneless, Tone* tone) {
  toneless->clear();
  *tone = kLevel;
  int marks = 0;
  for (char32_t c : lower) {
    Letter l;
    if (!DescribeLetter(c, &l)) {
      toneless->push_back(c);
      continue;
    }
    toneless->push_back(l.toneless);
    if (l.tone != kLevel) {
      *tone = static_cast<Tone>(l.tone);
      ++marks;
    }
  }
  return marks <= 1;
}

bool IsValidSyllable(std::u32string_view lower, bool tone_required_for_stops) {
  std::u32string toneless;
  Tone tone;
  if (lower.empty() || lower.size() > 7 || !SplitTone(lower, &toneless, &tone)) return false;
  for (char32_t c : toneless) {
    Letter l;
    if (!DescribeLetter(c, &l) || l.upper) return false;
  }
  Anatomy a = Dissect(toneless);
  if (!a.ok) return false;
  std::u32string_view nucleus = std::u32string_view(toneless).substr(a.nucleus, a.coda - a.nucleus);
  std::u32string_view coda = std::u32string_view(toneless).substr(a.coda);
  bool shaped = false;
  for (char32_t c : nucleus) shaped = shaped || IsShaped(c);
  bool known = shaped ? OneOf(kNuclei, nucleus) || OneOf(kLongNuclei, nucleus)
                      : OneOfUnshaped(kNuclei, nucleus) || OneOfUnshaped(kLongNuclei, nucleus);
  if (!known) return false;
  if (!OneOf(kCodas, coda)) return false;
  bool stop = coda == U"c" || coda == U"ch" || coda == U"p" || coda == U"t";
  if (stop && tone_required_for_stops && tone != kAcute && tone != kDot) return false;
  return true;
}

std::u32string PlaceTone(std::u32string_view toneless, Tone tone, ToneStyle style) {
  std::u32string out(toneless);
  if (tone == kLevel) return out;
  Anatomy a = Dissect(toneless);
  if (a.coda == a.nucleus) return out;
  size_t target = a.coda;  // sentinel: not chosen yet
  for (size_t i = a.nucleus; i < a.coda; ++i) {
    if (IsShaped(toneless[i])) target = i;
  }
  size_t len = a.coda - a.nucleus;
  if (target == a.coda) {
    if (a.coda < toneless.size()) {
      target = a.coda - 1;
    } else if (len == 3) {
      target = a.nucleus + 1;
    } else if (len == 2) {
      std::u32string_view pair = toneless.substr(a.nucleus, 2);
      bool glide_first = pair == U"oa" || pair == U"oe" || pair == U"uy";
      target = (glide_first && style == ToneStyle::kOld) ? a.nucleus + 1 : a.nucleus;
    } else {
      target = a.nucleus;
    }
  }
  size_t row = kVowelTable.find(toneless[target]);
  if (row == std::u32string_view::npos || row % 6 != 0) return out;
  out[target] = kVowelTable[row + tone];
  return out;
}

std::string NormalizeTonePlacement(std::string_view lower_utf8, ToneStyle style) {
  std::u32string toneless;
  Tone tone;
  if (!SplitTone(ToU32(lower_utf8), &toneless, &tone)) return std::string(lower_utf8);
  return ToU8(PlaceTone(toneless, tone, style));
}

// ASCII first: most letters of a syllable are, and these run for every candidate the decoder
// writes out (ICU's case tables cost ~3 % of stripped-text restoring).
char32_t LowerLetter(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 32 : c;
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}
char32_t UpperLetter(char32_t c) {
  if (c < 0x80) return c >= 'a' && c <= 'z' ? c - 32 : c;
  return static_cast<char32_t>(u_toupper(static_cast<UChar32>(c)));
}
static bool IsUpperLetter(char32_t c) {
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  return u_isupper(static_cast<UChar32>(c));
}

std::string CopyCase(std::u32string_view pattern, std::u32string_view lower) {
  std::string out;
  out.reserve(lower.size() * 2);
  bool upper = false;
  for (size_t i = 0; i < lower.size(); ++i) {
    if (i < pattern.size()) upper = IsUpperLetter(pattern[i]);
    AppendUtf8(upper ? UpperLetter(lower[i]) : lower[i], &out);
  }
  return out;
}

}  // namespace vanban::text
