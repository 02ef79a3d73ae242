// Filled-in blanks — the serial ("Số: 574 /UBND-KTTH"), the day ("ngày 04 tháng 02") and at
// times the month ("tháng 01 năm 2021") that a clerk writes by hand into the blanks Decree
// 30/2020 leaves in a dispatch's header.
//
// The blanks are found from the printed words around them (between "Số:" and the "/" of the
// notation; between "ngày" and "tháng"; between "tháng" and "năm", read only beside a day written
// by hand: most months are printed), their pen ink is read by the hand-digit reader
// (hand_digits.h), and the reading replaces what Tesseract made of the ink ("$'14/UBND-KTTH"):
// one word marked `handwritten`, whose confidence is the reader's, so that every output shows
// the digits and the extractor decides whether they are sure enough to be a field.
//
// Thread-safety: free functions over values the caller owns.
#ifndef VANBAN_PIPELINE_OCR_FILLED_IN_BLANKS_H_
#define VANBAN_PIPELINE_OCR_FILLED_IN_BLANKS_H_

#include <string>
#include <utility>
#include <vector>

#include <opencv2/core.hpp>

#include "pipeline/ocr/hand_digits.h"
#include "vanban/document.h"

namespace vanban::ocr {

enum class BlankKind { kSerial, kDay, kMonth };

struct FilledInBlank {
  BlankKind kind = BlankKind::kSerial;
  size_t block = 0, line = 0;
  // The words OCR read over the blank's ink, [first_word, end_word); the last may run on into
  // the printed part after the blank (`printed_rest`, e.g. "/UBND-KTTH", and its box), or the
  // first may hold the printed part before it ("ngày" of "ngày03": `printed_before`).
  size_t first_word = 0, end_word = 0;
  std::string printed_before, printed_rest;
  Box printed_before_box, printed_rest_box;
  Box box;                // where the pen ink may be, between the printed words
  int letter_height = 0;  // of the printed line, in pixels
};

// The blanks of a page's header lines, at most one of each kind; none on a page without them.
std::vector<FilledInBlank> FindFilledInBlanks(const OcrPage& page);

// The digits read from a blank's ink and the reader's confidence in them (the least sure
// digit's DigitGuess::confidence; 0 for a day that is not 01 to 31 or a month not 1 to 12).
// `readings` holds the likeliest readings a blank of its kind can hold, best first, with their
// probabilities (a day's among the days 01–31 alone, a month's among the months), as candidates
// for a reviewer. Empty digits when no pen digit was found or there are more or fewer digits than
// the blank can hold.
struct BlankReading {
  std::string digits;
  float confidence = 0;
  std::vector<std::pair<std::string, float>> readings;
  Box ink;  // the digits' box on the page
};

BlankReading ReadBlank(const cv::Mat& grey, const FilledInBlank& blank, const HandDigitClassifier& classifier);

// Reads every filled-in blank of `page` from `grey` (the page as recognised, pen ink of every
// colour kept) and puts each reading in place of OCR's words there.
void ReadFilledInBlanks(const cv::Mat& grey, const HandDigitClassifier& classifier, OcrPage* page);

}  // namespace vanban::ocr

#endif  // VANBAN_PIPELINE_OCR_FILLED_IN_BLANKS_H_
