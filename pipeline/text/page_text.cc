// OcrPage::Text, PageFrame and Document::InReview live with the text stage, the first: every
// later stage reads pages, their boxes and the document the same way.
#include <algorithm>
#include <cmath>

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

Box PageFrame::ToInput(const Box& box) const {
  const std::array<double, 6>& m = to_input;
  double left = 1e18, top = 1e18, right = -1e18, bottom = -1e18;
  for (const double x : {static_cast<double>(box.x), static_cast<double>(box.right())}) {
    for (const double y : {static_cast<double>(box.y), static_cast<double>(box.bottom())}) {
      const double u = m[0] * x + m[1] * y + m[2], v = m[3] * x + m[4] * y + m[5];
      left = std::min(left, u), right = std::max(right, u), top = std::min(top, v), bottom = std::max(bottom, v);
    }
  }
  // Unknown page sizes do not clip: the box is then only mapped.
  const double max_x = width > 0 ? width : 1e18, max_y = height > 0 ? height : 1e18;
  const int x0 = static_cast<int>(std::clamp(std::floor(left), 0.0, max_x));
  const int y0 = static_cast<int>(std::clamp(std::floor(top), 0.0, max_y));
  const int x1 = static_cast<int>(std::clamp(std::ceil(right), 0.0, max_x));
  const int y1 = static_cast<int>(std::clamp(std::ceil(bottom), 0.0, max_y));
  return Box{x0, y0, x1 - x0, y1 - y0};
}

bool Document::InReview(std::string_view field) const {
  return std::any_of(review.begin(), review.end(), [&](const ReviewItem& item) { return item.field == field; });
}

}  // namespace vanban
