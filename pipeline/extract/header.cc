// The header of Decree 30/2020/NĐ-CP: agency (left), "Số: …", "V/v …" (left), national title,
// motto and "Place, ngày … tháng … năm …" (right), then the type title and the subject. OCR text
// may merge the two columns on one row or print the left block before the right block; a row is
// split where a right-column marker starts, or where the layout says.
#include <algorithm>
#include <set>

#include "pipeline/extract/fold.h"
#include "pipeline/extract/sections.h"
#include "pipeline/text/unicode.h"

namespace vanban::extract {
namespace {

constexpr size_t kNone = std::string::npos;
// The national title's opening: what of it is left when a stamp covers its end ("CỘNG HOÀ XÃ
// HỘI CH…"), and words no issuer's name holds.
constexpr std::string_view kNationalTitle = "conghoaxahoi";
constexpr std::string_view kMotto = "doclaptudohanhphuc";
// The title the Party's documents print where the State's print the national one (its
// Regulation 66-QĐ/TW), right of the issuer: above the number and date, it is no part of it.
constexpr std::string_view kPartyTitle = "dangcongsanvietnam";
// How far into the first page the header may reach, in rows.
constexpr size_t kHeaderRows = 60;
// Folded last words of administrative units: a place name follows them.
const std::set<std::string> kUnitWords = {"tinh", "huyen", "xa", "phuong", "quan", "pho", "tran", "khu"};
// An urgency stamp sits above or beside the header, a few rows at most below its anchors.
constexpr size_t kUrgencyRows = 3;
// OCR word confidence (0..1) under which a printed number or date is not given at all.
constexpr double kUnreadable = 0.3;
// OCR word confidence (0..1) from which a day read as print stands beside a handwritten number:
// the clerk typed it in ("ngày 26tháng 7" at 0.91 beside a serial typed after signing).
constexpr double kSureTypedDay = 0.85;
// A digits-only re-reading (OcrWord::digits, 0..100) under this is Tesseract forcing digits onto
// ink it cannot read: the sample scans' days re-read right came at 15–80, the wrong one at 0.
constexpr float kMinDigitsConfidence = 10;
// A digits-only re-reading this sure may stand for a filled-in serial (the sample scans' right
// ones came at 95–96, wrong ones at 84 and below).
constexpr float kSureDigits = 90;
// The hand-digit reader's confidence from which its reading is given when Tesseract's digits-only
// re-reading of the same ink reads the same (kSureHandDigits alone).
constexpr float kAgreedHandDigits = 50;
// The reader's probability (0..100) for another reading of a blank from which a sure digits-only
// re-reading that says the same is taken.
constexpr float kAgreedAlternative = 10;
// A filled-in blank on a scan is handwriting, which Tesseract misreads even when it is sure of
// itself ("44" for 22 at 35, "09" for 05 at 52, "44" for a red "11" on 11_CT above 70): over the
// 21 archive scans a sure reading in context was right 0 times and wrong once. Its serial is
// given only from a digits-only re-reading that is sure and fits the context reading
// (FilledInSerial), its day only when the digital signature confirms it (the Extractor); both
// for review. Text without word boxes (`vanban extract`) keeps what it says.

// First words of a body paragraph: a subject line never starts with them.
constexpr std::string_view kBodyStarts[] = {
    "can cu", "thuc hien", "theo", "xet", "ngay", "trong", "tren co so", "de", "nham", "qua",
    "sau khi", "vua qua", "hien nay", "thoi gian qua", "tiep theo", "dieu", "kinh gui", "kinh trinh"};

size_t FindMarker(std::string_view text, std::string_view marker) {
  Folded folded = Fold(text);
  Match match = FindApprox(folded.key, marker, Tolerance(marker.size()));
  return match.found() ? folded.from[match.begin] : kNone;
}

struct DateLine {
  size_t begin = kNone;  // where the date line starts: its place, else "ngày"
  size_t day_marker = 0, end = 0;  // "ngày" and the end of the year's digits
  size_t day_begin = 0, day_end = 0, month_begin = 0, month_end = 0;
  std::string day, month, year;  // as read, the day's and month's look-alike letters made digits
  bool repaired = false;     // a look-alike letter of the day or month was made a digit
  bool month_guessed = false;  // the month is OCR's next reading of a word it misread
  Scored place, date;
};

// The place before ", ngày": the longest run of words naming a known place, else the
// capitalised words just before the comma.
void ReadPlace(std::string_view before, const Dictionaries& dictionaries, DateLine* line) {
  std::vector<Token> tokens = Tokenize(before);
  auto span = [&](size_t first) {
    return Trim(before.substr(tokens[first].begin, tokens.back().end - tokens[first].begin), " ,.");
  };
  for (size_t length = std::min<size_t>(5, tokens.size()); length >= 1; --length) {
    size_t first = tokens.size() - length;
    std::string printed = span(first);
    std::optional<std::string> place = dictionaries.Place(FoldKey(printed, true));
    if (!place.has_value()) continue;
    const bool exact = dictionaries.IsPlace(printed);
    line->place.value = exact ? printed : *place;
    // The unit printed before the name is part of it: "Thành phố Hồ Chí Minh".
    if (exact && first >= 2 && FoldKey(span(first - 2), true) == "thanh pho " + FoldKey(printed, true)) {
      first -= 2;
      line->place.value = span(first);
    }
    line->place.confidence = exact ? 0.95 : 0.8;
    line->begin = tokens[first].begin;
    return;
  }
  size_t first = tokens.size();
  while (first > 0 && tokens.size() - first < 4 &&
         IsCapitalizedWord(Trim(tokens[first - 1].In(before), ",."))) {
    --first;
  }
  if (first == tokens.size()) return;
  line->place.value = span(first);
  line->place.confidence = 0.6;
  line->place.review = true;
  line->begin = tokens[first].begin;
}

// The year of a date line, possibly damaged: four characters, at least two of them digits. OCR
// reads a typewritten "1999." as "T990.": the line is still the date line and keeps its place,
// though the date itself is left for review.
bool LooksLikeYear(std::string_view folded) {
  return folded.size() == 4 && folded.find(' ') == std::string_view::npos &&
         std::count_if(folded.begin(), folded.end(), [](char c) { return c >= '0' && c <= '9'; }) >= 2;
}

// Whether the folded key holds the day marker "ngay" at `at`, or, when `damaged`, a word OCR
// damaged at its last letter ("ngàW/†" where a handwritten day touches it); "ngai" is the end of
// "Quảng Ngãi", not a damaged marker.
bool DayMarkerAt(const std::string& key, size_t at, bool damaged) {
  if (at > 0 && key[at - 1] != ' ') return false;
  if (key.compare(at, 4, "ngay") == 0) return true;
  return damaged && at + 3 < key.size() && key[at + 3] != 'i' && key[at + 3] != ' ';
}

DateLine FindDateLine(std::string_view text, const Dictionaries& dictionaries) {
  Folded folded = Fold(text, true);
  const std::string& key = folded.key;
  for (bool damaged : {false, true}) {
    for (size_t at = key.find("nga"); at != kNone; at = key.find("nga", at + 1)) {
      if (!DayMarkerAt(key, at, damaged)) continue;
      size_t month_at = key.find("thang", at + 4);
      if (month_at == kNone || month_at - at > 16) continue;
      size_t year_at = key.find("nam", month_at + 5);
      if (year_at == kNone || year_at - month_at > 14) continue;
      size_t digits = year_at + 3 + (year_at + 3 < key.size() && key[year_at + 3] == ' ' ? 1 : 0);
      std::string_view year = std::string_view(key).substr(digits, 4);
      if (!LooksLikeYear(year)) continue;
      DateLine line;
      line.day_begin = folded.to[at + 3];
      line.day_end = folded.from[month_at];
      line.month_begin = folded.to[month_at + 4];
      line.month_end = folded.from[year_at];
      const std::string day_read = Trim(text.substr(line.day_begin, line.day_end - line.day_begin));
      const std::string month_read = Trim(text.substr(line.month_begin, line.month_end - line.month_begin));
      line.day = DigitsFromLookAlikes(day_read);
      line.month = DigitsFromLookAlikes(month_read);
      line.repaired = line.day != day_read || line.month != month_read;
      line.year = std::string(year);
      line.date.value = IsoDate(line.day, line.month, line.year);
      line.date.confidence = line.date.value.has_value() ? 0.9 : 0;
      line.date.review = !line.date.value.has_value();
      line.begin = line.day_marker = folded.from[at];
      line.end = folded.to[std::min(digits + 3, key.size() - 1)];
      ReadPlace(text.substr(0, folded.from[at]), dictionaries, &line);
      return line;
    }
  }
  return {};
}

// A printed month OCR read as no month ("tháng Š" for the italic 8 of a phone photo) may be
// among its next readings of the word: the first that makes the date a date stands, for review.
void GuessMonth(const Row& row, DateLine* line) {
  if (line->date.value.has_value() || !row.has_layout) return;
  const std::vector<const OcrWord*> words = row.WordsIn(line->month_begin, line->month_end);
  if (words.size() != 1 || words.front()->handwritten) return;
  for (const auto& [month, odds] : words.front()->alternatives) {
    if (std::optional<std::string> date = IsoDate(line->day, month, line->year)) {
      line->month = month;
      line->month_guessed = true;
      line->date.value = date;
      line->date.confidence = 0.6;
      line->date.review = true;
      return;
    }
  }
}

// The pen reader's next readings of a handwritten blank, made into readings of the field by
// `as_reading` (nullopt: not a reading), for a reviewer: a reader unsure of its first reading is
// no surer of its second, unless other evidence rules the first out (a day weighed by the date
// of signing, extractor.cc).
template <typename AsReading>
void AddPenAlternatives(const OcrWord& hand, AsReading as_reading, std::vector<std::string>* readings) {
  for (const auto& [digits, odds] : hand.alternatives) {
    std::optional<std::string> reading = as_reading(digits);
    if (reading.has_value()) AddReading(*reading, readings);
  }
}

// The dates the hand-digit reader's readings of a day's blank make with the printed month and
// year, with the reader's probabilities.
std::vector<std::pair<std::string, double>> PenDates(const OcrWord& hand, const DateLine& line) {
  std::vector<std::pair<std::string, double>> dates;
  const auto add = [&](const std::string& day, float odds) {
    if (std::optional<std::string> iso = IsoDate(day, line.month, line.year)) dates.emplace_back(*iso, odds / 100.0);
  };
  add(hand.text, hand.confidence);
  for (const auto& [digits, odds] : hand.alternatives) add(digits, odds);
  return dates;
}

// The dates a day OCR could not be trusted with may be: its reading and the digits-only
// re-readings of its words (OcrWord::digits), each with the printed month and year. Days are
// written with two digits ("ngày 05": Decree 30 puts a 0 before days under 10), so one digit is
// part of a day only ("5" of "06", "2" of "08").
std::vector<std::string> DateReadings(const Row& row, const DateLine& line) {
  std::vector<std::string> readings;
  auto add = [&](std::string_view day) {
    std::optional<std::string> date = day.size() == 2 ? IsoDate(day, line.month, line.year) : std::nullopt;
    if (date.has_value()) AddReading(*date, &readings);
  };
  add(Trim(std::string_view(row.text).substr(line.day_begin, line.day_end - line.day_begin)));
  for (const OcrWord* word : row.WordsIn(line.day_begin, line.day_end)) {
    if (word->digits_confidence >= kMinDigitsConfidence) add(word->digits);
  }
  return readings;
}

// Where the right column starts on a header row: at its first marker, or where the layout
// puts it when that is further left (OCR may read both columns as one line).
size_t RightColumn(const Row& row, const DateLine& date) {
  return std::min({row.split, FindMarker(row.text, kNationalTitle), FindMarker(row.text, kMotto), date.begin,
                   row.text.size()});
}

// "Số:" opening the left column, after at most two specks (a margin scribble or a seal's speck
// read as "z)" or "|"); *rest = where the number starts.
bool FindNumberMarker(std::string_view left, size_t* rest) {
  std::vector<Token> tokens = Tokenize(left);
  size_t specks = 0;
  while (specks < 2 && specks + 1 < tokens.size() && FoldKey(tokens[specks].In(left)).size() <= 1) ++specks;
  tokens.erase(tokens.begin(), tokens.begin() + specks);
  if (tokens.empty()) return false;
  std::string_view first = tokens[0].In(left);
  size_t colon = first.find(':');
  std::string key = FoldKey(first.substr(0, colon));
  // OCR reads "Số" as "So", "Só", "S6", "S0".
  if (key.size() != 2 || key[0] != 's' || std::string_view("o60").find(key[1]) == kNone) return false;
  std::string_view next = tokens.size() > 1 ? left.substr(tokens[1].begin) : std::string_view();
  if (colon != kNone) {
    *rest = tokens[0].begin + colon + 1;
  } else if (!next.empty() && (next.front() == ':' || next.find('/') < 12)) {
    *rest = tokens[1].begin + (next.front() == ':' ? 1 : 0);
  } else {
    return false;
  }
  return true;
}

// The type title: the type name alone, or followed by its issuer in older documents
// ("NGHỊ ĐỊNH CỦA CHÍNH PHỦ").
bool IsTypeTitle(std::string_view text, const Dictionaries& dictionaries, const DocType** type) {
  std::string line = Trim(text, " \t:.");
  if (line.empty() || !IsUpperDominant(line)) return false;
  std::string key = FoldKey(line);
  *type = dictionaries.DocTypeNear(key);
  size_t of = FoldKey(line, true).find(" cua ");
  if (*type == nullptr && of != kNone) *type = dictionaries.DocTypeNear(FoldKey(FoldKey(line, true).substr(0, of)));
  return *type != nullptr;
}

bool IsStampText(std::string_view text) {
  std::string key = FoldKey(text);
  return text.find('@') != kNone || key.find("kyboi") != kNone || key.find("thoigianky") != kNone ||
         key.find("coquan") == 0;
}

// An agency line without the lower-case specks a seal or stamp leaves beside it. A dash between
// two words is the name's own ("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI").
std::string WithoutSpecks(std::string_view line) {
  std::string out;
  const std::vector<Token> tokens = Tokenize(line);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string_view raw = tokens[i].In(line);
    const bool inner_dash = raw == "-" && !out.empty() && i + 1 < tokens.size();
    std::string word = inner_dash ? std::string(raw) : Trim(raw, "-_|.,");
    if (word.empty() || (!inner_dash && FoldKey(word).size() <= 1 && UpperShare(word + word) == 0 && !AllDigits(word))) continue;
    out += (out.empty() ? "" : " ") + word;
  }
  return out;
}

bool IsIssuerLine(std::string_view left) {
  std::string line = Trim(left, " \t-_|.,");
  return !line.empty() && IsUpperDominant(line) && !IsStampText(line);
}

// A body paragraph opens with a capital ("Căn cứ", "Ngày 24/12/2024, …"); a wrapped subject line
// goes on in lower case ("ngày 12/12/2011, …", "(sau khi …)").
bool StartsBody(std::string_view line) {
  std::vector<Token> tokens = Tokenize(line);
  if (tokens.empty() || !IsCapitalizedWord(Trim(line.substr(0, tokens[0].end), ",.:;"))) return false;
  std::string key = FoldKey(line, true);
  for (std::string_view start : kBodyStarts) {
    if (key.compare(0, start.size(), start) == 0 && (key.size() == start.size() || key[start.size()] == ' ')) {
      return true;
    }
  }
  return false;
}

// OCR debris of a stamp or a seal beside the text: symbols no administrative line prints.
bool HasDebris(std::string_view line) {
  return line.find_first_of("#}{|@$^*<>[]~") != kNone || line.find("§") != kNone ||
         line.find("\xE2\x80\x9C") != kNone;  // “
}

// A row of seal or scribble specks: words of one or two letters only (".ˆA r‹ .^A ` Ẩ").
bool IsSpeckRow(std::string_view line) {
  std::vector<Token> tokens = Tokenize(line);
  if (tokens.empty()) return false;
  for (Token token : tokens) {
    if (FoldKey(token.In(line)).size() > 2) return false;
  }
  return true;
}

bool IsRule(std::string_view line) {
  std::string trimmed = Trim(line);
  return !trimmed.empty() && FoldKey(trimmed).empty();
}

// A handwritten fill-in keeps the printed blank: "Số: 04 /QĐ-BCĐ138", "Số: /2025/NQ-HĐND".
bool LooksFilledIn(std::string_view raw_number) {
  std::string raw = Trim(raw_number);
  size_t slash = raw.find('/');
  return slash == 0 || (slash != kNone && slash > 0 && raw[slash - 1] == ' ');
}

// The lowest OCR confidence over [begin, end) of a row, scaled to 0..1 (1 without layout).
double OcrConfidence(const Row& row, size_t begin, size_t end) {
  return row.has_layout ? row.MinConfidence(begin, end) / 100.0 : 1.0;
}

// Tesseract's runner-up readings may hold the digits the best reading garbled.
std::string NumberFromAlternatives(const Row& row, size_t begin, size_t end) {
  std::string raw = row.text.substr(begin, end - begin);
  for (const OcrWord* word : row.WordsIn(begin, end)) {
    size_t at = raw.find(word->text);
    if (at == kNone) continue;
    for (const auto& [alternative, confidence] : word->alternatives) {
      std::string candidate = raw;
      candidate.replace(at, word->text.size(), alternative);
      std::string number = ReadNumber(Trim(candidate));
      if (!number.empty() && HasValidSerial(number)) return number;
    }
  }
  return "";
}

// Whether a digits-only re-reading fits what OCR read in context, letter by letter: as long,
// the same digit wherever context read one, and at least one ("6§0" fits "660", "2ƒ" not "04").
bool FitsContextReading(std::string_view read, std::string_view digits) {
  size_t pos = 0, matched = 0;
  for (char digit : digits) {
    if (pos >= read.size()) return false;
    const char32_t c = text::NextCodePoint(read, &pos);
    if (c >= '0' && c <= '9') {
      if (static_cast<char>(c) != digit) return false;
      ++matched;
    }
  }
  return pos == read.size() && matched > 0;
}

// The serial written into the blank before the symbol on a scan, from the one word there whose
// digits-only re-reading Tesseract is sure of and that fits its reading in context; "" when
// there is none. Over the 20 archive scans that gave 5 serials, all right; the wrong re-readings
// came at 84 or less, or did not fit.
std::string FilledInSerial(const Row& row, size_t begin, size_t symbol) {
  std::vector<const OcrWord*> words = row.WordsIn(begin, symbol);
  if (words.size() != 1) return "";
  const OcrWord& word = *words.front();
  bool sure = word.digits_confidence >= kSureDigits && FitsContextReading(word.ocr_text, word.digits);
  return sure ? word.digits : "";
}

// The pen digits the hand-digit reader read over [begin, end) of a row, or null.
const OcrWord* HandwrittenWord(const Row& row, size_t begin, size_t end) {
  for (const OcrWord* word : row.WordsIn(begin, end)) {
    if (word->handwritten) return word;
  }
  return nullptr;
}

// A hand-digit reading sure enough to be a field: the reader is sure of every digit, and
// Tesseract's digits-only re-reading of the same ink, when it is sure too, says the same; or the
// reader is fairly sure and Tesseract's re-reading, a reader of another kind, agrees.
bool SureHandReading(const OcrWord& word) {
  const bool agreed = word.digits == word.text && word.digits_confidence >= kMinDigitsConfidence;
  if (agreed) return word.confidence >= kAgreedHandDigits;
  return word.confidence >= kSureHandDigits && word.digits_confidence < kSureDigits;
}

// The serial a hand-digit reading gives, empty when none can be trusted: the reader's own when
// it is sure enough (SureHandReading), else Tesseract's sure digits-only re-reading of the same
// ink when the reader also found it likely (660TBUB: "660" at 96 beside the reader's "560" at 0.59
// and "660" at 0.15), two readers of different kinds agreeing.
std::string HandSerial(const OcrWord& word) {
  if (SureHandReading(word)) return word.text;
  if (word.digits_confidence < kSureDigits) return "";
  for (const auto& [digits, odds] : word.alternatives) {
    if (digits == word.digits && odds >= kAgreedAlternative) return digits;
  }
  return "";
}

// What a reviewer may pick from for a filled-in blank over [begin, end): the hand-digit
// reader's digits, Tesseract's digits-only re-reading and its reading in context.
std::vector<std::string> BlankReadings(const Row& row, size_t begin, size_t end, const OcrWord* hand) {
  std::vector<std::string> readings;
  if (hand != nullptr) AddReading(hand->text, &readings);
  for (const OcrWord* word : row.WordsIn(begin, end)) AddReading(word->digits, &readings);
  AddReading(Trim(std::string_view(row.text).substr(begin, end - begin)), &readings);
  if (hand != nullptr) AddPenAlternatives(*hand, [](const std::string& serial) { return serial; }, &readings);
  return readings;
}

// A field's confidence from a sure hand reading: never above what printed text earns.
double HandConfidence(const OcrWord& word) { return std::min(0.9, word.confidence / 100.0); }

// Puts back a number's symbol OCR damaged by one letter ("278/2026/TT1-NHNN") when exactly one
// symbol the corpus cites is that near; an unknown symbol stays as read. Whether it changed.
bool RepairSymbol(const Dictionaries& dictionaries, std::string* number) {
  size_t start = number->find_first_of("/-");
  if (start == kNone) return false;
  ++start;
  if (number->size() > start + 5 && AllDigits(number->substr(start, 4)) && (*number)[start + 4] == '/') start += 5;
  std::optional<std::string> known = dictionaries.NotationNear(number->substr(start));
  if (!known.has_value() || *known == number->substr(start)) return false;
  number->replace(start, kNone, *known);
  return true;
}

void ReadNumberField(const Row& row, size_t rest, size_t left_end, const Dictionaries& dictionaries,
                     Header* header) {
  std::string_view raw = std::string_view(row.text).substr(rest, left_end - rest);
  size_t skipped = raw.find_first_not_of(" \t");
  if (skipped == kNone) {
    header->number.review = true;
    return;
  }
  size_t length = 0;
  std::string number = ReadNumber(raw.substr(skipped), &length);
  const bool repaired = RepairSymbol(dictionaries, &number);
  size_t begin = rest + skipped, end = begin + length;
  const size_t slash = raw.find('/');
  const size_t symbol = slash == kNone ? left_end : rest + slash;
  const OcrWord* hand = row.has_layout ? HandwrittenWord(row, begin, symbol) : nullptr;
  // A text layer holds what was typed into the blank, not handwriting.
  header->number_handwritten = (LooksFilledIn(raw) || hand != nullptr) && !row.exact;
  header->number_read = number;
  if (header->number_handwritten && slash != kNone) {
    // The printed notation stands whatever the blank holds; read as a number behind a stand-in
    // serial, it is cleaned the same way.
    const std::string printed = ReadNumber("1" + row.text.substr(symbol, left_end - symbol));
    if (HasValidSerial(printed)) header->number_notation = printed.substr(2);
  }
  if (header->number_handwritten && row.has_layout) {
    // The blank's serial, if any reading of it can be trusted, and the printed symbol.
    std::string serial = hand == nullptr ? FilledInSerial(row, begin, symbol) : HandSerial(*hand);
    std::string filled = serial.empty() ? "" : ReadNumber(serial + row.text.substr(symbol, left_end - symbol));
    if (HasValidSerial(filled)) header->number.value = filled;
    const double sure = hand != nullptr ? HandConfidence(*hand) : 0.5;
    header->number.confidence = header->number.value.has_value() ? sure : 0;
    header->number.review = header->number.confidence < 0.7;
    header->number.reason = review_reason::kHandwritten;
    header->number.candidates = BlankReadings(row, begin, symbol, hand);
    return;
  }
  if (number.empty() || !HasValidSerial(number)) {
    std::string alternative =
        row.has_layout ? NumberFromAlternatives(row, begin, end) : "";
    if (!alternative.empty()) header->number.value = alternative;
    header->number.confidence = alternative.empty() ? 0 : 0.4;
    header->number.review = true;
    return;
  }
  double ocr = OcrConfidence(row, begin, end);
  header->number.confidence = std::min(header->number_handwritten ? 0.6 : 0.9, ocr);
  header->number.review = header->number.confidence < 0.7;
  // OCR that barely recognised the digits is no reading at all; a symbol it was unsure of is
  // checked against the issuer and type.
  size_t serial_end = begin + std::min(number.find_first_of("/-"), end - begin);
  if (OcrConfidence(row, begin, serial_end) >= kUnreadable) header->number.value = number;
  // Tesseract's doubt about a one-word number is then the damaged letter's, not the serial's.
  if (repaired) {
    header->number.value = number;
    header->number.confidence = std::min(header->number.confidence, 0.6);
    header->number.review = true;
    header->number.reason = review_reason::kRepaired;
    header->number.candidates = {header->number_read};
  }
}

// Where the trích yếu starts in the first subject row: at "Về việc"/"V/v" when OCR put stamp
// debris before it, else at the row's start. A lower-case "về việc" is inside the subject
// ("Quy định về việc …").
size_t SubjectStart(std::string_view line) {
  Folded folded = Fold(line);
  size_t at = folded.key.find("veviec");
  return at == kNone || at == 0 || !StartsWithCapital(line.substr(folded.from[at])) ? 0 : folded.from[at];
}

// The issuing body named under the type title of Party documents and resolutions ("CHỈ THỊ" /
// "CỦA BAN BÍ THƯ" / "về …"): not the subject, which follows it.
bool IsIssuerIntro(std::string_view line) {
  return IsUpperDominant(line) && StartsWithMarker(line, "cua");
}

// "Về việc" opens most subjects; a speck may stand for its first word ("\ việc đề nghị …",
// "NG việc …"), OCR may lose it ("việc đề nghị …") or glue the two ("Vềviệc …"). A capital
// "Việc" may open a subject of its own, and a word of the language before "việc" stays.
std::string WithVeViec(const std::string& line) {
  std::vector<Token> tokens = Tokenize(line);
  if (tokens.empty()) return line;
  auto word = [&](size_t i) { return tokens[i].In(line); };
  if (word(0) == "việc") return "Về " + line;
  if (FoldKey(word(0)) == "veviec") return "Về việc" + line.substr(tokens[0].end);
  const bool speck = FoldKey(word(0)).size() <= 1 || (FoldKey(word(0)).size() == 2 && !IsCapitalizedWord(word(0)) &&
                                                       text::ToLower(word(0)) != word(0));
  if (tokens.size() >= 2 && speck && FoldKey(word(1)) == "viec") return "Về " + line.substr(tokens[1].begin);
  return line;
}

// The subject lines under the type title: centred, starting in lower case after the first.
Scored ReadSubject(const std::vector<Row>& rows, size_t first, size_t* end) {
  std::vector<std::string> lines;
  std::vector<Span> sources;
  size_t i = first;
  bool after_intro = false;
  while (i < rows.size() && rows[i].page == rows[first].page &&
         (rows[i].empty() || IsSpeckRow(rows[i].text) || IsIssuerIntro(Trim(rows[i].text)))) {
    after_intro = after_intro || IsIssuerIntro(Trim(rows[i].text));
    ++i;
  }
  // A subject line wide enough to fill the text area is not judged centred; OCR's layout analysis
  // still sets the title and its subject apart from the body as one block.
  // `first` is past the last row when the type title ends the text.
  int title_block =
      first > 0 && first < rows.size() && rows[first - 1].page == rows[first].page ? rows[first - 1].Block() : -1;
  bool in_title_block = title_block >= 0;
  for (; i < rows.size() && lines.size() < 4; ++i) {
    const Row& row = rows[i];
    std::string line = Trim(row.text);
    in_title_block = in_title_block && row.page == rows[first].page && row.Block() == title_block;
    bool centered = row.centered || (!lines.empty() && in_title_block);
    if (!lines.empty() && row.has_layout && !centered) {
      // A received-stamp beside a subject line leaves debris before it.
      size_t tail = row.CentredAfterDebris();
      centered = tail != Row::kNoSplit;
      if (centered) line = Trim(row.text.substr(tail));
    }
    if (line.empty() || IsRule(line) || IsUpperDominant(line) || StartsWithMarker(line, "kinhgui")) break;
    // Folded body openings catch subject words too ("Nhâm Dần" ~ "Nhằm"): a centred row is no
    // body paragraph, whose lines span the text area or start indented.
    bool body = row.has_layout ? !centered : StartsBody(line);
    if (!lines.empty() && (body || HasDebris(line) || lines.back().back() == '.')) break;
    lines.push_back(lines.empty() ? WithVeViec(Trim(line.substr(SubjectStart(line)), " .,:;-_|'`")) : line);
    const size_t at = row.text.find(line);
    if (at != kNone) sources.push_back(Span{i, at, at + line.size()});
  }
  *end = i;
  Scored subject;
  subject.sources = std::move(sources);
  if (lines.empty()) {
    subject.review = true;
    return subject;
  }
  // Under a type title the trích yếu opens with a capital ("Về việc …"); OCR may lose it. Under
  // its issuer ("CỦA BAN BÍ THƯ") it is printed in lower case ("về …").
  std::string value = JoinWrapped(lines);
  size_t first_letter = 0;
  if (!after_intro) text::NextCodePoint(value, &first_letter);
  subject.value = text::ToUpper(value.substr(0, first_letter)) + value.substr(first_letter);
  subject.confidence = 0.85;
  return subject;
}

// "V/v …" in the left column of a Công văn, continued on the following rows' left columns.
Scored ReadVv(const std::vector<Row>& rows, const std::vector<std::string>& lefts, size_t first,
              size_t* end) {
  Scored subject;
  std::vector<std::string> lines;
  size_t i = first;
  for (; i < lefts.size() && lines.size() < 6; ++i) {
    std::string line = Trim(lefts[i]);
    if (i == first) {
      // After "V/v" or "Vv", and whatever a scan left before it ("— v/v").
      line = std::string(FromFirstLetter(line));
      line = Trim(line.substr(line[1] == '/' ? 3 : 2));
    } else if (line.empty() || StartsWithMarker(line, "kinhgui") || IsUpperDominant(line) ||
               (rows[i].empty() && !lines.empty())) {
      break;
    }
    lines.push_back(line);
    subject.sources.push_back(Span{i, 0, lefts[i].size()});
  }
  *end = i;
  std::string value = Trim(JoinWrapped(lines), " .");
  if (!value.empty()) {
    subject.value = value;
    subject.confidence = 0.85;
  }
  return subject;
}

bool IsVvLine(std::string_view left) {
  std::string line(FromFirstLetter(left));
  return line.size() > 4 && (line[0] == 'V' || line[0] == 'v') && FoldKey(line.substr(0, 4)).rfind("vv", 0) == 0 &&
         (line[1] == '/' || line[1] == 'v' || line[1] == 'V');
}

// The urgency an upper-case word or two of the row print; *where is set to those words.
std::optional<std::string> FindUrgency(std::string_view text, const Dictionaries& dictionaries, Token* where) {
  std::vector<Token> tokens = Tokenize(text);
  for (size_t length : {2, 1}) {
    for (size_t i = 0; i + length <= tokens.size(); ++i) {
      std::string_view words = text.substr(tokens[i].begin, tokens[i + length - 1].end - tokens[i].begin);
      std::string key = FoldKey(words);
      if (!IsUpperDominant(words) || (length == 1 && key != "khan")) continue;
      if (std::optional<std::string> urgency = dictionaries.UrgencyNear(key)) {
        if (length == 2 || *urgency == "Khẩn") {
          *where = Token{tokens[i].begin, tokens[i + length - 1].end};
          return urgency;
        }
      }
    }
  }
  return std::nullopt;
}

}  // namespace

