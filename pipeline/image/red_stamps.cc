#include "pipeline/image/red_stamps.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>

#include <opencv2/imgproc.hpp>

#include "pipeline/image/preprocess.h"
#include "pipeline/image/raster.h"

namespace vanban::image {
namespace {

// Red marks are found on a copy this size: a stamp's letters are still 10 px tall there.
constexpr int kSearchSide = 1200;
// R − Y of red stamp ink against paper is 90–160 on the archive's scans; paper, black and blue
// ink stay under 30 once both copies are flattened to the same white.
constexpr int kRedChroma = 60;
// Ink of one stamp lies closer than this: letter and word gaps of 13–14 pt capitals, and the
// space between a frame and its lettering.
constexpr double kJoinWidthMm = 5, kJoinHeightMm = 2;
// Decree 30/2020 Appendix: urgency stamps are 20–40 mm × 8 mm frames round 13–14 pt capitals
// (about 5 mm with the marks); an unframed line of such capitals is at least 2.5 mm tall.
constexpr double kTextMinHeightMm = 2.5, kTextMaxHeightMm = 16;
constexpr double kTextMinWidthMm = 10, kTextMaxWidthMm = 100;
constexpr double kTextMinAspect = 2.0;
// A stamp turned less than this is read as it lies (Tesseract takes a few degrees of skew); one
// turned further is set level first.
constexpr double kMinTurnDegrees = 8;
// Pieces of a slanted stamp's levelled ink under this share of its largest piece's area are specks.
constexpr double kMinPieceShare = 0.02;
// Round seals are 30–45 mm across; a red emblem or seal piece this large and this round is one.
constexpr double kSealMinMm = 15, kSealMinRoundness = 0.7;
// Specks and JPEG colour fringes: less red ink than a small printed letter.
constexpr double kMinInkMm2 = 1.5;
// Letters (of any height from a third of the tallest) that make a mark worth reading: a
// signature or a handwritten number is one to three strokes.
constexpr int kMinLetters = 3;
// White around the lettering: Tesseract reads a line best with a margin of about a letter's width.
constexpr double kPaddingMm = 1.0;
// A line of stamp capitals has its letters' feet within this share of a letter's height of one
// straight line; the arc of a seal's ring lettering strays far more.
constexpr double kMaxBaselineSpread = 0.2;
// The border band of a mark where its frame runs, as a share of the mark's height (a stamp frame
// set 2.5° askew drifts a sixth of its height along its length), and the share of a piece's ink
// in it that makes it frame.
constexpr double kFrameBand = 0.25, kFrameBorderShare = 0.8;
// Capitals with stacked Vietnamese marks ("Ẩ", "Ổ") are up to 1.5 times as tall as plain ones.
constexpr double kMaxLetterSpread = 1.8;
// A seal's rings are found as circles 15–50 mm across; its outer ring is drawn up to this thick.
constexpr double kSealMaxMm = 50, kRingWidthMm = 0.4;
// Letters rubber-stamped over a seal are 2–8 mm tall (10–20 pt names and titles, with marks);
// a letter reaches out of the seal when its ink lies this far outside the outer ring.
constexpr double kStampedLetterMinMm = 2, kStampedLetterMaxMm = 8, kOutOfSealMm = 1;
// A stamped line: at least this many letters outside the seal, on one baseline.
constexpr int kMinLettersOutOfSeal = 3;
// Letters of one stamped line are closer than this many letter heights (a word's space is ~0.3);
// its marks reach this far above its letters, its descenders this far below (in letter heights,
// the letters' own boxes holding their marks already when OCR's threshold joined them).
constexpr double kMaxWordGap = 0.8, kMarksAbove = 0.4, kDescender = 0.3;

// Red chroma of `dropout` over `luminance` on a small copy, both flattened to the same white so
// that tinted paper, shadows and scanner edges (whitened in the dropout only) do not count.
cv::Mat RedMask(const cv::Mat& dropout, const cv::Mat& luminance, double* factor) {
  const cv::Mat red = FlattenBackground(Shrink(dropout, kSearchSide, factor));
  const cv::Mat grey = FlattenBackground(Shrink(luminance, kSearchSide, factor));
  cv::Mat chroma, mask;
  cv::subtract(red, grey, chroma);
  cv::threshold(chroma, mask, kRedChroma, 255, cv::THRESH_BINARY);
  return mask;
}

// Frame sides, whole or broken where black print crosses them, are long and run along the edge
// of the mark; letters are short, or sit inside the frame, or (unframed) reach the edge with only
// part of their ink. `in_border` is how much of the piece's `area` lies in the border band.
bool FramePiece(const cv::Rect& piece, int area, int in_border, const cv::Size& extent) {
  const bool long_piece = 2 * piece.width >= extent.width || (2 * piece.height >= extent.height && 4 * piece.width <= piece.height);
  return long_piece && in_border >= kFrameBorderShare * area;
}

// Row bands of `ink` at least half as tall as the tallest: text lines, not bands of marks.
int CountLines(const cv::Mat& ink) {
  cv::Mat rows;
  cv::reduce(ink, rows, 1, cv::REDUCE_MAX);
  std::vector<int> bands;
  int start = -1;
  for (int y = 0; y <= rows.rows; ++y) {
    const bool inked = y < rows.rows && rows.at<uint8_t>(y) > 0;
    if (inked && start < 0) start = y;
    if (!inked && start >= 0) {
      bands.push_back(y - start);
      start = -1;
    }
  }
  if (bands.empty()) return 0;
  const int tallest = *std::max_element(bands.begin(), bands.end());
  return static_cast<int>(std::count_if(bands.begin(), bands.end(), [&](int h) { return 2 * h >= tallest; }));
}

// Whether the letters' feet lie on one straight (perhaps tilted) line, as on a stamp, and not on
// the arc of a seal's ring: least-squares line through the bottoms, residual against letter height.
bool OnOneBaseline(const std::vector<cv::Rect>& letters) {
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  std::vector<int> heights;
  for (const cv::Rect& r : letters) {
    const double x = r.x + r.width / 2.0, y = r.br().y;
    n += 1, sx += x, sy += y, sxx += x * x, sxy += x * y;
    heights.push_back(r.height);
  }
  const double denominator = n * sxx - sx * sx;
  const double slope = denominator != 0 ? (n * sxy - sx * sy) / denominator : 0;
  const double intercept = (sy - slope * sx) / n;
  double squares = 0;
  for (const cv::Rect& r : letters) {
    const double off = r.br().y - (slope * (r.x + r.width / 2.0) + intercept);
    squares += off * off;
  }
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  return std::sqrt(squares / n) < kMaxBaselineSpread * heights[heights.size() / 2];
}

// The lettering of a text-shaped mark, from `ink` (its red ink at full resolution, 255 = ink):
// the box round its letters without the frame, and its lines; nullopt when it has too few
// letters to be print or a single line of them is curved.
std::optional<RedRegion> Lettering(const cv::Mat& ink) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  std::vector<cv::Rect> all;
  cv::Rect extent;
  for (int i = 1; i < n; ++i) {
    all.push_back(ComponentBox(stats, i));
    extent = extent.area() == 0 ? all.back() : (extent | all.back());
  }
  cv::Mat border = cv::Mat::zeros(ink.size(), CV_8UC1);
  border(extent).setTo(255);
  const int band = std::max(2, static_cast<int>(kFrameBand * std::min(extent.width, extent.height)));
  if (extent.width > 2 * band && extent.height > 2 * band) {
    border(cv::Rect(extent.x + band, extent.y + band, extent.width - 2 * band, extent.height - 2 * band)).setTo(0);
  }
  std::vector<cv::Rect> pieces;
  cv::Mat kept = cv::Mat::zeros(ink.size(), CV_8UC1);
  for (int i = 1; i < n; ++i) {
    const cv::Rect& piece = all[i - 1];
    const cv::Mat own = labels(piece) == i;
    if (FramePiece(piece, cv::countNonZero(own), cv::countNonZero(own & border(piece)), extent.size())) continue;
    pieces.push_back(piece);
    kept(piece).setTo(255, own);
  }
  if (pieces.empty()) return std::nullopt;
  int tallest = 0;
  cv::Rect box = pieces.front();
  for (const cv::Rect& piece : pieces) {
    tallest = std::max(tallest, piece.height);
    box |= piece;
  }
  // Marks over and under the letters (Vietnamese tone marks, dots) are under half their height.
  std::vector<cv::Rect> letters;
  std::copy_if(pieces.begin(), pieces.end(), std::back_inserter(letters), [&](const cv::Rect& r) { return 2 * r.height >= tallest; });
  if (static_cast<int>(letters.size()) < kMinLetters) return std::nullopt;
  // A stroke much taller than the typical letter is a seal's ring or a flourish, not print.
  std::vector<int> heights;
  for (const cv::Rect& r : letters) heights.push_back(r.height);
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  if (tallest > kMaxLetterSpread * heights[heights.size() / 2]) return std::nullopt;
  RedRegion region{box, RedShape::kText, CountLines(kept(box))};
  if (region.lines == 1 && !OnOneBaseline(letters)) return std::nullopt;
  return region;
}

// The red ink of `box` as grey, paper 255 and the reddest ink 0: R − Y of the two copies,
// stretched up from the paper's own chroma (the median: print covers well under half a stamp's
// box).
cv::Mat RedInk(const cv::Mat& dropout, const cv::Mat& luminance, const cv::Rect& box) {
  cv::Mat chroma;
  cv::subtract(dropout(box), luminance(box), chroma);
  int histogram[256] = {};
  for (int y = 0; y < chroma.rows; ++y) {
    for (const uint8_t* p = chroma.ptr<uint8_t>(y), *end = p + chroma.cols; p != end; ++p) ++histogram[*p];
  }
  int paper = 0;
  for (int seen = 0; paper < 255 && (seen += histogram[paper]) * 2 < static_cast<int>(chroma.total());) ++paper;
  double hi = 0;
  cv::minMaxLoc(chroma, nullptr, &hi);
  const double span = std::max(1.0, hi - paper);
  cv::Mat out;
  chroma.convertTo(out, CV_8UC1, -255.0 / span, 255.0 + 255.0 * paper / span);
  return out;
}

// Whether a mark `length` mm long and `height` mm tall along its lettering is a stamp's size.
bool TextSized(double length, double height) {
  return height >= kTextMinHeightMm && height <= kTextMaxHeightMm && length >= kTextMinWidthMm &&
         length <= kTextMaxWidthMm && length >= kTextMinAspect * height;
}

RedShape ShapeOf(const cv::Rect& mark, const cv::Size& page, double px_per_mm) {
  const double w = mark.width / px_per_mm, h = mark.height / px_per_mm;
  if (mark.x == 0 || mark.y == 0 || mark.br().x == page.width || mark.br().y == page.height) return RedShape::kOther;
  if (std::min(w, h) >= kSealMinRoundness * std::max(w, h) && std::max(w, h) >= kSealMinMm) return RedShape::kSeal;
  return TextSized(w, h) ? RedShape::kText : RedShape::kOther;
}

// How far a mark's ink (binary, 255 = ink) is turned from level, in degrees counter-clockwise,
// when it is a stamp's size along and across its long side and set at a slant (an urgency stamp
// struck in haste, 30° off); 0 otherwise. Turns past a right angle are taken as the nearer slant
// the other way: stamps are not struck upside down.
double TurnOfTextMark(const cv::Mat& ink, double px_per_mm) {
  std::vector<cv::Point> points;
  cv::findNonZero(ink, points);
  if (points.size() < 5) return 0;
  cv::Point2f corners[4];
  cv::minAreaRect(points).points(corners);
  cv::Point2f along = corners[1] - corners[0], across = corners[2] - corners[1];
  if (cv::norm(along) < cv::norm(across)) std::swap(along, across);
  double turn = std::atan2(-along.y, along.x) * 180 / CV_PI;  // y grows downwards
  if (turn > 90) turn -= 180;
  if (turn <= -90) turn += 180;
  if (std::abs(turn) < kMinTurnDegrees || std::abs(turn) > 90 - kMinTurnDegrees) return 0;
  return TextSized(cv::norm(along) / px_per_mm, cv::norm(across) / px_per_mm) ? turn : 0;
}

// `grey` (paper 255) turned `turn` degrees clockwise about its centre, on a canvas grown to hold
// all of it: a slanted stamp's lettering set level.
cv::Mat Levelled(const cv::Mat& grey, double turn) {
  const cv::Point2f centre(grey.cols / 2.0f, grey.rows / 2.0f);
  cv::Mat rotation = cv::getRotationMatrix2D(centre, -turn, 1.0);
  const cv::Rect2f bounds = cv::RotatedRect(centre, cv::Size2f(grey.size()), static_cast<float>(-turn)).boundingRect2f();
  rotation.at<double>(0, 2) += bounds.width / 2.0 - centre.x;
  rotation.at<double>(1, 2) += bounds.height / 2.0 - centre.y;
  cv::Mat out;
  cv::warpAffine(grey, out, rotation, cv::Size(cvCeil(bounds.width), cvCeil(bounds.height)), cv::INTER_LINEAR,
                 cv::BORDER_CONSTANT, cv::Scalar(255));
  return out;
}

cv::Rect PadWithin(const cv::Rect& box, int padding, const cv::Size& page) {
  const cv::Rect padded(box.x - padding, box.y - padding, box.width + 2 * padding, box.height + 2 * padding);
  return padded & cv::Rect(cv::Point(0, 0), page);
}

cv::Rect ToPage(const cv::Rect& small, double factor, int padding, const cv::Size& page) {
  const cv::Rect scaled(static_cast<int>(std::floor(small.x / factor)), static_cast<int>(std::floor(small.y / factor)),
                        static_cast<int>(std::ceil(small.width / factor)), static_cast<int>(std::ceil(small.height / factor)));
  return PadWithin(scaled, padding, page);
}

// The outer ring of a round seal in `ink` (binary, 255 = red ink): the largest circle Hough's
// gradient method finds of a seal's size; radius 0 when there is none.
cv::Vec3f OuterRing(const cv::Mat& ink, double px_per_mm) {
  const int min_radius = static_cast<int>(kSealMinMm / 2 * px_per_mm);
  const int max_radius = static_cast<int>(kSealMaxMm / 2 * px_per_mm);
  cv::Vec3f outer(0, 0, 0);
  for (const cv::Vec3f& circle : InkCircles(ink, min_radius, max_radius, 0.8)) {
    if (circle[2] > outer[2]) outer = circle;
  }
  return outer;
}

struct InkPiece {
  cv::Rect box;
  bool out_of_seal = false;  // most of its ink lies outside the seal's outer ring
};

// Rows of pieces, each row the pieces whose vertical extents overlap by half the smaller.
std::vector<std::vector<InkPiece>> RowsOf(std::vector<InkPiece> pieces) {
  std::sort(pieces.begin(), pieces.end(), [](const InkPiece& a, const InkPiece& b) { return a.box.y < b.box.y; });
  std::vector<std::vector<InkPiece>> rows;
  for (const InkPiece& piece : pieces) {
    auto overlaps = [&](const InkPiece& other) {
      const int common = std::min(piece.box.br().y, other.box.br().y) - std::max(piece.box.y, other.box.y);
      return 2 * common >= std::min(piece.box.height, other.box.height);
    };
    auto row = std::find_if(rows.begin(), rows.end(), [&](const auto& r) { return std::any_of(r.begin(), r.end(), overlaps); });
    if (row == rows.end()) {
      rows.push_back({piece});
    } else {
      row->push_back(piece);
    }
  }
  return rows;
}

// The band cut out along a seal's outer ring, wide enough for a ring drawn a little off circle.
int RingCutWidth(double px_per_mm) { return std::max(3, cvRound(2 * kRingWidthMm * px_per_mm)); }

// The red ink round a seal cut into pieces no taller than a stamped letter: the seal's outer
// ring is cut out (parting the letters that touch it from it), and the rings, the emblem and
// whatever stays joined to them are left out as taller than any letter.
struct SealInk {
  cv::Mat grey;                   // the red ink as dark print on white (RedInk)
  cv::Mat small_ink;              // binary: the pieces kept
  cv::Mat ring_cut;               // binary: the ink the ring's cut took, letters crossing it included
  std::vector<InkPiece> letters;  // the pieces of a letter's height
};

std::optional<SealInk> CutSeal(const cv::Mat& dropout, const cv::Mat& luminance, const cv::Rect& around,
                               double px_per_mm) {
  SealInk seal{RedInk(dropout, luminance, around), {}, {}, {}};
  cv::Mat ink;
  cv::threshold(seal.grey, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  const cv::Vec3f ring = OuterRing(ink, px_per_mm);
  if (ring[2] <= 0) return std::nullopt;
  const cv::Point2f centre(ring[0], ring[1]);
  cv::Mat ring_band = cv::Mat::zeros(ink.size(), CV_8UC1);
  cv::circle(ring_band, centre, cvRound(ring[2]), cv::Scalar(255), RingCutWidth(px_per_mm));
  seal.ring_cut = ink & ring_band;
  ink.setTo(0, ring_band);
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  // A letter of a stamped line beside the seal lies mostly outside its ring; a piece of the
  // emblem or ring lettering reaches out only where the ring was found a little small.
  std::vector<int> outside_pixels(n, 0);
  const float outside = ring[2] + static_cast<float>(kOutOfSealMm * px_per_mm);
  for (int y = 0; y < labels.rows; ++y) {
    const int* label = labels.ptr<int>(y);
    for (int x = 0; x < labels.cols; ++x) {
      if (label[x] > 0 && std::hypot(x - centre.x, y - centre.y) > outside) ++outside_pixels[label[x]];
    }
  }
  seal.small_ink = cv::Mat::zeros(ink.size(), CV_8UC1);
  for (int i = 1; i < n; ++i) {
    const cv::Rect box = ComponentBox(stats, i);
    const double height_mm = box.height / px_per_mm;
    if (height_mm > kStampedLetterMaxMm) continue;
    seal.small_ink(box).setTo(255, labels(box) == i);
    const bool out_of_seal = 2 * outside_pixels[i] > stats.at<int>(i, cv::CC_STAT_AREA);
    if (height_mm >= kStampedLetterMinMm) seal.letters.push_back({box, out_of_seal});
  }
  return seal;
}

// The stamped line whose letters out of the seal lie in `letters_out` (median height `letter`):
// its band with the marks over and under its letters, run on under the seal until a gap wider
// than a word's (ring lettering further along the row is apart from it).
RedRegion StampedLine(const SealInk& seal, const cv::Rect& letters_out, int letter, double px_per_mm,
                      const cv::Rect& around) {
  const cv::Size size = seal.small_ink.size();
  const int above = static_cast<int>(kMarksAbove * letter), below = static_cast<int>(kDescender * letter);
  const cv::Rect band = cv::Rect(0, letters_out.y - above, size.width, letters_out.height + above + below) &
                        cv::Rect(cv::Point(0, 0), size);
  cv::Mat columns;
  cv::reduce(seal.small_ink(band), columns, 0, cv::REDUCE_MAX);
  const int gap = static_cast<int>(kMaxWordGap * letter);
  int left = letters_out.x, right = letters_out.br().x;
  for (int x = left - 1; x >= 0 && left - x <= gap; --x) {
    if (columns.at<uint8_t>(x)) left = x;
  }
  for (int x = right; x < columns.cols && x - right < gap; ++x) {
    if (columns.at<uint8_t>(x)) right = x + 1;
  }
  const cv::Rect line_box(left, band.y, right - left, band.height);
  const cv::Rect padded = PadWithin(line_box, static_cast<int>(std::lround(kPaddingMm * px_per_mm)), size);
  RedRegion line{padded + around.tl(), RedShape::kText, 1};
  line.lettering = cv::Mat(padded.size(), CV_8UC1, cv::Scalar(255));
  // A letter the ring crosses ("Ph" of a name stamped against the seal) gets back the strokes
  // the cut took; the ring's arc away from the letters stays out.
  cv::Mat letters, near_letters;
  const int reach = RingCutWidth(px_per_mm);
  cv::dilate(seal.small_ink(line_box), near_letters, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(reach, reach)));
  cv::bitwise_or(seal.small_ink(line_box), seal.ring_cut(line_box) & near_letters, letters);
  seal.grey(line_box).copyTo(line.lettering(line_box - padded.tl()), letters);
  return line;
}

// Lines of red letters stamped over a seal (`around`: page pixels round the seal's mark) — a
// signer's title or name — found as rows of letters that reach out of the seal's outer ring,
// appended to `lines`. Whether the mark holds a seal's ring at all.
bool LetteringOverSeal(const cv::Mat& dropout, const cv::Mat& luminance, const cv::Rect& around, double px_per_mm,
                       std::vector<RedRegion>* lines) {
  const std::optional<SealInk> seal = CutSeal(dropout, luminance, around, px_per_mm);
  if (!seal) return false;
  for (const std::vector<InkPiece>& row : RowsOf(seal->letters)) {
    std::vector<cv::Rect> out;
    std::vector<int> heights;
    for (const InkPiece& piece : row) {
      if (piece.out_of_seal) out.push_back(piece.box), heights.push_back(piece.box.height);
    }
    if (static_cast<int>(out.size()) < kMinLettersOutOfSeal || !OnOneBaseline(out)) continue;
    cv::Rect letters_out = out.front();
    for (const cv::Rect& box : out) letters_out |= box;
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    lines->push_back(StampedLine(*seal, letters_out, heights[heights.size() / 2], px_per_mm, around));
  }
  return true;
}

}  // namespace

