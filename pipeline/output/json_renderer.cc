// The document JSON of SPEC.md.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "vanban/document.h"

namespace vanban {
namespace {

using nlohmann::ordered_json;

ordered_json OptionalString(const std::optional<std::string>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

ordered_json FieldsJson(const Fields& f) {
  ordered_json references = ordered_json::array();
  for (const Reference& r : f.references) {
    references.push_back({{"doc_type", OptionalString(r.doc_type)},
                          {"number", OptionalString(r.number)},
                          {"date", OptionalString(r.date)}});
  }
  return {{"issuer", OptionalString(f.issuer)},
          {"number", OptionalString(f.number)},
          {"number_serial", OptionalString(f.number_serial)},
          {"number_notation", OptionalString(f.number_notation)},
          {"doc_type", OptionalString(f.doc_type)},
          {"place", OptionalString(f.place)},
          {"date", OptionalString(f.date)},
          {"subject", OptionalString(f.subject)},
          {"recipients", f.recipients},
          {"signer_name", OptionalString(f.signer_name)},
          {"signer_title", OptionalString(f.signer_title)},
          {"signer_authority", OptionalString(f.signer_authority)},
          {"cc", f.cc},
          {"urgency", OptionalString(f.urgency)},
          {"references", references}};
}

// Confidences are estimates: two decimals keep the JSON readable and deterministic.
double Rounded(double value) { return static_cast<double>(static_cast<long long>(value * 100 + 0.5)) / 100; }

ordered_json PageResultsJson(const std::vector<OcrPage>& pages) {
  ordered_json out = ordered_json::array();
  for (const OcrPage& page : pages) {
    ordered_json result = {{"page", page.number},
                           {"mean_word_confidence", Rounded(page.mean_word_confidence)},
                           {"restored_tokens", page.restored_tokens},
                           {"blank", page.blank}};
    // The resolution its boxes are in (a PDF page's rasterisation), for whoever draws them on
    // the input again (vanban review); unknown for a page that could not be loaded.
    if (page.input.dpi > 0) result["dpi"] = page.input.dpi;
    if (!page.source_file.empty()) result["file"] = page.source_file;
    if (!page.error.empty()) result["error"] = page.error;
    out.push_back(std::move(result));
  }
  return out;
}

ordered_json SignaturesJson(const std::vector<DigitalSignature>& signatures) {
  ordered_json out = ordered_json::array();
  for (const DigitalSignature& s : signatures) {
    out.push_back({{"field", s.field},
                   {"signer", s.signer},
                   {"time", s.time.empty() ? ordered_json(nullptr) : ordered_json(s.time)},
                   {"byte_range", s.byte_range}});
  }
  return out;
}

ordered_json BoxJson(const Box& box) { return ordered_json::array({box.x, box.y, box.width, box.height}); }

bool IsListField(std::string_view field) { return field == "recipients" || field == "cc"; }

ordered_json ReviewJson(const std::vector<ReviewItem>& items) {
  ordered_json out = ordered_json::array();
  for (const ReviewItem& item : items) {
    ordered_json value = nullptr;
    if (IsListField(item.field)) {
      value = item.value;
    } else if (!item.value.empty()) {
      value = item.value.front();
    }
    out.push_back({{"field", item.field},
                   {"reason", item.reason},
                   {"page", item.page > 0 ? ordered_json(item.page) : ordered_json(nullptr)},
                   {"box", item.box ? BoxJson(*item.box) : ordered_json(nullptr)},
                   {"value", value},
                   {"candidates", item.candidates}});
  }
  return out;
}

ordered_json SourceJson(const FieldSource& source) {
  ordered_json boxes = ordered_json::array();
  for (const Box& box : source.boxes) boxes.push_back(BoxJson(box));
  return {{"page", source.page > 0 ? ordered_json(source.page) : ordered_json(nullptr)},
          {"boxes", boxes},
          {"ocr", source.ocr_text},
          {"restored", source.text},
          {"word_confidence", Rounded(source.word_confidence)},
          {"restore_confidence", Rounded(source.restore_confidence)}};
}

// One object per field of one value, an array of them (one per entry) for a list field.
ordered_json ProvenanceJson(const std::map<std::string, std::vector<FieldSource>>& provenance) {
  ordered_json out = ordered_json::object();
  for (const auto& [field, sources] : provenance) {
    if (IsListField(field)) {
      ordered_json entries = ordered_json::array();
      for (const FieldSource& source : sources) entries.push_back(SourceJson(source));
      out[field] = std::move(entries);
    } else if (!sources.empty()) {
      out[field] = SourceJson(sources.front());
    }
  }
  return out;
}

// Text-only documents (vanban extract) have no OcrPage values: their pages are the '\f' parts.
size_t PageCount(const Document& document) {
  if (!document.pages.empty()) return document.pages.size();
  if (document.text.empty()) return 0;
  return 1 + static_cast<size_t>(std::count(document.text.begin(), document.text.end(), '\f'));
}

}  // namespace

std::string ToJson(const Document& document) {
  ordered_json confidence = ordered_json::object();
  for (const auto& [field, value] : document.confidence) confidence[field] = Rounded(value);
  ordered_json stamp = nullptr;
  if (document.signature_stamp) {
    stamp = {{"signer", document.signature_stamp->signer}, {"time", document.signature_stamp->time}};
  }
  ordered_json out = {{"source", document.source},
                      {"pages", PageCount(document)},
                      {"text", document.text},
                      {"fields", FieldsJson(document.fields)},
                      {"confidence", confidence},
                      {"review", ReviewJson(document.review)},
                      {"provenance", ProvenanceJson(document.provenance)},
                      {"signature_stamp", stamp},
                      {"signatures", SignaturesJson(document.signatures)},
                      {"page_results", PageResultsJson(document.pages)}};
  if (!document.source_files.empty()) out["source_files"] = document.source_files;
  // Invalid UTF-8 cannot reach here (inputs are sanitised), but never throw across the API.
  return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace vanban
