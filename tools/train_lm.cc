// vanban-train-lm — trains the syllable n-gram language model of the restorer from plain-text
// corpora (one paragraph per line; *.gz read through gzip) and writes the binary model file.
//
// Interpolated modified Kneser-Ney (Chen & Goodman) over syllables, punctuation and class
// tokens, with count pruning of the higher orders, 8-bit quantisation, and the candidate index
// (skeleton → spellings) the decoder needs. Every Nth line of the uncompressed (legal/admin)
// inputs is held out: never counted, written to --heldout-dir for evaluation.
//
//   vanban-train-lm --out models/vi-syllable.lm --order 4 --holdout-every 50
//       --heldout-dir /tmp/heldout ../shared/corpus/legal/*.txt ../shared/corpus/admin/*.txt
//       --sample 0.3 ../shared/corpus/news/*.gz
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <numeric>
#include <string>
#include <unordered_map>
#include <vector>

#include "pipeline/restore/lm_format.h"
#include "pipeline/restore/lm_tokens.h"
#include "pipeline/text/tokenizer.h"
#include "pipeline/text/unicode.h"
#include "pipeline/text/vietnamese.h"

namespace vanban::restore {
namespace {

using lm::kIdBits;

struct Input {
  std::string path;
  double sample = 1.0;
};

struct Options {
  std::string out;
  int order = 4;
  int holdout_every = 50;
  std::string heldout_dir;
  std::vector<uint32_t> prune = {0, 0, 1, 1};  // drop n-grams with count <= prune[n-1]
  uint64_t min_count = 2;
  std::vector<Input> inputs;
};

// ---- Reading the corpus ------------------------------------------------------------------------

class Collector {
 public:
  Collector() {
    for (std::string_view name : lm::kSpecialNames) Intern(std::string(name), false);
  }

  void AddLine(std::string_view raw) {
    std::string line = text::ToNfc(raw);
    tokens_.clear();
    text::Tokenize(line, &tokens_);
    bool after_word = false;
    for (const text::Token& t : tokens_) {
      if (t.kind == text::TokenKind::kSpace || t.kind == text::TokenKind::kNewline) continue;
      std::string_view s = t.In(line);
      uint32_t id = ClassIdOf(t.kind);
      if (id == 0) id = WordId(t.kind, s);
      stream_.push_back(id);
      ++freq_[id];
      if (t.kind == text::TokenKind::kWord && after_word) {
        ++mid_[id];
        if (IsUpperInitial(s)) ++cap_[id];
      }
      if (t.kind == text::TokenKind::kAbbreviation || t.kind == text::TokenKind::kCode) {
        CountCapitalRuns(s);
      }
      after_word = t.kind == text::TokenKind::kWord;
    }
    stream_.push_back(0);
  }

  std::vector<uint32_t>& stream() { return stream_; }
  const std::vector<std::string>& words() const { return words_; }
  const std::vector<uint64_t>& freq() const { return freq_; }
  const std::vector<uint64_t>& cap() const { return cap_; }
  const std::vector<uint64_t>& mid() const { return mid_; }
  const std::vector<bool>& is_punct() const { return is_punct_; }
  const std::map<std::string, std::map<std::string, uint64_t>>& capital_runs() const {
    return capital_runs_;
  }

 private:
  static bool IsUpperInitial(std::string_view s) {
    size_t pos = 0;
    text::Letter l;
    return text::DescribeLetter(text::NextCodePoint(s, &pos), &l) && l.upper;
  }

  uint32_t WordId(text::TokenKind kind, std::string_view s) {
    auto it = raw_.find(std::string(s));
    if (it != raw_.end()) return it->second;
    bool punct = kind == text::TokenKind::kPunct;
    uint32_t id = Intern(punct ? std::string(s) : CanonicalWord(s), punct);
    raw_.emplace(std::string(s), id);
    return id;
  }

