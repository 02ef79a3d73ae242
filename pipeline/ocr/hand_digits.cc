#include "pipeline/ocr/hand_digits.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <opencv2/imgproc.hpp>

namespace vanban::ocr {
namespace {

// A digit is thinned at this size: large enough that a thick pen loop stays open, small enough
// to be cheap.
constexpr int kThinningSide = 40;
constexpr int kDigitBox = 20;  // the digit's longer side inside kDigitSide
constexpr int kKernel = 5;       // the network's convolutions are kKernel × kKernel
// The network's answers: the digits 0–9 and 10, ink that is no digit (a scribble, a stray mark).
constexpr int kClasses = 11;
// Pen digits' width over height: a typical one, the widest single one (a 5 with a long flag,
// a 0), and the narrowest part a split may cut (a 1 is thinner, but a 1 rarely touches).
constexpr double kDigitAspect = 0.62;
constexpr double kSingleDigitAspect = 0.8;
constexpr double kNarrowestDigit = 0.35;
constexpr int kMaxParts = 4;
// A part of a split whose ink spans less of the group's height than this is a flag, no digit.
constexpr double kFlagExtent = 0.45;
// How much surer the classifier must be of a split other than the width's.
constexpr float kBetterSplit = 0.3f;

// Zhang–Suen thinning of a 0/1 image: strokes of any width become one-pixel skeletons.
void Thin(cv::Mat* bits) {
  cv::Mat& img = *bits;
  cv::Mat marker(img.size(), CV_8UC1);
  bool changed = true;
  for (int pass = 0; changed && pass < 2 * kThinningSide; ++pass) {
    changed = false;
    for (int step = 0; step < 2; ++step) {
      marker.setTo(0);
      for (int y = 1; y + 1 < img.rows; ++y) {
        const uchar* up = img.ptr<uchar>(y - 1);
        const uchar* row = img.ptr<uchar>(y);
        const uchar* down = img.ptr<uchar>(y + 1);
        for (int x = 1; x + 1 < img.cols; ++x) {
          if (row[x] == 0) continue;
          // Neighbours clockwise from north: p2 … p9.
          const int p[8] = {up[x], up[x + 1], row[x + 1], down[x + 1], down[x], down[x - 1], row[x - 1], up[x - 1]};
          int count = 0, transitions = 0;
          for (int i = 0; i < 8; ++i) {
            count += p[i];
            transitions += p[i] == 0 && p[(i + 1) % 8] == 1;
          }
          const bool first = step == 0 ? p[0] * p[2] * p[4] == 0 && p[2] * p[4] * p[6] == 0
                                       : p[0] * p[2] * p[6] == 0 && p[0] * p[4] * p[6] == 0;
          if (count >= 2 && count <= 6 && transitions == 1 && first) marker.at<uchar>(y, x) = 1;
        }
      }
      if (cv::countNonZero(marker) > 0) changed = true;
      img &= ~marker;
    }
  }
}

// `ink` scaled so that its longer side is `side`, keeping its shape.
cv::Mat FitInto(const cv::Mat& ink, int side) {
  const double scale = static_cast<double>(side) / std::max(ink.cols, ink.rows);
  const cv::Size size(std::max(1, static_cast<int>(std::lround(ink.cols * scale))),
                      std::max(1, static_cast<int>(std::lround(ink.rows * scale))));
  cv::Mat scaled;
  cv::resize(ink, scaled, size, 0, 0, cv::INTER_AREA);
  return scaled;
}

// Cuts `ink` into `parts` at the columns with least ink near the even cuts.
std::vector<std::pair<int, int>> EvenSplit(const cv::Mat& ink, int parts) {
  cv::Mat columns;
  cv::reduce(ink, columns, 0, cv::REDUCE_SUM, CV_32S);
  std::vector<std::pair<int, int>> spans;
  int begin = 0;
  const int pitch = ink.cols / parts;
  for (int k = 1; k < parts; ++k) {
    const int expected = k * pitch;
    int best = expected;
    for (int x = std::max(begin + 1, expected - pitch / 4); x <= std::min(ink.cols - 2, expected + pitch / 4); ++x) {
      if (columns.at<int>(0, x) < columns.at<int>(0, best)) best = x;
    }
    spans.emplace_back(begin, best);
    begin = best;
  }
  spans.emplace_back(begin, ink.cols);
  return spans;
}

// Whether the ink of columns [begin, end) spans so few rows of the group that it is a stroke
// of a digit beside it, not a digit: the bar of a 5 or a 7 run on past the digit's body.
bool IsFlag(const cv::Mat& ink, int begin, int end) {
  cv::Mat rows;
  cv::reduce(ink.colRange(begin, end), rows, 1, cv::REDUCE_MAX);
  int first = -1, last = -1;
  for (int y = 0; y < rows.rows; ++y) {
    if (rows.at<uchar>(y, 0) == 0) continue;
    if (first < 0) first = y;
    last = y;
  }
  return first < 0 || (last - first + 1) < kFlagExtent * ink.rows;
}

// Splits a run of touching digits at the columns with least ink near the even cuts; a part
// that is only a flag goes back to the digit it runs on from (the one before, else after).
std::vector<std::pair<int, int>> SplitColumns(const cv::Mat& ink, int parts) {
  std::vector<std::pair<int, int>> spans = EvenSplit(ink, parts);
  for (size_t k = 0; k < spans.size() && spans.size() > 1;) {
    if (!IsFlag(ink, spans[k].first, spans[k].second)) {
      ++k;
      continue;
    }
    if (k > 0) {
      spans[k - 1].second = spans[k].second;
    } else {
      spans[1].first = spans[0].first;
    }
    spans.erase(spans.begin() + static_cast<std::ptrdiff_t>(k));
  }
  return spans;
}

// The least sure digit's confidence when `mask` is cut into `parts`.
float SplitConfidence(const cv::Mat& mask, int parts, const HandDigitClassifier& classifier) {
  float least = 1;
  for (auto [begin, end] : SplitColumns(mask, parts)) {
    least = std::min(least, classifier.Classify(mask.colRange(begin, end)).confidence);
  }
  return least;
}

// Into how many digits a group of touching strokes splits. Digits are narrower than tall, so a
// wide group is several; where the classifier is at hand, one digit fewer or more than the
// width says wins only when the classifier reads its parts clearly better.
int Parts(const cv::Mat& mask, const HandDigitClassifier* classifier) {
  const double aspect = static_cast<double>(mask.cols) / mask.rows;
  const int by_width = std::clamp(static_cast<int>(std::lround(aspect / kDigitAspect)), 1, kMaxParts);
  if (classifier == nullptr || aspect < kSingleDigitAspect) return by_width;
  int best = by_width;
  float best_confidence = SplitConfidence(mask, by_width, *classifier);
  for (int parts : {by_width - 1, by_width + 1}) {
    if (parts < 1 || parts > kMaxParts || aspect / parts < kNarrowestDigit || aspect / parts > kSingleDigitAspect) continue;
    const float confidence = SplitConfidence(mask, parts, *classifier);
    if (confidence > best_confidence + kBetterSplit) best = parts, best_confidence = confidence;
  }
  return best;
}

// rows · weights + bias, one output row per input row.
cv::Mat Apply(const HandDigitClassifier::Layer& layer, const cv::Mat& rows) {
  cv::Mat out = rows * layer.weights;
  for (int r = 0; r < out.rows; ++r) out.row(r) += layer.bias;
  return out;
}

// A 5 × 5 convolution with ReLU of a side × side map (rows: positions, columns: channels), as one
// matrix product over its patches (im2col, in the channel-major order PyTorch's weights have).
cv::Mat Convolve(const cv::Mat& map, int side, const HandDigitClassifier::Layer& layer) {
  const int out_side = side - kKernel + 1, channels = map.cols;
  cv::Mat patches(out_side * out_side, channels * kKernel * kKernel, CV_32F);
  for (int y = 0; y < out_side; ++y) {
    for (int x = 0; x < out_side; ++x) {
      float* patch = patches.ptr<float>(y * out_side + x);
      for (int c = 0; c < channels; ++c) {
        for (int ky = 0; ky < kKernel; ++ky) {
          for (int kx = 0; kx < kKernel; ++kx) *patch++ = map.at<float>((y + ky) * side + x + kx, c);
        }
      }
    }
  }
  return cv::max(Apply(layer, patches), 0);
}

// The largest of each 2 × 2 block of positions of a side × side map.
cv::Mat MaxPool(const cv::Mat& map, int side) {
  const int half = side / 2;
  cv::Mat pooled(half * half, map.cols, CV_32F);
  for (int y = 0; y < half; ++y) {
    for (int x = 0; x < half; ++x) {
      cv::Mat out = pooled.row(y * half + x);
      map.row(2 * y * side + 2 * x).copyTo(out);
      for (int at : {2 * y * side + 2 * x + 1, (2 * y + 1) * side + 2 * x, (2 * y + 1) * side + 2 * x + 1}) {
        out = cv::max(out, map.row(at));
      }
    }
  }
  return pooled;
}

struct Stroke {
  cv::Rect box;
  std::vector<int> labels;
};

}  // namespace

cv::Mat NormaliseDigit(const cv::Mat& ink) {
  cv::Mat normalised = cv::Mat::zeros(kDigitSide, kDigitSide, CV_8UC1);
  std::vector<cv::Point> points;
  cv::findNonZero(ink, points);
  if (points.empty()) return normalised;
  cv::Mat bits;
  cv::threshold(FitInto(ink(cv::boundingRect(points)), kThinningSide), bits, 127, 1, cv::THRESH_BINARY);
  cv::copyMakeBorder(bits, bits, 1, 1, 1, 1, cv::BORDER_CONSTANT, 0);
  Thin(&bits);
  cv::Mat small;
  cv::threshold(FitInto(bits * 255, kDigitBox), small, 0, 255, cv::THRESH_BINARY);
  cv::dilate(small, small, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2, 2)));
  // Centred by its mass, as MNIST's digits are.
  const cv::Moments m = cv::moments(small, true);
  const double cx = m.m00 > 0 ? m.m10 / m.m00 : small.cols / 2.0, cy = m.m00 > 0 ? m.m01 / m.m00 : small.rows / 2.0;
  const int x = std::clamp(static_cast<int>(std::lround(kDigitSide / 2.0 - cx)), 0, kDigitSide - small.cols);
  const int y = std::clamp(static_cast<int>(std::lround(kDigitSide / 2.0 - cy)), 0, kDigitSide - small.rows);
  small.copyTo(normalised(cv::Rect(x, y, small.cols, small.rows)));
  return normalised;
}

