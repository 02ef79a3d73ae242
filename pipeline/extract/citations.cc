// Documents cited in the body ("Quyết định số 1743/QĐ-BGTVT ngày 31/12/2024") and the
// digital-signature stamp ("Ký bởi: …", "Thời gian ký: 15/01/2025 17:10:17").
#include <cctype>
#include <regex>
#include <set>
#include <span>
#include <unordered_map>

#include "pipeline/extract/fold.h"
#include "pipeline/extract/sections.h"

namespace vanban::extract {
namespace {

constexpr size_t kNone = std::string::npos;

// The document type named by the last words of `tokens` (of `text`, folded one by one in
// `keys`): "… Quyết định số", or a named law "Luật Quy hoạch số".
const DocType* TypeBefore(std::string_view text, std::span<const Token> tokens, std::span<const std::string> keys,
                          const Dictionaries& dictionaries) {
  for (bool named : {false, true}) {
    std::string key;
    for (size_t length = 1; length <= 5 && length <= tokens.size(); ++length) {
      size_t first = tokens.size() - length;
      key.insert(0, keys[first]);
      for (const DocType& type : dictionaries.doc_types()) {
        // A name after the type is capitalised: "Luật Tổ chức …", never "Quyết định của …".
        bool match = named ? type.key == "luat" && key.starts_with(type.key) &&
                                 IsCapitalizedWord(tokens[first].In(text))
                           : key == type.key;
        if (match) return &type;
      }
    }
  }
  return nullptr;
}

// A cited number is a serial and a symbol with letters: "1743/QĐ-BGTVT", "28-CT/TW".
bool IsCitedNumber(std::string_view number) {
  if (!HasValidSerial(number)) return false;
  for (char c : TypeAbbreviation(number)) {
    if (std::isalpha(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

// The numbers of the dated citations kept, by date and serial ("2021-02-19 79/"): a new
// citation is compared with the few of its key, not with every citation before it.
using CitedByDateAndSerial = std::unordered_map<std::string, std::vector<std::string>>;

std::string DateAndSerial(const Reference& reference) {
  const std::string& number = *reference.number;
  return *reference.date + ' ' + number.substr(0, number.find_first_of("/-") + 1);
}

// One citation read twice with a symbol letter damaged once ("79/QĐ-UBND", "79/QĐÐ-UBND" both
// of 19/02/2021): the same serial and date, symbols one edit apart. Serials differ between
// documents of one day, so they must match exactly.
bool IsOcrVariantOfCited(const Reference& reference, const CitedByDateAndSerial& cited) {
  if (!reference.date.has_value()) return false;
  auto same_key = cited.find(DateAndSerial(reference));
  if (same_key == cited.end()) return false;
  const std::string& number = *reference.number;
  size_t serial_end = number.find_first_of("/-");
  for (const std::string& other : same_key->second) {
    if (EditDistance(FoldKey(other.substr(serial_end)), FoldKey(number.substr(serial_end))) <= 1) return true;
  }
  return false;
}

// Whether `text` holds ":mm:" with two digits between the colons: what every stamp time has,
// found far faster than the regex below runs over a row without one.
bool HasClockMinutes(std::string_view text) {
  for (size_t colon = text.find(':'); colon != kNone && colon + 3 < text.size(); colon = text.find(':', colon + 1)) {
    if (std::isdigit(static_cast<unsigned char>(text[colon + 1])) &&
        std::isdigit(static_cast<unsigned char>(text[colon + 2])) && text[colon + 3] == ':') {
      return true;
    }
  }
  return false;
}

// "dd/mm/yyyy hh:mm:ss" or "dd.mm.yyyy hh:mm:ss", with an offset when one follows (required
// when `need_offset`: then the time alone says it is a signing time). A narrow stamp wraps the
// offset to its next line, where OCR may read specks of the stamp before it ("“. +07:00": up to
// 8 bytes of UTF-8 that are neither digits nor spaces).
std::optional<std::string> ParseStampTime(std::string_view text, bool need_offset = false) {
  if (!HasClockMinutes(text)) return std::nullopt;
  static const std::regex kTime(
      R"((\d{1,2})\s?([/.])\s?(\d{1,2})\s?\2\s?(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})(\s*(?:[^\d\s+-]{1,8}\s+)?([+-]\d{2}):?(\d{2}))?)");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_search(text.begin(), text.end(), m, kTime) || (need_offset && !m[8].matched)) return std::nullopt;
  auto group = [&](int i) { return std::string(m[i].first, m[i].second); };
  std::optional<std::string> date = IsoDate(group(1), group(3), group(4));
  int hour = std::stoi(group(5)), minute = std::stoi(group(6)), second = std::stoi(group(7));
  if (!date.has_value() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  char clock[48];
  std::snprintf(clock, sizeof clock, "T%02d:%02d:%02d", hour, minute, second);
  // Vietnamese signing services stamp local time; Viet Nam has kept UTC+7 without DST.
  std::string offset = m[8].matched ? group(9) + ":" + group(10) : "+07:00";
  return *date + clock + offset;
}

// How far above its time a stamp's name may start, in rows.
constexpr size_t kStampRowsAbove = 6;

// A line of a stamp's name: words of letters only, the first a capital ("Trung tâm Công báo",
// ".VÀ TIN HỌC" once the speck OCR put before it is gone); empty when it is not one.
std::string StampNameLine(std::string_view row) {
  std::string line = Tidy(Trim(row, " .,:;-"));
  if (line.empty() || line.find_first_of("@()#0123456789") != kNone) return "";
  return StartsWithCapital(line) ? line : "";
}

// The signer of a stamp whose labels OCR lost, or that has none (the gazette prints "TRUNG TÂM
// CÔNG BÁO / VÀ TIN HỌC / e-mail / time"): the name lines just above its time, with the e-mail
// address and blank rows between them and the time skipped.
std::string StampSignerAbove(const std::vector<Row>& rows, size_t time_row) {
  std::vector<std::string> name;
  for (size_t i = time_row; i-- > 0 && time_row - i <= kStampRowsAbove;) {
    std::string line = StampNameLine(rows[i].text);
    if (!line.empty()) {
      name.insert(name.begin(), line);
    } else if (!name.empty()) {
      break;
    }
  }
  std::string signer;
  for (const std::string& line : name) signer += (signer.empty() ? "" : " ") + line;
  return signer;
}

}  // namespace

std::optional<std::string> ParseDatePhrase(std::string_view text, size_t* length) {
  static const std::regex kVerbal(R"(^(\d{1,2})\s+th\S*ng\s+(\d{1,2})\s+n\S*m\s+(\d{4}))");
  Folded folded = Fold(text, true, 4);
  if (folded.key != "ngay") return std::nullopt;
  std::string_view rest = text.substr(folded.to[3]);
  size_t skipped = rest.find_first_not_of(" \t");
  if (skipped == kNone) return std::nullopt;
  rest = rest.substr(skipped);
  size_t read = 0;
  std::optional<std::string> date = ParseNumericDate(rest, &read);
  if (!date.has_value()) {
    std::match_results<std::string_view::const_iterator> m;
    if (!std::regex_search(rest.begin(), rest.end(), m, kVerbal, std::regex_constants::match_continuous)) {
      return std::nullopt;
    }
    date = IsoDate(std::string(m[1].first, m[1].second), std::string(m[2].first, m[2].second),
                   std::string(m[3].first, m[3].second));
    read = static_cast<size_t>(m.length(0));
  }
  if (length != nullptr) *length = folded.to[3] + skipped + read;
  return date;
}

std::vector<Reference> FindReferences(const std::vector<Row>& rows, size_t begin, size_t end,
                                      const Dictionaries& dictionaries, std::string_view own_number) {
  std::vector<std::string> lines;
  for (size_t i = begin; i < end && i < rows.size(); ++i) lines.push_back(rows[i].text);
  std::string body = JoinWrapped(lines);
  std::vector<Reference> references;
  CitedByDateAndSerial cited;
  std::set<std::string> seen{FoldKey(own_number)};
  std::vector<Token> tokens = Tokenize(body);
  std::vector<std::string> keys;
  keys.reserve(tokens.size());
  for (Token token : tokens) keys.push_back(FoldKey(token.In(body)));
  for (size_t i = 0; i + 1 < tokens.size(); ++i) {
    bool so = keys[i] == "so";
    const size_t before = so ? i : i + 1;
    const DocType* type = TypeBefore(body, std::span<const Token>(tokens).first(before),
                                     std::span<const std::string>(keys).first(before), dictionaries);
    if (!so && type == nullptr) continue;
    size_t read = 0;
    std::string number = ReadNumber(std::string_view(body).substr(tokens[i + 1].begin), &read);
    // OCR variants of one number ("154/2020/NĐ-CP", "154/2020/NĐCP") are one citation.
    if (!IsCitedNumber(number) || !seen.insert(FoldKey(number)).second) continue;
    Reference reference;
    if (type == nullptr) type = dictionaries.DocTypeByAbbreviation(TypeAbbreviation(number));
    if (type != nullptr) reference.doc_type = type->name;
    reference.number = number;
    std::string_view after = std::string_view(body).substr(tokens[i + 1].begin + read);
    size_t next = after.find_first_not_of(" ,");
    if (next != kNone && next <= 3) reference.date = ParseDatePhrase(after.substr(next));
    if (IsOcrVariantOfCited(reference, cited)) continue;
    if (reference.date.has_value()) cited[DateAndSerial(reference)].push_back(*reference.number);
    references.push_back(std::move(reference));
  }
  return references;
}

std::optional<SignatureStamp> FindSignatureStamp(const std::vector<Row>& rows) {
  for (size_t i = 0; i < rows.size(); ++i) {
    Folded folded = Fold(rows[i].text);
    Match signed_by = FindApprox(folded.key, "kyboi", 1);
    if (!signed_by.found() || folded.key.size() - signed_by.end < 6) continue;
    std::string_view text = rows[i].text;
    size_t after = folded.to[signed_by.end - 1];
    size_t colon = text.find(':', after);
    std::string signer = Tidy(Trim(text.substr(colon != kNone && colon - after <= 2 ? colon + 1 : after)));
    // Its time: "Thời gian ký: …" on one of the next rows, the offset perhaps below it.
    for (size_t j = i + 1; j < rows.size() && j <= i + 5; ++j) {
      Folded row = Fold(rows[j].text);
      Match label = FindApprox(row.key, "thoigianky", 2);
      if (!label.found()) continue;
      std::string stamp_text = rows[j].text.substr(row.to[label.end - 1]);
      if (j + 1 < rows.size()) stamp_text += " " + rows[j + 1].text;
      std::optional<std::string> time = ParseStampTime(stamp_text);
      if (time.has_value()) return SignatureStamp{signer, *time};
      break;
    }
  }
  // Labels lost to OCR ("xát tực #84 mặt 04.04.2018 14:21:14 +07:00"): a time to the second
  // with its UTC offset is printed by signing services only. A stamp whose name OCR lost too
  // (a bitonal scan: "+, BIẬNG 18.11.2024 07:25:14") still dates the signing; its signer is
  // empty, and a named stamp is preferred.
  std::optional<SignatureStamp> unnamed;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!ParseStampTime(rows[i].text).has_value()) continue;
    // The offset may wrap to the next line of a narrow stamp.
    std::string text = rows[i].text;
    for (size_t j = i + 1; j < rows.size() && j <= i + 2; ++j) text += " " + rows[j].text;
    std::optional<std::string> time = ParseStampTime(text, true);
    if (!time.has_value()) continue;
    std::string signer = StampSignerAbove(rows, i);
    if (!signer.empty()) return SignatureStamp{signer, *time};
    if (!unnamed.has_value()) unnamed = SignatureStamp{"", *time};
  }
  return unnamed;
}

}  // namespace vanban::extract