  uint32_t Intern(const std::string& word, bool punct) {
    auto [it, fresh] = ids_.emplace(word, static_cast<uint32_t>(words_.size()));
    if (fresh) {
      words_.push_back(word);
      freq_.push_back(0);
      cap_.push_back(0);
      mid_.push_back(0);
      is_punct_.push_back(punct);
    }
    return it->second;
  }

  // "QĐ" in "1183/QĐ-TTg", "HĐND": how all-capital letter runs are spelt, by skeleton.
  void CountCapitalRuns(std::string_view s) {
    std::u32string run;
    auto flush = [&] {
      if (run.size() >= 2) {
        std::string form = text::ToU8(run);
        ++capital_runs_[text::Skeleton(form)][form];
      }
      run.clear();
    };
    size_t pos = 0;
    bool all_upper = true;
    while (pos < s.size()) {
      char32_t c = text::NextCodePoint(s, &pos);
      text::Letter l;
      if (text::DescribeLetter(c, &l)) {
        run.push_back(c);
        all_upper &= l.upper;
      } else {
        if (all_upper) flush();
        run.clear();
        all_upper = true;
      }
    }
    if (all_upper) flush();
  }

  std::vector<text::Token> tokens_;
  std::unordered_map<std::string, uint32_t> raw_;
  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<std::string> words_;
  std::vector<uint64_t> freq_, cap_, mid_;
  std::vector<bool> is_punct_;
  std::vector<uint32_t> stream_;  // interned ids, 0 ends a paragraph
  std::map<std::string, std::map<std::string, uint64_t>> capital_runs_;
};

bool ReadInput(const Input& input, const Options& options, Collector* collector) {
  bool gz = input.path.size() > 3 && input.path.compare(input.path.size() - 3, 3, ".gz") == 0;
  FILE* f = gz ? popen(("gzip -dc '" + input.path + "'").c_str(), "r") : fopen(input.path.c_str(), "r");
  if (!f) return false;
  std::unique_ptr<std::ofstream> heldout;
  bool split = !gz && options.holdout_every > 0;
  if (split && !options.heldout_dir.empty()) {
    std::string name = input.path.substr(input.path.find_last_of('/') + 1);
    heldout = std::make_unique<std::ofstream>(options.heldout_dir + "/" + name);
  }
  char* buf = nullptr;
  size_t cap = 0;
  uint64_t line_no = 0, kept = 0;
  for (ssize_t n; (n = getline(&buf, &cap, f)) > 0; ++line_no) {
    std::string_view line(buf, static_cast<size_t>(n));
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    if (line.empty()) continue;
    if (split && line_no % options.holdout_every == static_cast<uint64_t>(options.holdout_every - 1)) {
      if (heldout) *heldout << line << '\n';
      continue;
    }
    if (input.sample < 1.0 && ((line_no * 2654435761u) % 10007) >= input.sample * 10007) continue;
    collector->AddLine(line);
    ++kept;
  }
  free(buf);
  gz ? pclose(f) : fclose(f);
  std::cerr << input.path << ": " << kept << " paragraphs\n";
  return true;
}

// ---- Counting and estimating -------------------------------------------------------------------

struct OrderTable {
  std::vector<uint64_t> keys;    // sorted packed ids
  std::vector<uint32_t> counts;  // raw (highest order, or starting with <s>) or continuation
  std::vector<float> logp, logbo;
  std::vector<bool> keep;
  std::vector<bool> is_context;  // some kept (n+1)-gram extends it