std::vector<DigitInk> SegmentDigits(const cv::Mat& grey_blank, int letter_height, const HandDigitClassifier* classifier) {
  std::vector<DigitInk> digits;
  if (grey_blank.empty() || letter_height <= 0) return digits;
  cv::Mat ink;
  const double otsu = cv::threshold(grey_blank, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  // A blank with no pen ink has no real two classes: Otsu then splits paper grain.
  cv::threshold(grey_blank, ink, std::clamp(otsu, 90.0, 190.0), 255, cv::THRESH_BINARY_INV);
  // The blank's underline or dotted line: long flat runs of ink.
  // A rule a little aslant breaks into runs about a letter long; its edges, a pixel above and
  // below the runs, go with it.
  cv::Mat rules;
  cv::morphologyEx(ink, rules, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(std::max(9, letter_height), 1)));
  cv::dilate(rules, rules, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, 3)));
  ink &= ~rules;

  cv::Mat labels, stats, centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  std::vector<Stroke> strokes;
  const int line_top = static_cast<int>(kInkAboveLine * letter_height);
  const int min_area = std::max(4, letter_height * letter_height / 64);
  for (int i = 1; i < count; ++i) {
    const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                       stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    if (stats.at<int>(i, cv::CC_STAT_AREA) < min_area) continue;
    if (box.height < letter_height / 5 && box.width < letter_height / 3) continue;  // a speck or a dot
    if (box.y + box.height / 2 < line_top) continue;  // the line above reaching into the blank
    strokes.push_back({box, {i}});
  }
  std::sort(strokes.begin(), strokes.end(), [](const Stroke& a, const Stroke& b) { return a.box.x < b.box.x; });
  // The strokes of one digit overlap in columns: a 5's flag, a 4 drawn in two strokes.
  std::vector<Stroke> groups;
  for (const Stroke& stroke : strokes) {
    if (!groups.empty()) {
      Stroke& last = groups.back();
      const int overlap = std::min(last.box.br().x, stroke.box.br().x) - std::max(last.box.x, stroke.box.x);
      if (overlap * 2 >= std::min(last.box.width, stroke.box.width)) {
        last.box |= stroke.box;
        last.labels.push_back(stroke.labels.front());
        continue;
      }
    }
    groups.push_back(stroke);
  }
  int tallest = 0;
  for (const Stroke& group : groups) tallest = std::max(tallest, group.box.height);
  for (const Stroke& group : groups) {
    // Pen digits stand at least half a printed letter tall and about as tall as each other;
    // shorter marks are commas, dashes and the tail of a printed letter beside the blank.
    if (group.box.height < letter_height / 2 || group.box.height * 20 < tallest * 11) continue;
    cv::Mat mask = cv::Mat::zeros(group.box.size(), CV_8UC1);
    const cv::Mat group_labels = labels(group.box);
    for (int label : group.labels) mask.setTo(255, group_labels == label);
    for (auto [begin, end] : SplitColumns(mask, Parts(mask, classifier))) {
      digits.push_back({mask.colRange(begin, end).clone(),
                        cv::Rect(group.box.x + begin, group.box.y, end - begin, group.box.height)});
    }
  }
  return digits;
}