Scored UrgencyFromStamps(const OcrPage& page, const Dictionaries& dictionaries) {
  Scored urgency;
  for (const RedStamp& stamp : page.red_stamps) {
    const std::string key = FoldKey(stamp.text);
    std::optional<std::string> value = dictionaries.UrgencyNear(key);
    // One short word is within OCR tolerance of too much ("KHAI", "THAN"): Khẩn must read exactly.
    if (!value.has_value() || (*value == "Khẩn" && key != "khan")) continue;
    if (!urgency.value.has_value()) {
      urgency.value = value;
      urgency.confidence = key == FoldKey(*value) ? 0.95 : 0.8;
      urgency.located = FieldSource{page.number, {page.input.ToInput(stamp.box)}, stamp.text, stamp.text, 1};
    } else if (*urgency.value != *value) {
      Scored disagreeing;
      disagreeing.review = true;
      disagreeing.reason = review_reason::kUncertain;
      return disagreeing;
    }
  }
  return urgency;
}

bool StartsWithMarker(std::string_view text, std::string_view marker, size_t* rest_begin) {
  Folded folded = Fold(text);
  // Specks before the marker ("(Nơi nhận:", ". è Kính gửi:") are at most two folded characters
  // in a few bytes.
  constexpr size_t kSpeckBytes = 8;
  std::string_view key = folded.key;
  for (size_t skip = 0; skip <= 2 && skip < key.size(); ++skip) {
    Match match = FindApprox(key.substr(skip), marker, marker.size() >= 6 ? 1 : 0, true);
    if (!match.found() || match.end < marker.size() - 1) continue;
    if (folded.from[skip] > kSpeckBytes) return false;
    if (rest_begin != nullptr) {
      size_t end = folded.to[skip + match.end - 1];
      size_t colon = text.find(':', end);
      *rest_begin = colon != kNone && colon - end <= 2 ? colon + 1 : end;
    }
    return true;
  }
  return false;
}

