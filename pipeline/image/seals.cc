#include "pipeline/image/seals.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>
#include <utility>

#include <opencv2/imgproc.hpp>

namespace vanban::image {
namespace {

// Radii in glyph heights G: Vietnamese seals are 30–45 mm across, a radius of 5–8 G of 13 pt
// print; the range leaves room for the scale of a photo or a reduced copy.
constexpr double kMinRadius = 4.0;
constexpr double kMaxRadius = 12.0;
// A ring is ink in at least this share of the directions from its centre: a seal's ring is
// broken only where a signature or a letter crosses it, a picture's curve is not that round.
constexpr double kMinCoverage = 0.6;
// Rounds of Refine's search, each over a few pixels: the transform puts a thin ring's centre up to
// 8 pixels off on the generated issuer pages.
constexpr int kRefineSteps = 4;
// A ring is at most this many glyph heights thick.
constexpr double kThickestRing = 0.5;
// HoughCircles' ALT perfectness for a candidate: a thin ring drawn with lettering inside gives its
// edge detector two edges and a low score (0.4–0.5 where a scanned ring gives more); coverage,
// not this, decides.
constexpr double kCirclePerfectness = 0.35;
// Ring pixels are erased this far beyond the ring's measured width (scanned rings are not quite
// round), and what lies within the outer ring's outer edge and this margin counts as inside.
constexpr float kRingMargin = 1.5f;
// A diacritic (two stacked, fused, at most) is under this many glyph heights; the seal's lettering
// beside a line (8 pt capitals by 13 pt print) is taller.
constexpr double kMarkHeight = 0.45;
// Letters of one text line are at most this far apart (a word space).
constexpr double kWordGap = 1.0;
// A line's first letters outside the ring lie within this many glyph heights of each other.
constexpr double kRowReach = 3.0;
// A piece inside the ring whose middle lies within this many glyph heights above or below a kept
// letter (half that beside it) is a part of it the ring cut off.
constexpr double kLetterRim = 0.3;

// Share of the directions from `centre` in which `mask` has ink at `radius`; 0 when less than
// half of that circle lies on the page.
double Coverage(const cv::Mat& mask, cv::Point2f centre, float radius) {
  const int samples = std::max(90, static_cast<int>(2 * std::numbers::pi * radius));
  int on_page = 0, ink = 0;
  for (int k = 0; k < samples; ++k) {
    const double angle = 2 * std::numbers::pi * k / samples;
    const int x = static_cast<int>(std::lround(centre.x + radius * std::cos(angle)));
    const int y = static_cast<int>(std::lround(centre.y + radius * std::sin(angle)));
    if (x < 0 || y < 0 || x >= mask.cols || y >= mask.rows) continue;
    ++on_page;
    ink += mask.at<uint8_t>(y, x) != 0;
  }
  return 2 * on_page < samples ? 0 : static_cast<double>(ink) / on_page;
}

// The rings around `centre`: the radii from 0.4 to 1.7 times `radius` (a ring found, which may be
// an inner one) covered kMinCoverage and no less than their neighbours, each with the half width
// where its coverage stays above half its peak.
std::vector<Ring> RingsAround(const cv::Mat& mask, cv::Point2f centre, float radius, double glyph) {
  const int first = static_cast<int>(0.4f * radius), last = static_cast<int>(1.7f * radius) + 2;
  std::vector<double> coverage(last + 2, 0);
  for (int r = first; r <= last + 1; ++r) coverage[r] = Coverage(mask, centre, static_cast<float>(r));
  std::vector<Ring> rings;
  for (int r = first + 1; r <= last; ++r) {
    if (coverage[r] < kMinCoverage || coverage[r] < coverage[r - 1] || coverage[r] < coverage[r + 1]) continue;
    int inner = r, outer = r;
    while (inner > first && coverage[inner - 1] > coverage[r] / 2) --inner;
    while (outer < last && coverage[outer + 1] > coverage[r] / 2) ++outer;
    if (!rings.empty() && inner <= rings.back().radius + rings.back().half_width) continue;  // a plateau
    // An emblem's dense disc covers a wide span of radii; a ring is a thin line.
    if (outer - inner > kThickestRing * glyph) continue;
    rings.push_back({(inner + outer) / 2.0f, (outer - inner) / 2.0f + 0.5f});
  }
  return rings;
}

// Moves `centre` and `radius` uphill to the circle of best coverage near where the circle
// transform put them (on a thin ring it may be several pixels off); returns that coverage.
double Refine(const cv::Mat& mask, cv::Point2f* centre, float* radius) {
  double best = Coverage(mask, *centre, *radius);
  for (int step = 0; step < kRefineSteps; ++step) {
    const cv::Point2f start = *centre;
    const float start_radius = *radius;
    for (int dy = -3; dy <= 3; ++dy) {
      for (int dx = -3; dx <= 3; ++dx) {
        for (int dr = -3; dr <= 3; ++dr) {
          const cv::Point2f candidate(start.x + dx, start.y + dy);
          const double coverage = Coverage(mask, candidate, start_radius + dr);
          if (coverage > best) {
            best = coverage;
            *centre = candidate;
            *radius = start_radius + dr;
          }
        }
      }
    }
    if (*centre == start && *radius == start_radius) break;
  }
  return best;
}

// The seal whose outer ring runs through `box`, if any.
std::optional<Seal> SealIn(const InkComponents& c, const cv::Rect& box, double glyph) {
  const int pad = static_cast<int>(glyph);
  const cv::Rect around = cv::Rect(box.x - pad, box.y - pad, box.width + 2 * pad, box.height + 2 * pad) &
                          cv::Rect(0, 0, c.mask.cols, c.mask.rows);
  // Lettering and a signature break a dark seal's ring more than a red one's stamped alone: a
  // looser transform, each circle then checked by its coverage.
  const std::vector<cv::Vec3f> circles = InkCircles(c.mask(around), static_cast<int>(kMinRadius * glyph),
                                                    static_cast<int>(kMaxRadius * glyph), kCirclePerfectness);
  std::optional<Seal> found;
  double found_coverage = 0;
  for (const cv::Vec3f& circle : circles) {
    cv::Point2f centre(circle[0] + around.x, circle[1] + around.y);
    float radius = circle[2];
    const double coverage = Refine(c.mask, &centre, &radius);
    if (coverage < kMinCoverage || coverage <= found_coverage) continue;
    std::vector<Ring> rings = RingsAround(c.mask, centre, radius, glyph);
    if (rings.empty()) continue;
    found = Seal{centre, std::move(rings)};
    found_coverage = coverage;
  }
  return found;
}

struct Piece {
  cv::Rect box;
  cv::Rect whole;     // with the pieces it continues across a ring: a letter the ring cut in two
  bool kept = false;  // reaching outside the outer ring, or on a text line that does
};

bool Letter(const Piece& p, double glyph) { return p.box.height >= 0.4 * glyph && p.box.height <= 2 * glyph; }

// Horizontal white between two boxes (negative when they overlap).
int Gap(const cv::Rect& a, const cv::Rect& b) { return std::max(a.x, b.x) - std::min(a.br().x, b.br().x); }

// Whether the mark `m` (a diacritic, a dot) sits just above or below the letter `letter`.
bool MarkOf(const cv::Rect& m, const cv::Rect& letter, double glyph) {
  const int cx = m.x + m.width / 2;
  const int gap = std::max(m.y, letter.y) - std::min(m.br().y, letter.br().y);
  return cx >= letter.x && cx < letter.br().x && gap <= 0.4 * glyph;
}

// Keeps the pieces inside the ring that a text line reaches: from each kept letter, the pieces
// covering half its row band (with what the ring cut off them: a ring along the line halves its
// letters) within a word space of the line so far, or a word space and the
// erased rings' `ring_width` (a title letter fused with the seal's lettering is taller, but still
// on the line), then the marks over or under a kept letter.
void KeepCrossingLines(std::vector<Piece>* pieces, double glyph, double ring_width) {
  std::vector<Piece>& all = *pieces;
  // A line starts from a kept letter with two more of its height beside it: a signature's
  // strokes outside the ring break into letter-sized pieces too, but not into a row of them.
  const auto on_a_row = [&](size_t i) {
    const cv::Rect& a = all[i].box;
    int beside = 0;
    for (size_t j = 1; j < all.size() && beside < 2; ++j) {
      const cv::Rect& b = all[j].box;
      const bool alike = j != i && all[j].kept && 2 * b.height >= a.height && b.height <= 2 * a.height;
      beside += alike && 2 * (std::min(a.br().y, b.br().y) - std::max(a.y, b.y)) >= a.height &&
                Gap(a, b) <= kRowReach * glyph;
    }
    return beside >= 2;
  };
  std::vector<size_t> seeds;
  for (size_t i = 1; i < all.size(); ++i) {
    if (all[i].kept && Letter(all[i], glyph) && on_a_row(i)) seeds.push_back(i);
  }
  for (size_t seed : seeds) {
    const int top = all[seed].box.y, bottom = all[seed].box.br().y, band = bottom - top;
    const auto on_line = [&](const cv::Rect& b) {
      return b.height <= 3 * band && 2 * (std::min(bottom, b.br().y) - std::max(top, b.y)) >= band;
    };
    std::vector<size_t> line{seed};
    for (bool grew = true; grew;) {
      grew = false;
      for (size_t i = 1; i < all.size(); ++i) {
        const cv::Rect& b = all[i].box;
        if (all[i].kept || !on_line(all[i].whole)) continue;
        const bool beside = std::any_of(line.begin(), line.end(),
                                        [&](size_t j) { return Gap(b, all[j].box) <= kWordGap * glyph + ring_width; });
        if (!beside) continue;
        all[i].kept = grew = true;
        line.push_back(i);
      }
    }
  }
  for (Piece& p : all) {
    if (p.kept || p.box.height >= kMarkHeight * glyph) continue;
    for (const Piece& q : all) {
      if (q.kept && Letter(q, glyph) && MarkOf(p.box, q.box, glyph)) {
        p.kept = true;
        break;
      }
    }
  }
}

// The pixels of `ink` (the bound round a seal) on one of its `rings` about `centre`.
cv::Mat RingPixels(const cv::Mat& ink, const std::vector<Ring>& rings, cv::Point2f centre) {
  cv::Mat ring = cv::Mat::zeros(ink.size(), CV_8UC1);
  for (int y = 0; y < ink.rows; ++y) {
    for (int x = 0; x < ink.cols; ++x) {
      const float d = static_cast<float>(std::hypot(x - centre.x, y - centre.y));
      const bool on_ring = std::any_of(rings.begin(), rings.end(),
                                       [&](const Ring& r) { return std::abs(d - r.radius) <= r.half_width + kRingMargin; });
      if (on_ring && ink.at<uint8_t>(y, x)) ring.at<uint8_t>(y, x) = 255;
    }
  }
  return ring;
}

// Keeps the pieces round each kept letter: what the ring cut off it (the foot of a "C", the top
// of a "Đ"). `bound` is the size of the pieces' frame.
void KeepWhatTheRingCutOff(std::vector<Piece>* pieces, double glyph, cv::Size bound) {
  cv::Mat letters = cv::Mat::zeros(bound, CV_8UC1);
  const int dx = static_cast<int>(kLetterRim * glyph / 2), dy = static_cast<int>(kLetterRim * glyph);
  for (size_t i = 1; i < pieces->size(); ++i) {
    const Piece& p = (*pieces)[i];
    if (!p.kept || !Letter(p, glyph)) continue;
    const cv::Rect& b = p.box;
    letters(cv::Rect(b.x - dx, b.y - dy, b.width + 2 * dx, b.height + 2 * dy) & cv::Rect(cv::Point(), bound)).setTo(255);
  }
  for (size_t i = 1; i < pieces->size(); ++i) {
    const cv::Rect& b = (*pieces)[i].box;
    if (letters.at<uint8_t>(b.y + b.height / 2, b.x + b.width / 2)) (*pieces)[i].kept = true;
  }
}

// The labels of the pieces just inside and just outside the ring of `rings` nearest the ring
// pixel (x, y) (0 for paper or off the frame), about `centre` in the labels' frame.
std::pair<int, int> LabelsAcross(const cv::Mat& labels, const std::vector<Ring>& rings, cv::Point2f centre, int x,
                                 int y) {
  const float d = static_cast<float>(std::hypot(x - centre.x, y - centre.y));
  const cv::Point2f unit = (cv::Point2f(static_cast<float>(x), static_cast<float>(y)) - centre) / std::max(d, 1.f);
  const Ring& r = *std::min_element(rings.begin(), rings.end(), [&](const Ring& a, const Ring& b) {
    return std::abs(d - a.radius) < std::abs(d - b.radius);
  });
  const float beyond = r.half_width + kRingMargin + 1.5f;
  const auto label_at = [&](cv::Point2f p) {
    const int px = static_cast<int>(std::lround(p.x)), py = static_cast<int>(std::lround(p.y));
    return px < 0 || py < 0 || px >= labels.cols || py >= labels.rows ? 0 : labels.at<int>(py, px);
  };
  return {label_at(centre + unit * (r.radius - beyond)), label_at(centre + unit * (r.radius + beyond))};
}

// A pixel of a ring and the labels of the pieces just inside and just outside the ring there.
struct Crossing {
  cv::Point at;
  int inside, outside;
};

// Every ring pixel with the pieces on either side of it.
std::vector<Crossing> Crossings(const cv::Mat& labels, const cv::Mat& ring, const std::vector<Ring>& rings,
                                cv::Point2f centre) {
  std::vector<Crossing> crossings;
  for (int y = 0; y < ring.rows; ++y) {
    for (int x = 0; x < ring.cols; ++x) {
      if (!ring.at<uint8_t>(y, x)) continue;
      const auto [inside, outside] = LabelsAcross(labels, rings, centre, x, y);
      crossings.push_back({cv::Point(x, y), inside, outside});
    }
  }
  return crossings;
}

// Sets each piece's `whole`: its box joined with the boxes of the pieces a stroke of it reaches
// across a ring (union-find over the crossings).
void JoinAcrossRings(const std::vector<Crossing>& crossings, std::vector<Piece>* pieces) {
  std::vector<int> parent(pieces->size());
  for (size_t i = 0; i < parent.size(); ++i) parent[i] = static_cast<int>(i);
  const auto root = [&](int i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (const Crossing& crossing : crossings) {
    if (crossing.inside != 0 && crossing.outside != 0) parent[root(crossing.inside)] = root(crossing.outside);
  }
  std::vector<cv::Rect> whole(pieces->size());
  for (size_t i = 1; i < pieces->size(); ++i) whole[root(static_cast<int>(i))] |= (*pieces)[i].box;
  for (size_t i = 1; i < pieces->size(); ++i) (*pieces)[i].whole = whole[root(static_cast<int>(i))];
}

// Adds the ink of `seal` to `out`: its rings, and the pieces of ink inside it that no line
// crossing it reaches. A ring pixel between two kept parts of a stroke stays: the ring runs
// through the "Đ" of "Đặng", which would lose its stem there.
void MarkSeal(const InkComponents& c, const Seal& seal, double glyph, SealMasks* out) {
  const Ring& edge = seal.rings.back();
  const float reach = edge.radius + edge.half_width + kRingMargin;
  const int pad = static_cast<int>(reach + 3 * glyph);
  const cv::Rect bound = cv::Rect(static_cast<int>(seal.centre.x) - pad, static_cast<int>(seal.centre.y) - pad,
                                  2 * pad, 2 * pad) &
                         cv::Rect(0, 0, c.mask.cols, c.mask.rows);
  const cv::Point2f centre = seal.centre - cv::Point2f(static_cast<float>(bound.x), static_cast<float>(bound.y));
  const cv::Mat ink = c.mask(bound);
  const cv::Mat ring = RingPixels(ink, seal.rings, centre);
  cv::Mat labels, stats, centroids;
  const int count = cv::connectedComponentsWithStats(ink & ~ring, labels, stats, centroids, 8, CV_32S);
  std::vector<float> farthest(count, 0);
  for (int y = 0; y < labels.rows; ++y) {
    const int* label = labels.ptr<int>(y);
    for (int x = 0; x < labels.cols; ++x) {
      farthest[label[x]] = std::max(farthest[label[x]], static_cast<float>(std::hypot(x - centre.x, y - centre.y)));
    }
  }
  std::vector<Piece> pieces(count);
  for (int i = 1; i < count; ++i) {
    pieces[i].box = ComponentBox(stats, i);
    pieces[i].kept = farthest[i] > reach;
  }
  pieces[0].kept = true;  // the background
  const std::vector<Crossing> crossings = Crossings(labels, ring, seal.rings, centre);
  JoinAcrossRings(crossings, &pieces);
  double ring_width = 0;
  for (const Ring& r : seal.rings) ring_width += 2 * (r.half_width + kRingMargin);
  KeepCrossingLines(&pieces, glyph, ring_width);
  KeepWhatTheRingCutOff(&pieces, glyph, bound.size());
  cv::Mat erase = out->erase(bound), keep = out->keep(bound);
  for (int y = 0; y < labels.rows; ++y) {
    const int* label = labels.ptr<int>(y);
    for (int x = 0; x < labels.cols; ++x) {
      if (label[x] != 0) (pieces[label[x]].kept ? keep : erase).at<uint8_t>(y, x) = 255;
    }
  }
  // A kept stroke on both sides of the ring crosses it: the ring's pixels there are its.
  const auto kept = [&](int label) { return label != 0 && pieces[label].kept; };
  for (const Crossing& crossing : crossings) {
    (kept(crossing.inside) && kept(crossing.outside) ? keep : erase).at<uint8_t>(crossing.at) = 255;
  }
}

}  // namespace

std::vector<Seal> FindSeals(const InkComponents& c) {
  std::vector<Seal> seals;
  const double glyph = c.glyph;
  if (glyph <= 0) return seals;
  for (int i = 1; i < c.count; ++i) {
    const cv::Rect box = ComponentBox(c.stats, i);
    if (box.width <= kMinRadius * glyph || box.height <= kMinRadius * glyph) continue;
    // Another arc of a seal found already.
    const cv::Point2f middle(box.x + box.width / 2.f, box.y + box.height / 2.f);
    const auto within = [&](const Seal& s) { return cv::norm(s.centre - middle) < s.rings.back().radius; };
    if (std::any_of(seals.begin(), seals.end(), within)) continue;
    if (std::optional<Seal> seal = SealIn(c, box, glyph)) seals.push_back(std::move(*seal));
  }
  return seals;
}

SealMasks SealInk(const InkComponents& c, const std::vector<Seal>& seals) {
  SealMasks out{cv::Mat::zeros(c.mask.size(), CV_8UC1), cv::Mat::zeros(c.mask.size(), CV_8UC1)};
  for (const Seal& seal : seals) MarkSeal(c, seal, c.glyph, &out);
  out.keep &= ~out.erase;  // where two seals overlap, erased by either
  return out;
}

}  // namespace vanban::image
