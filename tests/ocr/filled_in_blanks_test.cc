#include "pipeline/ocr/filled_in_blanks.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "tests/test_util.h"

namespace vanban::ocr {
namespace {

// A header line as OCR gives it: words with their boxes, letters ~50 px tall (300 dpi).
OcrLine Line(const std::vector<std::pair<std::string, Box>>& words) {
  OcrLine line;
  for (const auto& [text, box] : words) {
    OcrWord word;
    word.text = word.ocr_text = text;
    word.box = box;
    word.confidence = 80;
    line.words.push_back(word);
    line.box = line.words.size() == 1 ? box
                                      : Box{std::min(line.box.x, box.x), std::min(line.box.y, box.y),
                                            std::max(line.box.right(), box.right()) - std::min(line.box.x, box.x),
                                            std::max(line.box.bottom(), box.bottom()) - std::min(line.box.y, box.y)};
  }
  return line;
}

OcrPage PageOf(std::vector<OcrLine> lines) {
  OcrPage page;
  page.width = 2480;
  page.height = 3508;
  OcrBlock block;
  block.lines = std::move(lines);
  page.blocks.push_back(block);
  return page;
}

TEST(FindFilledInBlanksTest, FindsTheSerialBetweenSoAndTheSlash) {
  const OcrPage page = PageOf({Line({{"Số:", {430, 500, 64, 50}}, {"Ó", {524, 505, 32, 45}}, {"#", {574, 500, 52, 55}},
                                     {"/CT-UBND", {645, 500, 256, 50}}})});
  const std::vector<FilledInBlank> blanks = FindFilledInBlanks(page);
  ASSERT_EQ(blanks.size(), 1u);
  EXPECT_EQ(blanks[0].kind, BlankKind::kSerial);
  EXPECT_EQ(blanks[0].first_word, 1u);
  EXPECT_EQ(blanks[0].end_word, 3u);
  EXPECT_EQ(blanks[0].box.x, 494);
  EXPECT_EQ(blanks[0].box.right(), 645);
  EXPECT_TRUE(blanks[0].printed_rest.empty());
  // Room above and below the printed line for pen digits.
  EXPECT_LT(blanks[0].box.y, 500);
  EXPECT_GT(blanks[0].box.bottom(), 555);
}

TEST(FindFilledInBlanksTest, SplitsInkGluedToTheNotationOrToSo) {
  const OcrPage glued_notation = PageOf({Line({{"Số:", {452, 480, 65, 52}}, {"$'14/UBND-KTTH", {540, 478, 420, 56}}})});
  std::vector<FilledInBlank> blanks = FindFilledInBlanks(glued_notation);
  ASSERT_EQ(blanks.size(), 1u);
  EXPECT_EQ(blanks[0].printed_rest, "/UBND-KTTH");
  EXPECT_EQ(blanks[0].end_word, 2u);
  EXPECT_GT(blanks[0].box.right(), 540);
  EXPECT_LT(blanks[0].box.right(), 700);
  EXPECT_EQ(blanks[0].printed_rest_box.x, blanks[0].box.right());

  const OcrPage glued_marker = PageOf({Line({{"Số:04+", {439, 419, 158, 52}}, {"/CT-UBND", {627, 419, 277, 52}}})});
  blanks = FindFilledInBlanks(glued_marker);
  ASSERT_EQ(blanks.size(), 1u);
  EXPECT_EQ(blanks[0].first_word, 0u);
  EXPECT_EQ(blanks[0].printed_before, "Số:");
  EXPECT_LT(blanks[0].box.x, 530);
  EXPECT_EQ(blanks[0].box.right(), 627);
}

TEST(FindFilledInBlanksTest, APartyNotationOpensAtTheDashAfterTheDigits) {
  const OcrPage party = PageOf({Line({{"Số", {430, 500, 60, 50}}, {"178-CT/TW", {510, 500, 280, 50}}})});
  const std::vector<FilledInBlank> blanks = FindFilledInBlanks(party);
  ASSERT_EQ(blanks.size(), 1u);
  EXPECT_EQ(blanks[0].printed_rest, "-CT/TW");
  // A dash inside the notation ("/UBND-KTTH") opens nothing.
  const OcrPage province = PageOf({Line({{"Số:", {430, 500, 64, 50}}, {"574/UBND-KTTH", {520, 500, 380, 50}}})});
  EXPECT_EQ(FindFilledInBlanks(province)[0].printed_rest, "/UBND-KTTH");
}

TEST(FindFilledInBlanksTest, FindsTheDayEvenInsideOneWordOrASwallowingBox) {
  // "ngày" 136 px wide where it prints ~105: its box swallowed the day's first digit.
  const OcrPage wide = PageOf({Line({{"Quảng", {1361, 351, 146, 60}}, {"Ngãi,", {1516, 351, 117, 60}},
                                     {"ngày", {1652, 351, 136, 52}}, {"tháng", {1853, 351, 121, 52}},
                                     {"4", {1987, 351, 26, 50}}, {"năm", {2026, 351, 90, 50}}})});
  std::vector<FilledInBlank> blanks = FindFilledInBlanks(wide);
  ASSERT_EQ(blanks.size(), 2u);
  EXPECT_EQ(blanks[0].kind, BlankKind::kDay);
  EXPECT_EQ(blanks[1].kind, BlankKind::kMonth);
  EXPECT_EQ(blanks[0].first_word, 2u);
  EXPECT_EQ(blanks[0].printed_before, "ngày");
  EXPECT_LT(blanks[0].box.x, 1788);
  EXPECT_EQ(blanks[0].box.right(), 1853);

  const OcrPage one_word = PageOf({Line({{"Ngãi,", {1408, 514, 123, 60}}, {"ngàytháng", {1554, 514, 323, 56}},
                                         {"01", {1893, 514, 51, 50}}})});
  blanks = FindFilledInBlanks(one_word);
  ASSERT_EQ(blanks.size(), 1u);
  EXPECT_EQ(blanks[0].first_word, 1u);
  EXPECT_EQ(blanks[0].end_word, 2u);
  EXPECT_EQ(blanks[0].printed_before, "ngày");
  EXPECT_EQ(blanks[0].printed_rest, "tháng");
  EXPECT_GT(blanks[0].box.width, 50);
}

TEST(FindFilledInBlanksTest, IgnoresNumbersAndDatesCitedInTheBody) {
  OcrLine cited = Line({{"số", {400, 1200, 60, 50}}, {"118/2014/NĐ-CP", {480, 1200, 400, 50}}});
  OcrLine below = Line({{"ngày", {400, 1400, 105, 50}}, {"16", {520, 1400, 50, 50}}, {"tháng", {590, 1400, 120, 50}}});
  OcrLine capital_low = Line({{"Số:", {400, 1600, 64, 50}}, {"/CT-UBND", {520, 1600, 256, 50}}});
  EXPECT_TRUE(FindFilledInBlanks(PageOf({cited, below, capital_low})).empty());
}

// Pen-like digits: OpenCV's Hershey script face, drawn thick.
cv::Mat PenDigits(const std::string& digits, double scale, int thickness, int spacing) {
  cv::Mat blank(140, 60 + static_cast<int>(digits.size()) * (40 + spacing), CV_8UC1, cv::Scalar(255));
  int x = 20;
  for (char digit : digits) {
    cv::putText(blank, std::string(1, digit), cv::Point(x, 100), cv::FONT_HERSHEY_SCRIPT_SIMPLEX, scale, cv::Scalar(20),
                thickness, cv::LINE_AA);
    x += 40 + spacing;
  }
  return blank;
}

TEST(SegmentDigitsTest, SplitsSeparateDigitsAndDropsTheUnderlineAndSpecks) {
  cv::Mat blank = PenDigits("574", 2.2, 7, 20);
  cv::line(blank, cv::Point(0, 112), cv::Point(blank.cols, 113), cv::Scalar(0), 3);  // the dotted blank's line
  cv::circle(blank, cv::Point(blank.cols - 10, 60), 2, cv::Scalar(0), -1);          // a speck
  const std::vector<DigitInk> digits = SegmentDigits(blank, 50);
  ASSERT_EQ(digits.size(), 3u);
  for (size_t i = 1; i < digits.size(); ++i) EXPECT_GT(digits[i].box.x, digits[i - 1].box.x);
  for (const DigitInk& digit : digits) {
    EXPECT_GT(digit.box.height, 40);
    EXPECT_LT(digit.box.width, digit.box.height);  // the underline is not part of any digit
  }
}

TEST(SegmentDigitsTest, SplitsTouchingDigits) {
  // "57" written so close that the 7's bar runs into the 5: one stroke group twice as wide as a digit.
  const cv::Mat blank = PenDigits("57", 2.2, 8, -14);
  const std::vector<DigitInk> digits = SegmentDigits(blank, 50);
  ASSERT_EQ(digits.size(), 2u);
  for (const DigitInk& digit : digits) EXPECT_GT(digit.box.width * 10, digit.box.height * 3);
}

TEST(SegmentDigitsTest, TheFlagOfA5RunOnToTheRightIsNoDigit) {
  // "05" with the 5's bar drawn on past the digit, as clerks write it: the group is three digits
  // wide, but the last third is a bar, not a digit.
  cv::Mat blank = PenDigits("05", 2.2, 7, 10);
  cv::copyMakeBorder(blank, blank, 0, 0, 0, 80, cv::BORDER_CONSTANT, cv::Scalar(255));
  cv::line(blank, cv::Point(88, 50), cv::Point(150, 36), cv::Scalar(20), 7, cv::LINE_AA);
  const std::vector<DigitInk> digits = SegmentDigits(blank, 50);
  ASSERT_EQ(digits.size(), 2u);
  EXPECT_GT(digits[1].box.br().x, 140);  // the bar stays with the 5
}

TEST(SegmentDigitsTest, KeepsInkOfEveryColourAndDropsTheLineAbove) {
  // A blue pen on a grey copy: ink lighter than print still reads; the printed line above the
  // blank reaches into the crop's top margin and is not a digit.
  cv::Mat blank = PenDigits("80", 2.2, 7, 20);
  blank.setTo(110, blank < 128);
  cv::putText(blank, "CH", cv::Point(20, 12), cv::FONT_HERSHEY_SIMPLEX, 1.2, cv::Scalar(0), 3);
  const std::vector<DigitInk> digits = SegmentDigits(blank, 50);
  EXPECT_EQ(digits.size(), 2u);
}

TEST(SegmentDigitsTest, AnEmptyBlankHasNoDigits) {
  cv::Mat blank(140, 200, CV_8UC1, cv::Scalar(250));
  cv::randn(blank, 245, 4);  // paper grain
  EXPECT_TRUE(SegmentDigits(blank, 50).empty());
}

// A page with pen digits written between "Số:" and the notation, and OCR's words for the line.
struct WrittenPage {
  cv::Mat grey;
  OcrPage page;
};

WrittenPage WithPenSerial(const std::string& ocr_blank_text, float ocr_confidence) {
  WrittenPage written{cv::Mat(3508, 2480, CV_8UC1, cv::Scalar(255)), {}};
  const cv::Mat pen = PenDigits("47", 2.2, 8, 10);
  pen.copyTo(written.grey(cv::Rect(520, 440, pen.cols, pen.rows)));
  OcrLine line = Line({{"Số:", {430, 500, 64, 50}}, {ocr_blank_text, {540, 495, 110, 60}}, {"/QĐ-UBND", {700, 500, 256, 50}}});
  line.words[1].confidence = ocr_confidence;
  written.page = PageOf({line});
  return written;
}

TEST(ReadFilledInBlanksTest, PenDigitsReplaceOcrsGarbleAsAHandwrittenWord) {
  auto classifier = HandDigitClassifier::Load(vanban::testing::SourcePath("models/hand-digits.yml.gz"));
  ASSERT_TRUE(classifier.ok()) << classifier.status().message();
  WrittenPage written = WithPenSerial("$'4†", 31);
  ReadFilledInBlanks(written.grey, **classifier, &written.page);
  const std::vector<OcrWord>& words = written.page.blocks[0].lines[0].words;
  ASSERT_EQ(words.size(), 3u);
  EXPECT_TRUE(words[1].handwritten);
  EXPECT_EQ(words[1].ocr_text, "$'4†");
  EXPECT_EQ(words[1].text.size(), 2u);
  EXPECT_GE(words[1].box.x, 520);
  EXPECT_EQ(words[2].text, "/QĐ-UBND");
}

TEST(ReadFilledInBlanksTest, TheReadersNextReadingsAreTheHandwrittenWordsAlternatives) {
  auto classifier = HandDigitClassifier::Load(vanban::testing::SourcePath("models/hand-digits.yml.gz"));
  ASSERT_TRUE(classifier.ok()) << classifier.status().message();
  WrittenPage written = WithPenSerial("$'4†", 31);
  ReadFilledInBlanks(written.grey, **classifier, &written.page);
  const OcrWord& hand = written.page.blocks[0].lines[0].words[1];
  ASSERT_TRUE(hand.handwritten);
  float before = hand.confidence;
  for (const auto& [text, odds] : hand.alternatives) {
    EXPECT_NE(text, hand.text);
    EXPECT_EQ(text.size(), hand.text.size());
    EXPECT_LE(odds, before);
    before = odds;
  }
}

// A date line "ngày __ tháng __ năm 2021" whose day is pen digits "04" OCR garbled, and whose
// month is `month` written by pen, or printed when `printed_month` is set.
WrittenPage WithPenDate(const std::string& month, const std::string& printed_month = "") {
  WrittenPage written{cv::Mat(3508, 2480, CV_8UC1, cv::Scalar(255)), {}};
  const cv::Mat day = PenDigits("04", 2.2, 8, 10);
  day.copyTo(written.grey(cv::Rect(1660, 400, day.cols, day.rows)));
  if (printed_month.empty()) {
    const cv::Mat pen = PenDigits(month, 2.2, 8, 10);
    pen.copyTo(written.grey(cv::Rect(1950, 400, pen.cols, pen.rows)));
  }
  const std::string read_month = printed_month.empty() ? "Ø†?" : printed_month;
  OcrLine line = Line({{"ngày", {1540, 460, 105, 50}}, {"0ả", {1680, 455, 90, 60}}, {"tháng", {1800, 460, 122, 50}},
                       {read_month, {1960, 455, 90, 60}}, {"năm", {2080, 460, 93, 50}}, {"2021", {2190, 460, 103, 50}}});
  line.words[1].confidence = 30;
  line.words[3].confidence = printed_month.empty() ? 36 : 95;
  written.page = PageOf({line});
  return written;
}

TEST(ReadFilledInBlanksTest, AMonthWrittenByPenBesideAPenDayIsReadToo) {
  auto classifier = HandDigitClassifier::Load(vanban::testing::SourcePath("models/hand-digits.yml.gz"));
  ASSERT_TRUE(classifier.ok()) << classifier.status().message();
  WrittenPage written = WithPenDate("01");
  ReadFilledInBlanks(written.grey, **classifier, &written.page);
  const std::vector<OcrWord>& words = written.page.blocks[0].lines[0].words;
  ASSERT_EQ(words.size(), 6u);
  EXPECT_TRUE(words[1].handwritten);
  EXPECT_EQ(words[2].text, "tháng");
  ASSERT_TRUE(words[3].handwritten);
  EXPECT_EQ(words[3].ocr_text, "Ø†?");
  ASSERT_FALSE(words[3].alternatives.empty());
  for (const auto& [month, odds] : words[3].alternatives) {
    EXPECT_GE(std::stoi(month), 1);
    EXPECT_LE(std::stoi(month), 12);
  }

  // A printed month OCR is sure of stays print.
  written = WithPenDate("", "01");
  ReadFilledInBlanks(written.grey, **classifier, &written.page);
  EXPECT_TRUE(written.page.blocks[0].lines[0].words[1].handwritten);
  EXPECT_FALSE(written.page.blocks[0].lines[0].words[3].handwritten);
  EXPECT_EQ(written.page.blocks[0].lines[0].words[3].text, "01");
}

// A day blank of pen digits, as FindFilledInBlanks gives it for "ngày __ tháng".
BlankReading ReadPenDay(const std::string& digits, const HandDigitClassifier& classifier) {
  const cv::Mat pen = PenDigits(digits, 2.2, 8, 10);
  FilledInBlank blank;
  blank.kind = BlankKind::kDay;
  blank.box = Box{0, 0, pen.cols, pen.rows};
  blank.letter_height = 50;
  return ReadBlank(pen, blank, classifier);
}

TEST(ReadBlankTest, ADaysReadingsAreDaysOfAMonthBestFirst) {
  auto classifier = HandDigitClassifier::Load(vanban::testing::SourcePath("models/hand-digits.yml.gz"));
  ASSERT_TRUE(classifier.ok()) << classifier.status().message();
  const BlankReading day = ReadPenDay("27", **classifier);
  ASSERT_EQ(day.digits.size(), 2u);
  ASSERT_FALSE(day.readings.empty());
  float total = 0, before = 1;
  for (const auto& [text, odds] : day.readings) {
    ASSERT_EQ(text.size(), 2u);
    EXPECT_GE(std::stoi(text), 1);
    EXPECT_LE(std::stoi(text), 31);
    EXPECT_LE(odds, before);
    before = odds;
    total += odds;
  }
  EXPECT_LE(total, 1.0001f);
  // Three digits are no day: nothing is given.
  const BlankReading three = ReadPenDay("271", **classifier);
  EXPECT_TRUE(three.digits.empty());
  EXPECT_EQ(three.confidence, 0);
}

TEST(ReadFilledInBlanksTest, DigitsOcrIsSureOfStayAsTypedPrint) {
  auto classifier = HandDigitClassifier::Load(vanban::testing::SourcePath("models/hand-digits.yml.gz"));
  ASSERT_TRUE(classifier.ok()) << classifier.status().message();
  WrittenPage written = WithPenSerial("1906", 95);
  ReadFilledInBlanks(written.grey, **classifier, &written.page);
  const OcrWord& word = written.page.blocks[0].lines[0].words[1];
  EXPECT_EQ(word.text, "1906");
  EXPECT_FALSE(word.handwritten);
  // Read alike by both, print is still print.
  written = WithPenSerial("47", 95);
  ReadFilledInBlanks(written.grey, **classifier, &written.page);
  EXPECT_EQ(written.page.blocks[0].lines[0].words[1].text, "47");
  EXPECT_FALSE(written.page.blocks[0].lines[0].words[1].handwritten);
}

TEST(ReadFilledInBlanksTest, DigitsReadInOneWordWithTheNotationStayAsTypedPrintHoweverUnsure) {
  // A typed "278/2026/TT1-NHNN": Tesseract is unsure of the notation's letters, not of the digits.
  auto classifier = HandDigitClassifier::Load(vanban::testing::SourcePath("models/hand-digits.yml.gz"));
  ASSERT_TRUE(classifier.ok()) << classifier.status().message();
  WrittenPage written{cv::Mat(3508, 2480, CV_8UC1, cv::Scalar(255)), {}};
  cv::putText(written.grey, "278/2026/TT-NHNN", cv::Point(520, 545), cv::FONT_HERSHEY_COMPLEX, 1.6, cv::Scalar(0), 3);
  OcrLine line = Line({{"Số:", {430, 500, 64, 50}}, {"278/2026/TT1-NHNN", {520, 500, 480, 50}}});
  line.words[1].confidence = 1;
  written.page = PageOf({line});
  ReadFilledInBlanks(written.grey, **classifier, &written.page);
  const std::vector<OcrWord>& words = written.page.blocks[0].lines[0].words;
  ASSERT_EQ(words.size(), 2u);
  EXPECT_EQ(words[1].text, "278/2026/TT1-NHNN");
  EXPECT_FALSE(words[1].handwritten);
}

}  // namespace
}  // namespace vanban::ocr
