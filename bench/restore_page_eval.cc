// restore_page_eval — reads a page dump (page_dump.h, written by preprocess_ocr_eval
// --words-out) and prints the page text as OCR read it or, with --restore, after
// Restorer::RestorePage: the path `vanban ocr` takes, alternatives included. With --margins it
// prints the restored words instead, one a line: text, restore margin (nats; "inf" where the
// restorer weighed no other reading) and OCR confidence, to calibrate the review's confidence.
//
//   restore_page_eval DUMP [--restore | --margins] [--data-dir DIR]
#include <fstream>
#include <iostream>
#include <string>

#include "bench/page_dump.h"
#include "pipeline/restore/restorer.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: restore_page_eval DUMP [--restore | --margins] [--data-dir DIR]\n";
    return 2;
  }
  bool restore = false, margins = false;
  std::string data_dir = VANBAN_SOURCE_DIR;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--restore") restore = true;
    else if (arg == "--margins") restore = margins = true;
    else if (arg == "--data-dir" && i + 1 < argc) data_dir = argv[++i];
    else return 2;
  }
  std::ifstream in(argv[1]);
  vanban::OcrPage page;
  if (!in || !vanban::bench::ReadPageDump(in, &page)) {
    std::cerr << argv[1] << ": cannot read the page dump\n";
    return 1;
  }
  if (restore) {
    auto restorer = vanban::restore::Restorer::Load(data_dir);
    if (!restorer.ok()) {
      std::cerr << restorer.status().message() << "\n";
      return 3;
    }
    (*restorer)->RestorePage(&page, vanban::ToneStyle::kNew);
  }
  if (!margins) {
    std::cout << page.Text();
    return 0;
  }
  for (const vanban::OcrBlock& block : page.blocks) {
    for (const vanban::OcrLine& line : block.lines) {
      for (const vanban::OcrWord& word : line.words) {
        std::cout << word.text << '\t' << word.restore_margin << '\t' << word.confidence << '\n';
      }
    }
  }
  return 0;
}
