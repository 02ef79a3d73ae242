// The binary layout of a vanban syllable language model file (*.lm), shared by the trainer
// that writes it and the LanguageModel that maps it read-only into memory and uses it in place.
//
//   Header (magic, version, order, vocabulary size, section table), then 8-byte aligned
//   sections. n-gram tables (orders 2..4) are open-addressing hash tables (load <= 1/2) of one
//   uint64 per n-gram: the packed word ids (14 bits each) above an 8-bit quantised
//   log-probability and, below the highest order, a context flag and an 8-bit quantised backoff.
//   N-grams that no kept n-gram extends have backoff 0, so a decoder state can drop them
//   (KenLM's state minimisation) and stay exact. Id 0 never occurs, so 0 marks an empty
//   slot. Unigrams are plain float pairs. String look-ups (vocabulary, skeleton → candidates,
//   skeleton → abbreviation spelling) go through HashSlot tables keyed by a 64-bit string hash.
//
// Thread-safety: constants and pure functions only.
#ifndef VANBAN_PIPELINE_RESTORE_LM_FORMAT_H_
#define VANBAN_PIPELINE_RESTORE_LM_FORMAT_H_

#include <cstdint>
#include <string_view>

namespace vanban::restore::lm {

inline constexpr char kMagic[8] = {'V', 'B', 'N', 'L', 'M', '0', '0', '1'};
inline constexpr uint32_t kVersion = 2;
inline constexpr int kMaxOrder = 4;
inline constexpr int kIdBits = 14;
inline constexpr uint32_t kMaxVocab = (1u << kIdBits) - 1;
inline constexpr int kLevels = 256;  // quantisation levels per value

// Fixed ids of the class tokens; real words follow.
enum SpecialId : uint16_t {
  kEmptyId = 0,
  kUnk = 1,
  kBos = 2,
  kEos = 3,
  kNumberId = 4,
  kCodeId = 5,
  kAbbrId = 6,
  kUrlId = 7,
  kSymbolId = 8,
  kFirstWordId = 9,
};
inline constexpr std::string_view kSpecialNames[kFirstWordId] = {
    "<empty>", "<unk>", "<s>", "</s>", "<num>", "<code>", "<abbr>", "<url>", "<sym>"};

enum Section : uint32_t {
  kVocabOffsets,  // uint32[2 * (vocab+1)]: offsets into kVocabNew, then into kVocabOld
  kVocabNew,      // spellings, tone placed "hòa" style
  kVocabOld,      // spellings, tone placed "hoà" style
  kVocabIndex,    // HashSlot: hash(spelling) → id in `begin`
  kUnigrams,      // float[2 * vocab]: log p, log backoff
  kCodebooks,     // float[kMaxOrder + 1][2][kLevels]: centres for log p and log backoff
  kTable2,        // uint64 hash tables, one per order
  kTable3,
  kTable4,
  kCandidateIndex,  // HashSlot: hash(skeleton) → [begin, begin + count) of kCandidateIds
  kCandidateIds,    // uint16 ids, most frequent first
  kAbbrIndex,       // HashSlot: hash(skeleton of an all-caps run) → bytes of kAbbrBlob
  kAbbrBlob,
  kCapitalShare,  // uint8[vocab]: how often (×255) a word is capitalised inside a sentence
  kNumSections,
};

struct SectionRef {
  uint64_t offset = 0;
  uint64_t size = 0;  // bytes
};

struct Header {
  char magic[8];
  uint32_t version;
  uint32_t order;
  uint32_t vocab_size;
  uint32_t num_sections;
  SectionRef sections[kNumSections];
};

struct HashSlot {
  uint64_t hash;  // 0: empty
  uint32_t begin;
  uint32_t count;
};

// FNV-1a, never 0 (0 marks an empty slot).
inline uint64_t HashString(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h == 0 ? 1 : h;
}

// Maps a 64-bit hash onto [0, size) without a division.
inline uint64_t SlotOf(uint64_t hash, uint64_t size) {
  return static_cast<uint64_t>((static_cast<unsigned __int128>(hash * 0x9E3779B97F4A7C15ull) * size) >> 64);
}

inline uint64_t PackKey(uint64_t context_key, uint32_t word) { return (context_key << kIdBits) | word; }

// Below the key, a table entry holds: at the highest order the 8-bit probability code; below
// it a context flag (some kept n-gram extends this one), the probability and the backoff codes.
inline int ValueBits(int n, int order) { return n == order ? 8 : 17; }
inline uint64_t ContextFlag() { return 1ull << 16; }
inline uint32_t ProbCode(uint64_t entry, int n, int order) {
  return static_cast<uint32_t>(n == order ? entry : entry >> 8) & 0xFF;
}
inline uint32_t BackoffCode(uint64_t entry) { return static_cast<uint32_t>(entry) & 0xFF; }

}  // namespace vanban::restore::lm

#endif  // VANBAN_PIPELINE_RESTORE_LM_FORMAT_H_
