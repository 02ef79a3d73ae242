// A plain-text dump of an OCR page's words (with confidences and Tesseract's alternatives), so
// that the restorer can be measured on real OCR output many times without re-running OCR:
//   B            a new block
//   L            a new line in the current block
//   W text conf [alternative conf]...   tab-separated; OCR words hold no tabs or newlines
//
// Thread-safety: pure functions of their arguments.
#ifndef VANBAN_BENCH_PAGE_DUMP_H_
#define VANBAN_BENCH_PAGE_DUMP_H_

#include <istream>
#include <ostream>
#include <sstream>
#include <string>

#include "vanban/document.h"

namespace vanban::bench {

inline void WritePageDump(const OcrPage& page, std::ostream& out) {
  for (const OcrBlock& block : page.blocks) {
    out << "B\n";
    for (const OcrLine& line : block.lines) {
      out << "L\n";
      for (const OcrWord& word : line.words) {
        out << "W\t" << word.text << '\t' << word.confidence;
        for (const auto& [text, confidence] : word.alternatives) out << '\t' << text << '\t' << confidence;
        out << '\n';
      }
    }
  }
}

// False on a malformed dump (a word before any block or line).
inline bool ReadPageDump(std::istream& in, OcrPage* page) {
  std::string row;
  while (std::getline(in, row)) {
    if (row == "B") {
      page->blocks.emplace_back();
    } else if (row == "L") {
      if (page->blocks.empty()) return false;
      page->blocks.back().lines.emplace_back();
    } else if (row.rfind("W\t", 0) == 0) {
      if (page->blocks.empty() || page->blocks.back().lines.empty()) return false;
      std::istringstream fields(row.substr(2));
      OcrWord word;
      std::string confidence;
      std::getline(fields, word.text, '\t');
      std::getline(fields, confidence, '\t');
      word.confidence = std::stof(confidence);
      std::string alternative;
      while (std::getline(fields, alternative, '\t') && std::getline(fields, confidence, '\t')) {
        word.alternatives.emplace_back(alternative, std::stof(confidence));
      }
      page->blocks.back().lines.back().words.push_back(std::move(word));
    }
  }
  return true;
}

}  // namespace vanban::bench

#endif  // VANBAN_BENCH_PAGE_DUMP_H_
