// A dispatch's header whose serial ("Số: 574/UBND-KTTH") and day ("ngày 04 tháng 02") a clerk
// wrote in by hand: the words OCR gives such a page, for the tests of what a correction patches.
#ifndef VANBAN_TESTS_REVIEW_FILLED_IN_DOCUMENT_H_
#define VANBAN_TESTS_REVIEW_FILLED_IN_DOCUMENT_H_

#include <string>
#include <utility>
#include <vector>

#include "vanban/document.h"

namespace vanban::review {

// A line of words 80 px wide and 20 px apart at height `y`; true marks a handwritten word.
inline OcrLine Line(std::vector<std::pair<std::string, bool>> words, int y) {
  OcrLine line;
  int x = 100;
  for (auto& [text, handwritten] : words) {
    OcrWord word;
    word.text = word.ocr_text = text;
    word.box = Box{x, y, 80, 40};
    word.confidence = 90;
    word.handwritten = handwritten;
    line.words.push_back(std::move(word));
    x += 100;
  }
  line.box = Box{100, y, x - 100, 40};
  return line;
}

// The header as a document, its text from its words.
inline Document FilledIn() {
  OcrBlock block;
  block.lines.push_back(Line({{"Số:", false}, {"574", true}, {"/UBND-KTTH", false}}, 100));
  block.lines.push_back(Line({{"Kiên", false}, {"Giang,", false}, {"ngày", false}, {"04", true}, {"tháng", false},
                              {"02", false}, {"năm", false}, {"2025", false}}, 200));
  block.box = Box{100, 100, 800, 140};
  OcrPage page;
  page.width = 1200;
  page.height = 800;
  page.blocks.push_back(block);
  Document d;
  d.source = "574.png";
  d.pages.push_back(page);
  d.text = page.Text();
  return d;
}

}  // namespace vanban::review

#endif  // VANBAN_TESTS_REVIEW_FILLED_IN_DOCUMENT_H_
