// red_stamp_survey FILE… — the red-ink detector over page 1 of each file: how many red marks it
// finds, how many it keeps as text (stamps, and lines stamped over a seal), what OCR reads of
// the stamps, and what that costs next to recognising the whole page.
//
// usage: red_stamp_survey [--dump DIR] [--no-page-ocr] FILE…
//   --dump writes each text stamp as OCR sees it; --no-page-ocr skips timing the whole page.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "pipeline/image/page_source.h"
#include "pipeline/image/preprocess.h"
#include "pipeline/image/red_stamps.h"
#include "pipeline/ocr/tesseract_worker.h"
#include "tests/ocr/survey_worker.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kRuns = 5;

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace vanban;
  std::string dump;
  bool page_ocr = true;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--dump" && i + 1 < argc) {
      dump = argv[++i];
    } else if (arg == "--no-page-ocr") {
      page_ocr = false;
    } else {
      files.push_back(arg);
    }
  }
  const std::unique_ptr<ocr::TesseractWorker> worker = testing::SurveyWorker();
  if (!worker) return 1;
  std::printf("file\tred\ttext\tseal\tdetect_ms\tread_ms\tpage_ocr_ms\treadings\tmarks (shape@x,y wxh mm)\n");
  double detect_total = 0, read_total = 0, ocr_total = 0;
  for (const std::string& file : files) {
    auto source = image::PageSource::Open(file, {});
    if (!source.ok()) {
      std::fprintf(stderr, "%s: %s\n", file.c_str(), source.status().message().c_str());
      continue;
    }
    auto page = (*source)->LoadPage(0);
    if (!page.ok()) continue;
    const image::PageImage clean = image::Preprocess(page.value());
    // The fastest of a few runs: the machine is shared, and the survey is about the step's cost.
    std::vector<image::RedRegion> regions;
    double detect_ms = 1e30;
    Clock::time_point start;
    for (int run = 0; run < kRuns; ++run) {
      start = Clock::now();
      regions = image::FindRedInk(clean.pixels, clean.with_colour_ink, clean.dpi);
      detect_ms = std::min(detect_ms, MillisecondsSince(start));
    }
    int text = 0, seal = 0;
    std::string marks;
    for (const image::RedRegion& region : regions) {
      const double mm = 25.4 / clean.dpi;
      char mark[80];
      std::snprintf(mark, sizeof mark, " %c@%.0f,%.0f %.0fx%.0f", "TSO"[static_cast<int>(region.shape)], region.box.x * mm,
                    region.box.y * mm, region.box.width * mm, region.box.height * mm);
      marks += mark;
      text += region.shape == image::RedShape::kText;
      seal += region.shape == image::RedShape::kSeal;
      if (!dump.empty() && region.shape == image::RedShape::kText) {
        const std::string name = std::filesystem::path(file).stem().string() + "_" + std::to_string(region.box.y) + ".png";
        cv::imwrite(dump + "/" + name, region.lettering.empty()
                                           ? image::RedInkImage(clean.pixels, clean.with_colour_ink, region.box)
                                           : region.lettering);
      }
    }
    // The readings time the whole step as the worker runs it, detection included.
    std::vector<RedStamp> readings;
    double step_ms = 1e30;
    for (int run = 0; run < kRuns; ++run) {
      start = Clock::now();
      readings = worker->ReadRedStamps(clean.pixels, clean.with_colour_ink, clean.dpi);
      step_ms = std::min(step_ms, MillisecondsSince(start));
    }
    const double read_ms = std::max(0.0, step_ms - detect_ms);
    double ocr_ms = 0;
    if (page_ocr) {
      start = Clock::now();
      ocr::RecognizeOptions options;
      options.stamp_pixels = clean.with_colour_ink;
      auto recognised = worker->RecognizePage(clean.pixels, clean.dpi, 1, options);
      ocr_ms = MillisecondsSince(start);
      if (!recognised.ok()) std::fprintf(stderr, "%s: %s\n", file.c_str(), recognised.status().message().c_str());
    }
    std::string joined;
    for (const RedStamp& reading : readings) joined += (joined.empty() ? "" : " | ") + reading.text;
    for (char& c : joined) c = c == '\n' ? '/' : c;
    std::printf("%s\t%zu\t%d\t%d\t%.1f\t%.1f\t%.0f\t%s\t%s\n", std::filesystem::path(file).filename().c_str(),
                regions.size(), text, seal, detect_ms, read_ms, ocr_ms, joined.c_str(), marks.c_str());
    std::fflush(stdout);
    detect_total += detect_ms;
    read_total += read_ms;
    ocr_total += ocr_ms;
  }
  if (ocr_total > 0) {
    std::printf("total\t\t\t\t%.0f\t%.0f\t%.0f\tdetect+read = %.2f %% of page OCR\n", detect_total, read_total, ocr_total,
                100.0 * (detect_total + read_total) / ocr_total);
  }
  return 0;
}
