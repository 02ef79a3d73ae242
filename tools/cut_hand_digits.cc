// Cuts the pen digits out of the filled-in blanks of scans' first pages, the way the OCR stage
// finds and splits them, for training and checking the hand-digit classifier
// (tools/train_hand_digits.cc) and for looking at what the segmenter does.
//
//   cut_hand_digits [--model MODEL] OUTDIR SCAN...
//
// With a model, touching digits are split where it reads the parts best, as the OCR stage does.
//
// For each scan writes OUTDIR/<name>.<serial|day>.blank.png (the blank as cut from the page) and
// OUTDIR/<name>.<serial|day>.<k>.png (its k-th digit, ink white on black), and prints one line
// per blank: name, kind, digits found, the blank's box, the printed letter height, the words
// OCR read on its line with their left and right x, and with a model its reading, confidence and
// likeliest readings with their probabilities.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "pipeline/image/page_source.h"
#include "pipeline/image/preprocess.h"
#include "pipeline/ocr/filled_in_blanks.h"
#include "pipeline/ocr/tesseract_worker.h"

namespace fs = std::filesystem;
using namespace vanban;

namespace {

cv::Mat Upright(const cv::Mat& page, int rotation) {
  cv::Mat turned;
  switch (rotation) {
    case 90: cv::rotate(page, turned, cv::ROTATE_90_CLOCKWISE); return turned;
    case 180: cv::rotate(page, turned, cv::ROTATE_180); return turned;
    case 270: cv::rotate(page, turned, cv::ROTATE_90_COUNTERCLOCKWISE); return turned;
    default: return page;
  }
}

bool Cut(ocr::TesseractWorker& worker, const ocr::HandDigitClassifier* classifier, const std::string& path,
         const fs::path& out) {
  auto source = image::PageSource::Open(path, image::LoadOptions{});
  if (!source.ok()) return false;
  auto decoded = (*source)->LoadPage(0);
  if (!decoded.ok()) return false;
  const image::PageImage clean = image::Preprocess(*decoded);
  ocr::RecognizeOptions options;
  options.stamp_pixels = clean.with_colour_ink;
  auto read = worker.RecognizePage(clean.pixels, clean.dpi, 1, options);
  if (!read.ok()) return false;
  const cv::Mat ink_page =
      Upright(clean.with_colour_ink.empty() ? clean.pixels : clean.with_colour_ink, read->rotation);
  std::string name = fs::path(path).stem().string();
  for (const ocr::FilledInBlank& blank : ocr::FindFilledInBlanks(read->page)) {
    // Pen months are rare (one of the 27 archive scans): too few to train or measure on.
    if (blank.kind == ocr::BlankKind::kMonth) continue;
    const std::string kind = blank.kind == ocr::BlankKind::kSerial ? "serial" : "day";
    const cv::Rect area =
        cv::Rect(blank.box.x, blank.box.y, blank.box.width, blank.box.height) & cv::Rect(0, 0, ink_page.cols, ink_page.rows);
    if (area.empty()) continue;
    cv::imwrite((out / (name + "." + kind + ".blank.png")).string(), ink_page(area));
    const std::vector<ocr::DigitInk> digits = ocr::SegmentDigits(ink_page(area), blank.letter_height, classifier);
    for (size_t k = 0; k < digits.size(); ++k) {
      cv::imwrite((out / (name + "." + kind + "." + std::to_string(k) + ".png")).string(), digits[k].ink);
    }
    std::string words;
    for (const OcrWord& word : read->page.blocks[blank.block].lines[blank.line].words) {
      words += word.text + "@" + std::to_string(word.box.x) + "-" + std::to_string(word.box.right()) + " ";
    }
    const ocr::BlankReading reading = classifier ? ocr::ReadBlank(ink_page, blank, *classifier) : ocr::BlankReading{};
    std::string readings;
    for (const auto& [digits, odds] : reading.readings) readings += digits + ":" + std::to_string(odds) + " ";
    std::printf("%s\t%s\t%zu\t%d,%d,%d,%d\th=%d\t%s\t%s\t%.3f\t%s\n", name.c_str(), kind.c_str(), digits.size(),
                area.x, area.y, area.width, area.height, blank.letter_height, words.c_str(), reading.digits.c_str(),
                reading.confidence, readings.c_str());
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  int first = 1;
  std::unique_ptr<ocr::HandDigitClassifier> classifier;
  if (argc > 2 && std::string(argv[1]) == "--model") {
    auto loaded = ocr::HandDigitClassifier::Load(argv[2]);
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.status().message().c_str());
      return 1;
    }
    classifier = std::move(loaded).value();
    first = 3;
  }
  if (argc < first + 2) {
    std::fprintf(stderr, "usage: %s [--model MODEL] OUTDIR SCAN...\n", argv[0]);
    return 2;
  }
  image::QuietDecoderLogs();
  const fs::path out = argv[first];
  fs::create_directories(out);
  auto worker = ocr::TesseractWorker::Create("", "vie");
  if (!worker.ok()) {
    std::fprintf(stderr, "%s\n", worker.status().message().c_str());
    return 1;
  }
  int failed = 0;
  for (int i = first + 1; i < argc; ++i) {
    if (!Cut(**worker, classifier.get(), argv[i], out)) {
      std::fprintf(stderr, "%s: could not be read\n", argv[i]);
      ++failed;
    }
  }
  return failed == 0 ? 0 : 1;
}
