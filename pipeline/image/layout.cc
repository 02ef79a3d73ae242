#include "pipeline/image/layout.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include <opencv2/imgproc.hpp>

#include "pipeline/image/preprocess.h"
#include "pipeline/image/raster.h"
#include "pipeline/image/seals.h"

namespace vanban::image {
namespace {

// Distances in units of the typical glyph height G (≈ 30 px at 300 dpi).
// A gap this wide in a single line splits it into columns (justified word spaces stay under 1 G).
constexpr double kColumnGap = 3.0;
// Two consecutive lines with ink on both sides of a shared white stretch this wide are two
// columns: header columns can be as close as 1.3 G, while word spaces rarely line up so widely.
constexpr double kMinColumnGap = 0.8;
// Lines farther apart than this start a new block (title → body, paragraphs with extra space).
constexpr double kBlockGap = 1.2;
// A two-column region continues over vertical gaps up to this (header lines, "Nơi nhận" list).
constexpr double kColumnLineGap = 3.0;
// A component whose darkest pixel lies this far from the typical letter's darkest pixel towards
// the ink threshold is faint (seal residue, show-through).
constexpr double kFaint = 0.6;
// Components smaller than this both ways are specks and dots, left out of the layout.
constexpr double kSpeck = 0.25;
// Components larger than this both ways are pictures, seals, signatures or frames, not letters
// (a 16 pt bold capital is under 3 G).
constexpr double kPicture = 4.0;
// A long component whose ink fills less than this share of its box is a stroke, not letters.
constexpr double kSparse = 0.2;
// A text line with its diacritics and descenders is about this high.
constexpr double kLinePitch = 1.6;
// The signer's name may sit this far below the signing authority (room for signature and seal).
constexpr double kSignatureGap = 10.0;
// A line in the right column alone is centred in it within this distance.
constexpr double kCentreTolerance = 2.0;
// Small print (stamps) has glyphs under this share of the page's typical height …
constexpr double kSmallPrint = 0.8;
// … and counts as a stamp only in this top share of the page.
constexpr double kStampZone = 0.15;

struct Segment {
  int x0, x1;  // [x0, x1)
};

struct Band {
  int y0, y1;  // [y0, y1)
  std::vector<Segment> segments;
  double glyph = 0;  // typical glyph height of the band's letters
  int left() const { return segments.front().x0; }
  int right() const { return segments.back().x1; }
};

// The grey level from which ink is faint: nearer the paper than kFaint of the way from the
// typical letter's darkest pixel to the ink threshold. What is that light after colour dropout is
// a red seal's or a pale stamp's residue, or show-through from the back of the sheet; 0 for a page
// without letters.
double FaintLevel(const InkComponents& c, const std::vector<uint8_t>& darkest) {
  std::vector<int> letters;
  for (int i = 1; i < c.count; ++i) {
    if (LetterShaped(c.Stat(i, cv::CC_STAT_WIDTH), c.Stat(i, cv::CC_STAT_HEIGHT), c.small.rows)) {
      letters.push_back(darkest[i]);
    }
  }
  if (letters.empty()) return 0;
  std::nth_element(letters.begin(), letters.begin() + letters.size() / 2, letters.end());
  const double print = letters[letters.size() / 2];
  return print + kFaint * (c.threshold - print);
}

// Components whose darkest pixel is lighter than FaintLevel. They would fill the gap between the
// "Nơi nhận" list and the signer, so layout ignores them (OCR still sees them, faintly).
std::vector<bool> FaintComponents(const InkComponents& c, double* level) {
  std::vector<uint8_t> darkest(c.count, 255);
  for (int y = 0; y < c.small.rows; ++y) {
    const int* label = c.labels.ptr<int>(y);
    const uint8_t* g = c.small.ptr<uint8_t>(y);
    for (int x = 0; x < c.small.cols; ++x) darkest[label[x]] = std::min(darkest[label[x]], g[x]);
  }
  *level = FaintLevel(c, darkest);
  std::vector<bool> faint(c.count, false);
  if (*level <= 0) return faint;
  for (int i = 1; i < c.count; ++i) faint[i] = darkest[i] > *level;
  return faint;
}

// Splits components into letters (kept in text_mask) and pictures, seals, signatures, frames
// and long rules (kept in junk_mask); specks go nowhere.
void ClassifyComponents(const InkComponents& c, double glyph, const std::vector<bool>& faint, cv::Mat* text_mask,
                        cv::Mat* junk_mask) {
  std::vector<uint8_t> kind(c.count, 0);  // 0 speck, 1 text, 2 junk
  for (int i = 1; i < c.count; ++i) {
    if (faint[i]) continue;
    const int w = c.Stat(i, cv::CC_STAT_WIDTH), h = c.Stat(i, cv::CC_STAT_HEIGHT);
    // Specks and dots: too small to place a line or a column (a stray dot in the margin would
    // otherwise join a title to the header's left column).
    if (w < kSpeck * glyph && h < kSpeck * glyph) continue;
    const bool picture = w > kPicture * glyph && h > kPicture * glyph;
    // A rule, or a long thin stroke at a slant (a signature's underline once a seal is gone):
    // too sparse for a run of letters touching an underline.
    const bool sparse = h < 1.5 * glyph && c.Stat(i, cv::CC_STAT_AREA) < kSparse * w * h;
    const bool rule = w > 8 * glyph && (h < 0.5 * glyph || sparse);
    kind[i] = picture || rule ? 2 : 1;
  }
  *text_mask = cv::Mat::zeros(c.labels.size(), CV_8UC1);
  *junk_mask = cv::Mat::zeros(c.labels.size(), CV_8UC1);
  for (int y = 0; y < c.labels.rows; ++y) {
    const int* row = c.labels.ptr<int>(y);
    uint8_t* text = text_mask->ptr<uint8_t>(y);
    uint8_t* junk = junk_mask->ptr<uint8_t>(y);
    for (int x = 0; x < c.labels.cols; ++x) {
      const uint8_t k = kind[row[x]];
      text[x] = k == 1 ? 255 : 0;
      junk[x] = k == 2 ? 255 : 0;
    }
  }
}

// Runs of non-zero entries of `profile`, joining runs separated by fewer than `min_gap` zeros.
std::vector<std::pair<int, int>> Runs(const cv::Mat& profile, int min_gap) {
  std::vector<std::pair<int, int>> runs;
  const int n = static_cast<int>(profile.total());
  const int* p = profile.ptr<int>();
  for (int i = 0; i < n; ++i) {
    if (p[i] == 0) continue;
    int j = i;
    while (j < n && p[j] != 0) ++j;
    if (!runs.empty() && i - runs.back().second < min_gap) {
      runs.back().second = j;
    } else {
      runs.emplace_back(i, j);
    }
    i = j;
  }
  return runs;
}

std::vector<Band> FindBands(const cv::Mat& text_mask, const InkComponents& c, double glyph) {
  cv::Mat rows;
  cv::reduce(text_mask, rows, 1, cv::REDUCE_SUM, CV_32S);
  // Diacritics stacked over capitals sit a few pixels above their letter: keep them in its line.
  std::vector<Band> bands;
  for (auto [y0, y1] : Runs(rows, std::max(2, static_cast<int>(glyph / 5)))) {
    if (y1 - y0 < glyph / 3) continue;  // a stray mark between lines
    cv::Mat cols;
    cv::reduce(text_mask.rowRange(y0, y1), cols, 0, cv::REDUCE_SUM, CV_32S);
    Band band{y0, y1, {}, 0};
    for (auto [x0, x1] : Runs(cols, static_cast<int>(kMinColumnGap * glyph))) band.segments.push_back({x0, x1});
    bands.push_back(std::move(band));
  }
  std::vector<std::vector<int>> heights(bands.size());
  for (int i = 1; i < c.count; ++i) {
    const int w = c.Stat(i, cv::CC_STAT_WIDTH), h = c.Stat(i, cv::CC_STAT_HEIGHT);
    if (!LetterShaped(w, h, c.labels.rows)) continue;
    const double cy = c.centroids.at<double>(i, 1);
    auto it = std::upper_bound(bands.begin(), bands.end(), cy, [](double y, const Band& b) { return y < b.y0; });
    if (it == bands.begin()) continue;
    --it;
    if (cy < it->y1) heights[it - bands.begin()].push_back(h);
  }
  for (size_t i = 0; i < bands.size(); ++i) bands[i].glyph = TypicalGlyphHeight(std::move(heights[i]));
  return bands;
}

// The vertical gap [x0, x1) between the two columns of a region.
struct Gap {
  int x0, x1;
  int width() const { return x1 - x0; }
};

// The widest white stretch of `band` inside `gap` (including the margins beside its ink), or
// nothing when it is narrower than `min_width`.
std::optional<Gap> WhiteWithin(const Band& band, Gap gap, double min_width) {
  std::optional<Gap> best;
  int previous_end = std::numeric_limits<int>::min();
  auto consider = [&](int x0, int x1) {
    const Gap overlap{std::max(x0, gap.x0), std::min(x1, gap.x1)};
    if (overlap.width() >= min_width && (!best || overlap.width() > best->width())) best = overlap;
  };
  for (const Segment& s : band.segments) {
    consider(previous_end, s.x0);
    previous_end = s.x1;
  }
  consider(previous_end, std::numeric_limits<int>::max());
  return best;
}

// Gaps between the ink of a band (not its margins): where a column split may run.
std::vector<Gap> InnerGaps(const Band& band) {
  std::vector<Gap> gaps;
  for (size_t i = 1; i < band.segments.size(); ++i) gaps.push_back({band.segments[i - 1].x1, band.segments[i].x0});
  return gaps;
}

// Where `band` and the next one both have ink on either side of a shared white stretch, or
// `band` alone has a gap wider than any word space: the start of a two-column region.
std::optional<Gap> ColumnSplit(const Band& band, const Band* next, double glyph) {
  std::optional<Gap> best;
  for (const Gap& gap : InnerGaps(band)) {
    if (gap.width() >= kColumnGap * glyph && (!best || gap.width() > best->width())) best = gap;
  }
  if (best || next == nullptr || next->y0 - band.y1 > kColumnLineGap * glyph) return best;
  for (const Gap& gap : InnerGaps(band)) {
    for (const Gap& other : InnerGaps(*next)) {
      const Gap overlap{std::max(gap.x0, other.x0), std::min(gap.x1, other.x1)};
      if (overlap.width() >= kMinColumnGap * glyph && (!best || overlap.width() > best->width())) best = overlap;
    }
  }
  return best;
}

struct Group {
  std::vector<const Band*> bands;
  std::optional<Gap> gap;  // set for two-column regions
};

// The narrowed gap when `band` continues a two-column region, or nothing. The white between the
// columns must stay open: for a line with ink on both sides at least half as wide as so far (a
// body line's word space may line up with the gap, but it is far narrower), for a line in one
// column only (the "Nơi nhận" list beside the space for the signature) just wider than a space.
std::optional<Gap> ContinueColumns(const Group& group, const Band& band, int vertical_gap, double glyph) {
  const Gap gap = *group.gap;
  const bool left_only = band.right() <= gap.x1, right_only = band.left() >= gap.x0;
  const double min_width =
      left_only || right_only ? kMinColumnGap * glyph : std::max(kMinColumnGap * glyph, 0.5 * gap.width());
  std::optional<Gap> next = WhiteWithin(band, gap, min_width);
  if (!next) return std::nullopt;
  if (!right_only) return vertical_gap < kColumnLineGap * glyph ? next : std::nullopt;
  // Ink only in the right column: its lines (motto, date, signer) are centred in it, while a
  // title centred on the page below the header lies off that centre. The signer's name comes
  // after the space left for the signature.
  int x0 = std::numeric_limits<int>::max(), x1 = 0;
  for (const Band* b : group.bands) {
    for (const Segment& s : b->segments) {
      if (s.x0 >= gap.x1) {
        x0 = std::min(x0, s.x0);
        x1 = std::max(x1, s.x1);
      }
    }
  }
  if (x1 <= x0) return vertical_gap < kColumnLineGap * glyph ? next : std::nullopt;
  const double centre = (x0 + x1) / 2.0;
  const bool centred = std::abs((band.left() + band.right()) / 2.0 - centre) < kCentreTolerance * glyph;
  return centred && vertical_gap < kSignatureGap * glyph ? next : std::nullopt;
}

std::vector<Group> GroupBands(const std::vector<const Band*>& bands, double glyph) {
  std::vector<Group> groups;
  for (size_t i = 0; i < bands.size(); ++i) {
    const Band* band = bands[i];
    Group* current = groups.empty() ? nullptr : &groups.back();
    const int vertical_gap = current ? band->y0 - current->bands.back()->y1 : 0;
    if (current && current->gap) {
      if (std::optional<Gap> next = ContinueColumns(*current, *band, vertical_gap, glyph)) {
        current->gap = next;
        current->bands.push_back(band);
        continue;
      }
    }
    if (std::optional<Gap> split = ColumnSplit(*band, i + 1 < bands.size() ? bands[i + 1] : nullptr, glyph)) {
      groups.push_back({{band}, split});
    } else if (current && !current->gap && vertical_gap < kBlockGap * glyph) {
      current->bands.push_back(band);
    } else {
      groups.push_back({{band}, std::nullopt});
    }
  }
  return groups;
}

cv::Rect Extent(const std::vector<const Band*>& bands, bool left_of_gap, bool right_of_gap, int split) {
  cv::Rect box;
  for (const Band* band : bands) {
    for (const Segment& s : band->segments) {
      const bool left = (s.x0 + s.x1) / 2 < split;
      if ((left && !left_of_gap) || (!left && !right_of_gap)) continue;
      const cv::Rect r(s.x0, band->y0, s.x1 - s.x0, band->y1 - band->y0);
      box = box.area() == 0 ? r : (box | r);
    }
  }
  return box;
}

// Lines in the part of `bands` inside `box`. Bold capitals with stacked diacritics leave no white
// row between lines, so a band may hold several: count them by height.
int CountLines(const std::vector<const Band*>& bands, const cv::Rect& box, double glyph) {
  int lines = 0;
  for (const Band* band : bands) {
    if (band->y0 >= box.y + box.height || band->y1 <= box.y) continue;
    lines += std::max(1, static_cast<int>(std::lround((band->y1 - band->y0) / (kLinePitch * glyph))));
  }
  return lines;
}

// Stamps printed side by side (the gazette's and the signer's) share lines: each run of ink in a
// line, split at column-wide gaps, joins the stamp above it that it overlaps and nearly touches.
std::vector<cv::Rect> StampBoxes(const std::vector<const Band*>& bands, double glyph) {
  std::vector<cv::Rect> stamps;
  for (const Band* band : bands) {
    std::vector<cv::Rect> runs;
    for (const Segment& s : band->segments) {
      const cv::Rect r(s.x0, band->y0, s.x1 - s.x0, band->y1 - band->y0);
      if (!runs.empty() && s.x0 - runs.back().br().x < kColumnGap * glyph) {
        runs.back() |= r;
      } else {
        runs.push_back(r);
      }
    }
    for (const cv::Rect& run : runs) {
      auto above = std::find_if(stamps.begin(), stamps.end(), [&](const cv::Rect& stamp) {
        return run.x < stamp.br().x && stamp.x < run.br().x && run.y - stamp.br().y < kColumnLineGap * glyph;
      });
      if (above != stamps.end()) {
        *above |= run;
      } else {
        stamps.push_back(run);
      }
    }
  }
  return stamps;
}

// Back to full-page pixels, padded so that diacritics and descenders at the edges stay inside.
cv::Rect ToPage(const cv::Rect& small, double factor, double glyph, const cv::Size& page) {
  const int pad = std::max(2, static_cast<int>(glyph / 3));
  cv::Rect r(small.x - pad, small.y - pad, small.width + 2 * pad, small.height + 2 * pad);
  r = cv::Rect(static_cast<int>(r.x / factor), static_cast<int>(r.y / factor), static_cast<int>(r.width / factor) + 1,
               static_cast<int>(r.height / factor) + 1);
  return r & cv::Rect(0, 0, page.width, page.height);
}

void AddRegion(PageLayout* layout, const std::vector<const Band*>& bands, const cv::Rect& small, RegionRole role,
               double factor, double glyph, const cv::Size& page) {
  if (small.area() == 0) return;
  layout->regions.push_back({ToPage(small, factor, glyph, page), role, CountLines(bands, small, glyph)});
}

// `seals_whitened`: the seals found on the page are already gone from `grey`.
PageLayout Analyse(const cv::Mat& grey, bool seals_whitened) {
  PageLayout layout;
  layout.text_image = grey;
  if (grey.empty() || TooSmall(grey)) return layout;
  const InkComponents c = FindInkComponents(grey, 2000);
  const double glyph = c.glyph, factor = c.factor;
  const cv::Mat& mask = c.mask;
  if (glyph <= 0) return layout;
  if (!seals_whitened) {
    const std::vector<Seal> seals = FindSeals(c);
    if (!seals.empty()) {
      const SealMasks ink = SealInk(c, seals);
      return Analyse(WhitenMask(grey, ink.erase, ink.keep), true);
    }
  }
  layout.glyph_height = glyph / factor;

  cv::Mat text_mask, junk_mask;
  ClassifyComponents(c, glyph, FaintComponents(c, &layout.faint_level), &text_mask, &junk_mask);
  if (cv::countNonZero(junk_mask) > 0) layout.text_image = WhitenMask(grey, junk_mask);

  const std::vector<Band> bands = FindBands(text_mask, c, glyph);
  std::vector<const Band*> text_bands;
  std::vector<const Band*> stamp_bands;
  for (const Band& band : bands) {
    const bool stamp = band.glyph > 0 && band.glyph < kSmallPrint * glyph && band.y1 < kStampZone * mask.rows;
    (stamp ? stamp_bands : text_bands).push_back(&band);
  }
  for (const cv::Rect& r : StampBoxes(stamp_bands, glyph)) layout.stamps.push_back(ToPage(r, factor, glyph, grey.size()));

  for (const Group& group : GroupBands(text_bands, glyph)) {
    if (group.gap) {
      const int split = (group.gap->x0 + group.gap->x1) / 2;
      AddRegion(&layout, group.bands, Extent(group.bands, true, false, split), RegionRole::kLeftColumn, factor, glyph,
                grey.size());
      AddRegion(&layout, group.bands, Extent(group.bands, false, true, split), RegionRole::kRightColumn, factor,
                glyph, grey.size());
    } else {
      AddRegion(&layout, group.bands, Extent(group.bands, true, true, 0), RegionRole::kFullWidth, factor, glyph,
                grey.size());
    }
  }
  return layout;
}

}  // namespace

PageLayout AnalyseLayout(const cv::Mat& grey) { return Analyse(grey, false); }

cv::Mat WithoutFaintInk(const PageLayout& layout) {
  if (layout.faint_level <= 0) return {};
  const cv::Mat& page = layout.text_image;
  // Two pixels round the dark ink keep its anti-aliased rim; a pale pixel farther out is residue,
  // even where it touches a letter.
  cv::Mat near_dark;
  cv::dilate(page <= layout.faint_level, near_dark, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));
  cv::Mat out = page.clone();
  out.setTo(255, ~near_dark);
  return out;
}

}  // namespace vanban::image
