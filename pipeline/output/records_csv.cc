#include "pipeline/output/records_csv.h"

#include <algorithm>
#include <string_view>

#include <nlohmann/json.hpp>

#include "pipeline/text/unicode.h"

namespace vanban::output {
namespace {

using nlohmann::json;

// A string value, NFC; null or absent: empty.
Status ReadString(const json& object, const std::string& name, const std::string& where, std::string* out) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return Status::Ok();
  if (!it->is_string()) return Status::CorruptInput(where + name + " is not a string");
  *out = text::ToNfc(it->get_ref<const std::string&>());
  return Status::Ok();
}

// A list of strings, NFC; null or absent: empty.
Status ReadStrings(const json& object, const std::string& name, const std::string& where,
                   std::vector<std::string>* out) {
  const auto it = object.find(name);
  if (it == object.end() || it->is_null()) return Status::Ok();
  if (!it->is_array()) return Status::CorruptInput(where + name + " is not a list");
  for (const json& entry : *it) {
    if (!entry.is_string()) return Status::CorruptInput(where + name + " holds a value that is not a string");
    out->push_back(text::ToNfc(entry.get_ref<const std::string&>()));
  }
  return Status::Ok();
}

Status ReadFields(const json& fields, DocumentRecord* r) {
  if (!fields.is_object()) return Status::CorruptInput("fields is not an object");
  const std::pair<const char*, std::string*> strings[] = {
      {"number", &r->number},
      {"number_serial", &r->number_serial},
      {"number_notation", &r->number_notation},
      {"doc_type", &r->doc_type},
      {"date", &r->date},
      {"issuer", &r->issuer},
      {"subject", &r->subject},
      {"signer_name", &r->signer_name},
      {"signer_title", &r->signer_title},
      {"signer_authority", &r->signer_authority},
      {"urgency", &r->urgency}};
  for (const auto& [name, out] : strings) {
    if (Status s = ReadString(fields, name, "fields.", out); !s.ok()) return s;
  }
  if (Status s = ReadStrings(fields, "recipients", "fields.", &r->recipients); !s.ok()) return s;
  return ReadStrings(fields, "cc", "fields.", &r->cc);
}

// What `review` asks a person to check: its fields' names, and "page N" for a page that could
// not be read. Entries are objects {field, reason, page, …}; JSON of earlier versions held the
// names themselves, which are read as they are.
Status ReadReview(const json& document, std::vector<std::string>* out) {
  const auto it = document.find("review");
  if (it == document.end() || it->is_null()) return Status::Ok();
  if (!it->is_array()) return Status::CorruptInput("review is not a list");
  for (const json& entry : *it) {
    const json* name = &entry;
    if (entry.is_object() && entry.contains("field")) name = &entry["field"];
    if (!name->is_string()) {
      return Status::CorruptInput("review holds an entry that is neither a field name nor has one");
    }
    std::string field = text::ToNfc(name->get_ref<const std::string&>());
    const auto page = entry.is_object() ? entry.find("page") : entry.end();
    if (entry.is_object() && entry.value("reason", "") == "page_failed" && page != entry.end() &&
        page->is_number_unsigned()) {
      field = "page " + std::to_string(page->get<unsigned long long>());
    }
    if (std::find(out->begin(), out->end(), field) == out->end()) out->push_back(std::move(field));
  }
  return Status::Ok();
}

Status ReadPages(const json& document, std::string* out) {
  const auto it = document.find("pages");
  if (it == document.end() || it->is_null()) return Status::Ok();
  if (!it->is_number_unsigned()) return Status::CorruptInput("pages is not a page count");
  *out = std::to_string(it->get<unsigned long long>());
  return Status::Ok();
}

std::string Joined(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& value : values) {
    if (!out.empty()) out += "; ";
    out += value;
  }
  return out;
}

// "Người ký: Nguyễn Quốc Việt, PHÓ CHỦ TỊCH, KT. CHỦ TỊCH": who signed, as the signature block
// gives it; empty when none of it was read.
std::string SignerDescription(const DocumentRecord& r) {
  std::string out;
  for (const std::string* part : {&r.signer_name, &r.signer_title, &r.signer_authority}) {
    if (part->empty()) continue;
    out += out.empty() ? "Người ký: " : ", ";
    out += *part;
  }
  return out;
}

std::string CsvField(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

Status ReadDocumentRecord(std::string_view text, std::optional<DocumentRecord>* record) {
  record->reset();
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& e) {
    // nlohmann counts bytes from 1 and puts the end of the input one past the last byte.
    if (e.byte > text.size()) {
      return Status::CorruptInput("truncated JSON (" + std::to_string(text.size()) + " bytes)");
    }
    return Status::CorruptInput("not valid JSON (at byte " + std::to_string(e.byte) + ")");
  }
  if (!document.is_object() || !document.contains("source") || !document.contains("fields")) return Status::Ok();
  DocumentRecord r;
  for (Status s : {ReadString(document, "source", "", &r.source), ReadFields(document["fields"], &r),
                   ReadPages(document, &r.pages), ReadReview(document, &r.review)}) {
    if (!s.ok()) return s;
  }
  *record = std::move(r);
  return Status::Ok();
}

const CsvRow& ProfileHeader() {
  static const CsvRow header = {
      "Số",       "Ký hiệu", "Số và ký hiệu", "Ngày ban hành", "Loại văn bản", "Cơ quan ban hành", "Trích yếu",
      "Người ký", "Chức vụ", "Thẩm quyền ký", "Nơi nhận",      "Nơi lưu/CC",   "Mức độ khẩn",      "Số trang",
      "Ngôn ngữ", "Tệp",     "Cần kiểm tra"};
  return header;
}

CsvRow ProfileRow(const DocumentRecord& r) {
  return {r.number_serial,      r.number_notation, r.number,      r.date,         r.doc_type,
          r.issuer,             r.subject,         r.signer_name, r.signer_title, r.signer_authority,
          Joined(r.recipients), Joined(r.cc),      r.urgency,     r.pages,        "vi",
          r.source,             Joined(r.review)};
}

const CsvRow& DublinCoreHeader() {
  static const CsvRow header = {"filename",      "dc.title",       "dc.creator",  "dc.date",    "dc.type",
                                "dc.identifier", "dc.description", "dc.language", "dc.subject", "dc.publisher"};
  return header;
}

// The issuing body both makes and publishes an administrative document; subject headings are an
// archivist's to assign, so dc.subject stays empty.
CsvRow DublinCoreRow(const DocumentRecord& r, std::string_view filename) {
  return {std::string(filename), r.subject, r.issuer, r.date, r.doc_type,
          r.number, SignerDescription(r), "vi", "", r.issuer};
}

// What a spreadsheet takes for the start of a formula (OWASP's CSV injection list).
constexpr std::string_view kFormulaStarts = "=+-@\t\r";

std::string CsvLine(const CsvRow& row, bool for_spreadsheet) {
  std::string out;
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out += ',';
    const bool formula = for_spreadsheet && !row[i].empty() && kFormulaStarts.find(row[i][0]) != std::string_view::npos;
    out += CsvField(formula ? "'" + row[i] : row[i]);
  }
  return out + "\r\n";
}

}  // namespace vanban::output
