// The document the output tests render: one page of 1200 × 600 pixels at 300 dpi with one line
// "Quyết định số 47" whose first word OCR read as "Quyét", and the fields its metadata needs.
#ifndef VANBAN_TESTS_OUTPUT_ONE_LINE_DOCUMENT_H_
#define VANBAN_TESTS_OUTPUT_ONE_LINE_DOCUMENT_H_

#include "vanban/document.h"

namespace vanban::output {

inline Document OneLineDocument() {
  Document d;
  d.source = "scans/47_QD.pdf";
  d.fields.subject = "ban hành Quy chế làm việc";
  d.fields.issuer = "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI";
  d.fields.date = "2025-01-15";
  OcrPage page;
  page.width = 1200;
  page.height = 600;
  page.dpi = 300;
  OcrLine line;
  line.box = {100, 200, 700, 60};
  const char* words[][2] = {{"Quyết", "Quyét"}, {"định", "dinh"}, {"số", "s6"}, {"47", "47"}};
  const int widths[] = {150, 120, 60, 60};  // about 30 px a letter, as printed at 13 pt
  int x = 100;
  for (int i = 0; i < 4; ++i) {
    line.words.push_back({words[i][0], words[i][1], Box{x, 200, widths[i], 60}, 88.f, {}});
    x += widths[i] + 25;
  }
  OcrBlock block;
  block.box = line.box;
  block.lines.push_back(line);
  page.blocks.push_back(block);
  d.pages.push_back(page);
  d.text = page.Text();
  return d;
}

}  // namespace vanban::output

#endif  // VANBAN_TESTS_OUTPUT_ONE_LINE_DOCUMENT_H_
