// vanban-restore-eval — restores stdin to stdout with the restorer alone (no engine, no OCR), and
// reports the syllable rate on stderr. For measuring the restorer in isolation:
//   python3 ../shared/tools/strip.py < gt.txt | vanban-restore-eval --mode stripped > out.txt
#include <chrono>
#include <iostream>
#include <iterator>
#include <string>

#include "pipeline/restore/restorer.h"

int main(int argc, char** argv) {
  std::string data_dir = VANBAN_SOURCE_DIR;
  vanban::RestoreOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    std::string v = i + 1 < argc ? argv[i + 1] : "";
    if (a == "--mode" && !v.empty()) {
      options.mode = v == "stripped" ? vanban::RestoreMode::kStripped
                     : v == "ocr"    ? vanban::RestoreMode::kOcr
                                     : vanban::RestoreMode::kAuto;
      ++i;
    } else if (a == "--tone-style" && !v.empty()) {
      options.tone_style = v == "old" ? vanban::ToneStyle::kOld : vanban::ToneStyle::kNew;
      ++i;
    } else if (a == "--data-dir" && !v.empty()) {
      data_dir = v;
      ++i;
    } else {
      std::cerr << "usage: vanban-restore-eval [--mode auto|stripped|ocr] [--tone-style new|old]"
                   " [--data-dir DIR] < in > out\n";
      return 1;
    }
  }
  auto t0 = std::chrono::steady_clock::now();
  auto restorer = vanban::restore::Restorer::Load(data_dir);
  if (!restorer.ok()) {
    std::cerr << "vanban-restore-eval: " << restorer.status().message() << "\n";
    return 3;
  }
  auto t1 = std::chrono::steady_clock::now();
  std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  std::string output = (*restorer)->RestoreText(input, options);
  auto t2 = std::chrono::steady_clock::now();
  std::cout << output;
  size_t words = 0;
  bool in_word = false;
  for (char c : input) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  double load_ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
  double secs = std::chrono::duration<double>(t2 - t1).count();
  std::cerr << "load " << load_ms << " ms, " << words << " tokens in " << secs << " s ("
            << (secs > 0 ? words / secs : 0) << " tokens/s)\n";
  return 0;
}
