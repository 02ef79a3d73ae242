// Scores the extractor against the hand-checked devset (../shared/samples/devset/*/fields.json):
// exact match per field (handwritten fields apart), F1 of the recipients and cc lists. Inputs are
// the devset's page-1 transcriptions, or whole documents OCR'd by tools/extract_ocr_scans.sh
// (plain text, or Tesseract TSV word boxes read into OcrPages).
//
// Thread-safety: plain functions and values.
#ifndef VANBAN_TESTS_EXTRACT_DEVSET_EVAL_H_
#define VANBAN_TESTS_EXTRACT_DEVSET_EVAL_H_

#include <map>
#include <string>
#include <vector>

#include "pipeline/extract/extractor.h"
#include "vanban/document.h"

namespace vanban::extract::eval {

enum class Input { kPage1Truth, kOcrText, kOcrBoxes };

struct FieldScore {
  int printed = 0, printed_exact = 0;
  int handwritten = 0, handwritten_exact = 0;
  int handwritten_null = 0;  // handwritten fields left null (and so in review) instead of guessed
};

struct ListScore {
  int true_positives = 0, false_positives = 0, false_negatives = 0;
  double F1() const;
};

struct Report {
  std::map<std::string, FieldScore> fields;
  std::map<std::string, ListScore> lists;
  std::vector<std::string> mismatches;  // "doc field: got … want …"
  int documents = 0;
  double PrintedExactShare() const;
  std::string Table() const;
};

// Pages of a document read from Tesseract TSV files (page-1.tsv, page-2.tsv, …) in `dir`.
std::vector<OcrPage> PagesFromTsv(const std::string& dir);

// Runs the extractor over every devset document that has the input; ocr_dir holds one folder
// per document (tools/extract_ocr_scans.sh). Documents without that input are skipped.
Report Evaluate(const Extractor& extractor, const std::string& devset_dir, Input input,
                const std::string& ocr_dir);

}  // namespace vanban::extract::eval

#endif  // VANBAN_TESTS_EXTRACT_DEVSET_EVAL_H_