HandDigitClassifier::~HandDigitClassifier() = default;

StatusOr<std::unique_ptr<HandDigitClassifier>> HandDigitClassifier::Load(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return Status::MissingData("no hand-digit model at " + path);
  auto classifier = std::unique_ptr<HandDigitClassifier>(new HandDigitClassifier());
  std::array<Layer*, 4> layers = {&classifier->conv1_, &classifier->conv2_, &classifier->hidden_, &classifier->out_};
  const char* names[] = {"conv1", "conv2", "hidden", "out"};
  try {
    cv::FileStorage storage(path, cv::FileStorage::READ);
    for (size_t i = 0; i < layers.size(); ++i) {
      storage[std::string(names[i]) + "_w"] >> layers[i]->weights;
      storage[std::string(names[i]) + "_b"] >> layers[i]->bias;
    }
  } catch (const cv::Exception& e) {
    return Status::MissingData("hand-digit model " + path + " is unreadable: " + e.what());
  }
  // Each layer's inputs are what the one before gives: conv1 sees 5 × 5 pixels, conv2 5 × 5 of
  // conv1's channels, the hidden layer conv2's channels at 4 × 4 positions, the output the hidden
  // layer's units; the output gives kClasses answers.
  const int pooled = (((kDigitSide - kKernel + 1) / 2 - kKernel + 1) / 2);
  const int inputs[] = {kKernel * kKernel, kKernel * kKernel * classifier->conv1_.weights.cols,
                        pooled * pooled * classifier->conv2_.weights.cols, classifier->hidden_.weights.cols};
  for (size_t i = 0; i < layers.size(); ++i) {
    Layer& layer = *layers[i];
    const bool last = i + 1 == layers.size();
    const bool fits = layer.weights.type() == CV_32F && layer.weights.rows == inputs[i] && layer.bias.type() == CV_32F &&
                      layer.bias.total() == static_cast<size_t>(layer.weights.cols) &&
                      (!last || layer.weights.cols == kClasses);
    if (!fits) return Status::MissingData("hand-digit model " + path + " does not fit this build");
    layer.bias = layer.bias.reshape(1, 1);
  }
  return classifier;
}