  size_t Find(uint64_t key) const {
    auto it = std::lower_bound(keys.begin(), keys.end(), key);
    return (it != keys.end() && *it == key) ? static_cast<size_t>(it - keys.begin()) : keys.size();
  }
};

uint64_t Mask(int n) { return (1ull << (kIdBits * n)) - 1; }
uint32_t FirstWord(uint64_t key, int n) { return static_cast<uint32_t>(key >> (kIdBits * (n - 1))); }

void CountOrder(const std::vector<uint16_t>& ids, int n, OrderTable* table) {
  std::vector<uint64_t> keys;
  keys.reserve(ids.size());
  // ids holds paragraphs as <s> w ... </s>; n-grams never cross a </s>.
  size_t start = 0;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] == lm::kBos) start = i;
    bool predicts = i > start || n == 1;
    if (!predicts || i + 1 < start + n) continue;
    uint64_t key = 0;
    for (size_t j = i + 1 - n; j <= i; ++j) key = lm::PackKey(key, ids[j]);
    keys.push_back(key);
  }
  std::sort(keys.begin(), keys.end());
  for (size_t i = 0; i < keys.size();) {
    size_t j = i;
    while (j < keys.size() && keys[j] == keys[i]) ++j;
    table->keys.push_back(keys[i]);
    table->counts.push_back(static_cast<uint32_t>(std::min<size_t>(j - i, UINT32_MAX)));
    i = j;
  }
}

// Kneser-Ney: a lower-order n-gram counts the distinct words seen before it, except at <s>.
void ToContinuationCounts(const OrderTable& higher, int n, OrderTable* table) {
  std::vector<uint64_t> suffixes;
  suffixes.reserve(higher.keys.size());
  for (uint64_t key : higher.keys) suffixes.push_back(key & Mask(n));
  std::sort(suffixes.begin(), suffixes.end());
  size_t s = 0;
  for (size_t i = 0; i < table->keys.size(); ++i) {
    uint64_t key = table->keys[i];
    while (s < suffixes.size() && suffixes[s] < key) ++s;
    uint32_t distinct = 0;
    while (s < suffixes.size() && suffixes[s] == key) ++s, ++distinct;
    if (FirstWord(key, n) != lm::kBos && distinct > 0) table->counts[i] = distinct;
  }
}

struct Discounts {
  double d[4] = {0, 0.5, 1.0, 1.5};
  double Of(uint32_t count) const { return d[std::min<uint32_t>(count, 3)]; }
};

Discounts EstimateDiscounts(const OrderTable& table) {
  double n[5] = {0, 0, 0, 0, 0};
  for (uint32_t c : table.counts) {
    if (c <= 4) ++n[c];
  }
  Discounts d;
  if (n[1] == 0 || n[2] == 0 || n[3] == 0 || n[4] == 0) return d;
  double y = n[1] / (n[1] + 2 * n[2]);
  d.d[1] = std::clamp(1 - 2 * y * n[2] / n[1], 0.05, 0.95);
  d.d[2] = std::clamp(2 - 3 * y * n[3] / n[2], 0.05, 1.95);
  d.d[3] = std::clamp(3 - 4 * y * n[4] / n[3], 0.05, 2.95);
  return d;
}

void EstimateUnigrams(size_t vocab, OrderTable* uni) {
  Discounts d = EstimateDiscounts(*uni);
  double total = 0, mass = 0;
  for (size_t i = 0; i < uni->keys.size(); ++i) {
    if (uni->keys[i] == lm::kBos) continue;
    total += uni->counts[i];
    mass += d.Of(uni->counts[i]);
  }
  uni->logp.assign(uni->keys.size(), 0);
  uni->logbo.assign(uni->keys.size(), 0);
  for (size_t i = 0; i < uni->keys.size(); ++i) {
    double p = (uni->counts[i] - d.Of(uni->counts[i])) / total + mass / total / vocab;
    uni->logp[i] = uni->keys[i] == lm::kBos ? -99.0f : static_cast<float>(std::log(p));
  }
}

