#include "vanban/serve.h"

#include <nlohmann/json.hpp>

namespace vanban {
namespace {

using nlohmann::json;

json Error(const json& id, const std::string& message) { return {{"id", id}, {"ok", false}, {"error", message}}; }

bool ParseRestoreOptions(const json& request, RestoreOptions* options, std::string* error) {
  const std::string mode = request.value("mode", "auto");
  const std::string tone = request.value("tone_style", "new");
  if (mode == "auto") options->mode = RestoreMode::kAuto;
  else if (mode == "stripped") options->mode = RestoreMode::kStripped;
  else if (mode == "ocr") options->mode = RestoreMode::kOcr;
  else *error = "mode must be auto, stripped or ocr";
  if (tone == "new") options->tone_style = ToneStyle::kNew;
  else if (tone == "old") options->tone_style = ToneStyle::kOld;
  else *error = "tone_style must be new or old";
  return error->empty();
}

json Handle(const Engine& engine, const json& request) {
  const json id = request.contains("id") ? request["id"] : json(nullptr);
  const std::string op = request.value("op", "");
  if (op == "restore" || op == "extract") {
    if (!request.contains("text") || !request["text"].is_string()) return Error(id, "'text' must be a string");
    const std::string& text = request["text"].get_ref<const std::string&>();
    if (op == "extract") return {{"id", id}, {"ok", true}, {"document", json::parse(ToJson(engine.Extract(text)))}};
    RestoreOptions options;
    std::string error;
    if (!ParseRestoreOptions(request, &options, &error)) return Error(id, error);
    StatusOr<std::string> restored = engine.Restore(text, options);
    if (!restored.ok()) return Error(id, restored.status().message());
    return {{"id", id}, {"ok", true}, {"text", restored.value()}};
  }
  if (op == "ocr") {
    if (!request.contains("path") || !request["path"].is_string()) return Error(id, "'path' must be a string");
    const std::string path = request["path"];
    StatusOr<Document> document = engine.ProcessFile(path);
    if (!document.ok()) return Error(id, path + ": " + document.status().message());
    return {{"id", id}, {"ok", true}, {"document", json::parse(ToJson(document.value()))}};
  }
  return Error(id, "unknown op '" + op + "' (restore, extract, ocr)");
}

}  // namespace

std::string ServeRequest(const Engine& engine, std::string_view request_line) {
  json request = json::parse(request_line, nullptr, /*allow_exceptions=*/false);
  json response = request.is_object() ? Handle(engine, request) : Error(nullptr, "the request is not a JSON object");
  return response.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace vanban
