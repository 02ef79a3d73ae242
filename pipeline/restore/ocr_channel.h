// OCR channel model — candidate corrections of one OCR token with their log-probability costs:
// spellings of its skeleton (lost or wrong marks: "Kién" → "Kiên"), of skeletons one known
// confusion or one edit away ("cta" → "của", "s6" → "số", "nuéc" → "nước", "tugng" → "tướng"),
// and the token as read.
//
// Two profiles: legacy English-model OCR (marks mostly lost, letters often wrong: cheap changes)
// and Vietnamese-model OCR (mostly right: changes must pay, known words only change their marks).
//
// Thread-safety: pure functions over a shared read-only LanguageModel.
#ifndef VANBAN_PIPELINE_RESTORE_OCR_CHANNEL_H_
#define VANBAN_PIPELINE_RESTORE_OCR_CHANNEL_H_

#include <string_view>
#include <vector>

#include "pipeline/restore/decoder.h"
#include "pipeline/restore/language_model.h"

namespace vanban::restore {

struct ChannelProfile {
  float missing_mark;      // OCR read a plain letter where the word has a mark
  float wrong_mark;        // OCR read a different mark
  float confusion;         // one of the known OCR letter confusions (6→o, t→u, …)
  float edit;              // any other single-letter substitution, deletion or insertion
  float unknown_original;  // keeping a token that is not a known word
  bool edit_known_words;   // may a token that is a known word change its letters?
};

inline constexpr ChannelProfile kLegacyOcr{0.2f, 0.8f, 2.0f, 5.0f, 4.0f, true};
inline constexpr ChannelProfile kVietnameseOcr{2.5f, 3.5f, 5.0f, 8.0f, 3.0f, false};

// Appends the candidates of `token` (NFC) to *out; the first is always the token as read
// (`original_id` is its model id). Returns how many were appended.
size_t AppendOcrCandidates(const LanguageModel& model, std::string_view token, uint16_t original_id,
                           const ChannelProfile& profile, std::vector<Candidate>* out);

}  // namespace vanban::restore

#endif  // VANBAN_PIPELINE_RESTORE_OCR_CHANNEL_H_
