// Small text helpers shared by the extractor's parsers: tokens with byte offsets, case tests on
// UTF-8 words, joining wrapped lines, cleaning list entries, reading dates and document numbers.
//
// Thread-safety: pure functions.
#ifndef VANBAN_PIPELINE_EXTRACT_PHRASE_H_
#define VANBAN_PIPELINE_EXTRACT_PHRASE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/document.h"

namespace vanban::extract {

// Where a value was read: bytes [begin, end) of the extractor's row number `row` (rows.h).
struct Span {
  size_t row = 0, begin = 0, end = 0;
};

// A field value with how sure the parser is of it, whether a person should check it and why,
// and where it was read.
struct Scored {
  std::optional<std::string> value;
  double confidence = 0;
  bool review = false;
  std::string reason;                   // a review_reason (document.h) when a check knows why
  std::vector<Span> sources;            // for a value inferred from other fields, their words
  // Where a value read outside the rows was found (an urgency stamp's red ink), when `sources`
  // is empty.
  std::optional<FieldSource> located;
  std::vector<std::string> candidates;  // other readings worth showing a reviewer
  // Every word of the value is one the dictionaries know: OCR's doubt about the words it was
  // read from ("TĨNH" for "TỈNH" at 38) was the damage the dictionaries put right.
  bool vouched = false;
};

struct Token {
  size_t begin = 0, end = 0;
  std::string_view In(std::string_view text) const { return text.substr(begin, end - begin); }
};

std::vector<Token> Tokenize(std::string_view text);
// The token starting at or after *pos (nullopt at the end); moves *pos past it.
std::optional<Token> NextToken(std::string_view text, size_t* pos);
// Appends a reading for a reviewer unless it is empty or there already: each reading once.
void AddReading(const std::string& reading, std::vector<std::string>* readings);
std::string Trim(std::string_view text, std::string_view chars = " \t");
// Collapses runs of spaces and turns OCR's em dashes into the en dash documents print.
std::string Tidy(std::string_view text);

// Share of upper-case letters among the letters, 0 when there are fewer than two letters.
double UpperShare(std::string_view text);
bool IsUpperDominant(std::string_view text);
// "Nguyễn", "Hòa": an upper-case letter followed by lower-case letters only.
bool IsCapitalizedWord(std::string_view word);
// Whether the text opens with an upper-case letter ("VÀ TIN HỌC", "Trung tâm").
bool StartsWithCapital(std::string_view text);
// The text from its first letter on: quotes, dashes and specks OCR put before a line are not part
// of it ("“Đặng Văn Minh").
std::string_view FromFirstLetter(std::string_view text);
bool HasDigit(std::string_view text);
bool AllDigits(std::string_view text);

// Joins the printed lines of one phrase: a line ending in "-" right after a character continues
// a code ("28-" + "CT/TW" → "28-CT/TW"); otherwise lines are joined by one space.
std::string JoinWrapped(const std::vector<std::string>& lines);

// A list entry as the field prints it: no leading dash or bullet, no trailing ";" "." "," and
// no OCR specks after its terminator.
std::string CleanEntry(std::string_view entry);
// Whether an entry line ends with its terminator (";" or ".") once OCR specks are ignored.
char EntryTerminator(std::string_view entry);

// A one- or two-character day or month as digits when OCR read a digit of it as its look-alike
// letter ("l5" → "15", "O4" → "04"): at least one character must be a digit already, so a word
// stays a word. Anything else comes back as given.
std::string DigitsFromLookAlikes(std::string_view slot);
// A list entry with a 1 back where OCR read it as "I", "l" or "|" in a run of numbers ("trung tâm
// GDTX số I, 2, 3" → "số 1, 2, 3"): the lone letter must be separated by a comma from a number
// beside it, so a Roman numeral or a word stays as read.
std::string WithNumberRunDigits(std::string_view entry);
// A list entry with its commas back where small print read them as periods between codes ("CT.
// PCT UBND tỉnh" → "CT, PCT UBND tỉnh", "Lưu: VT. KTN.lqv66" → "VT, KTN.lqv66"): the period must
// end a run of two or more capitals and be followed by a space and a capital, and the run must
// not be one written with a period ("TP. Quảng Ngãi", "TS. Nguyễn Văn A", "KT. CHỦ TỊCH").
std::string WithCodeListCommas(std::string_view entry);
// ISO "YYYY-MM-DD" from day, month and year digits, or nullopt when any is not a valid number.
std::optional<std::string> IsoDate(std::string_view day, std::string_view month, std::string_view year);
// "31/12/2024" or "31.12.2024" → ISO, at the start of `text`; sets *length to the bytes read.
std::optional<std::string> ParseNumericDate(std::string_view text, size_t* length = nullptr);

// A document number "số và ký hiệu" read from `text` (spaces removed, "J"/"I" misread slashes
// repaired, Ð → Đ). Empty when nothing number-like starts the text.
std::string ReadNumber(std::string_view text, size_t* length = nullptr);
// Whether a number's serial part (before the first '/' or '-') is a plain positive integer.
bool HasValidSerial(std::string_view number);
// "Số và ký hiệu" apart, as archive metadata keeps them: the serial, the digits before the first
// '/' or '-' ("574"), and the notation, what follows that separator ("UBND-KTTH"). A number
// without a serial ("/UBND-KTTH", the pen digits unread) is all notation.
struct NumberParts {
  std::optional<std::string> serial, notation;
};
NumberParts SplitNumber(std::string_view number);

// The symbol's document-type abbreviation: "QĐ" of "47/QĐ-UBND", "CT" of "28-CT/TW".
std::string TypeAbbreviation(std::string_view number);

}  // namespace vanban::extract

#endif  // VANBAN_PIPELINE_EXTRACT_PHRASE_H_
