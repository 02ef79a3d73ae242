#include "pipeline/extract/rows.h"

#include <algorithm>

#include "pipeline/extract/fold.h"

namespace vanban::extract {
namespace {

// A run of words of one OCR line with no wide gap inside: one column's share of the line.
struct Segment {
  std::vector<const OcrWord*> words;
  Box box;
  int block = -1;  // the OcrBlock of the line it comes from
};

// Columns of the header and of the closing are separated by gaps several letters wide, while
// words of one phrase are a space apart.
std::vector<Segment> SplitAtGaps(const OcrLine& line, int block) {
  std::vector<Segment> segments;
  int height = std::max(1, line.box.height);
  for (const OcrWord& word : line.words) {
    if (word.text.empty()) continue;
    if (segments.empty() || word.box.x - segments.back().box.right() > 3 * height) {
      segments.push_back({});
      segments.back().block = block;
    }
    segments.back().words.push_back(&word);
    segments.back().box = Union(segments.back().box, word.box);
  }
  return segments;
}

// Segments of one visual row: the centre of one lies within the other's height, and neither is
// much taller (a seal or a smudge read as a tall "word" must not chain rows together).
bool SameRow(const Box& anchor, const Box& b) {
  int centre = b.y + b.height / 2;
  return centre >= anchor.y && centre <= anchor.bottom() && b.height < 2 * anchor.height &&
         anchor.height < 2 * b.height;
}

// OCR word confidence under which a word is the debris of a stamp or a seal, not print.
constexpr float kDebris = 50;

// Whether a box is centred in the text area [left, right), as titles and subject lines are. The
// margins must also be alike in proportion: a paragraph's indented first line reaches the right
// edge, its left margin only a tenth of the area wide.
bool IsCentred(const Box& box, int left, int right) {
  int width = right - left;
  int left_margin = box.x - left, right_margin = right - box.right();
  return std::abs(left_margin - right_margin) < width / 10 && box.width < width * 19 / 20 &&
         2 * std::min(left_margin, right_margin) + width / 40 >= std::max(left_margin, right_margin);
}

// The page's text area: lines may be centred in it, and Decree 30 margins are not symmetric. The
// median edges of long lines, not the extreme ones: a stamp read as a long line of debris reaches
// into the margin.
std::pair<int, int> TextArea(const std::vector<Segment>& segments, int page_width) {
  std::vector<int> lefts, rights;
  for (const Segment& segment : segments) {
    if (segment.box.width < page_width * 2 / 5) continue;
    lefts.push_back(segment.box.x);
    rights.push_back(segment.box.right());
  }
  if (lefts.empty()) return {0, page_width};
  std::nth_element(lefts.begin(), lefts.begin() + lefts.size() / 2, lefts.end());
  std::nth_element(rights.begin(), rights.begin() + rights.size() / 2, rights.end());
  int left = lefts[lefts.size() / 2], right = rights[rights.size() / 2];
  return left < right ? std::make_pair(left, right) : std::make_pair(0, page_width);
}

// A word OCR barely read lying mostly in the left margin: a received stamp or a note in the
// margin ("LÊN . è Kính gửi:"), not print. Marks without letters or digits stay, since a list's
// dash may sit there.
bool IsMarginDebris(const OcrWord& word, int area_left) {
  return word.box.x + word.box.width / 2 < area_left && word.confidence < kDebris && !FoldKey(word.text).empty();
}

// How many of the row's first words (in reading order) are margin debris; one word at least stays.
size_t LeadingMarginDebris(const std::vector<Segment>& segments, int area_left) {
  size_t words = 0, debris = 0;
  for (const Segment& segment : segments) words += segment.words.size();
  for (const Segment& segment : segments) {
    for (const OcrWord* word : segment.words) {
      if (debris + 1 >= words || !IsMarginDebris(*word, area_left)) return debris;
      ++debris;
    }
  }
  return debris;
}

Row BuildRow(std::vector<Segment>& segments, const OcrPage& page, std::pair<int, int> area) {
  std::sort(segments.begin(), segments.end(),
            [](const Segment& a, const Segment& b) { return a.box.x < b.box.x; });
  Row row;
  row.page = page.number;
  row.has_layout = true;
  row.exact = page.text_layer;
  Box box;
  size_t skip = LeadingMarginDebris(segments, area.first);
  for (const Segment& segment : segments) {
    if (skip >= segment.words.size()) {
      skip -= segment.words.size();
      continue;
    }
    if (!row.text.empty()) row.text += "  ";
    // The right column: a segment starting in the right half after something on its left.
    if (row.split == Row::kNoSplit && !row.text.empty() && segment.box.x > page.width * 2 / 5) {
      row.split = row.text.size();
    }
    for (size_t i = skip; i < segment.words.size(); ++i) {
      if (i > skip) row.text += ' ';
      const OcrWord* word = segment.words[i];
      row.words.push_back({row.text.size(), row.text.size() + word->text.size(), word->confidence, word, segment.block});
      row.text += word->text;
      box = Union(box, word->box);
    }
    skip = 0;
  }
  if (row.split == Row::kNoSplit && !segments.empty() && segments.front().box.x > page.width / 2) {
    row.split = 0;  // only right-column text on this row
  }
  row.area_left = area.first;
  row.area_right = area.second;
  row.centered = IsCentred(box, area.first, area.second);
  return row;
}

}  // namespace

Box Union(const Box& a, const Box& b) {
  if (a.width == 0 && a.height == 0) return b;
  int x = std::min(a.x, b.x), y = std::min(a.y, b.y);
  return Box{x, y, std::max(a.right(), b.right()) - x, std::max(a.bottom(), b.bottom()) - y};
}

float Row::MinConfidence(size_t begin, size_t end) const {
  float lowest = 100;
  for (const RowWord& word : words) {
    if (word.end > begin && word.begin < end) lowest = std::min(lowest, word.confidence);
  }
  return lowest;
}

std::vector<const OcrWord*> Row::WordsIn(size_t begin, size_t end) const {
  std::vector<const OcrWord*> found;
  for (const RowWord& word : words) {
    if (word.end > begin && word.begin < end && word.source != nullptr) found.push_back(word.source);
  }
  return found;
}

int Row::Block() const {
  if (words.empty()) return -1;
  for (const RowWord& word : words) {
    if (word.block != words.front().block) return -1;
  }
  return words.front().block;
}

size_t Row::CentredAfterDebris() const {
  bool debris = false;
  // At least two words of print must remain: one word alone is centred by chance.
  for (size_t first = 1; first + 2 <= words.size(); ++first) {
    debris = debris || words[first - 1].confidence < kDebris;
    if (!debris || words[first].source == nullptr) continue;
    Box tail = words[first].source->box;
    bool clean = true;
    for (size_t i = first; i < words.size() && clean; ++i) {
      clean = words[i].source != nullptr && words[i].confidence >= kDebris;
      if (clean) tail = Union(tail, words[i].source->box);
    }
    if (clean && IsCentred(tail, area_left, area_right)) return words[first].begin;
  }
  return kNoSplit;
}

std::vector<Row> RowsFromText(std::string_view text) {
  std::vector<Row> rows;
  int page = 1;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find_first_of("\n\f", start);
    if (end == std::string_view::npos) end = text.size();
    Row row;
    row.page = page;
    row.text = std::string(text.substr(start, end - start));
    if (!row.text.empty() && row.text.back() == '\r') row.text.pop_back();
    rows.push_back(std::move(row));
    if (end < text.size() && text[end] == '\f') ++page;
    start = end + 1;
  }
  return rows;
}

