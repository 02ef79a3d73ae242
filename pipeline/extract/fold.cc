#include "pipeline/extract/fold.h"

#include <algorithm>
#include <atomic>

#include "pipeline/text/unicode.h"

namespace vanban::extract {
namespace {

// The folded form of one non-ASCII code point, through ICU.
char FoldWithIcu(char32_t cp) {
  if (cp == 0xD0 || cp == 0xF0) return 'd';  // Ð/ð: OCR's look-alikes of Đ/đ
  std::string one;
  text::AppendUtf8(cp, &one);
  std::string base = text::StripDiacritics(one);
  if (base.size() != 1) return 0;
  char c = base[0];
  if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return (c >= 'a' && c <= 'z') ? c : 0;
}

// The folded form of one code point: an ASCII letter or digit, or 0 for anything else. The
// Latin letters a text is made of are asked of ICU once each and remembered: one ICU
// normalisation per letter made folding a long text slow.
char FoldCodePoint(char32_t cp) {
  if (cp < 0x80) {
    char c = static_cast<char>(cp);
    if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : 0;
  }
  constexpr char32_t kRemembered = 0x2000;  // through Latin Extended Additional (ạ … ỹ)
  if (cp >= kRemembered) return FoldWithIcu(cp);
  // The folded character + 1, 0 while not yet asked. Relaxed atomics: threads racing on one
  // entry store the same value.
  static std::atomic<unsigned char> remembered[kRemembered];
  unsigned char entry = remembered[cp].load(std::memory_order_relaxed);
  if (entry == 0) {
    entry = static_cast<unsigned char>(FoldWithIcu(cp) + 1);
    remembered[cp].store(entry, std::memory_order_relaxed);
  }
  return static_cast<char>(entry - 1);
}

}  // namespace

Folded Fold(std::string_view text, bool keep_spaces, size_t max_key) {
  Folded out;
  size_t pos = 0;
  bool pending_space = false;
  while (pos < text.size() && out.key.size() < max_key) {
    size_t start = pos;
    char32_t cp = text::NextCodePoint(text, &pos);
    // Combining marks (NFD input, OCR artefacts) belong to the previous letter.
    if (cp >= 0x300 && cp <= 0x36F) continue;
    char c = FoldCodePoint(cp);
    if (c == 0) {
      pending_space = keep_spaces && !out.key.empty();
      continue;
    }
    if (pending_space) {
      out.key.push_back(' ');
      out.from.push_back(start);
      out.to.push_back(start);
      pending_space = false;
    }
    out.key.push_back(c);
    out.from.push_back(start);
    out.to.push_back(pos);
  }
  out.from.push_back(pos);
  out.to.push_back(pos);
  return out;
}

std::string FoldKey(std::string_view text, bool keep_spaces) { return Fold(text, keep_spaces).key; }

int EditDistance(std::string_view a, std::string_view b) {
  std::vector<int> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= b.size(); ++j) {
      int up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

int Tolerance(size_t pattern_length) {
  if (pattern_length <= 3) return 0;
  if (pattern_length <= 6) return 1;
  if (pattern_length <= 12) return 2;
  return static_cast<int>(pattern_length / 6) + 1;
}

Match FindApprox(std::string_view key, std::string_view pattern, int max_distance, bool anchored) {
  // Column by column over the key: cost[i], start[i] hold the cheapest alignment of
  // pattern[0..i) ending at the current key position. Only the rows down to the last one within
  // max_distance are computed (Ukkonen's cut-off): a row beyond it cannot lead to a match, so
  // the extractor's many short patterns cost about a pass over the key each.
  const size_t m = pattern.size();
  const int beyond = max_distance + 1;
  std::vector<int> cost(m + 1), next_cost(m + 1);
  std::vector<size_t> start(m + 1), next_start(m + 1);
  for (size_t i = 0; i <= m; ++i) cost[i] = std::min(static_cast<int>(i), beyond);
  size_t last = std::min(m, static_cast<size_t>(max_distance));  // the last row within max_distance
  Match best;
  auto consider = [&](size_t j) {
    if (last == m && cost[m] <= max_distance && (!best.found() || cost[m] < best.distance)) {
      best = Match{start[m], j, cost[m]};
    }
  };
  consider(0);
  for (size_t j = 1; j <= key.size(); ++j) {
    next_cost[0] = anchored ? std::min(static_cast<int>(j), beyond) : 0;
    next_start[0] = anchored ? 0 : j;
    const size_t rows = std::min(m, last + 1);
    for (size_t i = 1; i <= rows; ++i) {
      const int substitute = cost[i - 1] + (pattern[i - 1] == key[j - 1] ? 0 : 1);
      const int skip_pattern = next_cost[i - 1] + 1;
      const int skip_key = i <= last ? cost[i] + 1 : beyond;
      if (substitute <= skip_pattern && substitute <= skip_key) {
        next_cost[i] = std::min(substitute, beyond);
        next_start[i] = start[i - 1];
      } else if (skip_pattern <= skip_key) {
        next_cost[i] = std::min(skip_pattern, beyond);
        next_start[i] = next_start[i - 1];
      } else {
        next_cost[i] = std::min(skip_key, beyond);
        next_start[i] = start[i];
      }
    }
    last = 0;
    for (size_t i = rows; i > 0; --i) {
      if (next_cost[i] <= max_distance) {
        last = i;
        break;
      }
    }
    cost.swap(next_cost);
    start.swap(next_start);
    consider(j);
  }
  return best;
}

bool Near(std::string_view a, std::string_view b) {
  return EditDistance(a, b) <= Tolerance(std::max(a.size(), b.size()));
}

}  // namespace vanban::extract
