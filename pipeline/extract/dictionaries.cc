#include "pipeline/extract/dictionaries.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "pipeline/extract/fold.h"
#include "pipeline/text/unicode.h"
#include "pipeline/text/vietnamese.h"

namespace vanban::extract {
namespace {

// Folded letters a signer-block line may hold before its collective body: "TM" and what a seal
// over it left.
constexpr size_t kMostBeforeBody = 5;

// Non-comment, non-blank lines of a dictionary file, NFC.
StatusOr<std::vector<std::string>> ReadLines(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::MissingData("dictionary missing or unreadable: " + path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    lines.push_back(text::ToNfc(line));
  }
  if (lines.empty()) return Status::MissingData("dictionary is empty: " + path);
  return lines;
}

// Whether one letter changed, added or dropped turns `a` into `b` (code points: "Đ" is one).
bool OneEditApart(std::u32string_view a, std::u32string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  size_t head = 0;
  while (head < a.size() && a[head] == b[head]) ++head;
  if (head == a.size()) return a.size() != b.size();
  return a.substr(head + (a.size() == b.size() ? 1 : 0)) == b.substr(head + 1);
}

// Whether two spellings carry the same letters and marks, only placed differently ("ỦY"/"UỶ").
bool SameMarks(const std::string& a, const std::string& b) {
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(error);
  if (U_FAILURE(error)) return a == b;
  auto sorted = [&](const std::string& s) {
    icu::UnicodeString decomposed = nfd->normalize(icu::UnicodeString::fromUTF8(s), error);
    std::u16string units(decomposed.getBuffer(), decomposed.getBuffer() + decomposed.length());
    std::sort(units.begin(), units.end());
    return units;
  };
  return sorted(a) == sorted(b) && U_SUCCESS(error);
}

std::vector<std::string> Words(std::string_view phrase) {
  std::vector<std::string> words;
  std::istringstream in{std::string(phrase)};
  std::string word;
  while (in >> word) words.push_back(word);
  return words;
}

template <typename Pairs>
const std::string* NearestNear(const Pairs& pairs, std::string_view folded) {
  const std::string* best = nullptr;
  int best_distance = 0;
  for (const auto& [key, value] : pairs) {
    // Lengths further apart than the tolerance are further apart than it in edits too.
    const int tolerance = Tolerance(std::max(key.size(), folded.size()));
    if (std::max(key.size(), folded.size()) - std::min(key.size(), folded.size()) > static_cast<size_t>(tolerance)) continue;
    int distance = EditDistance(folded, key);
    if (distance <= tolerance &&
        (best == nullptr || distance < best_distance)) {
      best = &value;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace

StatusOr<Dictionaries> Dictionaries::Load(const std::string& dir) {
  Dictionaries d;
  auto path = [&](const char* name) { return dir + "/" + name; };
  StatusOr<std::vector<std::string>> types = ReadLines(path("doc_types.txt"));
  if (!types.ok()) return types.status();
  for (const std::string& line : types.value()) {
    size_t tab = line.find('\t');
    DocType type;
    type.name = line.substr(0, tab);
    if (tab != std::string::npos) type.abbreviation = line.substr(tab + 1);
    type.key = FoldKey(type.name);
    d.doc_types_.push_back(std::move(type));
  }

  // Words of every upper-case vocabulary repair OCR damage in header and signer lines.
  auto add_upper_words = [&](const std::string& phrase) {
    for (const std::string& word : Words(text::ToUpper(phrase))) {
      std::string key = FoldKey(word);
      if (key.empty()) continue;
      d.upper_spellings_[word] = true;
      ++d.upper_words_[key][word];
    }
  };

  StatusOr<std::vector<std::string>> authorities = ReadLines(path("authorities.txt"));
  if (!authorities.ok()) return authorities.status();
  for (const std::string& line : authorities.value()) {
    std::string prefix = line.substr(0, line.find('\t'));
    d.authorities_.emplace_back(FoldKey(prefix), prefix);
  }
  StatusOr<std::vector<std::string>> bodies = ReadLines(path("collective_bodies.txt"));
  if (!bodies.ok()) return bodies.status();
  for (const std::string& line : bodies.value()) {
    const size_t tab = line.find('\t');
    const std::string body = line.substr(0, tab);
    add_upper_words(body);
    d.bodies_.emplace_back(FoldKey(body), (tab == std::string::npos ? "TM." : line.substr(tab + 1)) + " " + body);
  }
  for (const char* name : {"titles.txt", "agencies.txt"}) {
    StatusOr<std::vector<std::string>> lines = ReadLines(path(name));
    if (!lines.ok()) return lines.status();
    for (const std::string& line : lines.value()) {
      add_upper_words(line);
      if (std::string(name) == "titles.txt") d.titles_.emplace_back(FoldKey(line), line);
    }
  }

  StatusOr<std::vector<std::string>> places = ReadLines(path("places.txt"));
  if (!places.ok()) return places.status();
  for (const std::string& place : places.value()) {
    d.places_.emplace(FoldKey(place, true), place);
    d.place_names_[text::ToLower(place)] = true;
  }
  StatusOr<std::vector<std::string>> surnames = ReadLines(path("surnames.txt"));
  if (!surnames.ok()) return surnames.status();
  for (const std::string& surname : surnames.value()) {
    std::string key = FoldKey(surname);
    d.surnames_.emplace(key, surname);
    d.surname_list_.emplace_back(key, surname);
  }
  StatusOr<std::vector<std::string>> urgencies = ReadLines(path("urgency.txt"));
  if (!urgencies.ok()) return urgencies.status();
  for (const std::string& urgency : urgencies.value()) {
    d.urgencies_.emplace_back(FoldKey(urgency), urgency);
  }
  StatusOr<std::vector<std::string>> list_words = ReadLines(path("list_words.txt"));
  if (!list_words.ok()) return list_words.status();
  for (const std::string& word : list_words.value()) {
    d.list_words_.emplace(text::ToLower(text::StripDiacritics(word)), word);
  }
  StatusOr<std::vector<std::string>> notations = ReadLines(path("notations.txt"));
  if (!notations.ok()) return notations.status();
  for (const std::string& line : notations.value()) d.notations_.push_back(line.substr(0, line.find('\t')));
  return d;
}

std::optional<std::string> Dictionaries::NotationNear(std::string_view symbol) const {
  if (std::find(notations_.begin(), notations_.end(), symbol) != notations_.end()) return std::string(symbol);
  const std::u32string read = text::ToU32(symbol);
  std::optional<std::string> found;
  for (const std::string& notation : notations_) {
    if (!OneEditApart(read, text::ToU32(notation))) continue;
    if (found.has_value()) return std::nullopt;
    found = notation;
  }
  return found;
}

std::optional<std::string> Dictionaries::ListWord(std::string_view word) const {
  auto it = list_words_.find(text::ToLower(text::StripDiacritics(word)));
  if (it == list_words_.end()) return std::nullopt;
  return it->second;
}

const DocType* Dictionaries::DocTypeNear(std::string_view folded) const {
  const DocType* best = nullptr;
  int best_distance = 0;
  for (const DocType& type : doc_types_) {
    int distance = EditDistance(folded, type.key);
    if (distance <= Tolerance(type.key.size()) && (best == nullptr || distance < best_distance)) {
      best = &type;
      best_distance = distance;
    }
  }
  return best;
}

const DocType* Dictionaries::DocTypeByAbbreviation(std::string_view abbreviation) const {
  for (const DocType& type : doc_types_) {
    if (!type.abbreviation.empty() && type.abbreviation == abbreviation) return &type;
  }
  // OCR loses the bar of Đ and the case of "TTr": compare folds, but only when unambiguous.
  const DocType* found = nullptr;
  std::string key = FoldKey(abbreviation);
  for (const DocType& type : doc_types_) {
    if (type.abbreviation.empty() || FoldKey(type.abbreviation) != key) continue;
    if (found != nullptr) return nullptr;
    found = &type;
  }
  return found;
}

std::optional<std::string> Dictionaries::Authority(std::string_view folded_token) const {
  for (const auto& [key, prefix] : authorities_) {
    if (key == folded_token) return prefix;
  }
  return std::nullopt;
}

std::optional<std::string> Dictionaries::TitleNear(std::string_view folded) const {
  const std::string* title = NearestNear(titles_, folded);
  if (title == nullptr) return std::nullopt;
  return *title;
}

std::optional<std::string> Dictionaries::TitleStartingWith(std::string_view folded_head) const {
  std::optional<std::string> found;
  for (const auto& [key, title] : titles_) {
    if (key.size() <= folded_head.size() || key.compare(0, folded_head.size(), folded_head) != 0) continue;
    if (found.has_value() && *found != title) return std::nullopt;
    found = title;
  }
  return found;
}

std::optional<std::string> Dictionaries::CollectiveAuthority(std::string_view folded_line) const {
  for (const auto& [key, authority] : bodies_) {
    const Match match = FindApprox(folded_line, key, Tolerance(key.size()));
    if (match.found() && match.end == folded_line.size() && match.begin <= kMostBeforeBody) return authority;
  }
  return std::nullopt;
}

bool Dictionaries::ContainsTitle(std::string_view folded) const {
  for (const auto& [key, title] : titles_) {
    if (FindApprox(folded, key, Tolerance(key.size()) > 0 ? 1 : 0).found()) return true;
  }
  return false;
}

std::optional<std::string> Dictionaries::Place(std::string_view folded_with_spaces) const {
  auto it = places_.find(std::string(folded_with_spaces));
  if (it == places_.end()) return std::nullopt;
  return it->second;
}

bool Dictionaries::IsPlace(std::string_view printed) const {
  return place_names_.count(text::ToLower(printed)) > 0;
}

bool Dictionaries::IsSurname(std::string_view folded) const {
  return surnames_.count(std::string(folded)) > 0;
}

std::optional<std::string> Dictionaries::Surname(std::string_view folded) const {
  auto it = surnames_.find(std::string(folded));
  if (it == surnames_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Dictionaries::SurnameEndingWith(std::string_view folded_tail) const {
  if (folded_tail.size() < 3) return std::nullopt;
  std::optional<std::string> found;
  for (const auto& [key, surname] : surname_list_) {
    if (key.size() <= folded_tail.size() || key.compare(key.size() - folded_tail.size(), std::string::npos, folded_tail) != 0) {
      continue;
    }
    if (found.has_value()) return std::nullopt;
    found = surname;
  }
  return found;
}

std::optional<std::string> Dictionaries::CommonSurnameInitialMisread(std::string_view folded) const {
  // The list is ordered by how many people bear the name: these 15 are about nine in ten.
  constexpr size_t kCommonSurnames = 15;
  constexpr size_t kSplitInitialFrom = 5;  // four letters left tell the name ("guyen"); three do not ("ang")
  std::optional<std::string> found;
  for (size_t i = 0; i < std::min(kCommonSurnames, surname_list_.size()); ++i) {
    const auto& [key, surname] = surname_list_[i];
    // One letter read for another, not one lost or added; or the initial read as two letters.
    const bool one_for_one = key.size() == folded.size() && EditDistance(key, folded) == 1;
    const bool split_initial = key.size() >= kSplitInitialFrom && folded.size() == key.size() + 1 &&
                               folded.substr(2) == std::string_view(key).substr(1);
    if (!one_for_one && !split_initial) continue;
    if (found.has_value()) return std::nullopt;
    found = surname;
  }
  return found;
}

std::optional<std::string> Dictionaries::UpperWord(std::string_view folded) const {
  auto it = upper_words_.find(std::string(folded));
  if (it == upper_words_.end()) return std::nullopt;
  // The most used spelling wins; a tie is ambiguous unless the two differ only in where the
  // tone mark sits ("ỦY"/"UỶ").
  const std::string* best = nullptr;
  int best_count = 0;
  bool tie = false;
  for (const auto& [spelling, count] : it->second) {
    if (best != nullptr && count == best_count) {
      tie = tie || !SameMarks(*best, spelling);
    } else if (count > best_count) {
      best = &spelling;
      best_count = count;
      tie = false;
    }
  }
  if (best == nullptr || tie) return std::nullopt;
  return *best;
}

bool Dictionaries::IsUpperWord(std::string_view printed_upper) const {
  return upper_spellings_.count(std::string(printed_upper)) > 0;
}

std::optional<std::string> Dictionaries::UrgencyNear(std::string_view folded) const {
  const std::string* urgency = NearestNear(urgencies_, folded);
  if (urgency == nullptr) return std::nullopt;
  return *urgency;
}

}  // namespace vanban::extract