void EstimateOrder(int n, OrderTable* lower, OrderTable* table) {
  Discounts d = EstimateDiscounts(*table);
  std::cerr << "order " << n << ": " << table->keys.size() << " n-grams, D = " << d.d[1] << " "
            << d.d[2] << " " << d.d[3] << "\n";
  table->logp.assign(table->keys.size(), 0);
  table->logbo.assign(table->keys.size(), 0);
  for (size_t i = 0; i < table->keys.size();) {
    uint64_t context = table->keys[i] >> kIdBits;
    size_t j = i;
    double total = 0, mass = 0;
    for (; j < table->keys.size() && (table->keys[j] >> kIdBits) == context; ++j) {
      total += table->counts[j];
      mass += d.Of(table->counts[j]);
    }
    double gamma = mass / total;
    for (size_t k = i; k < j; ++k) {
      size_t s = lower->Find(table->keys[k] & Mask(n - 1));
      double lower_p = s < lower->keys.size() ? std::exp(lower->logp[s]) : 0;
      double p = (table->counts[k] - d.Of(table->counts[k])) / total + gamma * lower_p;
      table->logp[k] = static_cast<float>(std::log(p));
    }
    size_t c = lower->Find(context);
    if (c < lower->keys.size()) lower->logbo[c] = static_cast<float>(std::log(gamma));
    i = j;
  }
}

// Count pruning from the top order down; a kept n-gram keeps its context so that backoff
// weights stay reachable.
void Prune(const Options& options, std::vector<OrderTable>* orders) {
  std::vector<uint64_t> needed;
  for (int n = options.order; n >= 1; --n) {
    OrderTable& t = (*orders)[n];
    uint32_t threshold = n - 1 < static_cast<int>(options.prune.size()) ? options.prune[n - 1] : 0;
    std::sort(needed.begin(), needed.end());
    t.keep.assign(t.keys.size(), false);
    std::vector<uint64_t> contexts;
    size_t kept = 0;
    t.is_context.assign(t.keys.size(), false);
    for (size_t i = 0; i < t.keys.size(); ++i) {
      bool context = std::binary_search(needed.begin(), needed.end(), t.keys[i]);
      bool keep = n == 1 || t.counts[i] > threshold || context;
      t.keep[i] = keep;
      t.is_context[i] = context;
      // Without kept extensions the backoff would only scale every prediction after this
      // n-gram; 1 keeps those predictions normalised and lets decoders forget the n-gram.
      if (!context) t.logbo[i] = 0;
      if (keep) {
        ++kept;
        if (n > 1) contexts.push_back(t.keys[i] >> kIdBits);
      }
    }
    needed.swap(contexts);
    std::cerr << "order " << n << ": kept " << kept << " of " << t.keys.size() << "\n";
  }
}

// ---- Writing -----------------------------------------------------------------------------------

class Codebook {
 public:
  explicit Codebook(std::vector<float> values) {
    std::sort(values.begin(), values.end());
    centres_.assign(lm::kLevels, 0);
    bounds_.assign(lm::kLevels, 0);
    if (values.empty()) return;
    for (int b = 0; b < lm::kLevels; ++b) {
      size_t lo = values.size() * b / lm::kLevels, hi = values.size() * (b + 1) / lm::kLevels;
      if (hi <= lo) hi = std::min(lo + 1, values.size());
      lo = std::min(lo, values.size() - 1);
      double sum = 0;
      for (size_t i = lo; i < hi; ++i) sum += values[i];
      centres_[b] = static_cast<float>(sum / (hi - lo));
      bounds_[b] = values[hi - 1];
    }
  }
  uint8_t Encode(float v) const {
    size_t b = std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin();
    return static_cast<uint8_t>(std::min<size_t>(b, lm::kLevels - 1));
  }
  const std::vector<float>& centres() const { return centres_; }

 private:
  std::vector<float> centres_, bounds_;
};

class FileBuilder {
 public:
  template <typename T>
  void Put(lm::Section s, const std::vector<T>& v) {
    sections_[s].assign(reinterpret_cast<const char*>(v.data()),
                        reinterpret_cast<const char*>(v.data()) + v.size() * sizeof(T));
  }
  void PutString(lm::Section s, const std::string& v) { sections_[s] = v; }

