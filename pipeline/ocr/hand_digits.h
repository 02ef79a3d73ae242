// Hand digits — pen digits a clerk writes into a printed blank, split apart and classified.
//
// Tesseract is a reader of print: it misreads large pen digits among printed letters even when
// sure of itself. This reader works on the ink of one blank only: it drops the underline and
// specks, groups the strokes of each digit, splits touching pairs, normalises each digit's stroke
// width and size (a felt pen and a ballpoint look alike after thinning) and classifies it with a
// small convolutional network trained by tools/train_hand_digits.py (models/hand-digits.yml.gz),
// run with OpenCV's matrix product: no inference library, nothing shared between calls.
//
// Thread-safety: a HandDigitClassifier is immutable once loaded; share one across threads.
#ifndef VANBAN_PIPELINE_OCR_HAND_DIGITS_H_
#define VANBAN_PIPELINE_OCR_HAND_DIGITS_H_

#include <array>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "vanban/status.h"

namespace vanban::ocr {

// The side of the square a digit is normalised to (MNIST's layout: the digit fits 20 × 20,
// centred by its mass in 28 × 28).
inline constexpr int kDigitSide = 28;

// A binary digit (ink 255 on 0, any size) in the classifier's frame, its input: kDigitSide² 8-bit,
// strokes thinned to their skeleton and redrawn 3 px wide.
cv::Mat NormaliseDigit(const cv::Mat& ink);

// A blank is cut from the page with room above and below its printed line for pen digits, which
// rise above the printed letters and sink below them: these shares of the letter height.
inline constexpr double kInkAboveLine = 0.5;
inline constexpr double kInkBelowLine = 1.0 / 3;

class HandDigitClassifier;

struct DigitInk {
  cv::Mat ink;   // binary (ink 255) crop of the digit's strokes alone
  cv::Rect box;  // where it is in the blank
};

// The ink of a blank (cut with kInkAboveLine and kInkBelowLine around its printed line), split
// into digits, left to right. `letter_height` is the printed line's letter height in pixels:
// strokes much smaller are specks, long flat strokes the blank's underline or dots, and ink
// centred above the line belongs to the line above. Digits that touch are split where the
// classifier reads the parts best (without one, by their width).
std::vector<DigitInk> SegmentDigits(const cv::Mat& grey_blank, int letter_height,
                                    const HandDigitClassifier* classifier = nullptr);

struct DigitGuess {
  int digit = -1;
  float confidence = 0;           // the network's probability of `digit` (softmax)
  // Its probability of each digit 0–9; what they leave of 1 is its odds that the ink is no digit.
  std::array<float, 10> odds{};
};

class HandDigitClassifier {
 public:
  static StatusOr<std::unique_ptr<HandDigitClassifier>> Load(const std::string& path);
  ~HandDigitClassifier();

  // The most likely digit of a binary digit crop (ink 255), as SegmentDigits gives them.
  DigitGuess Classify(const cv::Mat& ink) const;

  // inputs · weights + bias: a convolution's inputs are a position's patch, the others' a row.
  struct Layer {
    cv::Mat weights, bias;
  };

 private:
  HandDigitClassifier() = default;
  // conv1 → ReLU → 2 × 2 max-pool → conv2 → ReLU → max-pool → hidden → ReLU → out → softmax
  Layer conv1_, conv2_, hidden_, out_;
};

}  // namespace vanban::ocr

#endif  // VANBAN_PIPELINE_OCR_HAND_DIGITS_H_
