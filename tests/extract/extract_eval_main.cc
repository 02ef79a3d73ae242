// extract_eval — prints the per-field accuracy table of the extractor over a truth folder of
// hand-checked <DOC>/fields.json (the devset, or samples/truth).
//   extract_eval DATA_DIR TRUTH_DIR page1|ocr-text|ocr-boxes|vanban-json|vanban-hocr [OCR_DIR] [--mismatches]
#include <cstring>
#include <iostream>

#include "tests/extract/devset_eval.h"

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: extract_eval DATA_DIR TRUTH_DIR page1|ocr-text|ocr-boxes|vanban-json|vanban-hocr [OCR_DIR] [--mismatches]\n";
    return 1;
  }
  using vanban::extract::eval::Input;
  std::string mode = argv[3];
  Input input = mode == "page1"         ? Input::kPage1Truth
                : mode == "ocr-boxes"   ? Input::kOcrBoxes
                : mode == "vanban-json" ? Input::kVanbanJson
                : mode == "vanban-hocr" ? Input::kVanbanHocr
                                        : Input::kOcrText;
  std::string ocr_dir = argc > 4 && std::strcmp(argv[4], "--mismatches") != 0 ? argv[4] : "";
  bool mismatches = std::strcmp(argv[argc - 1], "--mismatches") == 0;
  auto extractor = vanban::extract::Extractor::Load(argv[1]);
  if (!extractor.ok()) {
    std::cerr << "extract_eval: " << extractor.status().ToString() << "\n";
    return 3;
  }
  vanban::extract::eval::Report report = vanban::extract::eval::Evaluate(**extractor, argv[2], input, ocr_dir);
  std::cout << report.Table();
  if (mismatches) {
    for (const std::string& line : report.mismatches) std::cout << "  " << line << "\n";
  }
  return 0;
}