  bool Write(const std::string& path, uint32_t order, uint32_t vocab) const {
    lm::Header h{};
    std::memcpy(h.magic, lm::kMagic, sizeof h.magic);
    h.version = lm::kVersion;
    h.order = order;
    h.vocab_size = vocab;
    h.num_sections = lm::kNumSections;
    uint64_t offset = (sizeof h + 7) & ~7ull;
    for (int s = 0; s < static_cast<int>(lm::kNumSections); ++s) {
      h.sections[s] = {offset, sections_[s].size()};
      offset = (offset + sections_[s].size() + 7) & ~7ull;
    }
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(&h), sizeof h);
    for (int s = 0; s < static_cast<int>(lm::kNumSections); ++s) {
      out.seekp(static_cast<std::streamoff>(h.sections[s].offset));
      out.write(sections_[s].data(), static_cast<std::streamsize>(sections_[s].size()));
    }
    out.seekp(static_cast<std::streamoff>(offset - 1));
    out.put('\0');
    return static_cast<bool>(out);
  }

 private:
  std::string sections_[lm::kNumSections];
};

std::vector<lm::HashSlot> HashSlots(const std::vector<lm::HashSlot>& items) {
  size_t size = 16;
  while (size < items.size() * 2) size <<= 1;
  std::vector<lm::HashSlot> table(size, lm::HashSlot{0, 0, 0});
  for (const lm::HashSlot& item : items) {
    uint64_t s = lm::SlotOf(item.hash, size);
    while (table[s].hash != 0) s = (s + 1) % size;
    table[s] = item;
  }
  return table;
}

std::vector<uint64_t> NgramTable(const OrderTable& t, int n, int order, const Codebook& p,
                                 const Codebook& bo) {
  size_t kept = std::count(t.keep.begin(), t.keep.end(), true);
  size_t size = std::max<size_t>(16, kept * 2 + 1);
  std::vector<uint64_t> table(size, 0);
  int bits = lm::ValueBits(n, order);
  for (size_t i = 0; i < t.keys.size(); ++i) {
    if (!t.keep[i]) continue;
    uint64_t value = p.Encode(t.logp[i]);
    if (n < order) {
      value = (value << 8) | bo.Encode(t.logbo[i]) | (t.is_context[i] ? lm::ContextFlag() : 0);
    }
    uint64_t s = lm::SlotOf(t.keys[i], size);
    while (table[s] != 0) s = (s + 1) % size;
    table[s] = (t.keys[i] << bits) | value;
  }
  return table;
}

std::vector<float> KeptValues(const OrderTable& t, const std::vector<float>& v) {
  std::vector<float> out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (t.keep[i]) out.push_back(v[i]);
  }
  return out;
}