std::vector<Row> RowsFromPages(const std::vector<OcrPage>& pages) {
  std::vector<Row> rows;
  for (const OcrPage& page : pages) {
    std::vector<Segment> segments;
    for (size_t block = 0; block < page.blocks.size(); ++block) {
      for (const OcrLine& line : page.blocks[block].lines) {
        for (Segment& segment : SplitAtGaps(line, static_cast<int>(block))) segments.push_back(std::move(segment));
      }
    }
    std::sort(segments.begin(), segments.end(), [](const Segment& a, const Segment& b) {
      return a.box.y + a.box.height / 2 < b.box.y + b.box.height / 2;
    });
    std::pair<int, int> area = TextArea(segments, page.width);
    int previous_bottom = -1, previous_height = 0;
    for (size_t i = 0; i < segments.size();) {
      std::vector<Segment> group{segments[i]};
      Box row_box = segments[i].box;
      size_t j = i + 1;
      for (; j < segments.size() && SameRow(segments[i].box, segments[j].box); ++j) {
        group.push_back(segments[j]);
        row_box = Union(row_box, segments[j].box);
      }
      if (previous_bottom >= 0 && row_box.y - previous_bottom > std::max(previous_height, row_box.height)) {
        Row blank;
        blank.page = page.number;
        blank.has_layout = true;
        rows.push_back(std::move(blank));
      }
      rows.push_back(BuildRow(group, page, area));
      previous_bottom = row_box.bottom();
      previous_height = row_box.height;
      i = j;
    }
  }
  return rows;
}

}  // namespace vanban::extract
