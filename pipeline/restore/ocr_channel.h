// OCR channel model — candidate corrections of one OCR token with their log-probability costs:
// spellings of its skeleton (lost or wrong marks: "Kién" → "Kiên"), of skeletons one or two
// learned rewrites away ("cta" → "của", "s6" → "số", "phitc" → "phức", "16ng" → "lồng"), of
// skeletons one edit away (unknown tokens only), and the token as read.
//
// A ChannelTable holds the character confusion costs learned from OCR of rendered corpus pages
// (tools/restore_learn_channel.py → models/ocr-channel-{eng,vie}.tsv): what Tesseract reads for
// each letter, marks included ("ế" read as "é" is cheap for the English model, dear for the
// Vietnamese one). A candidate's cost is its weighted edit distance from the reading; pairs the
// table never saw fall back to the profile's costs.
//
// Two profiles: legacy English-model OCR (marks mostly lost, letters often wrong: cheap changes)
// and Vietnamese-model OCR (mostly right: changes must pay, known words only change their marks).
//
// Thread-safety: a loaded ChannelTable is immutable; AppendOcrCandidates is a pure function of
// shared read-only tables.
#ifndef VANBAN_PIPELINE_RESTORE_OCR_CHANNEL_H_
#define VANBAN_PIPELINE_RESTORE_OCR_CHANNEL_H_

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pipeline/restore/decoder.h"
#include "pipeline/restore/language_model.h"
#include "vanban/status.h"

namespace vanban::restore {

struct ChannelProfile {
  float missing_mark;      // OCR read a plain letter where the word has a mark
  float wrong_mark;        // OCR read a different mark
  float confusion;         // a letter pair of a built-in rewrite rule the table has not seen
  float edit;              // any other single-letter substitution, deletion or insertion
  float unknown_original;  // keeping a token that is not a known word
  bool edit_known_words;   // may a token that is a known word change its letters?
};

inline constexpr ChannelProfile kLegacyOcr{0.2f, 0.8f, 2.0f, 5.0f, 4.0f, true};
inline constexpr ChannelProfile kVietnameseOcr{2.5f, 3.5f, 5.0f, 8.0f, 3.0f, false};

class ChannelTable {
 public:
  // A skeleton rewrite worth trying: OCR read `read` where the text had `truth`.
  struct Rule {
    std::string read, truth;
  };

  // Parses a table written by tools/restore_learn_channel.py; kMissingData when unreadable.
  static StatusOr<std::unique_ptr<ChannelTable>> Load(const std::string& path, const ChannelProfile& profile);
  // The profile's costs alone (no learned pairs, no rules beyond the built-in ones).
  explicit ChannelTable(const ChannelProfile& profile);

  const ChannelProfile& profile() const { return profile_; }
  const std::vector<Rule>& rules() const { return rules_; }
  // -ln P(read | truth) in nats, ≥ 0: the cheapest alignment of `read` with `truth`, both
  // lower case, NFC, UTF-32.
  float Cost(std::u32string_view read, std::u32string_view truth) const;

 private:
  // Costs of the characters OCR text is made of (lower-case Vietnamese letters, digits, ASCII
  // symbols, whatever the table lists) sit in a dense matrix, filled at load; any other
  // character takes the slow path.
  static constexpr size_t kDense = 192;
  static constexpr uint8_t kOther = 255;
  static constexpr char32_t kIndexed = 0x1F00;  // all Vietnamese letters lie below

  void Finish();
  uint8_t Index(char32_t c) const { return c < kIndexed ? index_[c] : kOther; }
  float Substitution(char32_t truth, char32_t read) const;
  float SlowSubstitution(char32_t truth, char32_t read) const;
  float Deletion(char32_t truth) const;
  float Insertion(char32_t read) const;

  ChannelProfile profile_;
  std::unordered_map<uint64_t, float> substitution_;
  std::unordered_map<char32_t, float> deletion_, insertion_;
  std::vector<Rule> rules_;
  std::array<uint8_t, kIndexed> index_;
  std::vector<float> dense_sub_;               // kDense × kDense, [truth][read]
  std::array<float, kDense> dense_del_, dense_ins_;
};

// Appends the candidates of `token` (NFC) to *out; the first is always the token as read
// (`original_id` is its model id). Returns how many were appended.
size_t AppendOcrCandidates(const LanguageModel& model, std::string_view token, uint16_t original_id,
                           const ChannelTable& channel, std::vector<Candidate>* out);

}  // namespace vanban::restore

#endif  // VANBAN_PIPELINE_RESTORE_OCR_CHANNEL_H_
