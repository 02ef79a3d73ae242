#include "pipeline/ocr/filled_in_blanks.h"

#include <algorithm>
#include <optional>

#include "pipeline/text/unicode.h"
#include "pipeline/text/vietnamese.h"

namespace vanban::ocr {
namespace {

// Decree 30/2020 puts both blanks in the header, in the top fifth of the first page; a body
// line citing "số 118/2014" or "ngày 16 tháng" further down is no blank.
constexpr double kHeaderShare = 0.25;
// How many words after its opening word a blank's closing word may come.
constexpr size_t kMaxWordsInBlank = 4;
// Widths of the printed words around the blanks, in printed letter heights (the line's median
// word height; measured on the sample scans' Times: "Số:" 1.27, "ngày" 2.1, "tháng" 2.45, a
// notation's letter 0.57–0.63). OCR's box of a word often swallows the pen ink beside it
// ("ngày" 188 px wide where it prints 105), so a box much wider than this ends where the print
// would.
constexpr double kNumberMarkerWidth = 1.3;
constexpr double kDayMarkerWidth = 2.2;
constexpr double kMonthWordWidth = 2.5;
constexpr double kYearWordWidth = 1.9;
constexpr double kNotationLetterWidth = 0.63;
constexpr double kSwallowedInk = 1.15;  // a box this much wider than its print holds ink
// Serials of the archive run to 4 digits (5710, 1906); more is ink of the notation read as digits.
constexpr size_t kMaxSerialDigits = 5;
// OCR's word confidence (0..100) from which digits it read in a blank are taken as typed print.
constexpr float kSurePrintedDigits = 85;

// A word's letters and digits alone, lower case and without marks ("Số:" → "so").
std::string Key(std::string_view text) {
  std::string key;
  for (char c : text::ToLower(text::StripDiacritics(text))) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) key += c;
  }
  return key;
}

// Byte offset of the `n`-th code point.
size_t ByteOffset(std::string_view text, size_t n) {
  size_t pos = 0;
  for (size_t i = 0; i < n && pos < text.size(); ++i) text::NextCodePoint(text, &pos);
  return pos;
}

// How a blank opens or closes: the printed part of the word there (bytes [begin, end) of its
// text) and how wide that part prints, in printed letter heights.
struct PrintedEdge {
  size_t begin = 0, end = 0;
  double width = 0;
};

// "Số:" opening the serial's blank, as OCR reads it ("Số:", "So", "S6:", "Số:04+" with the ink
// glued on); a capital, unlike "số" citing a number in the body.
std::optional<PrintedEdge> NumberMarker(const std::string& text) {
  const std::string key = Key(text);
  if (text.empty() || text[0] != 'S' || key.size() < 2 || key[0] != 's' || std::string_view("o60").find(key[1]) == std::string::npos) {
    return std::nullopt;
  }
  const size_t colon = text.find(':');
  if (colon != std::string::npos && colon <= ByteOffset(text, 3)) return PrintedEdge{0, colon + 1, kNumberMarkerWidth};
  if (key.size() == 2) return PrintedEdge{0, text.size(), kNumberMarkerWidth};
  return std::nullopt;
}

// "/" opening the printed notation after the serial's blank ("/CT-UBND", "$'14/UBND-KTTH"), or
// the "-" of a Party notation glued to typed digits ("178-CT/TW").
std::optional<PrintedEdge> Notation(const std::string& text) {
  size_t opening = text.find('/');
  const size_t dash = text.find('-');
  if (dash != std::string::npos && dash > 0 && dash < opening && text.find_first_not_of("0123456789") == dash) {
    opening = dash;
  }
  if (opening == std::string::npos) return std::nullopt;
  return PrintedEdge{opening, text.size(), kNotationLetterWidth * text::ToU32(text.substr(opening)).size()};
}

// "ngày" opening the day's blank, possibly damaged or glued to the ink ("ngàW/†", "ngày03");
// in lower case, unlike the place before it ("Quảng Ngãi, ngày").
std::optional<PrintedEdge> DayMarker(const std::string& text) {
  if (text.empty() || text[0] != 'n' || Key(text).rfind("nga", 0) != 0) return std::nullopt;
  return PrintedEdge{0, ByteOffset(text, 4), kDayMarkerWidth};
}

// The last place in `text` where a word whose letters begin with `key` starts with `first`,
// searched in the text itself: its lower-case form may differ in length.
std::optional<size_t> LastWordStart(const std::string& text, char first, std::string_view key) {
  for (size_t at = text.size(); at-- > 0;) {
    if (std::tolower(static_cast<unsigned char>(text[at])) == first && Key(text.substr(at)).rfind(key, 0) == 0) return at;
  }
  return std::nullopt;
}

