#include "pipeline/ocr/text_layer.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <string_view>

#include "pipeline/text/unicode.h"

namespace vanban::ocr {
namespace {

using image::TextLayerWord;

// The area two boxes share when each covers at least half of the other's narrower extent, both
// across and down (0 otherwise). Poppler's boxes span the font's line height and OCR's only the
// ink, so an OCR word sits inside its layer word's height.
long long Overlap(const Box& a, const Box& b) {
  const int across = std::min(a.right(), b.right()) - std::max(a.x, b.x);
  const int down = std::min(a.bottom(), b.bottom()) - std::max(a.y, b.y);
  if (across <= 0 || down <= 0) return 0;
  if (2 * across < std::min(a.width, b.width) || 2 * down < std::min(a.height, b.height)) return 0;
  return static_cast<long long>(across) * down;
}

bool IsAlnum(char32_t c) { return u_isalnum(static_cast<UChar32>(c)); }

// The word without the punctuation around it ("(Ký", "2024." → "Ký", "2024"); empty when it
// holds no letter or digit.
std::string_view Core(std::string_view word) {
  size_t begin = word.size(), end = 0;
  for (size_t pos = 0; pos < word.size();) {
    const size_t start = pos;
    if (IsAlnum(text::NextCodePoint(word, &pos))) {
      begin = std::min(begin, start);
      end = pos;
    }
  }
  return begin < end ? word.substr(begin, end - begin) : std::string_view();
}

// The page's words in reading order (blocks, lines, words).
std::vector<const OcrWord*> WordsOf(const OcrPage& page) {
  std::vector<const OcrWord*> words;
  for (const OcrBlock& block : page.blocks) {
    for (const OcrLine& line : block.lines) {
      for (const OcrWord& word : line.words) words.push_back(&word);
    }
  }
  return words;
}

// Each OCR word's layer text: the layer words whose box overlaps it more than any other OCR
// word's, in layer order, joined as the layer spaces them. `uncovered` counts layer words
// overlapping none.
std::vector<std::string> LayerTextPerWord(const std::vector<TextLayerWord>& layer,
                                          const std::vector<const OcrWord*>& words, int* uncovered) {
  std::vector<std::string> texts(words.size());
  std::vector<bool> space_due(words.size(), false);
  *uncovered = 0;
  for (const TextLayerWord& layer_word : layer) {
    size_t best = words.size();
    long long best_overlap = 0;
    for (size_t i = 0; i < words.size(); ++i) {
      const long long overlap = Overlap(layer_word.box, words[i]->box);
      if (overlap > best_overlap) best_overlap = overlap, best = i;
    }
    if (best == words.size()) {
      ++*uncovered;
      continue;
    }
    if (space_due[best]) texts[best] += ' ';
    texts[best] += layer_word.text;
    space_due[best] = layer_word.space_after;
  }
  return texts;
}

TextLayerAgreement Agreement(const std::vector<const OcrWord*>& words, const std::vector<std::string>& layer_texts,
                             int uncovered) {
  TextLayerAgreement agreement;
  agreement.uncovered = uncovered;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string_view core = Core(words[i]->text);
    if (core.empty()) continue;
    ++agreement.words;
    if (core == Core(layer_texts[i])) ++agreement.agreeing;
  }
  return agreement;
}

// Turns a box of a width × height page `clockwise` degrees with the page.
Box Turn(const Box& b, int width, int height, int clockwise) {
  switch (clockwise) {
    case 90: return Box{height - b.bottom(), b.x, b.height, b.width};
    case 180: return Box{width - b.right(), height - b.bottom(), b.width, b.height};
    case 270: return Box{b.y, width - b.right(), b.height, b.width};
    default: return b;
  }
}

}  // namespace

std::vector<TextLayerWord> LayerInPageFrame(const std::vector<TextLayerWord>& layer, cv::Size loaded, cv::Size clean,
                                            int rotation) {
  if (loaded.width <= 0 || loaded.height <= 0) return {};
  const double sx = static_cast<double>(clean.width) / loaded.width;
  const double sy = static_cast<double>(clean.height) / loaded.height;
  std::vector<TextLayerWord> out;
  out.reserve(layer.size());
  for (const TextLayerWord& word : layer) {
    const int left = static_cast<int>(word.box.x * sx), top = static_cast<int>(word.box.y * sy);
    const Box scaled{left, top, static_cast<int>(word.box.right() * sx) - left,
                     static_cast<int>(word.box.bottom() * sy) - top};
    out.push_back(TextLayerWord{word.text, Turn(scaled, clean.width, clean.height, rotation), word.space_after});
  }
  return out;
}

TextLayerAgreement MeasureTextLayer(const std::vector<TextLayerWord>& layer, const OcrPage& page) {
  const std::vector<const OcrWord*> words = WordsOf(page);
  int uncovered = 0;
  const std::vector<std::string> texts = LayerTextPerWord(layer, words, &uncovered);
  return Agreement(words, texts, uncovered);
}

bool AdoptTextLayer(const std::vector<TextLayerWord>& layer, OcrPage* page) {
  const std::vector<const OcrWord*> words = WordsOf(*page);
  int uncovered = 0;
  const std::vector<std::string> texts = LayerTextPerWord(layer, words, &uncovered);
  if (!Agreement(words, texts, uncovered).trusted()) return false;
  // Ink the layer does not explain is graphics: on the born-digital samples, the signature and
  // seal images read as "_", "Í", "\\", "tạ", and split halves of words the layer has whole.
  size_t index = 0;
  for (OcrBlock& block : page->blocks) {
    for (OcrLine& line : block.lines) {
      std::vector<OcrWord> layer_words;
      for (OcrWord& word : line.words) {
        const std::string& layer_text = texts[index++];
        if (layer_text.empty()) continue;
        word.text = layer_text;
        word.confidence = 100;
        word.alternatives.clear();
        word.digits.clear();
        word.digits_confidence = 0;
        layer_words.push_back(std::move(word));
      }
      line.words = std::move(layer_words);
    }
    std::erase_if(block.lines, [](const OcrLine& line) { return line.words.empty(); });
  }
  std::erase_if(page->blocks, [](const OcrBlock& block) { return block.lines.empty(); });
  page->mean_word_confidence = 100;  // every word left is the layer's
  page->text_layer = true;
  return true;
}

}  // namespace vanban::ocr
