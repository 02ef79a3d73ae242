// Restorer — puts the diacritics back into stripped Vietnamese and corrects OCR errors, with a
// syllable n-gram language model and a noisy-channel decoder.
//
// Thread-safety: a loaded Restorer is immutable; RestoreText and RestorePage may run on many
// threads at once (each call keeps its scratch state on its own stack/heap).
#ifndef VANBAN_PIPELINE_RESTORE_RESTORER_H_
#define VANBAN_PIPELINE_RESTORE_RESTORER_H_

#include <memory>
#include <string>
#include <string_view>

#include "vanban/document.h"
#include "vanban/engine.h"
#include "vanban/status.h"

namespace vanban::restore {

class Restorer {
 public:
  // Loads the models from <data_dir>/models/. kMissingData when a model file is absent or bad.
  static StatusOr<std::unique_ptr<Restorer>> Load(const std::string& data_dir);
  virtual ~Restorer() = default;

  // Restores NFC text; keeps line breaks. See SPEC.md "vanban restore" for what passes through.
  virtual std::string RestoreText(std::string_view nfc_text, const RestoreOptions& options) const = 0;

  // Corrects the words of an OCR page in place (word.text; word.ocr_text keeps the original),
  // decoding each block as one paragraph, and sets page->restored_tokens.
  virtual void RestorePage(OcrPage* page, ToneStyle tone_style) const = 0;
};

}  // namespace vanban::restore

#endif  // VANBAN_PIPELINE_RESTORE_RESTORER_H_
