#include "pipeline/restore/abbreviations.h"

#include <fstream>

#include "pipeline/restore/edits.h"
#include "pipeline/text/vietnamese.h"

namespace vanban::restore {
namespace {

// A repair must beat the runner-up clearly and be a common abbreviation: OCR damage to a
// rare one is not worth guessing at.
constexpr int kMinCount = 100;
constexpr int kMargin = 3;
// Three-letter runs are too often rare real abbreviations ("STC", "CVP") one letter off a
// common one ("BTC", "CP").
constexpr size_t kMinLetters = 4;
// Capitals print-OCR confuses by shape (read, truth): "1667/OD-UBND" is a QĐ.
constexpr std::pair<char, char> kLookAlikes[] = {{'o', 'q'}, {'q', 'o'}, {'o', 'd'}, {'d', 'o'}, {'b', 'd'}, {'l', 'i'}, {'i', 'l'}};
// Short runs are repaired only into very common abbreviations.
constexpr int kMinShortCount = 1000;

}  // namespace

StatusOr<std::unique_ptr<Abbreviations>> Abbreviations::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::MissingData("cannot read abbreviation list " + path);
  auto result = std::make_unique<Abbreviations>();
  std::string line;
  while (std::getline(in, line)) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos) return Status::MissingData(path + ": expected RUN<TAB>COUNT lines");
    std::string run = line.substr(0, tab);
    Entry& e = result->by_skeleton_[text::Skeleton(run)];
    int count = std::atoi(line.c_str() + tab + 1);
    if (count > e.count) e = {run, count};
  }
  return result;
}

bool Abbreviations::Known(std::string_view run) const { return by_skeleton_.count(text::Skeleton(run)) != 0; }

std::string_view Abbreviations::Repair(std::string_view run, bool in_code) const {
  std::string skeleton = text::Skeleton(run);
  if (skeleton.size() > 8 || by_skeleton_.count(skeleton)) return {};
  if (skeleton.size() < kMinLetters) return in_code ? RepairLookAlike(skeleton) : std::string_view();
  const Entry* best = nullptr;
  int second = 0;
  auto consider = [&](const std::string& variant) {
    // OCR misreads a capital, it seldom adds or drops one: "BTCN" (Bộ trưởng, Chủ nhiệm) is a
    // code of its own, not a damaged "BTC". Only the slash of "2577 JUBND-KGVX" reads as one.
    const bool slash_read_as_letter = (skeleton[0] == 'j' || skeleton[0] == 'i') && variant == skeleton.substr(1);
    if (variant.size() != skeleton.size() && !slash_read_as_letter) return;
    auto it = by_skeleton_.find(variant);
    if (it == by_skeleton_.end() || (best && &it->second == best)) return;
    if (!best || it->second.count > best->count) {
      second = best ? best->count : 0;
      best = &it->second;
    } else {
      second = std::max(second, it->second.count);
    }
  };
  ForEachEdit(skeleton, consider);
  if (!best || best->count < kMinCount || best->count < kMargin * second) return {};
  return best->spelling;
}

std::string_view Abbreviations::RepairLookAlike(const std::string& skeleton) const {
  std::string_view repaired;
  std::string variant;
  for (size_t i = 0; i < skeleton.size(); ++i) {
    for (const auto& [read, truth] : kLookAlikes) {
      if (skeleton[i] != read) continue;
      variant = skeleton;
      variant[i] = truth;
      auto it = by_skeleton_.find(variant);
      if (it == by_skeleton_.end() || it->second.count < kMinShortCount) continue;
      if (!repaired.empty() && repaired != it->second.spelling) return {};  // ambiguous
      repaired = it->second.spelling;
    }
  }
  return repaired;
}

}  // namespace vanban::restore
