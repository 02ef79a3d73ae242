// Dictionaries — the vocabulary of Decree 30/2020/NĐ-CP documents the extractor matches OCR text
// against: document types and their abbreviations, signing-authority prefixes, position titles,
// agency-name words, place names, family names, urgency stamps and the symbols of document
// numbers the corpus cites (notations.txt, tools/extract_make_notations.py). All lookups compare folded
// forms (fold.h), so "QUYET ĐỊNH" finds "Quyết định".
//
// Thread-safety: immutable after Load; every method is const and may run on many threads.
#ifndef VANBAN_PIPELINE_EXTRACT_DICTIONARIES_H_
#define VANBAN_PIPELINE_EXTRACT_DICTIONARIES_H_

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vanban/status.h"

namespace vanban::extract {

struct DocType {
  std::string name;          // sentence case, "Quyết định"
  std::string abbreviation;  // "QĐ"; empty when the Decree gives none
  std::string key;           // folded name, "quyetdinh"
};

class Dictionaries {
 public:
  // Reads <dir>/{doc_types,authorities,collective_bodies,titles,agencies,places,surnames,urgency,
  // list_words,notations}.txt.
  static StatusOr<Dictionaries> Load(const std::string& dir);

  const std::vector<DocType>& doc_types() const { return doc_types_; }
  // The type whose folded name is near the whole of `folded`.
  const DocType* DocTypeNear(std::string_view folded) const;
  // The type an abbreviation of a number's symbol stands for ("QĐ" in "47/QĐ-UBND").
  const DocType* DocTypeByAbbreviation(std::string_view abbreviation) const;

  // "TM." etc. when the folded token is an authority prefix.
  std::optional<std::string> Authority(std::string_view folded_token) const;
  // The authority line of the collective body (collective_bodies.txt) a signer-block line ends
  // with, within OCR tolerance, after at most a few letters of anything else (its "TM." under a
  // seal: "zzjybannhandan" → "TM. ỦY BAN NHÂN DÂN", "stunibechinhtri" → "T/M BỘ CHÍNH TRỊ").
  std::optional<std::string> CollectiveAuthority(std::string_view folded_line) const;
  // The title (upper case, as in titles.txt) near the whole of `folded`, if any.
  std::optional<std::string> TitleNear(std::string_view folded) const;
  // The one title whose fold starts with `folded_head` and is longer ("hieutru" → "HIỆU
  // TRƯỞNG": a seal over its end), if exactly one does.
  std::optional<std::string> TitleStartingWith(std::string_view folded_head) const;
  // Whether a title occurs in `folded` within OCR tolerance.
  bool ContainsTitle(std::string_view folded) const;

  // The canonical place a folded phrase ("quang ngai", spaces kept) names.
  std::optional<std::string> Place(std::string_view folded_with_spaces) const;
  bool IsPlace(std::string_view printed) const;

  bool IsSurname(std::string_view folded) const;
  // The family name spelled as in the dictionary, for its fold.
  std::optional<std::string> Surname(std::string_view folded) const;
  // The one family name that ends with `folded_tail` ("guyen" → "Nguyễn"), if exactly one does.
  std::optional<std::string> SurnameEndingWith(std::string_view folded_tail) const;
  // The one common family name (the list's first kCommonSurnames, most people's) `folded` is
  // with its initial misread, if exactly one is: read as another letter ("te" → "Lê", its L
  // under a seal read "T"), or, in a name of five letters or more, as two ("tiguyen" →
  // "Nguyễn", its N split by a ring into "Ti").
  std::optional<std::string> CommonSurnameInitialMisread(std::string_view folded) const;

  // The upper-case spelling of a header or signer-block word, e.g. "TINH" → "TỈNH", when the
  // agency, title and authority vocabularies have exactly one word with that fold.
  std::optional<std::string> UpperWord(std::string_view folded) const;
  bool IsUpperWord(std::string_view printed_upper) const;

  // The known symbol of a document number ("TT-NHNN") that `symbol` is or that OCR damaged by
  // one letter ("TT1-NHNN", "CT/ITW"); none when the symbol is unknown or two known ones are as
  // near, so an unknown code passes through as read.
  std::optional<std::string> NotationNear(std::string_view symbol) const;

  // "Hỏa tốc", "Thượng khẩn" or "Khẩn" when `folded` is near one of them.
  std::optional<std::string> UrgencyNear(std::string_view folded) const;

  // The printed spelling of a customary list abbreviation written without its marks
  // ("b/cao" → "b/cáo"), for a word of a list entry.
  std::optional<std::string> ListWord(std::string_view word) const;

 private:
  std::vector<DocType> doc_types_;
  std::vector<std::pair<std::string, std::string>> authorities_;  // fold → printed prefix
  std::vector<std::pair<std::string, std::string>> bodies_;       // fold → authority line
  std::vector<std::pair<std::string, std::string>> titles_;       // fold → printed
  std::vector<std::pair<std::string, std::string>> urgencies_;    // fold → value
  std::unordered_map<std::string, std::string> places_;           // spaced fold → first name
  std::unordered_map<std::string, bool> place_names_;             // printed names
  std::unordered_map<std::string, std::string> surnames_;         // fold → spelling
  std::vector<std::pair<std::string, std::string>> surname_list_;  // fold → printed
  // fold → spelling → how many vocabulary phrases use it
  std::unordered_map<std::string, std::unordered_map<std::string, int>> upper_words_;
  std::unordered_map<std::string, bool> upper_spellings_;
  std::unordered_map<std::string, std::string> list_words_;  // lower case unmarked → printed
  std::vector<std::string> notations_;                       // symbols as printed, most cited first
};

}  // namespace vanban::extract

#endif  // VANBAN_PIPELINE_EXTRACT_DICTIONARIES_H_
