#include "pipeline/review/corrections.h"

#include <algorithm>
#include <ctime>

#include "pipeline/extract/phrase.h"

namespace vanban::review {
namespace {

const char* const kReasonOfOldEntries = "uncertain";

// The field a review entry names, in either form; empty for none.
std::string FieldOf(const Json& entry) {
  if (entry.is_string()) return entry.get<std::string>();
  if (entry.is_object() && entry.contains("field") && entry["field"].is_string()) return entry["field"];
  return {};
}

Json MemberOr(const Json& object, const char* key, Json fallback) {
  auto it = object.find(key);
  return it == object.end() ? std::move(fallback) : *it;
}

Json ItemOf(const Json& entry, const std::string& field, const Json& fields) {
  const Json no_object = Json::object();
  const Json& given = entry.is_object() ? entry : no_object;
  return {{"field", field},
          {"reason", MemberOr(given, "reason", kReasonOfOldEntries)},
          {"page", MemberOr(given, "page", nullptr)},
          {"box", MemberOr(given, "box", nullptr)},
          {"value", MemberOr(given, "value", fields[field])},
          {"candidates", MemberOr(given, "candidates", Json::array())},
          {"list", fields[field].is_array()}};
}

bool IsBox(const Json& box) {
  return box.is_array() && box.size() == 4 &&
         std::all_of(box.begin(), box.end(), [](const Json& n) { return n.is_number(); });
}

// One provenance object {page, boxes, …} as [{field, page, box}] entries.
void AddBoxes(const std::string& field, const Json& source, Json* out) {
  if (!source.is_object() || !source.contains("boxes") || !source["boxes"].is_array()) return;
  for (const Json& box : source["boxes"]) {
    if (IsBox(box)) out->push_back({{"field", field}, {"page", MemberOr(source, "page", nullptr)}, {"box", box}});
  }
}

std::string Trimmed(const std::string& s) { return extract::Trim(s, " \t\r\n"); }

// The value to store: trimmed, an empty string as null, a list without its empty entries.
// kInvalidArgument when its type is not the field's.
StatusOr<Json> Normalised(const Answer& answer, const Json& current) {
  const std::string where = "field '" + answer.field + "': ";
  if (current.is_array()) {
    if (!answer.value.is_array()) return Status::InvalidArgument(where + "a list of strings is expected");
    Json list = Json::array();
    for (const Json& entry : answer.value) {
      if (!entry.is_string()) return Status::InvalidArgument(where + "a list of strings is expected");
      if (std::string kept = Trimmed(entry); !kept.empty()) list.push_back(std::move(kept));
    }
    return list;
  }
  if (answer.value.is_null()) return Json(nullptr);
  if (!answer.value.is_string()) return Status::InvalidArgument(where + "a string or null is expected");
  const std::string kept = Trimmed(answer.value);
  return kept.empty() ? Json(nullptr) : Json(kept);
}

// number_serial and number_notation of the number, as the extractor splits it.
void SplitNumber(Json* fields) {
  const Json& number = (*fields)["number"];
  const extract::NumberParts parts = number.is_string() ? extract::SplitNumber(number.get<std::string>())
                                                        : extract::NumberParts{};
  (*fields)["number_serial"] = parts.serial ? Json(*parts.serial) : Json(nullptr);
  (*fields)["number_notation"] = parts.notation ? Json(*parts.notation) : Json(nullptr);
}

bool HasHandwrittenEntry(const Json& review, const std::string& field) {
  return std::any_of(review.begin(), review.end(), [&](const Json& entry) {
    return FieldOf(entry) == field && entry.is_object() && MemberOr(entry, "reason", "") == "handwritten";
  });
}

// The pen-written digits of a changed number (its serial) or date (its day), if any.
std::vector<HandwrittenEdit> EditOf(const std::string& field, const Json& value) {
  if (!value.is_string()) return {};
  const std::string text = value;
  if (field == "number") {
    const std::string serial = text.substr(0, text.find_first_not_of("0123456789"));
    if (!serial.empty()) return {{HandwrittenEdit::Blank::kSerial, serial}};
  }
  if (field == "date" && text.size() == 10 && text[4] == '-' && text[7] == '-') {
    return {{HandwrittenEdit::Blank::kDay, text.substr(8, 2)}};
  }
  return {};
}

// Applies one checked answer whose value is normalised.
std::vector<HandwrittenEdit> Apply(const std::string& field, const Json& value, const std::string& time, Json* document) {
  Json& doc = *document;
  const Json original = doc["fields"][field];
  const bool handwritten = doc.contains("review") && doc["review"].is_array() && HasHandwrittenEntry(doc["review"], field);
  doc["fields"][field] = value;
  if (field == "number") SplitNumber(&doc["fields"]);
  if (doc.contains("review") && doc["review"].is_array()) {
    Json kept = Json::array();
    for (const Json& entry : doc["review"]) {
      if (FieldOf(entry) != field) kept.push_back(entry);
    }
    doc["review"] = std::move(kept);
  }
  if (!doc.contains("confidence") || !doc["confidence"].is_object()) doc["confidence"] = Json::object();
  doc["confidence"][field] = 1.0;
  if (!doc.contains("corrections") || !doc["corrections"].is_array()) doc["corrections"] = Json::array();
  doc["corrections"].push_back({{"field", field}, {"value", value}, {"original", original}, {"time", time}});
  return handwritten && value != original ? EditOf(field, value) : std::vector<HandwrittenEdit>{};
}

}  // namespace

bool IsDocument(const Json& json) {
  return json.is_object() && json.contains("source") && json.contains("fields") && json["fields"].is_object();
}

Json ReviewItems(const Json& document) {
  Json items = Json::array();
  if (!IsDocument(document) || !document.contains("review") || !document["review"].is_array()) return items;
  const Json& fields = document["fields"];
  for (const Json& entry : document["review"]) {
    const std::string field = FieldOf(entry);
    if (fields.contains(field)) items.push_back(ItemOf(entry, field, fields));
  }
  return items;
}

Json FieldBoxes(const Json& document) {
  Json boxes = Json::array();
  if (!document.contains("provenance") || !document["provenance"].is_object()) return boxes;
  for (const auto& [field, source] : document["provenance"].items()) {
    if (!source.is_array()) AddBoxes(field, source, &boxes);
    else for (const Json& entry : source) AddBoxes(field, entry, &boxes);
  }
  return boxes;
}

StatusOr<std::vector<HandwrittenEdit>> ApplyAnswers(const std::vector<Answer>& answers, const std::string& time,
                                                    Json* document) {
  if (!IsDocument(*document)) return Status::InvalidArgument("not a document JSON (no \"source\" and \"fields\")");
  std::vector<Json> values;
  for (const Answer& answer : answers) {
    auto current = (*document)["fields"].find(answer.field);
    if (current == (*document)["fields"].end()) {
      return Status::InvalidArgument("the document has no field '" + answer.field + "'");
    }
    StatusOr<Json> value = Normalised(answer, *current);
    if (!value.ok()) return value.status();
    values.push_back(std::move(value).value());
  }
  std::vector<HandwrittenEdit> edits;
  for (size_t i = 0; i < answers.size(); ++i) {
    for (HandwrittenEdit& edit : Apply(answers[i].field, values[i], time, document)) edits.push_back(std::move(edit));
  }
  return edits;
}

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return out;
}

}  // namespace vanban::review