int Train(const Options& options) {
  Collector collector;
  for (const Input& input : options.inputs) {
    if (!ReadInput(input, options, &collector)) {
      std::cerr << "vanban-train-lm: cannot read " << input.path << "\n";
      return 1;
    }
  }
  // Vocabulary: class tokens, then words by frequency.
  const auto& words = collector.words();
  std::vector<uint32_t> by_freq(words.size() - lm::kFirstWordId);
  std::iota(by_freq.begin(), by_freq.end(), uint32_t{lm::kFirstWordId});
  std::stable_sort(by_freq.begin(), by_freq.end(),
                   [&](uint32_t a, uint32_t b) { return collector.freq()[a] > collector.freq()[b]; });
  std::vector<uint16_t> final_id(words.size());
  std::vector<uint32_t> vocab_words;  // interned index of each final id
  for (uint32_t i = 0; i < lm::kFirstWordId; ++i) final_id[i] = static_cast<uint16_t>(i), vocab_words.push_back(i);
  for (uint32_t w : by_freq) {
    bool fits = collector.freq()[w] >= options.min_count && vocab_words.size() < lm::kMaxVocab;
    final_id[w] = fits ? static_cast<uint16_t>(vocab_words.size())
                       : static_cast<uint16_t>(collector.is_punct()[w] ? lm::kSymbolId : lm::kUnk);
    if (fits) vocab_words.push_back(w);
  }
  const uint32_t vocab = static_cast<uint32_t>(vocab_words.size());
  std::cerr << "tokens: " << collector.stream().size() << ", vocabulary: " << vocab << " of " << words.size() << "\n";

  std::vector<uint16_t> ids;
  ids.reserve(collector.stream().size() * 11 / 10);
  ids.push_back(lm::kBos);
  for (uint32_t w : collector.stream()) {
    if (w == 0) {
      ids.push_back(lm::kEos);
      ids.push_back(lm::kBos);
    } else {
      ids.push_back(final_id[w]);
    }
  }
  ids.pop_back();
  std::vector<uint32_t>().swap(collector.stream());

  std::vector<OrderTable> orders(options.order + 1);
  for (int n = options.order; n >= 1; --n) {
    CountOrder(ids, n, &orders[n]);
    if (n < options.order) ToContinuationCounts(orders[n + 1], n, &orders[n]);
  }
  EstimateUnigrams(vocab, &orders[1]);
  for (int n = 2; n <= options.order; ++n) EstimateOrder(n, &orders[n - 1], &orders[n]);
  Prune(options, &orders);

  FileBuilder file;
  // Vocabulary spellings in both tone styles.
  std::vector<uint32_t> offsets = {0}, offsets_old = {0};
  std::string blob_new, blob_old;
  std::vector<lm::HashSlot> index;
  for (uint32_t id = 0; id < vocab; ++id) {
    const std::string& w = words[vocab_words[id]];
    blob_new += w;
    blob_old += collector.is_punct()[vocab_words[id]] || id < lm::kFirstWordId
                    ? w
                    : text::NormalizeTonePlacement(w, ToneStyle::kOld);
    offsets.push_back(static_cast<uint32_t>(blob_new.size()));
    offsets_old.push_back(static_cast<uint32_t>(blob_old.size()));
    if (id > 0) index.push_back({lm::HashString(w), id, 1});
  }
  offsets.insert(offsets.end(), offsets_old.begin(), offsets_old.end());
  file.Put(lm::kVocabOffsets, offsets);
  file.PutString(lm::kVocabNew, blob_new);
  file.PutString(lm::kVocabOld, blob_old);
  file.Put(lm::kVocabIndex, HashSlots(index));

  std::vector<float> unigrams(2 * vocab, -99.0f);
  for (size_t i = 0; i < orders[1].keys.size(); ++i) {
    uint64_t id = orders[1].keys[i];
    unigrams[2 * id] = orders[1].logp[i];
    unigrams[2 * id + 1] = orders[1].logbo[i];
  }
  for (uint32_t id = 1; id < vocab; ++id) {
    if (unigrams[2 * id] == -99.0f && id != lm::kBos) unigrams[2 * id] = unigrams[2 * lm::kUnk], unigrams[2 * id + 1] = 0;
  }
  file.Put(lm::kUnigrams, unigrams);

  std::vector<float> codebooks((lm::kMaxOrder + 1) * 2 * lm::kLevels, 0);
  for (int n = 2; n <= options.order; ++n) {
    Codebook p(KeptValues(orders[n], orders[n].logp));
    Codebook bo(KeptValues(orders[n], orders[n].logbo));
    std::copy(p.centres().begin(), p.centres().end(), codebooks.begin() + (n * 2) * lm::kLevels);
    std::copy(bo.centres().begin(), bo.centres().end(), codebooks.begin() + (n * 2 + 1) * lm::kLevels);
    file.Put(static_cast<lm::Section>(lm::kTable2 + n - 2), NgramTable(orders[n], n, options.order, p, bo));
  }
  file.Put(lm::kCodebooks, codebooks);

  // Candidates: every vocabulary word under its skeleton, most frequent first.
  std::map<std::string, std::vector<uint16_t>> by_skeleton;
  for (uint32_t id = lm::kFirstWordId; id < vocab; ++id) {
    if (!collector.is_punct()[vocab_words[id]]) {
      by_skeleton[text::Skeleton(words[vocab_words[id]])].push_back(static_cast<uint16_t>(id));
    }
  }
  std::vector<uint16_t> candidate_ids;
  index.clear();
  for (const auto& [skeleton, list] : by_skeleton) {
    index.push_back({lm::HashString(skeleton), static_cast<uint32_t>(candidate_ids.size()),
                     static_cast<uint32_t>(list.size())});
    candidate_ids.insert(candidate_ids.end(), list.begin(), list.end());
  }
  file.Put(lm::kCandidateIndex, HashSlots(index));
  file.Put(lm::kCandidateIds, candidate_ids);

  // Capital runs: the usual spelling of each skeleton when it is not the plain capitals.
  std::string abbr_blob;
  index.clear();
  for (const auto& [skeleton, forms] : collector.capital_runs()) {
    auto best = std::max_element(forms.begin(), forms.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    if (best->second < 3 || !text::HasVietnameseMarks(best->first)) continue;
    index.push_back({lm::HashString(skeleton), static_cast<uint32_t>(abbr_blob.size()),
                     static_cast<uint32_t>(best->first.size())});
    abbr_blob += best->first;
  }
  file.Put(lm::kAbbrIndex, HashSlots(index));
  file.PutString(lm::kAbbrBlob, abbr_blob);

  std::vector<uint8_t> capital(vocab, 0);
  for (uint32_t id = lm::kFirstWordId; id < vocab; ++id) {
    uint32_t w = vocab_words[id];
    if (collector.mid()[w] > 0) capital[id] = static_cast<uint8_t>(255 * collector.cap()[w] / collector.mid()[w]);
  }
  file.Put(lm::kCapitalShare, capital);

  if (!file.Write(options.out, static_cast<uint32_t>(options.order), vocab)) {
    std::cerr << "vanban-train-lm: cannot write " << options.out << "\n";
    return 1;
  }
  std::cerr << "wrote " << options.out << "\n";
  return 0;
}

}  // namespace
}  // namespace vanban::restore