// "tháng" closing the day's blank, possibly with the ink glued before it ("/Ñtháng",
// "ngàytháng" when OCR read both words and the ink between as one).
std::optional<PrintedEdge> MonthWord(const std::string& text) {
  const std::optional<size_t> at = LastWordStart(text, 't', "thang");
  if (!at) return std::nullopt;
  return PrintedEdge{*at, text.size(), kMonthWordWidth};
}

// "tháng" opening the month's blank, possibly glued to the ink ("tháng01").
std::optional<PrintedEdge> MonthMarker(const std::string& text) {
  if (text.empty() || std::tolower(static_cast<unsigned char>(text[0])) != 't' || Key(text).rfind("thang", 0) != 0) {
    return std::nullopt;
  }
  return PrintedEdge{0, ByteOffset(text, 5), kMonthWordWidth};
}

// "năm" closing the month's blank, possibly with the ink glued before it ("01năm").
std::optional<PrintedEdge> YearWord(const std::string& text) {
  const std::optional<size_t> at = LastWordStart(text, 'n', "nam");
  if (!at) return std::nullopt;
  return PrintedEdge{*at, text.size(), kYearWordWidth};
}

using EdgeFinder = std::optional<PrintedEdge> (*)(const std::string&);

int MedianHeight(const OcrLine& line) {
  std::vector<int> heights;
  for (const OcrWord& word : line.words) heights.push_back(word.box.height);
  if (heights.empty()) return 0;
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  return heights[heights.size() / 2];
}

// The pen ink's band: the printed line with room for pen digits above and below it.
Box BlankBox(const OcrLine& line, int left, int right, int letter_height) {
  const int top = std::max(0, line.box.y - static_cast<int>(kInkAboveLine * letter_height));
  const int bottom = line.box.bottom() + static_cast<int>(kInkBelowLine * letter_height);
  return Box{left, top, std::max(0, right - left), bottom - top};
}

