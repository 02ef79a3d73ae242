// LanguageModel — the syllable n-gram model (lm_format.h) mapped read-only from disk and used
// in place: no parsing at load, so opening costs one mmap and a few bounds checks.
//
// Scores are natural-log probabilities of interpolated Kneser-Ney with backoff. A decoder keeps
// one Context per hypothesis (the last words and their backoff weights, computed once) so that
// scoring a candidate word costs only the n-gram look-ups until the first hit.
//
// Thread-safety: immutable after Open; every const method may run on many threads at once.
#ifndef VANBAN_PIPELINE_RESTORE_LANGUAGE_MODEL_H_
#define VANBAN_PIPELINE_RESTORE_LANGUAGE_MODEL_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "pipeline/restore/lm_format.h"
#include "vanban/engine.h"
#include "vanban/status.h"

namespace vanban::restore {

class LanguageModel {
 public:
  // The words a prediction is conditioned on, oldest first, with their backoff weights:
  // backoff[m] belongs to the last m words.
  struct Context {
    uint16_t words[lm::kMaxOrder - 1];
    uint8_t size;
    float backoff[lm::kMaxOrder];
    uint64_t keys[lm::kMaxOrder];  // keys[m]: the last m words packed
  };

  static StatusOr<std::unique_ptr<LanguageModel>> Open(const std::string& path);
  ~LanguageModel();
  LanguageModel(const LanguageModel&) = delete;
  LanguageModel& operator=(const LanguageModel&) = delete;

  int order() const { return order_; }
  uint32_t vocab_size() const { return vocab_size_; }

  // The id of a canonical word (CanonicalWord) or punctuation mark; 0 when unknown.
  uint16_t Find(std::string_view word) const;
  std::string_view Spelling(uint16_t id, ToneStyle style) const;
  // Vocabulary words with this skeleton, most frequent first.
  std::span<const uint16_t> Candidates(std::string_view skeleton) const;
  // How an all-capital letter run with this skeleton is usually spelt ("QĐ" for "qd"); empty
  // when the plain capitals are usual.
  std::string_view CapitalRun(std::string_view skeleton) const;
  // Share of a word's mid-sentence occurrences written with a capital, 0..1.
  float CapitalShare(uint16_t id) const { return capital_[id] / 255.0f; }

  // The context after appending `word` to `previous` (pass nullptr for the start of a text).
  void Extend(const Context* previous, uint16_t word, Context* next) const;
  float Score(const Context& context, uint16_t word) const;
  // Starts loading the table slots Score(context, word) will read: call it for a batch of
  // queries before scoring them, so that their cache misses overlap.
  void Prefetch(const Context& context, uint16_t word) const;
  float Unigram(uint16_t word) const { return unigrams_[2 * word]; }

 private:
  struct Table {
    const uint64_t* slots = nullptr;
    uint64_t size = 0;
    int value_bits = 0;
    const float* prob_levels = nullptr;
    const float* backoff_levels = nullptr;
  };

  LanguageModel() = default;
  Status Map(const std::string& path);
  const lm::HashSlot* FindSlot(lm::Section section, uint64_t hash) const;
  bool FindNgram(int n, uint64_t key, uint64_t* entry) const;
  // The backoff weight of the n-gram of the `m` words packed in `key` (Context::keys[m]).
  float ContextBackoff(uint64_t key, int m) const;
  template <typename T>
  const T* SectionData(lm::Section s) const;
  uint64_t SectionCount(lm::Section s, size_t element) const;

  void* map_ = nullptr;
  size_t map_size_ = 0;
  const lm::Header* header_ = nullptr;
  int order_ = 0;
  uint32_t vocab_size_ = 0;
  const uint32_t* offsets_[2] = {nullptr, nullptr};
  const char* spellings_[2] = {nullptr, nullptr};
  const float* unigrams_ = nullptr;
  const uint16_t* candidate_ids_ = nullptr;
  const char* abbr_blob_ = nullptr;
  const uint8_t* capital_ = nullptr;
  Table tables_[lm::kMaxOrder + 1];
};

}  // namespace vanban::restore

#endif  // VANBAN_PIPELINE_RESTORE_LANGUAGE_MODEL_H_