int main(int argc, char** argv) {
  vanban::restore::Options options;
  double sample = 1.0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "vanban-train-lm: " << a << " needs a value\n";
        std::exit(1);
      }
      return argv[++i];
    };
    if (a == "--out") {
      options.out = value();
    } else if (a == "--order") {
      options.order = std::stoi(value());
    } else if (a == "--holdout-every") {
      options.holdout_every = std::stoi(value());
    } else if (a == "--heldout-dir") {
      options.heldout_dir = value();
    } else if (a == "--min-count") {
      options.min_count = std::stoull(value());
    } else if (a == "--sample") {
      sample = std::stod(value());
    } else if (a == "--prune") {
      options.prune.clear();
      std::string list = value();
      for (size_t p = 0; p < list.size();) {
        size_t q = list.find(',', p);
        if (q == std::string::npos) q = list.size();
        options.prune.push_back(static_cast<uint32_t>(std::stoul(list.substr(p, q - p))));
        p = q + 1;
      }
    } else if (!a.empty() && a[0] == '-') {
      std::cerr << "vanban-train-lm: unknown option " << a << "\n";
      return 1;
    } else {
      options.inputs.push_back({a, sample});
    }
  }
  if (options.out.empty() || options.inputs.empty() || options.order < 2 ||
      options.order > vanban::restore::lm::kMaxOrder) {
    std::cerr << "usage: vanban-train-lm --out FILE [--order 2-4] [--holdout-every N]"
                 " [--heldout-dir DIR] [--prune c1,c2,c3,c4] [--min-count N]"
                 " [--sample FRACTION] FILE...\n";
    return 1;
  }
  return vanban::restore::Train(options);
}
