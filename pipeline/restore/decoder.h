// Decoder — beam search (Viterbi with hypothesis recombination) over a lattice of candidate
// words, scored by the language model plus each candidate's channel cost.
//
// A lattice is one paragraph: a sequence of positions, each with one or more candidates (a
// punctuation mark or class token has one). Hypotheses that share the model state (the last
// order-1 words) are merged, so with a wide enough beam this is exact Viterbi.
//
// Thread-safety: a Decoder owns scratch buffers reused across calls — one Decoder per thread;
// the LanguageModel it reads is shared.
#ifndef VANBAN_PIPELINE_RESTORE_DECODER_H_
#define VANBAN_PIPELINE_RESTORE_DECODER_H_

#include <cstdint>
#include <span>
#include <vector>

#include "pipeline/restore/language_model.h"

namespace vanban::restore {

struct Candidate {
  uint16_t id;   // language-model word
  float cost;    // channel log-probability (0 for an exact reading, negative otherwise)
};

struct Position {
  uint32_t first;  // index of the first candidate in the lattice's candidate array
  uint32_t count;  // at least 1
};

class Decoder {
 public:
  // Keeps at most `beam` hypotheses, none more than `threshold` (natural log) below the best.
  Decoder(const LanguageModel& model, int beam, float threshold)
      : model_(model), beam_(beam), threshold_(threshold) {}

  // Chooses one candidate per position (index relative to Position::first) into *choice.
  void Decode(std::span<const Position> positions, std::span<const Candidate> candidates,
              std::vector<uint32_t>* choice);

  // By how many nats each position's chosen candidate makes the text likelier than the best of
  // its other candidates, the other positions keeping their `choice` (infinity where a position
  // has one candidate): how close the decoder came to reading the word otherwise. Exact for the
  // n-gram model, since a position's word is context of the next order − 1 only.
  void Margins(std::span<const Position> positions, std::span<const Candidate> candidates,
               std::span<const uint32_t> choice, std::vector<float>* margins);

 private:
  struct Hypothesis {
    float score;
    int32_t history;  // index into history_, -1 before the first position
    LanguageModel::Context context;
  };
  struct Step {
    int32_t back;
    uint32_t candidate;
  };
  struct Expansion {
    float score;
    uint32_t hypothesis;
    uint32_t candidate;
  };

  const LanguageModel& model_;
  const int beam_;
  const float threshold_;
  std::vector<Hypothesis> current_, next_;
  std::vector<Step> history_;
  std::vector<Expansion> expansions_;
  std::vector<LanguageModel::Context> path_;  // Margins: the context before each position
};

}  // namespace vanban::restore

#endif  // VANBAN_PIPELINE_RESTORE_DECODER_H_
