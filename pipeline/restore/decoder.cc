#include "pipeline/restore/decoder.h"

#include <algorithm>

namespace vanban::restore {

namespace {

// Two hypotheses extended by the same word reach the same state when their last order-2 words
// agree; keys compare those words plus the new one.
uint64_t StateKey(const LanguageModel::Context& context, int keep, uint16_t word) {
  uint64_t key = 0;
  int from = std::max(0, context.size - keep);
  for (int i = from; i < context.size; ++i) key = lm::PackKey(key, context.words[i]);
  return (lm::PackKey(key, word) << 2) | static_cast<uint64_t>(context.size - from);
}

}  // namespace

void Decoder::Decode(std::span<const Position> positions, std::span<const Candidate> candidates,
                     std::vector<uint32_t>* choice) {
  const int keep = model_.order() - 2;
  current_.clear();
  history_.clear();
  Hypothesis start{0, -1, {}};
  model_.Extend(nullptr, lm::kBos, &start.context);
  current_.push_back(start);
  std::vector<uint64_t> kept_keys;
  kept_keys.reserve(beam_);
  for (const Position& pos : positions) {
    expansions_.clear();
    for (uint32_t h = 0; h < current_.size(); ++h) {
      for (uint32_t c = 0; c < pos.count; ++c) {
        const Candidate& cand = candidates[pos.first + c];
        float s = current_[h].score + cand.cost + model_.Score(current_[h].context, cand.id);
        expansions_.push_back({s, h, c});
      }
    }
    std::sort(expansions_.begin(), expansions_.end(),
              [](const Expansion& a, const Expansion& b) { return a.score > b.score; });
    next_.clear();
    kept_keys.clear();
    for (const Expansion& e : expansions_) {
      if (static_cast<int>(next_.size()) == beam_) break;
      const Hypothesis& from = current_[e.hypothesis];
      uint16_t word = candidates[pos.first + e.candidate].id;
      uint64_t key = StateKey(from.context, keep, word);
      if (std::find(kept_keys.begin(), kept_keys.end(), key) != kept_keys.end()) continue;
      kept_keys.push_back(key);
      Hypothesis h;
      h.score = e.score;
      h.history = static_cast<int32_t>(history_.size());
      history_.push_back({from.history, e.candidate});
      model_.Extend(&from.context, word, &h.context);
      next_.push_back(h);
    }
    current_.swap(next_);
  }
  const Hypothesis* best = nullptr;
  float best_score = 0;
  for (const Hypothesis& h : current_) {
    float s = h.score + model_.Score(h.context, lm::kEos);
    if (!best || s > best_score) best = &h, best_score = s;
  }
  choice->assign(positions.size(), 0);
  size_t i = positions.size();
  for (int32_t at = best ? best->history : -1; at >= 0; at = history_[at].back) {
    (*choice)[--i] = history_[at].candidate;
  }
}

}  // namespace vanban::restore
