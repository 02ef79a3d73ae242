#include "pipeline/restore/decoder.h"

#include <algorithm>
#include <limits>

namespace vanban::restore {

namespace {

bool SameState(const LanguageModel::Context& a, const LanguageModel::Context& b) {
  return a.size == b.size && std::equal(a.words, a.words + a.size, b.words);
}

}  // namespace

void Decoder::Decode(std::span<const Position> positions, std::span<const Candidate> candidates,
                     std::vector<uint32_t>* choice) {
  current_.clear();
  history_.clear();
  Hypothesis start{0, -1, {}};
  model_.Extend(nullptr, lm::kBos, &start.context);
  current_.push_back(start);
  for (const Position& pos : positions) {
    expansions_.clear();
    for (const Hypothesis& h : current_) {
      for (uint32_t c = 0; c < pos.count; ++c) model_.Prefetch(h.context, candidates[pos.first + c].id);
    }
    // Hypotheses come best first, so the running best prunes most losers before the sort.
    float best = -std::numeric_limits<float>::infinity();
    for (uint32_t h = 0; h < current_.size(); ++h) {
      for (uint32_t c = 0; c < pos.count; ++c) {
        const Candidate& cand = candidates[pos.first + c];
        float s = current_[h].score + cand.cost + model_.Score(current_[h].context, cand.id);
        if (s < best - threshold_) continue;
        best = std::max(best, s);
        expansions_.push_back({s, h, c});
      }
    }
    auto better = [](const Expansion& a, const Expansion& b) { return a.score > b.score; };
    // Rarely are more than 2 × beam expansions needed (the rest reach known states).
    size_t sorted = std::min(expansions_.size(), static_cast<size_t>(2 * beam_));
    std::partial_sort(expansions_.begin(), expansions_.begin() + sorted, expansions_.end(), better);
    const float floor = expansions_[0].score - threshold_;
    next_.clear();
    for (size_t i = 0; i < expansions_.size(); ++i) {
      if (i == sorted) std::sort(expansions_.begin() + i, expansions_.end(), better);
      const Expansion& e = expansions_[i];
      if (static_cast<int>(next_.size()) == beam_ || e.score < floor) break;
      const Hypothesis& from = current_[e.hypothesis];
      Hypothesis h;
      h.score = e.score;
      model_.Extend(&from.context, candidates[pos.first + e.candidate].id, &h.context);
      // Expansions come best first: a later one reaching a known state can never win.
      bool known = std::any_of(next_.begin(), next_.end(),
                               [&](const Hypothesis& n) { return SameState(n.context, h.context); });
      if (known) continue;
      h.history = static_cast<int32_t>(history_.size());
      history_.push_back({from.history, e.candidate});
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

void Decoder::Margins(std::span<const Position> positions, std::span<const Candidate> candidates,
                      std::span<const uint32_t> choice, std::vector<float>* margins) {
  const size_t n = positions.size();
  auto chosen = [&](size_t i) -> const Candidate& { return candidates[positions[i].first + choice[i]]; };
  path_.resize(n + 1);
  model_.Extend(nullptr, lm::kBos, &path_[0]);
  for (size_t i = 0; i < n; ++i) model_.Extend(&path_[i], chosen(i).id, &path_[i + 1]);
  // The score of the words whose probability depends on candidate c at position i.
  const size_t follow = static_cast<size_t>(model_.order()) - 1;
  auto window = [&](size_t i, const Candidate& c) {
    float score = c.cost + model_.Score(path_[i], c.id);
    LanguageModel::Context context, next;
    model_.Extend(&path_[i], c.id, &context);
    size_t j = i + 1;
    for (; j < n && j <= i + follow; ++j) {
      score += model_.Score(context, chosen(j).id);
      model_.Extend(&context, chosen(j).id, &next);
      context = next;
    }
    if (j == n) score += model_.Score(context, lm::kEos);
    return score;
  };
  margins->assign(n, std::numeric_limits<float>::infinity());
  for (size_t i = 0; i < n; ++i) {
    if (positions[i].count < 2) continue;
    const float best = window(i, chosen(i));
    float rival = -std::numeric_limits<float>::infinity();
    for (uint32_t c = 0; c < positions[i].count; ++c) {
      if (c != choice[i]) rival = std::max(rival, window(i, candidates[positions[i].first + c]));
    }
    (*margins)[i] = best - rival;
  }
}

}  // namespace vanban::restore
