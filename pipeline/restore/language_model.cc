#include "pipeline/restore/language_model.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

namespace vanban::restore {

using lm::HashSlot;
using lm::Section;

StatusOr<std::unique_ptr<LanguageModel>> LanguageModel::Open(const std::string& path) {
  std::unique_ptr<LanguageModel> model(new LanguageModel());
  Status status = model->Map(path);
  if (!status.ok()) return status;
  return model;
}

LanguageModel::~LanguageModel() {
  if (map_) munmap(map_, map_size_);
}

template <typename T>
const T* LanguageModel::SectionData(Section s) const {
  return reinterpret_cast<const T*>(static_cast<const char*>(map_) + header_->sections[s].offset);
}

uint64_t LanguageModel::SectionCount(Section s, size_t element) const {
  return header_->sections[s].size / element;
}

Status LanguageModel::Map(const std::string& path) {
  auto bad = [&](const std::string& why) {
    return Status::MissingData("language model " + path + ": " + why);
  };
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return bad(std::string("cannot open: ") + std::strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(sizeof(lm::Header))) {
    close(fd);
    return bad("too small to be a model");
  }
  map_size_ = static_cast<size_t>(st.st_size);
  map_ = mmap(nullptr, map_size_, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (map_ == MAP_FAILED) {
    map_ = nullptr;
    return bad(std::string("cannot map: ") + std::strerror(errno));
  }
  madvise(map_, map_size_, MADV_WILLNEED);
  header_ = static_cast<const lm::Header*>(map_);
  if (std::memcmp(header_->magic, lm::kMagic, sizeof lm::kMagic) != 0) return bad("not a vanban model");
  if (header_->version != lm::kVersion) return bad("unsupported version");
  if (header_->order < 2 || header_->order > lm::kMaxOrder || header_->num_sections != lm::kNumSections ||
      header_->vocab_size <= lm::kFirstWordId || header_->vocab_size > lm::kMaxVocab + 1)
    return bad("bad header");
  for (int s = 0; s < static_cast<int>(lm::kNumSections); ++s) {
    const lm::SectionRef& r = header_->sections[s];
    if (r.offset % 8 != 0 || r.offset > map_size_ || r.size > map_size_ - r.offset)
      return bad("section out of bounds");
  }
  order_ = static_cast<int>(header_->order);
  vocab_size_ = header_->vocab_size;
  const uint64_t v = vocab_size_;
  if (SectionCount(lm::kVocabOffsets, 4) != 2 * (v + 1) || SectionCount(lm::kUnigrams, 4) != 2 * v ||
      SectionCount(lm::kCapitalShare, 1) != v ||
      SectionCount(lm::kCodebooks, 4) != (lm::kMaxOrder + 1) * 2 * lm::kLevels)
    return bad("section sizes do not match the vocabulary");
  for (int style = 0; style < 2; ++style) {
    offsets_[style] = SectionData<uint32_t>(lm::kVocabOffsets) + style * (v + 1);
    if (offsets_[style][v] != header_->sections[style == 0 ? lm::kVocabNew : lm::kVocabOld].size)
      return bad("vocabulary truncated");
    for (uint64_t i = 0; i < v; ++i) {
      if (offsets_[style][i] > offsets_[style][i + 1]) return bad("vocabulary offsets out of order");
    }
  }
  spellings_[0] = SectionData<char>(lm::kVocabNew);
  spellings_[1] = SectionData<char>(lm::kVocabOld);
  unigrams_ = SectionData<float>(lm::kUnigrams);
  capital_ = SectionData<uint8_t>(lm::kCapitalShare);
  candidate_ids_ = SectionData<uint16_t>(lm::kCandidateIds);
  abbr_blob_ = SectionData<char>(lm::kAbbrBlob);
  for (Section s : {lm::kVocabIndex, lm::kCandidateIndex, lm::kAbbrIndex}) {
    if (SectionCount(s, sizeof(HashSlot)) == 0) return bad("empty index");
  }
  const uint64_t num_candidates = SectionCount(lm::kCandidateIds, 2);
  for (uint64_t i = 0; i < num_candidates; ++i) {
    if (candidate_ids_[i] >= v) return bad("candidate out of the vocabulary");
  }
  auto check_slots = [&](Section s, uint64_t limit) {
    const HashSlot* slots = SectionData<HashSlot>(s);
    for (uint64_t i = 0; i < SectionCount(s, sizeof(HashSlot)); ++i) {
      if (slots[i].hash != 0 && (slots[i].begin > limit || slots[i].count > limit - slots[i].begin))
        return false;
    }
    return true;
  };
  if (!check_slots(lm::kVocabIndex, v) || !check_slots(lm::kCandidateIndex, num_candidates) ||
      !check_slots(lm::kAbbrIndex, header_->sections[lm::kAbbrBlob].size))
    return bad("index out of bounds");
  const float* codebooks = SectionData<float>(lm::kCodebooks);
  for (int n = 2; n <= order_; ++n) {
    Table& t = tables_[n];
    Section s = static_cast<Section>(lm::kTable2 + n - 2);
    t.slots = SectionData<uint64_t>(s);
    t.size = SectionCount(s, 8);
    if (t.size == 0) return bad("empty n-gram table");
    t.value_bits = lm::ValueBits(n, order_);
    t.prob_levels = codebooks + (n * 2) * lm::kLevels;
    t.backoff_levels = codebooks + (n * 2 + 1) * lm::kLevels;
  }
  return Status::Ok();
}

const HashSlot* LanguageModel::FindSlot(Section section, uint64_t hash) const {
  const HashSlot* slots = SectionData<HashSlot>(section);
  const uint64_t size = SectionCount(section, sizeof(HashSlot));
  uint64_t s = lm::SlotOf(hash, size);
  for (uint64_t probes = 0; probes < size; ++probes) {
    if (slots[s].hash == hash) return &slots[s];
    if (slots[s].hash == 0) return nullptr;
    if (++s == size) s = 0;
  }
  return nullptr;
}

uint16_t LanguageModel::Find(std::string_view word) const {
  const HashSlot* slot = FindSlot(lm::kVocabIndex, lm::HashString(word));
  if (!slot) return 0;
  uint16_t id = static_cast<uint16_t>(slot->begin);
  return Spelling(id, ToneStyle::kNew) == word ? id : 0;
}

std::string_view LanguageModel::Spelling(uint16_t id, ToneStyle style) const {
  const int s = style == ToneStyle::kOld ? 1 : 0;
  return std::string_view(spellings_[s] + offsets_[s][id], offsets_[s][id + 1] - offsets_[s][id]);
}

std::span<const uint16_t> LanguageModel::Candidates(std::string_view skeleton) const {
  const HashSlot* slot = FindSlot(lm::kCandidateIndex, lm::HashString(skeleton));
  if (!slot) return {};
  return std::span<const uint16_t>(candidate_ids_ + slot->begin, slot->count);
}

std::string_view LanguageModel::CapitalRun(std::string_view skeleton) const {
  const HashSlot* slot = FindSlot(lm::kAbbrIndex, lm::HashString(skeleton));
  if (!slot) return {};
  return std::string_view(abbr_blob_ + slot->begin, slot->count);
}

bool LanguageModel::FindNgram(int n, uint64_t key, uint64_t* entry) const {
  const Table& t = tables_[n];
  uint64_t s = lm::SlotOf(key, t.size);
  for (uint64_t probes = 0; probes < t.size; ++probes) {
    uint64_t e = t.slots[s];
    if (e == 0) return false;
    if ((e >> t.value_bits) == key) {
      *entry = e;
      return true;
    }
    if (++s == t.size) s = 0;
  }
  return false;
}

float LanguageModel::ContextBackoff(uint64_t key, int m) const {
  if (m == 1) return unigrams_[2 * key + 1];  // a one-word key is the word
  uint64_t entry;
  if (!FindNgram(m, key, &entry)) return 0;
  return tables_[m].backoff_levels[lm::BackoffCode(entry)];
}

void LanguageModel::Extend(const Context* previous, uint16_t word, Context* next) const {
  uint16_t words[lm::kMaxOrder];
  int size = 0;
  if (previous && word != lm::kBos) {  // a sentence start forgets everything before it
    std::memcpy(words, previous->words, previous->size * sizeof(uint16_t));
    size = previous->size;
  }
  words[size++] = word;
  int m = std::min(size, order_ - 1);
  next->backoff[0] = 0;
  // Words that no kept n-gram conditions on cannot change a later score: forget them, so that
  // hypotheses differing only there share one state.
  for (; m > 1; --m) {
    uint64_t key = 0;
    for (int i = size - m; i < size; ++i) key = lm::PackKey(key, words[i]);
    uint64_t entry;
    if (FindNgram(m, key, &entry) && (entry & lm::ContextFlag())) {
      next->backoff[m] = tables_[m].backoff_levels[lm::BackoffCode(entry)];
      break;
    }
  }
  next->size = static_cast<uint8_t>(m);
  std::memcpy(next->words, words + size - m, m * sizeof(uint16_t));
  next->keys[0] = 0;
  for (int k = 1; k <= m; ++k) {
    next->keys[k] = next->keys[k - 1] | static_cast<uint64_t>(next->words[m - k]) << (lm::kIdBits * (k - 1));
  }
  for (int k = m == 1 ? 1 : m - 1; k >= 1; --k) {
    next->backoff[k] = ContextBackoff(next->keys[k], k);
  }
}

void LanguageModel::Prefetch(const Context& context, uint16_t word) const {
  for (int m = 1; m <= context.size; ++m) {
    const Table& t = tables_[m + 1];
    __builtin_prefetch(t.slots + lm::SlotOf(lm::PackKey(context.keys[m], word), t.size));
  }
}

float LanguageModel::Score(const Context& context, uint16_t word) const {
  float backoff = 0;
  if (context.size == 0) return unigrams_[2 * word];
  // Bigrams are never pruned, so without the bigram no longer n-gram ends in this word either:
  // one probe settles most of a decoder's candidates, which are wrong spellings.
  uint64_t bigram;
  if (!FindNgram(2, lm::PackKey(context.keys[1], word), &bigram)) {
    for (int m = context.size; m >= 1; --m) backoff += context.backoff[m];
    return backoff + unigrams_[2 * word];
  }
  for (int m = context.size; m >= 2; --m) {
    uint64_t entry;
    if (FindNgram(m + 1, lm::PackKey(context.keys[m], word), &entry)) {
      return backoff + tables_[m + 1].prob_levels[lm::ProbCode(entry, m + 1, order_)];
    }
    backoff += context.backoff[m];
  }
  return backoff + tables_[2].prob_levels[lm::ProbCode(bigram, 2, order_)];
}

}  // namespace vanban::restore
