// Abbreviations — the capital-letter runs of abbreviations and document codes the corpus uses
// ("UBND", "QĐ", "ĐBQH"), with their counts (models/abbreviations.txt, written by
// tools/restore_make_abbreviations.py), for repairing runs OCR damaged: "UBRD" → "UBND",
// "BBQH" → "ĐBQH". A run a letter longer or shorter than a known one ("BTCN") is kept as read.
//
// Thread-safety: immutable after Load; Repair may run on many threads at once.
#ifndef VANBAN_PIPELINE_RESTORE_ABBREVIATIONS_H_
#define VANBAN_PIPELINE_RESTORE_ABBREVIATIONS_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "vanban/status.h"

namespace vanban::restore {

class Abbreviations {
 public:
  static StatusOr<std::unique_ptr<Abbreviations>> Load(const std::string& path);

  // True when a run with this skeleton ("qd" for "QĐ") is a known abbreviation.
  bool Known(std::string_view run) const;
  // The known abbreviation one changed letter away from an unknown run of at least 4 capitals,
  // when one is clearly the most frequent; for shorter runs inside a document code, the very
  // common abbreviation one look-alike capital away ("OD" → "QĐ"); empty otherwise.
  std::string_view Repair(std::string_view run, bool in_code) const;

 private:
  struct Entry {
    std::string spelling;
    int count;
  };
  std::string_view RepairLookAlike(const std::string& skeleton) const;

  std::unordered_map<std::string, Entry> by_skeleton_;
};

}  // namespace vanban::restore

#endif  // VANBAN_PIPELINE_RESTORE_ABBREVIATIONS_H_
