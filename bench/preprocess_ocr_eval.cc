// preprocess_ocr_eval — runs PageSource → Preprocess → TesseractWorker on one page and prints the
// page text, so that tools/ocr_eval.sh can score it and ablate each step (--no-<step>).
// Timings and stamp text go to stderr.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include <opencv2/imgproc.hpp>

#include "bench/page_dump.h"
#include "pipeline/image/layout.h"
#include "pipeline/image/page_source.h"
#include "pipeline/image/preprocess.h"
#include "pipeline/ocr/tesseract_worker.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

int Usage() {
  std::cerr << "usage: preprocess_ocr_eval FILE [--page N] [--no-dropout] [--no-flatten] [--no-deskew]\n"
               "       [--no-borders] [--no-resolution] [--no-dewarp] [--no-sheet] [--binarise] [--no-layout] [--no-osd]\n"
               "       [--alternatives N] [--lang LANG] [--dpi TARGET] [--set NAME=VALUE]... [--save-clean PNG] [--save-layout PNG [--layout-only]]\n"
               "       [--words-out DUMP]\n";
  return 2;
}

// The page OCR reads with its regions drawn: blue full-width, green left, red right, grey stamps.
void SaveLayout(const cv::Mat& grey, const std::string& path) {
  const vanban::image::PageLayout layout = vanban::image::AnalyseLayout(grey);
  cv::Mat canvas;
  cv::cvtColor(layout.text_image, canvas, cv::COLOR_GRAY2BGR);
  for (const vanban::image::LayoutRegion& region : layout.regions) {
    const cv::Scalar colour = region.role == vanban::image::RegionRole::kLeftColumn    ? cv::Scalar(0, 160, 0)
                              : region.role == vanban::image::RegionRole::kRightColumn ? cv::Scalar(0, 0, 220)
                                                                                       : cv::Scalar(220, 0, 0);
    cv::rectangle(canvas, region.box, colour, 4);
  }
  for (const cv::Rect& stamp : layout.stamps) cv::rectangle(canvas, stamp, cv::Scalar(128, 128, 128), 4);
  cv::imwrite(path, canvas);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage();
  vanban::image::QuietDecoderLogs();
  vanban::ocr::SetSingleThreadedOcr();
  const std::string path = argv[1];
  int page_index = 0;
  std::string save_clean, save_layout, words_out;
  bool layout_only = false;
  std::string language = "vie";
  std::vector<std::string> variables;  // Tesseract parameters as name=value
  vanban::image::PreprocessOptions pre;
  vanban::ocr::RecognizeOptions rec;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--page" && has_value) page_index = std::stoi(argv[++i]) - 1;
    else if (arg == "--no-dropout") pre.drop_colour_ink = false;
    else if (arg == "--no-flatten") pre.flatten_background = false;
    else if (arg == "--no-deskew") pre.deskew = false;
    else if (arg == "--no-borders") pre.clean_borders = false;
    else if (arg == "--no-resolution") pre.normalise_resolution = false;
    else if (arg == "--no-dewarp") pre.dewarp = false;
    else if (arg == "--no-sheet") pre.straighten_sheet = false;
    else if (arg == "--binarise") pre.binarise = true;
    else if (arg == "--no-layout") rec.layout = false;
    else if (arg == "--no-osd") rec.orientation = false;
    else if (arg == "--alternatives" && has_value) rec.alternatives = std::stoi(argv[++i]);
    else if (arg == "--save-clean" && has_value) save_clean = argv[++i];
    else if (arg == "--save-layout" && has_value) save_layout = argv[++i];
    else if (arg == "--layout-only") layout_only = true;
    else if (arg == "--words-out" && has_value) words_out = argv[++i];
    else if (arg == "--lang" && has_value) language = argv[++i];
    else if (arg == "--dpi" && has_value) pre.target_dpi = std::stoi(argv[++i]);
    else if (arg == "--set" && has_value) variables.push_back(argv[++i]);
    else return Usage();
  }

  auto source = vanban::image::PageSource::Open(path, {});
  if (!source.ok()) {
    std::cerr << source.status().message() << "\n";
    return 1;
  }
  auto decoded = (*source)->LoadPage(page_index);
  if (!decoded.ok()) {
    std::cerr << decoded.status().message() << "\n";
    return 1;
  }
  const cv::Mat grey = vanban::image::DropColourInk(decoded->pixels);
  std::fprintf(stderr, "skew %.2f°, glyph height %.1f px\n", vanban::image::EstimateSkewDegrees(grey),
               vanban::image::MedianGlyphHeight(grey));
  auto start = Clock::now();
  const vanban::image::PageImage clean = vanban::image::Preprocess(decoded.value(), pre);
  const double preprocess_seconds = Seconds(start);
  if (!save_clean.empty()) cv::imwrite(save_clean, clean.pixels);
  if (!save_layout.empty()) SaveLayout(clean.pixels, save_layout);
  if (layout_only) return 0;

  auto worker = vanban::ocr::TesseractWorker::Create("", language);
  if (!worker.ok()) {
    std::cerr << worker.status().message() << "\n";
    return 1;
  }
  for (const std::string& variable : variables) {
    const size_t eq = variable.find('=');
    const vanban::Status set = (*worker)->SetVariable(variable.substr(0, eq), eq == std::string::npos ? "" : variable.substr(eq + 1));
    if (!set.ok()) {
      std::cerr << set.message() << "\n";
      return 2;
    }
  }
  rec.stamp_pixels = clean.with_colour_ink;
  start = Clock::now();
  auto page = (*worker)->RecognizePage(clean.pixels, clean.dpi, page_index + 1, rec);
  const double ocr_seconds = Seconds(start);
  if (!page.ok()) {
    std::cerr << page.status().message() << "\n";
    return 1;
  }
  std::cout << page->page.Text();
  if (!words_out.empty()) {
    std::ofstream dump(words_out);
    vanban::bench::WritePageDump(page->page, dump);
  }
  for (const std::string& stamp : page->stamps) std::cerr << "stamp: " << stamp << "\n";
  std::fprintf(stderr, "preprocess %.2f s, recognise %.2f s (rotation %d, %zu blocks)\n", preprocess_seconds,
               ocr_seconds, page->rotation, page->page.blocks.size());
  return 0;
}
