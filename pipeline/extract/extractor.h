// Extractor — the fields of a Vietnamese administrative document (Decree 30/2020/NĐ-CP layout):
// issuer, number, type, place and date, subject, recipients, signer, "Nơi nhận", urgency,
// cited documents, with a confidence per field and the list of fields a person should review.
//
// Thread-safety: a loaded Extractor is immutable; Extract may run on many threads at once.
#ifndef VANBAN_PIPELINE_EXTRACT_EXTRACTOR_H_
#define VANBAN_PIPELINE_EXTRACT_EXTRACTOR_H_

#include <memory>
#include <string>

#include "vanban/document.h"
#include "vanban/status.h"

namespace vanban::extract {

class Extractor {
 public:
  // Loads the dictionaries from <data_dir>/dictionaries/. kMissingData when one is absent.
  static StatusOr<std::unique_ptr<Extractor>> Load(const std::string& data_dir);
  virtual ~Extractor() = default;

  // Fills document->fields, confidence, review and signature_stamp. Uses the word boxes of
  // document->pages when there are any, else document->text alone (pages split at '\f').
  virtual void Extract(Document* document) const = 0;
};

}  // namespace vanban::extract

#endif  // VANBAN_PIPELINE_EXTRACT_EXTRACTOR_H_
