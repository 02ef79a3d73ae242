// Glued words: a number written or typed into a blank right after its printed label ("ngày11",
// "ngày0ÿ", "thángØ†?", "năm2025") comes out of Tesseract as one word with the label. Split at
// the first digit or symbol after a lower-case syllable, the two parts become two OcrWords, so
// the label reads as itself and the filled-in part can be read again on its own.
//
// Thread-safety: pure functions.
#ifndef VANBAN_PIPELINE_OCR_GLUED_WORDS_H_
#define VANBAN_PIPELINE_OCR_GLUED_WORDS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "vanban/document.h"

namespace vanban::ocr {

// One letter of a recognised word, with its box.
struct Symbol {
  std::string text;
  Box box;
};

// Where a word of these symbols splits into a printed syllable and what was filled in after
// it: the index of the first symbol of the filled-in part, or 0 when the word is one word (the
// syllable must have three letters or more, all lower case: "km2" and "COVID-19" stay whole).
size_t GluedTailStart(const std::vector<Symbol>& symbols);

// The word split at `at` (GluedTailStart), each part with its symbols' text and box and the
// word's confidence; alternatives are left to the whole word's reading and dropped.
std::pair<OcrWord, OcrWord> SplitWord(const OcrWord& word, const std::vector<Symbol>& symbols, size_t at);

}  // namespace vanban::ocr

#endif  // VANBAN_PIPELINE_OCR_GLUED_WORDS_H_