std::string RepairUpper(std::string_view line, const Dictionaries& dictionaries) {
  std::vector<Token> tokens = Tokenize(line);
  std::vector<std::string> words;
  for (size_t i = 0; i < tokens.size();) {
    // Place names after their unit ("TỈNH QUANG NGAI" → "TỈNH QUẢNG NGÃI"), as whole phrases;
    // elsewhere a phrase may only look like a place ("BAN CHỈ ĐẠO" ~ the commune Chí Đạo).
    size_t taken = 0;
    bool after_unit = i > 0 && kUnitWords.count(FoldKey(tokens[i - 1].In(line))) > 0;
    for (size_t length = std::min<size_t>(4, tokens.size() - i); after_unit && length >= 2 && taken == 0; --length) {
      std::string_view phrase = line.substr(tokens[i].begin, tokens[i + length - 1].end - tokens[i].begin);
      std::optional<std::string> place = dictionaries.Place(FoldKey(phrase, true));
      if (!place.has_value()) continue;
      words.push_back(dictionaries.IsPlace(phrase) ? std::string(phrase) : text::ToUpper(*place));
      taken = length;
    }
    if (taken > 0) {
      i += taken;
      continue;
    }
    std::string word(tokens[i].In(line));
    if (IsUpperDominant(word) && !dictionaries.IsUpperWord(word)) {
      if (std::optional<std::string> known = dictionaries.UpperWord(FoldKey(word))) word = *known;
    }
    words.push_back(word);
    ++i;
  }
  std::string out;
  for (const std::string& word : words) out += (out.empty() ? "" : " ") + word;
  return Tidy(out);
}

