// extract_hocr — runs the extractor on the restored word boxes of a `vanban ocr` hOCR file and
// prints the document JSON, to check extractor changes on any scan without OCR'ing it again.
//   extract_hocr DATA_DIR FILE.hocr
#include <iostream>

#include "pipeline/extract/extractor.h"
#include "tests/extract/devset_eval.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: extract_hocr DATA_DIR FILE.hocr\n";
    return 1;
  }
  auto extractor = vanban::extract::Extractor::Load(argv[1]);
  if (!extractor.ok()) {
    std::cerr << "extract_hocr: " << extractor.status().ToString() << "\n";
    return 3;
  }
  vanban::Document document;
  document.source = argv[2];
  document.pages = vanban::extract::eval::PagesFromHocr(argv[2]);
  (*extractor)->Extract(&document);
  std::cout << vanban::ToJson(document);
  return 0;
}