DigitGuess HandDigitClassifier::Classify(const cv::Mat& ink) const {
  cv::Mat pixels;
  NormaliseDigit(ink).convertTo(pixels, CV_32F, 1.0 / 255);
  int side = kDigitSide;
  cv::Mat map = pixels.reshape(1, side * side);  // one row per position, one column per channel
  for (const Layer* layer : {&conv1_, &conv2_}) {
    map = MaxPool(Convolve(map, side, *layer), side - kKernel + 1);
    side = (side - kKernel + 1) / 2;
  }
  cv::Mat hidden = cv::max(Apply(hidden_, map.reshape(1, 1)), 0);
  cv::Mat logits = Apply(out_, hidden);
  double best = 0;
  cv::minMaxLoc(logits, nullptr, &best);
  cv::Mat odds;
  cv::exp(logits - best, odds);
  odds /= cv::sum(odds)[0];
  cv::Point at;
  DigitGuess guess;
  const int digits = static_cast<int>(guess.odds.size());
  cv::minMaxLoc(odds.colRange(0, digits), nullptr, nullptr, nullptr, &at);
  guess.digit = at.x;
  for (int digit = 0; digit < digits; ++digit) guess.odds[digit] = odds.at<float>(0, digit);
  guess.confidence = guess.odds[guess.digit];
  return guess;
}

}  // namespace vanban::ocr