// The lettering of a slanted stamp's red ink (`grey`, paper 255) once set level into *levelled,
// in *levelled's pixels; nullopt when it is no stamp's lettering.
std::optional<RedRegion> LevelledLettering(const cv::Mat& grey, double turn, cv::Mat* levelled) {
  *levelled = Levelled(grey, turn);
  cv::Mat ink, labels, stats, centroids;
  cv::threshold(*levelled, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  // The slant leaves room round the mark for specks and the colour fringes of black print, which
  // would widen the lettering's extent past its frame: a frame (the largest piece, round its
  // letters) keeps what lies inside it, and specks never count.
  const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  int largest = 0;
  for (int i = 1; i < n; ++i) {
    if (largest == 0 || stats.at<int>(i, cv::CC_STAT_AREA) > stats.at<int>(largest, cv::CC_STAT_AREA)) largest = i;
  }
  if (largest == 0) return std::nullopt;
  const cv::Rect frame = ComponentBox(stats, largest);
  auto inside_frame = [&](int i) { return frame.contains(cv::Point(cvRound(centroids.at<double>(i, 0)), cvRound(centroids.at<double>(i, 1)))); };
  int enclosed = 0;
  for (int i = 1; i < n; ++i) enclosed += i != largest && inside_frame(i);
  const bool framed = enclosed >= kMinLetters;
  cv::Mat letters = cv::Mat::zeros(ink.size(), CV_8UC1);
  for (int i = 1; i < n; ++i) {
    const bool speck = stats.at<int>(i, cv::CC_STAT_AREA) < kMinPieceShare * stats.at<int>(largest, cv::CC_STAT_AREA);
    if (!speck && (!framed || i == largest || inside_frame(i))) letters.setTo(255, labels == i);
  }
  return Lettering(letters);
}

std::vector<RedRegion> FindRedInk(const cv::Mat& dropout, const cv::Mat& luminance, int dpi) {
  std::vector<RedRegion> regions;
  if (dropout.empty() || dropout.size() != luminance.size() || dropout.type() != CV_8UC1 ||
      luminance.type() != CV_8UC1 || TooSmall(dropout) || dpi <= 0) {
    return regions;
  }
  double factor = 1.0;
  const cv::Mat ink = RedMask(dropout, luminance, &factor);
  const double px_per_mm = dpi * factor / 25.4;
  // Letters of one stamp, words of one line and the pieces of a seal's ring become one mark.
  cv::Mat marks;
  const cv::Size join(std::max(3, static_cast<int>(std::lround(kJoinWidthMm * px_per_mm))),
                      std::max(1, static_cast<int>(std::lround(kJoinHeightMm * px_per_mm))));
  cv::morphologyEx(ink, marks, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, join));
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(marks, labels, stats, centroids, 8, CV_32S);
  std::vector<cv::Rect> boxes;
  for (int i = 1; i < n; ++i) boxes.push_back(ComponentBox(stats, i));
  const int padding = static_cast<int>(std::lround(kPaddingMm * dpi / 25.4));
  for (int i = 1; i < n; ++i) {
    const cv::Rect& mark = boxes[i - 1];
    // Lettering well inside its frame is part of the framed mark (its red ink is read with it).
    const bool framed = std::any_of(boxes.begin(), boxes.end(), [&](const cv::Rect& other) {
      return other != mark && (other & mark) == mark;
    });
    cv::Mat own;
    cv::bitwise_and(ink(mark), labels(mark) == i, own);
    if (framed || cv::countNonZero(own) < kMinInkMm2 * px_per_mm * px_per_mm) continue;
    RedRegion region{ToPage(mark, factor, 0, dropout.size()), ShapeOf(mark, ink.size(), px_per_mm), 0};
    if (region.shape == RedShape::kText) {
      // The letters are told from the frame at full resolution, where a frame 0.4 mm thick and
      // the letters 1 mm inside it do not run together.
      const cv::Rect around = ToPage(mark, factor, padding, dropout.size());
      cv::Mat letters;
      cv::threshold(RedInk(dropout, luminance, around), letters, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
      if (std::optional<RedRegion> lettering = Lettering(letters)) {
        region = *lettering;
        region.box = PadWithin(region.box + around.tl(), padding, dropout.size());
      } else {
        region.shape = RedShape::kOther;
      }
    }
    // A slanted stamp's box can be as round as a seal's: its ink's own rectangle tells.
    if (region.shape != RedShape::kText) {
      if (const double turn = TurnOfTextMark(own, px_per_mm); turn != 0) {
        const cv::Rect around = ToPage(mark, factor, padding, dropout.size());
        cv::Mat levelled;
        if (std::optional<RedRegion> lettering = LevelledLettering(RedInk(dropout, luminance, around), turn, &levelled)) {
          region = RedRegion{around, RedShape::kText, lettering->lines};
          region.turn = turn;
        }
      }
    }
    // A seal with a line stamped over it may be no longer round as a mark: its ring tells.
    if (region.shape != RedShape::kText && std::min(mark.width, mark.height) >= kSealMinMm * px_per_mm &&
        LetteringOverSeal(dropout, luminance, ToPage(mark, factor, padding, dropout.size()), dpi / 25.4, &regions)) {
      region.shape = RedShape::kSeal;
    }
    regions.push_back(region);
  }
  std::sort(regions.begin(), regions.end(), [](const RedRegion& a, const RedRegion& b) {
    return a.box.y != b.box.y ? a.box.y < b.box.y : a.box.x < b.box.x;
  });
  return regions;
}

cv::Mat RedInkImage(const cv::Mat& dropout, const cv::Mat& luminance, const cv::Rect& box, double turn) {
  const cv::Rect inside = box & cv::Rect(cv::Point(0, 0), dropout.size());
  if (inside.empty() || dropout.size() != luminance.size()) return {};
  cv::Mat ink = RedInk(dropout, luminance, inside);
  if (turn != 0) {
    // The lettering alone: Tesseract reads nothing of a line with a slanted frame's sides round it.
    cv::Mat levelled;
    const std::optional<RedRegion> lettering = LevelledLettering(ink, turn, &levelled);
    ink = lettering ? levelled(lettering->box) : levelled;
  }
  cv::Mat out;
  const int margin = std::max(10, ink.rows / 4);
  cv::copyMakeBorder(ink, out, margin, margin, margin, margin, cv::BORDER_CONSTANT, cv::Scalar(255));
  return out;
}

}  // namespace vanban::image
