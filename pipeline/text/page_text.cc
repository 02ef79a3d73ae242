// OcrPage::Text lives with the text stage: every later stage reads pages as text the same way.
#include "vanban/document.h"

namespace vanban {

std::string OcrPage::Text() const {
  std::string out;
  for (size_t b = 0; b < blocks.size(); ++b) {
    if (b > 0) out += '\n';
    for (const OcrLine& line : blocks[b].lines) {
      for (size_t w = 0; w < line.words.size(); ++w) {
        if (w > 0) out += ' ';
        out += line.words[w].text;
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace vanban