// Whether every word of an upper-case line is a word or a place name the dictionaries know
// ("-" and numbers aside): "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", not "CỘNG HOÀ XÃ HỘI CHỪÑG".
bool AllKnownUpper(std::string_view line, const Dictionaries& dictionaries) {
  const std::vector<Token> tokens = Tokenize(line);
  auto span = [&](size_t first, size_t last) {
    return Trim(line.substr(tokens[first].begin, tokens[last].end - tokens[first].begin), "-,.()");
  };
  for (size_t i = 0; i < tokens.size();) {
    const std::string word = span(i, i);
    size_t place = 0;
    for (size_t length = std::min<size_t>(4, tokens.size() - i); length >= 1 && place == 0; --length) {
      if (dictionaries.IsPlace(span(i, i + length - 1))) place = length;
    }
    if (place == 0 && !word.empty() && !AllDigits(word) && !dictionaries.IsUpperWord(word)) return false;
    i += std::max<size_t>(place, 1);
  }
  return !tokens.empty();
}

Header ParseHeader(const std::vector<Row>& rows, const Dictionaries& dictionaries) {
  Header header;
  size_t national = kNone, number_row = kNone, date_row = kNone, title = kNone, letter = kNone;
  size_t number_rest = 0, urgency_row = kNone;
  DateLine date;
  std::vector<std::string> lefts;
  int page = 0;
  for (size_t i = 0; i < rows.size() && i < kHeaderRows; ++i) {
    const Row& row = rows[i];
    if (page == 0 && !row.empty()) page = row.page;
    if (page != 0 && row.page != page) break;
    DateLine row_date = date_row == kNone ? FindDateLine(row.text, dictionaries) : DateLine{};
    size_t right = RightColumn(row, row_date);
    const size_t party = number_row == kNone && date_row == kNone ? FindMarker(row.text, kPartyTitle) : kNone;
    right = std::min(right, party);
    if (row.split != Row::kNoSplit && row_date.begin != kNone && row_date.begin < row.split) {
      row_date = FindDateLine(std::string_view(row.text).substr(row.split), dictionaries);
      // Offsets into the row, as the word boxes are looked up by them.
      for (size_t* at : {&row_date.day_marker, &row_date.end, &row_date.day_begin, &row_date.day_end,
                         &row_date.month_begin, &row_date.month_end}) {
        *at += row.split;
      }
      if (row_date.begin != kNone) row_date.begin += row.split;
    }
    lefts.push_back(row.text.substr(0, right));
    bool anchored = national != kNone || number_row != kNone || date_row != kNone;
    // Beside the issuer's first line, the Party's title is where the issuer starts, as the
    // national title is; on a line of its own it says nothing of where the issuer is.
    const bool party_beside = party != kNone && party > 0;
    if (national == kNone && (FindMarker(row.text, kNationalTitle) != kNone || party_beside)) national = i;
    if (date_row == kNone && row_date.date.value.has_value() + row_date.date.review > 0) {
      date_row = i;
      date = row_date;
      GuessMonth(row, &date);
    }
    if (number_row == kNone && FindNumberMarker(lefts.back(), &number_rest)) number_row = i;
    if (!header.urgency.value.has_value()) {
      Token where;
      if (std::optional<std::string> urgency = FindUrgency(row.text, dictionaries, &where)) {
        header.urgency.value = urgency;
        header.urgency.confidence = 0.8;
        header.urgency.sources = {Span{i, where.begin, where.end}};
        urgency_row = i;
      }
    }
    const DocType* type = nullptr;
    if (anchored && IsTypeTitle(row.text, dictionaries, &type)) {
      title = i;
      header.doc_type.value = type->name;
      header.doc_type.confidence = FoldKey(row.text) == type->key ? 0.95 : 0.85;
      header.doc_type.sources = {Span{i, 0, row.text.size()}};
      break;
    }
    if (anchored && StartsWithMarker(row.text, "kinhgui")) {
      letter = i;
      break;
    }
  }
  size_t anchor_end = 0;
  for (size_t at : {national, number_row, date_row}) {
    if (at != kNone) anchor_end = std::max(anchor_end, at + 1);
  }
  if (anchor_end == 0) {
    header.issuer.review = header.number.review = header.date.review = header.doc_type.review = true;
    header.urgency = {};
    return header;
  }
  size_t header_rows_end = std::max(anchor_end, title != kNone ? title : (letter != kNone ? letter : 0));
  if (urgency_row != kNone && urgency_row > header_rows_end + kUrgencyRows) header.urgency = {};

  // Issuer: the upper-case left column above "Số:", from the national title's row down.
  size_t issuer_end = number_row != kNone ? number_row : (date_row != kNone ? date_row : anchor_end);
  size_t issuer_top = national != kNone && national < issuer_end ? national : (issuer_end >= 4 ? issuer_end - 4 : 0);
  std::vector<std::string> issuer_lines;
  for (size_t i = issuer_end; i-- > issuer_top;) {
    // Blank rows and the rule printed under the agency name ("———") sit inside the block.
    if (FoldKey(lefts[i]).size() <= 3) continue;
    if (!IsIssuerLine(lefts[i])) break;
    issuer_lines.insert(issuer_lines.begin(), WithoutSpecks(lefts[i]));
    header.issuer.sources.insert(header.issuer.sources.begin(), Span{i, 0, lefts[i].size()});
  }
  if (!issuer_lines.empty()) {
    std::string issuer = JoinWrapped(issuer_lines);
    header.issuer.value = RepairUpper(issuer, dictionaries);
    header.issuer.vouched = AllKnownUpper(*header.issuer.value, dictionaries);
    header.issuer.confidence = national != kNone ? 0.9 : 0.7;
  }
  header.issuer.review = header.issuer.confidence < 0.7;

  if (number_row != kNone) {
    ReadNumberField(rows[number_row], number_rest, lefts[number_row].size(), dictionaries, &header);
    header.number.sources = {Span{number_row, number_rest, lefts[number_row].size()}};
  } else {
    header.number.review = true;
  }
  header.place = date.place;
  header.date = date.date;
  if (date_row == kNone) {
    header.date.review = header.place.review = true;
  } else {
    if (header.place.value.has_value()) header.place.sources = {Span{date_row, date.begin, date.day_marker}};
    header.date.sources = {Span{date_row, date.day_marker, date.end}};
  }
  // The pen digits the hand-digit reader read into the day's and the month's blanks.
  const bool date_words = date_row != kNone && rows[date_row].has_layout;
  const OcrWord* hand = date_words ? HandwrittenWord(rows[date_row], date.day_begin, date.day_end) : nullptr;
  const OcrWord* hand_month = date_words ? HandwrittenWord(rows[date_row], date.month_begin, date.month_end) : nullptr;
  const bool pen = hand != nullptr || hand_month != nullptr;
  if (header.date.value.has_value() && date_words) {
    double ocr = OcrConfidence(rows[date_row], date.day_begin, date.month_end);
    header.date.confidence = std::min(header.date.confidence, ocr);
    header.date_handwritten = pen;
    // A day with no pen ink that OCR read as print it was sure of, or as print in the typewriter
    // or italic faces whose 1 reads "l", was typed into the blank after signing.
    const bool typed_in = !pen && (ocr >= kSureTypedDay || date.repaired);
    if (pen && (hand == nullptr || SureHandReading(*hand)) && (hand_month == nullptr || SureHandReading(*hand_month))) {
      for (const OcrWord* word : {hand, hand_month}) {
        if (word != nullptr) header.date.confidence = std::min(header.date.confidence, HandConfidence(*word));
      }
    } else if (pen || (header.number_handwritten && !typed_in) || ocr < kUnreadable) {
      // The clerk who writes the number in also writes the day.
      header.date.value.reset();
      header.date.review = true;
    }
    if (pen || (header.number_handwritten && !typed_in)) {
      header.date.reason = review_reason::kHandwritten;
    } else if ((date.repaired || date.month_guessed) && header.date.value.has_value()) {
      header.date.confidence = std::min(header.date.confidence, 0.6);
      header.date.review = true;
      header.date.reason = review_reason::kRepaired;
    }
  }
  if (hand != nullptr && hand_month == nullptr) header.pen_dates = PenDates(*hand, date);
  if (!header.date.value.has_value() && date_words) {
    header.date_readings = DateReadings(rows[date_row], date);
    header.date.candidates = header.date_readings;
    if (hand != nullptr) {
      AddPenAlternatives(*hand, [&](const std::string& day) { return IsoDate(day, date.month, date.year); },
                         &header.date.candidates);
    }
    if (hand_month != nullptr) {
      AddPenAlternatives(*hand_month, [&](const std::string& month) { return IsoDate(date.day, month, date.year); },
                         &header.date.candidates);
    }
    // The printed month and year stand when the day is unread: "2025-02" for the reviewer.
    if (std::optional<std::string> month = IsoDate("01", date.month, date.year)) {
      header.date.candidates.push_back(month->substr(0, 7));
    }
  }
  if (date_row != kNone && !header.date.value.has_value() && header.date.reason.empty()) {
    // A date line whose day is not given: a clerk's blank, or print OCR could not read.
    header.date.reason = pen || header.number_handwritten ? review_reason::kHandwritten : review_reason::kUncertain;
  }
  if (header.number_handwritten && header.date.value.has_value() && !header.date_handwritten) {
    // The clerk who writes the number in also writes the day.
    header.date.confidence = std::min(header.date.confidence, 0.6);
  }
  header.date.review = header.date.review || header.date.confidence < 0.7;

  header.end = header.anchors_end = anchor_end;
  if (title != kNone) {
    header.subject = ReadSubject(rows, title + 1, &header.end);
  } else {
    size_t limit = letter != kNone ? letter : lefts.size();
    for (size_t i = 0; i < limit; ++i) {
      if (!IsVvLine(lefts[i])) continue;
      size_t end = i;
      header.subject = ReadVv(rows, lefts, i, &end);
      header.doc_type.value = "Công văn";
      header.doc_type.confidence = 0.85;
      header.doc_type.sources = {Span{i, 0, Tokenize(lefts[i]).front().end}};
      header.end = std::max(header.end, end);
      break;
    }
    if (letter != kNone) header.end = std::max(header.end, letter);
  }
  header.subject.review = header.subject.review || !header.subject.value.has_value();
  if (!header.doc_type.value.has_value()) header.doc_type.review = true;
  return header;
}

}  // namespace vanban::extract
