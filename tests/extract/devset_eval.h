// Scores the extractor against the hand-checked devset (../shared/samples/devset/*/fields.json):
// exact match per field (handwritten fields apart: right, left null, wrong), F1 of the recipients
// and cc lists. Inputs are the devset's page-1 transcriptions; whole documents OCR'd by
// tools/extract_ocr_scans.sh (plain text, or Tesseract TSV word boxes read into OcrPages); or
// vanban's own end-to-end output of `vanban ocr`: the fields of <DOC>.json as the engine wrote
// them (the product figure), or the restored word boxes of <DOC>.hocr run through the extractor
// again (to try extractor changes without OCR; hOCR keeps no OCR alternatives).
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

enum class Input { kPage1Truth, kOcrText, kOcrBoxes, kVanbanJson, kVanbanHocr };

struct FieldScore {
  int printed = 0, printed_exact = 0;
  int handwritten = 0, handwritten_exact = 0;
  int handwritten_null = 0;   // handwritten fields left null (and so in review) instead of guessed
  int handwritten_wrong = 0;  // a handwritten value given and wrong: the one error never allowed
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

// Pages of a document read back from vanban's hOCR output (words, boxes, confidences).
std::vector<OcrPage> PagesFromHocr(const std::string& path);

// Runs the extractor over every devset document that has the input; ocr_dir holds one folder
// per document (tools/extract_ocr_scans.sh) or, for the vanban inputs, the output folder of
// `vanban ocr` (<DOC>.json, <DOC>.hocr). Documents without that input are skipped.
Report Evaluate(const Extractor& extractor, const std::string& devset_dir, Input input,
                const std::string& ocr_dir);

}  // namespace vanban::extract::eval

#endif  // VANBAN_TESTS_EXTRACT_DEVSET_EVAL_H_
