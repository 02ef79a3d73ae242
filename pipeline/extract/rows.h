// Row — one printed line of a document as the extractor sees it: its text, its page and, when it
// comes from OCR boxes, where the header or closing columns split it and how sure OCR was of
// each word. Rows come from plain text (one line = one row; the two columns of the header and of
// the closing may be merged on one row, which the parsers split by content) or from OcrPages
// (words grouped into visual rows, left and right column told apart by position).
//
// Thread-safety: plain values.
#ifndef VANBAN_PIPELINE_EXTRACT_ROWS_H_
#define VANBAN_PIPELINE_EXTRACT_ROWS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/document.h"

namespace vanban::extract {

struct RowWord {
  size_t begin = 0, end = 0;  // byte range in Row::text
  float confidence = 100;     // Tesseract's 0..100
  const OcrWord* source = nullptr;
  int block = -1;  // index of the word's OcrBlock on its page; -1 without layout
};

struct Row {
  static constexpr size_t kNoSplit = std::string::npos;

  std::string text;
  int page = 1;
  // Byte offset where the right column starts when the layout says so; kNoSplit otherwise.
  size_t split = kNoSplit;
  bool has_layout = false;  // came from boxes: `split`, `centered` and `words` are meaningful
  bool centered = false;    // centred on the page, like a title or a subject line
  bool exact = false;       // its text is the PDF's own text layer (OcrPage::text_layer), not OCR
  std::vector<RowWord> words;
  int area_left = 0, area_right = 0;  // the page's text area, in pixels (with layout)

  bool empty() const { return text.find_first_not_of(" \t") == std::string::npos; }
  // The lowest OCR confidence over the words overlapping [begin, end); 100 without layout.
  float MinConfidence(size_t begin, size_t end) const;
  // The OCR words overlapping [begin, end).
  std::vector<const OcrWord*> WordsIn(size_t begin, size_t end) const;
  // The OcrBlock every word of the row belongs to; -1 when they span several or have none.
  int Block() const;
  // Where the centred part of a row starts when stamp debris OCR barely read sits left of it
  // ("CV TS 112. ị trên địa bàn tỉnh Quảng Ngãi" → "trên …"); kNoSplit when there is none.
  size_t CentredAfterDebris() const;
};

// The smallest box holding both; an empty `a` (0 × 0, as a Box starts) holds nothing.
Box Union(const Box& a, const Box& b);

// Pages split at '\f', lines at '\n'; blank lines are kept as empty rows (paragraph breaks).
std::vector<Row> RowsFromText(std::string_view text);

// Words of every page grouped into visual rows, top to bottom; a vertical gap wider than a line
// becomes an empty row, like the blank line of Tesseract's text output.
std::vector<Row> RowsFromPages(const std::vector<OcrPage>& pages);

}  // namespace vanban::extract

#endif  // VANBAN_PIPELINE_EXTRACT_ROWS_H_
