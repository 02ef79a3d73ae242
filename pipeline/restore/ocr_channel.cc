#include "pipeline/restore/ocr_channel.h"

#include <algorithm>
#include <string>

#include "pipeline/restore/lm_format.h"
#include "pipeline/text/unicode.h"
#include "pipeline/text/vietnamese.h"

namespace vanban::restore {
namespace {

struct Confusion {
  std::string_view read, truth;  // skeleton substrings
};

// What English-model Tesseract reads for Vietnamese letters (seed *.eng-ocr.txt against its
// ground truth): digits for round letters, t/i/w/y for ư/u, g/e/d/b for ơ/o.
constexpr Confusion kConfusions[] = {
    {"6", "o"},  {"0", "o"},  {"1", "l"},  {"1", "i"},  {"3", "e"},  {"8", "a"},  {"t", "u"},
    {"i", "u"},  {"w", "u"},  {"g", "o"},  {"e", "o"},  {"d", "o"},  {"y", "u"},  {"b", "o"},
    {"ti", "u"}, {"tr", "u"}, {"ir", "u"}, {"c", "e"},  {"e", "c"},  {"o", "a"},  {"a", "o"},
    {"d", "a"},  {"i", "a"},  {"ii", "u"}, {"rn", "m"}, {"cl", "d"}, {"l", "i"},  {"f", "t"},
    {"(", "u"},  {"o", "u"},  {"u", "o"},  {"n", "u"},  {"s", "o"},
};

constexpr size_t kMaxCandidates = 12;

float MarkCost(std::u32string_view read, std::u32string_view truth, const ChannelProfile& p) {
  float cost = 0;
  for (size_t i = 0; i < truth.size(); ++i) {
    text::Letter t, r;
    if (!text::DescribeLetter(truth[i], &t)) continue;
    bool marked = t.tone != text::kLevel || t.toneless >= 0x80;
    if (read.size() != truth.size() || !text::DescribeLetter(read[i], &r) || r.ascii != t.ascii) {
      if (marked) cost += p.missing_mark;
      continue;
    }
    if (r.toneless == t.toneless && r.tone == t.tone) continue;
    bool read_plain = r.tone == text::kLevel && r.toneless < 0x80;
    cost += read_plain ? p.missing_mark : p.wrong_mark;
  }
  return cost;
}

class Collector {
 public:
  Collector(const LanguageModel& model, std::u32string_view read, const ChannelProfile& profile,
            std::vector<Candidate>* out, size_t first)
      : model_(model), read_(read), profile_(profile), out_(out), first_(first) {}

  bool Add(std::string_view skeleton, float cost) {
    std::span<const uint16_t> ids = model_.Candidates(skeleton);
    for (uint16_t id : ids) {
      std::u32string spelling = text::ToU32(model_.Spelling(id, ToneStyle::kNew));
      float c = -(cost + MarkCost(read_, spelling, profile_));
      auto same = std::find_if(out_->begin() + first_, out_->end(), [&](const Candidate& k) { return k.id == id; });
      if (same == out_->end()) {
        out_->push_back({id, c});
      } else if (same != out_->begin() + first_) {
        same->cost = std::max(same->cost, c);
      }
    }
    return !ids.empty();
  }

 private:
  const LanguageModel& model_;
  std::u32string_view read_;
  const ChannelProfile& profile_;
  std::vector<Candidate>* out_;
  size_t first_;
};

}  // namespace

size_t AppendOcrCandidates(const LanguageModel& model, std::string_view token, uint16_t original_id,
                           const ChannelProfile& profile, std::vector<Candidate>* out) {
  const size_t first = out->size();
  const bool known = original_id >= lm::kFirstWordId;
  out->push_back({original_id, known ? 0.0f : -profile.unknown_original});
  std::u32string read = text::ToU32(token);
  for (char32_t& c : read) c = text::LowerLetter(c);
  // Foreign marks (ö, ï) say little; the skeleton drops them with the Vietnamese ones.
  std::string skeleton = text::Skeleton(text::StripDiacritics(token));
  Collector collector(model, read, profile, out, first);
  bool found = collector.Add(skeleton, 0);
  // A lone letter is too short for its confusions to be evidence.
  if ((!known || profile.edit_known_words) && read.size() > 1) {
    std::string variant;
    for (const Confusion& c : kConfusions) {
      for (size_t at = skeleton.find(c.read); at != std::string::npos; at = skeleton.find(c.read, at + 1)) {
        variant = skeleton;
        variant.replace(at, c.read.size(), c.truth);
        collector.Add(variant, profile.confusion);
      }
    }
    if (!found && !known) {
      for (size_t i = 0; i <= skeleton.size(); ++i) {
        if (i < skeleton.size()) {
          variant = skeleton;
          variant.erase(i, 1);
          collector.Add(variant, profile.edit);
        }
        for (char letter = 'a'; letter <= 'z'; ++letter) {
          variant = skeleton;
          variant.insert(variant.begin() + i, letter);
          collector.Add(variant, profile.edit);
          if (i < skeleton.size() && skeleton[i] != letter) {
            variant = skeleton;
            variant[i] = letter;
            collector.Add(variant, profile.edit);
          }
        }
      }
    }
  }
  // Keep the reading plus the best few by channel cost and word frequency.
  auto rest = out->begin() + first + 1;
  if (out->end() - rest > static_cast<long>(kMaxCandidates)) {
    std::partial_sort(rest, rest + kMaxCandidates, out->end(), [&](const Candidate& a, const Candidate& b) {
      return a.cost + model.Unigram(a.id) > b.cost + model.Unigram(b.id);
    });
    out->resize(first + 1 + kMaxCandidates);
  }
  return out->size() - first;
}

}  // namespace vanban::restore