// The blank between the word `opening` finds and the word `closing` finds after it on `line`.
std::optional<FilledInBlank> FindBlank(const OcrLine& line, BlankKind kind, EdgeFinder opening, EdgeFinder closing) {
  const std::vector<OcrWord>& words = line.words;
  const int height = MedianHeight(line);
  for (size_t i = 0; i < words.size(); ++i) {
    const std::optional<PrintedEdge> open = opening(words[i].text);
    if (!open) continue;
    for (size_t j = i; j < words.size() && j <= i + kMaxWordsInBlank; ++j) {
      // The closing word's print must come after the opening one's within one word.
      const std::string& text = words[j].text;
      std::optional<PrintedEdge> close = closing(j == i ? text.substr(open->end) : text);
      if (!close) continue;
      if (j == i) close->begin += open->end, close->end += open->end;
      FilledInBlank blank;
      blank.kind = kind;
      blank.letter_height = height;
      const Box& first = words[i].box;
      const Box& last = words[j].box;
      const int open_width = static_cast<int>(open->width * height);
      const int close_width = static_cast<int>(close->width * height);
      // The opening word belongs to the blank when ink was glued to it or swallowed by its box.
      const bool open_has_ink = j == i || open->end < words[i].text.size() || first.width > kSwallowedInk * open_width;
      const bool close_has_ink = j == i || close->begin > 0 || last.width > kSwallowedInk * close_width;
      const int left = open_has_ink ? first.x + open_width : first.right();
      const int right = close_has_ink ? last.right() - close_width : last.x;
      blank.first_word = open_has_ink ? i : i + 1;
      blank.end_word = close_has_ink ? j + 1 : j;
      if (open_has_ink) {
        blank.printed_before = words[i].text.substr(open->begin, open->end - open->begin);
        blank.printed_before_box = Box{first.x, first.y, open_width, first.height};
      }
      if (close_has_ink) {
        blank.printed_rest = text.substr(close->begin, close->end - close->begin);
        blank.printed_rest_box = Box{right, last.y, close_width, last.height};
      }
      blank.box = BlankBox(line, left, right, height);
      return blank;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

// Whether OCR's own reading of a blank stands: clean digits are print typed into the blank when
// OCR is sure of them or read them in one word with the printed text after the blank
// ("278/2026/TT-NHNN": typed in the same run, however unsure OCR is of the notation's letters).
// The reader, trained on pen digits, misreads print and the printed letters beside it ("1906151"
// for a typed 1906, "27811" for "278/2"), and where it reads print alike the print is still print.
bool ReadAsPrint(const OcrLine& line, const FilledInBlank& blank) {
  std::string digits;
  for (size_t i = blank.first_word; i < blank.end_word; ++i) {
    const OcrWord& word = line.words[i];
    std::string_view text = word.text;
    if (i == blank.first_word) text.remove_prefix(std::min(text.size(), blank.printed_before.size()));
    const bool glued_after = i + 1 == blank.end_word && !blank.printed_rest.empty();
    if (glued_after) text.remove_suffix(std::min(text.size(), blank.printed_rest.size()));
    if (text.empty()) continue;
    const bool sure = word.confidence >= kSurePrintedDigits || glued_after;
    if (!sure || text.find_first_not_of("0123456789") != std::string_view::npos) return false;
    digits += text;
  }
  return !digits.empty();
}

OcrWord PrintedPart(const OcrWord& from, std::string text, const Box& box) {
  OcrWord word;
  word.text = word.ocr_text = std::move(text);
  word.box = box;
  word.confidence = from.confidence;
  return word;
}

// Readings of a blank under this probability are not worth a reviewer's look.
constexpr float kLeastReading = 0.001f;
constexpr size_t kMostReadings = 8;

std::vector<std::pair<std::string, float>> MostLikely(std::vector<std::pair<std::string, float>> readings) {
  std::stable_sort(readings.begin(), readings.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  const auto unlikely =
      std::find_if(readings.begin() + 1, readings.end(), [](const auto& r) { return r.second < kLeastReading; });
  readings.erase(unlikely, readings.end());
  if (readings.size() > kMostReadings) readings.resize(kMostReadings);
  return readings;
}

// The values from `first` to `last` the pen digits `guesses` may be, written with as many digits
// as there are guesses (a 0 in front where a value has fewer: "05", "01"), as probabilities among
// those values alone: a tens digit the network puts between 3 and 8 is a 3 when the units digit
// says 31. A day's are 01–31; a month's 1–12 with one digit or two (Decree 30/2020 writes
// January and February "01" and "02", clerks others alike).
std::vector<std::pair<std::string, float>> ReadingsAmong(const std::vector<DigitGuess>& guesses, int first, int last) {
  std::vector<std::pair<std::string, float>> readings;
  float total = 0;
  for (int value = first; value <= last; ++value) {
    std::string digits = std::to_string(value);
    if (digits.size() > guesses.size()) continue;
    digits.insert(0, guesses.size() - digits.size(), '0');
    float odds = 1;
    for (size_t i = 0; i < digits.size(); ++i) odds *= guesses[i].odds[digits[i] - '0'];
    readings.emplace_back(std::move(digits), odds);
    total += odds;
  }
  for (auto& reading : readings) reading.second = total > 0 ? reading.second / total : 0;
  return MostLikely(std::move(readings));
}

// A serial's likeliest readings: each digit its best or its second-best guess.
std::vector<std::pair<std::string, float>> SerialReadings(const std::vector<DigitGuess>& guesses) {
  std::vector<std::pair<std::string, float>> readings = {{"", 1.0f}};
  for (const DigitGuess& guess : guesses) {
    int second = guess.digit == 0 ? 1 : 0;
    for (int digit = 0; digit < 10; ++digit) {
      if (digit != guess.digit && guess.odds[digit] > guess.odds[second]) second = digit;
    }
    std::vector<std::pair<std::string, float>> longer;
    for (const auto& [digits, odds] : readings) {
      for (int digit : {guess.digit, second}) longer.emplace_back(digits + static_cast<char>('0' + digit), odds * guess.odds[digit]);
    }
    readings = std::move(longer);
  }
  return MostLikely(std::move(readings));
}

}  // namespace

std::vector<FilledInBlank> FindFilledInBlanks(const OcrPage& page) {
  // The topmost of each kind: OCR's block order may put a body line first.
  std::optional<FilledInBlank> serial, day, month;
  auto keep = [](std::optional<FilledInBlank> found, size_t block, size_t line, std::optional<FilledInBlank>* best) {
    if (found) found->block = block, found->line = line;
    if (found && found->letter_height > 0 && found->box.width > 0 && (!*best || found->box.y < (*best)->box.y)) {
      *best = found;
    }
  };
  const int header_bottom = static_cast<int>(page.height * kHeaderShare);
  for (size_t b = 0; b < page.blocks.size(); ++b) {
    for (size_t l = 0; l < page.blocks[b].lines.size(); ++l) {
      const OcrLine& line = page.blocks[b].lines[l];
      if (line.box.y > header_bottom) continue;
      keep(FindBlank(line, BlankKind::kSerial, NumberMarker, Notation), b, l, &serial);
      keep(FindBlank(line, BlankKind::kDay, DayMarker, MonthWord), b, l, &day);
      keep(FindBlank(line, BlankKind::kMonth, MonthMarker, YearWord), b, l, &month);
    }
  }
  std::vector<FilledInBlank> blanks;
  for (const auto& found : {serial, day, month}) {
    if (found) blanks.push_back(*found);
  }
  return blanks;
}

BlankReading ReadBlank(const cv::Mat& grey, const FilledInBlank& blank, const HandDigitClassifier& classifier) {
  BlankReading reading;
  const cv::Rect area = cv::Rect(blank.box.x, blank.box.y, blank.box.width, blank.box.height) &
                        cv::Rect(0, 0, grey.cols, grey.rows);
  if (area.empty()) return reading;
  std::vector<DigitGuess> guesses;
  cv::Rect ink;
  for (const DigitInk& digit : SegmentDigits(grey(area), blank.letter_height, &classifier)) {
    guesses.push_back(classifier.Classify(digit.ink));
    ink = ink.empty() ? digit.box : (ink | digit.box);
  }
  if (guesses.empty()) return reading;
  reading.ink = Box{area.x + ink.x, area.y + ink.y, ink.width, ink.height};
  reading.confidence = 1;
  for (const DigitGuess& guess : guesses) {
    reading.digits += static_cast<char>('0' + guess.digit);
    reading.confidence = std::min(reading.confidence, guess.confidence);
  }
  if (blank.kind == BlankKind::kDay) {
    // Decree 30/2020 writes a day with two digits ("ngày 05"); anything else is a misreading.
    if (guesses.size() != 2) return BlankReading{{}, 0, {}, reading.ink};
    reading.readings = ReadingsAmong(guesses, 1, 31);
    const int day = std::stoi(reading.digits);
    if (day < 1 || day > 31) reading.confidence = 0;
  } else if (blank.kind == BlankKind::kMonth) {
    if (guesses.size() > 2) return BlankReading{{}, 0, {}, reading.ink};
    reading.readings = ReadingsAmong(guesses, 1, 12);
    const int month = std::stoi(reading.digits);
    if (month < 1 || month > 12) reading.confidence = 0;
  } else {
    if (guesses.size() > kMaxSerialDigits) return BlankReading{{}, 0, {}, reading.ink};
    reading.readings = SerialReadings(guesses);
  }
  return reading;
}

void ReadFilledInBlanks(const cv::Mat& grey, const HandDigitClassifier& classifier, OcrPage* page) {
  std::vector<FilledInBlank> blanks = FindFilledInBlanks(*page);
  // From the last word back, so that earlier blanks' word indices hold.
  std::sort(blanks.begin(), blanks.end(), [](const FilledInBlank& a, const FilledInBlank& b) {
    return std::tie(b.block, b.line, b.first_word) < std::tie(a.block, a.line, a.first_word);
  });
  // Most months are printed: a month is pen ink only on the line of a day that is, and only
  // when no word OCR read holds ink of both ("04thángØ").
  const auto day = std::find_if(blanks.begin(), blanks.end(), [](const FilledInBlank& b) { return b.kind == BlankKind::kDay; });
  const bool pen_day = day != blanks.end() && !ReadAsPrint(page->blocks[day->block].lines[day->line], *day);
  const auto month_readable = [&](const FilledInBlank& month) {
    return pen_day && day->block == month.block && day->line == month.line && day->end_word <= month.first_word;
  };
  for (const FilledInBlank& blank : blanks) {
    OcrLine& line = page->blocks[blank.block].lines[blank.line];
    if (blank.kind == BlankKind::kMonth && !month_readable(blank)) continue;
    if (ReadAsPrint(line, blank)) continue;
    const BlankReading reading = ReadBlank(grey, blank, classifier);
    if (reading.confidence <= 0) continue;
    std::vector<OcrWord> replacement;
    OcrWord hand;
    hand.text = reading.digits;
    hand.box = reading.ink;
    hand.confidence = 100 * reading.confidence;
    hand.handwritten = true;
    for (const auto& [digits, odds] : reading.readings) {
      if (digits != reading.digits) hand.alternatives.emplace_back(digits, 100 * odds);
    }
    for (size_t i = blank.first_word; i < blank.end_word; ++i) {
      const OcrWord& read = line.words[i];
      hand.ocr_text += (hand.ocr_text.empty() ? "" : " ") + read.ocr_text;
      // Tesseract's digits-only re-reading of the ink stays as a second opinion.
      if (read.digits_confidence > hand.digits_confidence) {
        hand.digits = read.digits;
        hand.digits_confidence = read.digits_confidence;
      }
    }
    if (!blank.printed_before.empty()) {
      replacement.push_back(PrintedPart(line.words[blank.first_word], blank.printed_before, blank.printed_before_box));
    }
    replacement.push_back(std::move(hand));
    if (!blank.printed_rest.empty()) {
      replacement.push_back(PrintedPart(line.words[blank.end_word - 1], blank.printed_rest, blank.printed_rest_box));
    }
    line.words.erase(line.words.begin() + blank.first_word, line.words.begin() + blank.end_word);
    line.words.insert(line.words.begin() + blank.first_word, replacement.begin(), replacement.end());
  }
}

}  // namespace vanban::ocr
