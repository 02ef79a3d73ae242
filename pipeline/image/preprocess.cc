#include "pipeline/image/preprocess.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "pipeline/image/dewarp.h"
#include "pipeline/image/raster.h"
#include "pipeline/image/sheet.h"

namespace vanban::image {
namespace {

// Typical glyph height of body text at 300 dpi on the Quảng Ngãi dev scans (13–14 pt Times):
// pages whose measured glyphs are far from it are rescaled by the ratio.
constexpr double kTargetGlyphHeight = 40.0;
// Below this many letter-sized components a page says nothing reliable about its text size.
constexpr int kMinGlyphs = 40;
// Page-level measurements come from the ink of a copy at most this large.
constexpr int kMeasureSide = 2000;
// Tesseract follows lines this little out of true by itself, and resampling the page softens the
// small tone marks stacked over circumflexes more than the skew hurts (dev scans: rotating a 0.3°
// page raised its miss from 5 % to 9 %, a 0.8° page from 3.2 % to 4.7 %; whole-pixel shears
// instead of resampling did no better). From 2° on our layout and Tesseract's both break.
constexpr double kMinSkewDegrees = 1.0;
// Never grow a page beyond this (a 20000×20000 input must not become larger still).
constexpr double kMaxOutputPixels = 80e6;
cv::Mat Resize(const cv::Mat& grey, double scale) {
  const double pixels = static_cast<double>(grey.cols) * grey.rows * scale * scale;
  if (pixels > kMaxOutputPixels) scale *= std::sqrt(kMaxOutputPixels / pixels);
  if (std::abs(scale - 1.0) < 0.02) return grey;
  cv::Mat resized;
  cv::resize(grey, resized, cv::Size(), scale, scale, scale > 1 ? cv::INTER_CUBIC : cv::INTER_AREA);
  return resized;
}

// Ink this dark (on a flattened page) is print or pen; a seal's show-through and grain stay lighter.
constexpr double kDarkInk = 128;
// A line of print with a few letters (a name, "- Lưu: VT;") is text; fewer is a speck or a page number.
constexpr int kMinLinedLetters = 6;

// Whether two letter boxes sit side by side in one line of print of one size.
bool InLine(const cv::Rect& a, const cv::Rect& b) {
  const int taller = std::max(a.height, b.height);
  const double dy = std::abs((a.y + a.height / 2.0) - (b.y + b.height / 2.0));
  const double dx = std::abs((a.x + a.width / 2.0) - (b.x + b.width / 2.0));
  return dy < 0.5 * taller && dx < 3.0 * taller && a.height < 2 * b.height && b.height < 2 * a.height;
}

// Letters of dark ink with at least two others beside them in their line. A blank back page's
// grain and a seal's show-through make letter-shaped specks (58–363 on the archive's four back
// pages) but none in a line, while every page with text has over a hundred (the sparsest, a
// closing page of a few lines: 165).
int LinedLetters(const InkComponents& ink) {
  std::vector<cv::Rect> letters;
  for (int i = 1; i < ink.count; ++i) {
    const cv::Rect box = ComponentBox(ink.stats, i);
    if (!LetterShaped(box.width, box.height, ink.mask.rows)) continue;
    double darkest = 255;
    cv::minMaxLoc(ink.small(box), &darkest);
    if (darkest < kDarkInk) letters.push_back(box);
  }
  const auto centre_y = [](const cv::Rect& r) { return r.y + r.height / 2.0; };
  std::sort(letters.begin(), letters.end(),
            [&](const cv::Rect& a, const cv::Rect& b) { return centre_y(a) < centre_y(b); });
  int lined = 0;
  for (size_t i = 0; i < letters.size(); ++i) {
    const cv::Rect& r = letters[i];
    int beside = 0;
    // An InLine neighbour's centre is nearer than r.height: the scan stops at the first row beyond.
    for (size_t j = i + 1; j < letters.size() && centre_y(letters[j]) - centre_y(r) < r.height; ++j) {
      beside += InLine(r, letters[j]);
    }
    for (size_t j = i; j-- > 0 && centre_y(r) - centre_y(letters[j]) < r.height;) beside += InLine(r, letters[j]);
    lined += beside >= 2;
  }
  return lined;
}

// What the page's print says of itself, from one pass over its ink.
struct TextMeasure {
  double glyph = 0;  // typical letter height in page pixels; 0 when too few letters form lines
  int lined_letters = 0;
  bool blank() const { return lined_letters < kMinLinedLetters; }
};

TextMeasure MeasureText(const cv::Mat& grey) {
  const InkComponents ink = FindInkComponents(grey, kMeasureSide);
  TextMeasure measure;
  measure.lined_letters = LinedLetters(ink);
  // Specks measure nothing: a page's letter size is read only when enough letters form lines.
  if (measure.lined_letters >= kMinGlyphs) measure.glyph = ink.glyph / ink.factor;
  return measure;
}

// The scale that brings the page to target_dpi: the text's measured size wins when it disagrees
// strongly with the file's dpi (phone photos claim 72 or 96 dpi; faxes claim 300 at 100).
double ResolutionScale(double glyph, int dpi, int target_dpi) {
  const double by_dpi = static_cast<double>(target_dpi) / dpi;
  if (glyph <= 0) return by_dpi;
  const double by_glyph = kTargetGlyphHeight * target_dpi / kTargetDpi / glyph;
  const double ratio = by_glyph / by_dpi;
  const double chosen = ratio > 1.6 || ratio < 0.6 ? by_glyph : by_dpi;
  return std::clamp(chosen, 0.25, 4.0);
}

// Sum of squared row counts of `points` rotated by `degrees`: sharp when rows align with lines.
double ProjectionSharpness(const std::vector<cv::Point>& points, double degrees, int height, int width) {
  const double a = degrees * CV_PI / 180.0;
  const double s = std::sin(a), c = std::cos(a);
  const int offset = width + 1;
  std::vector<int> rows(height + 2 * offset + 2, 0);
  for (const cv::Point& p : points) {
    const int y = static_cast<int>(std::lround(-p.x * s + p.y * c)) + offset;
    if (y >= 0 && y < static_cast<int>(rows.size())) ++rows[y];
  }
  double score = 0;
  for (int r : rows) score += static_cast<double>(r) * r;
  return score;
}

double BestAngle(const std::vector<cv::Point>& points, double from, double to, double step, int height, int width) {
  double best = 0, best_score = -1;
  for (double a = from; a <= to + 1e-9; a += step) {
    const double score = ProjectionSharpness(points, a, height, width);
    if (score > best_score) {
      best_score = score;
      best = a;
    }
  }
  return best;
}

}  // namespace

cv::Mat ToGrey(const cv::Mat& pixels) {
  if (pixels.channels() == 1) return pixels;
  cv::Mat grey;
  cv::cvtColor(pixels, grey, pixels.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
  return grey;
}

cv::Mat DropColourInk(const cv::Mat& pixels) {
  if (pixels.channels() == 1) return pixels;
  cv::Mat red;
  cv::extractChannel(pixels, red, 2);
  return red;
}

cv::Mat FlattenBackground(const cv::Mat& grey) {
  if (TooSmall(grey)) return grey;
  // The max filter runs on a quarter-size copy: the background varies slowly, and a window of
  // 15 there (60 px at 300 dpi) is wider than any stroke of body or heading type.
  double factor = 1.0;
  cv::Mat small = Shrink(grey, std::max(grey.cols, grey.rows) / 4, &factor);
  if (factor == 1.0) small = grey.clone();
  cv::Mat background;
  cv::dilate(small, background, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(15, 15)));
  cv::blur(background, background, cv::Size(15, 15));
  cv::resize(background, background, grey.size(), 0, 0, cv::INTER_LINEAR);
  cv::max(background, cv::Scalar(1), background);
  cv::Mat flat;
  cv::divide(grey, background, flat, 255.0);
  return flat;
}

cv::Mat SauvolaBinarise(const cv::Mat& grey, int window, double k) {
  if (grey.empty()) return grey;
  window = std::max(3, window | 1);
  cv::Mat sum, sqsum;
  cv::integral(grey, sum, sqsum, CV_64F, CV_64F);
  cv::Mat out(grey.size(), CV_8UC1);
  const int half = window / 2;
  constexpr double kDynamicRange = 128.0;
  for (int y = 0; y < grey.rows; ++y) {
    const int y0 = std::max(0, y - half), y1 = std::min(grey.rows, y + half + 1);
    const uint8_t* src = grey.ptr<uint8_t>(y);
    uint8_t* dst = out.ptr<uint8_t>(y);
    for (int x = 0; x < grey.cols; ++x) {
      const int x0 = std::max(0, x - half), x1 = std::min(grey.cols, x + half + 1);
      const double n = static_cast<double>(y1 - y0) * (x1 - x0);
      const double s = sum.at<double>(y1, x1) - sum.at<double>(y0, x1) - sum.at<double>(y1, x0) + sum.at<double>(y0, x0);
      const double sq = sqsum.at<double>(y1, x1) - sqsum.at<double>(y0, x1) - sqsum.at<double>(y1, x0) +
                        sqsum.at<double>(y0, x0);
      const double mean = s / n;
      const double sd = std::sqrt(std::max(0.0, sq / n - mean * mean));
      const double threshold = mean * (1 + k * (sd / kDynamicRange - 1));
      dst[x] = src[x] > threshold ? 255 : 0;
    }
  }
  return out;
}

cv::Mat InkMask(const cv::Mat& grey, double* threshold) {
  if (grey.empty()) return {};
  double lo = 0, hi = 0;
  cv::minMaxLoc(grey, &lo, &hi);
  // A page without contrast is blank (or all black): Otsu would split its noise into "ink".
  if (hi - lo < 40) return cv::Mat::zeros(grey.size(), CV_8UC1);
  cv::Mat mask;
  const double t = cv::threshold(grey, mask, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  if (threshold != nullptr) *threshold = t;
  return mask;
}

double MedianGlyphHeight(const cv::Mat& grey) { return MeasureText(grey).glyph; }

bool LooksBlank(const cv::Mat& grey) { return MeasureText(grey).blank(); }

MarkPlacement CountMarkPlacement(const cv::Mat& grey) {
  MarkPlacement placement;
  const InkComponents ink = FindInkComponents(grey, kMeasureSide);
  if (ink.letters < kMinGlyphs) return placement;
  placement.readable = true;
  const cv::Mat& mask = ink.mask;
  const double glyph = ink.glyph;
  cv::Mat row_ink, column_ink, mean, deviation;
  cv::reduce(mask, row_ink, 1, cv::REDUCE_SUM, CV_64F);
  cv::reduce(mask, column_ink, 0, cv::REDUCE_SUM, CV_64F);
  auto variation = [&](const cv::Mat& sums) {
    cv::meanStdDev(sums, mean, deviation);
    return mean.at<double>(0) > 0 ? deviation.at<double>(0) / mean.at<double>(0) : 0.0;
  };
  const double across = variation(column_ink);
  placement.row_contrast = across > 0 ? variation(row_ink) / across : 0;
  // Letters indexed by column strips one glyph wide, so each mark checks only its own strip.
  const int strip = std::max(1, static_cast<int>(glyph));
  std::vector<std::vector<cv::Rect>> letters(mask.cols / strip + 1);
  std::vector<cv::Rect> marks;
  for (int i = 1; i < ink.count; ++i) {
    const cv::Rect r = ComponentBox(ink.stats, i);
    if (r.height >= glyph / 2 && LetterShaped(r.width, r.height, mask.rows)) {
      for (int s = r.x / strip; s <= (r.x + r.width - 1) / strip; ++s) letters[s].push_back(r);
    } else if (r.height >= 2 && r.width >= 2 && r.height <= 0.45 * glyph && r.width <= 0.8 * glyph) {
      marks.push_back(r);
    }
  }
  const int reach = static_cast<int>(glyph / 2);  // a mark's gap to its letter is under half a glyph
  for (const cv::Rect& mark : marks) {
    const int x = mark.x + mark.width / 2;
    bool on_top = false, underneath = false;
    for (const cv::Rect& letter : letters[x / strip]) {
      if (x < letter.x || x >= letter.x + letter.width) continue;
      const int gap_down = letter.y - (mark.y + mark.height);
      const int gap_up = mark.y - (letter.y + letter.height);
      on_top |= gap_down >= -1 && gap_down <= reach;
      underneath |= gap_up >= -1 && gap_up <= reach;
    }
    placement.above += on_top && !underneath;
    placement.below += underneath && !on_top;
  }
  return placement;
}

double EstimateSkewDegrees(const cv::Mat& grey, double max_degrees) {
  if (TooSmall(grey)) return 0;
  double factor = 1.0;
  const cv::Mat small = Shrink(grey, 1000, &factor);
  const cv::Mat mask = InkMask(small);
  if (mask.empty()) return 0;
  std::vector<cv::Point> points;
  cv::findNonZero(mask, points);
  const size_t total = static_cast<size_t>(mask.rows) * mask.cols;
  // Too little ink to show lines, or so much that it is a photo or a black page.
  if (points.size() < 200 || points.size() > total / 2) return 0;
  constexpr size_t kMaxPoints = 150'000;
  if (points.size() > kMaxPoints) {
    const size_t stride = points.size() / kMaxPoints + 1;
    std::vector<cv::Point> sampled;
    for (size_t i = 0; i < points.size(); i += stride) sampled.push_back(points[i]);
    points.swap(sampled);
  }
  const double coarse = BestAngle(points, -max_degrees, max_degrees, 0.25, mask.rows, mask.cols);
  return BestAngle(points, coarse - 0.25, coarse + 0.25, 0.05, mask.rows, mask.cols);
}

cv::Matx23d RotationMap(cv::Size size, double degrees, cv::Size* turned) {
  // The canvas grows to hold the turned page: stamps printed in a corner must not be cut off.
  const double a = std::abs(degrees) * CV_PI / 180.0;
  *turned = cv::Size(static_cast<int>(std::ceil(size.width * std::cos(a) + size.height * std::sin(a))),
                     static_cast<int>(std::ceil(size.height * std::cos(a) + size.width * std::sin(a))));
  cv::Matx23d rotation = cv::getRotationMatrix2D(cv::Point2f(size.width / 2.0f, size.height / 2.0f), degrees, 1.0);
  rotation(0, 2) += (turned->width - size.width) / 2.0;
  rotation(1, 2) += (turned->height - size.height) / 2.0;
  return rotation;
}

cv::Mat RotateGrey(const cv::Mat& grey, double degrees) {
  if (grey.empty() || degrees == 0) return grey;
  cv::Size size;
  const cv::Matx23d rotation = RotationMap(grey.size(), degrees, &size);
  cv::Mat out;
  cv::warpAffine(grey, out, rotation, size, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
  return out;
}

cv::Matx23d Compose(const cv::Matx23d& outer, const cv::Matx23d& inner) {
  const cv::Matx33d o(outer(0, 0), outer(0, 1), outer(0, 2), outer(1, 0), outer(1, 1), outer(1, 2), 0, 0, 1);
  const cv::Matx33d i(inner(0, 0), inner(0, 1), inner(0, 2), inner(1, 0), inner(1, 1), inner(1, 2), 0, 0, 1);
  const cv::Matx33d c = o * i;
  return cv::Matx23d(c(0, 0), c(0, 1), c(0, 2), c(1, 0), c(1, 1), c(1, 2));
}

cv::Matx23d Invert(const cv::Matx23d& map) {
  cv::Matx23d inverse;
  cv::invertAffineTransform(map, inverse);
  return inverse;
}

cv::Matx23d QuarterTurnBack(int clockwise, cv::Size before) {
  const double w = before.width, h = before.height;
  switch (clockwise) {
    case 90: return cv::Matx23d(0, 1, 0, -1, 0, h);    // (x, y) ↦ (h - y, x) undone
    case 180: return cv::Matx23d(-1, 0, w, 0, -1, h);  // (x, y) ↦ (w - x, h - y) undone
    case 270: return cv::Matx23d(0, -1, w, 1, 0, 0);   // (x, y) ↦ (y, w - x) undone
    default: return cv::Matx23d(1, 0, 0, 0, 1, 0);
  }
}

cv::Mat CleanBorders(const cv::Mat& grey, int dpi) {
  if (TooSmall(grey)) return grey;
  double factor = 1.0;
  const cv::Mat small = Shrink(grey, 1200, &factor);
  const cv::Mat mask = InkMask(small);
  if (mask.empty()) return grey;
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  const double px_per_mm = dpi * factor / 25.4;
  const int margin_x = mask.cols / 10, margin_y = mask.rows / 10;
  std::vector<uint8_t> erase(n, 0);
  bool any = false;
  for (int i = 1; i < n; ++i) {
    const int x = stats.at<int>(i, cv::CC_STAT_LEFT), y = stats.at<int>(i, cv::CC_STAT_TOP);
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    const int area = stats.at<int>(i, cv::CC_STAT_AREA);
    const bool touches = x == 0 || y == 0 || x + w == mask.cols || y + h == mask.rows;
    // Scanner edges and shadows: dark bands along the edge, longer than any printed line there.
    const bool edge_band = touches && (h > mask.rows / 4 || w > mask.cols / 4);
    // Punch holes: filled discs 4–9 mm across, inside the outer tenth of the page.
    const bool in_margin = x + w < margin_x || x > mask.cols - margin_x || y + h < margin_y || y > mask.rows - margin_y;
    const double diameter = (w + h) / 2.0;
    const bool disc = std::abs(w - h) < diameter / 4 && area > 0.6 * w * h &&
                      diameter > 4 * px_per_mm && diameter < 9 * px_per_mm;
    erase[i] = edge_band || (in_margin && disc);
    any |= erase[i] != 0;
  }
  if (!any) return grey;
  cv::Mat erase_small = cv::Mat::zeros(mask.size(), CV_8UC1);
  for (int y = 0; y < labels.rows; ++y) {
    const int* row = labels.ptr<int>(y);
    uint8_t* dst = erase_small.ptr<uint8_t>(y);
    for (int x = 0; x < labels.cols; ++x) dst[x] = erase[row[x]] ? 255 : 0;
  }
  return WhitenMask(grey, erase_small);
}

PageImage Preprocess(const PageImage& page, const PreprocessOptions& options) {
  PageImage out;
  out.dpi = page.dpi > 0 ? page.dpi : kTargetDpi;
  out.pixels = options.drop_colour_ink ? DropColourInk(page.pixels) : ToGrey(page.pixels);
  if (out.pixels.empty() || TooSmall(out.pixels)) return out;
  // The luminance copy follows every change of geometry, so that boxes found on `pixels` hold.
  cv::Mat& luminance = out.with_colour_ink;
  if (options.drop_colour_ink && page.pixels.channels() > 1) luminance = ToGrey(page.pixels);
  // Letters are measured on a flattened copy: grain in a shadow otherwise counts as small
  // letters and blows a sparse page up several times (held-out degraded page: 14 px for 35).
  const TextMeasure text = MeasureText(options.flatten_background ? FlattenBackground(out.pixels) : out.pixels);
  out.blank = text.blank();
  if (options.normalise_resolution) {
    const double scale = ResolutionScale(text.glyph, out.dpi, options.target_dpi);
    const cv::Size loaded = out.pixels.size();
    out.pixels = Resize(out.pixels, scale);
    if (!luminance.empty()) luminance = Resize(luminance, scale);
    out.to_loaded = cv::Matx23d(static_cast<double>(loaded.width) / out.pixels.cols, 0, 0, 0,
                                static_cast<double>(loaded.height) / out.pixels.rows, 0);
    // Whatever the file claimed, the text now has the size of a scan at the target resolution.
    out.dpi = options.target_dpi;
  }
  // A blank page is not read, so the steps that help reading it would be wasted.
  if (out.blank) return out;
  if (options.straighten_sheet) {
    if (const std::optional<SlantedSheet> sheet = FindSlantedSheet(out.pixels)) {
      out.to_loaded = Compose(out.to_loaded, SheetToPhoto(*sheet));
      out.pixels = Straighten(out.pixels, *sheet);
      if (!luminance.empty()) luminance = Straighten(luminance, *sheet);
    }
  }
  if (options.flatten_background) out.pixels = FlattenBackground(out.pixels);
  if (options.clean_borders) out.pixels = CleanBorders(out.pixels, out.dpi);
  if (options.deskew) {
    const double angle = EstimateSkewDegrees(out.pixels);
    if (std::abs(angle) >= kMinSkewDegrees) {
      cv::Size turned;
      out.to_loaded = Compose(out.to_loaded, Invert(RotationMap(out.pixels.size(), angle, &turned)));
      out.pixels = RotateGrey(out.pixels, angle);
      if (!luminance.empty()) luminance = RotateGrey(luminance, angle);
    }
  }
  if (options.dewarp) {
    const TextLineWarp warp = TextLineWarp::Measure(out.pixels, out.dpi);
    out.pixels = warp.Apply(out.pixels);
    luminance = warp.Apply(luminance);
  }
  if (options.binarise) {
    const int window = std::max(15, out.dpi / 10);
    out.pixels = SauvolaBinarise(out.pixels, window, 0.2);
  }
  return out;
}

}  // namespace vanban::image
