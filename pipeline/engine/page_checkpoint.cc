#include "pipeline/engine/page_checkpoint.h"

#include <sys/stat.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

#include "pipeline/output/atomic_file.h"

namespace vanban {
namespace {

using nlohmann::json;

json BoxJson(const Box& box) { return json::array({box.x, box.y, box.width, box.height}); }

Box BoxFrom(const json& j) { return Box{j.at(0).get<int>(), j.at(1).get<int>(), j.at(2).get<int>(), j.at(3).get<int>()}; }

json WordJson(const OcrWord& word) {
  json alternatives = json::array();
  for (const auto& [text, confidence] : word.alternatives) alternatives.push_back({text, confidence});
  json j = {{"text", word.text},       {"ocr_text", word.ocr_text}, {"box", BoxJson(word.box)},
          {"confidence", word.confidence}, {"alternatives", alternatives}, {"digits", word.digits},
          {"digits_confidence", word.digits_confidence}, {"handwritten", word.handwritten}};
  // JSON has no infinity: a word the restorer weighed no other reading for has no margin.
  if (std::isfinite(word.restore_margin)) j["restore_margin"] = word.restore_margin;
  return j;
}

OcrWord WordFrom(const json& j) {
  OcrWord word;
  word.text = j.at("text").get<std::string>();
  word.ocr_text = j.at("ocr_text").get<std::string>();
  word.box = BoxFrom(j.at("box"));
  word.confidence = j.at("confidence").get<float>();
  for (const json& alternative : j.at("alternatives")) {
    word.alternatives.emplace_back(alternative.at(0).get<std::string>(), alternative.at(1).get<float>());
  }
  word.digits = j.at("digits").get<std::string>();
  word.digits_confidence = j.at("digits_confidence").get<float>();
  word.handwritten = j.value("handwritten", false);
  word.restore_margin = j.value("restore_margin", std::numeric_limits<float>::infinity());
  return word;
}

json BlocksJson(const std::vector<OcrBlock>& blocks) {
  json out = json::array();
  for (const OcrBlock& block : blocks) {
    json lines = json::array();
    for (const OcrLine& line : block.lines) {
      json words = json::array();
      for (const OcrWord& word : line.words) words.push_back(WordJson(word));
      lines.push_back({{"box", BoxJson(line.box)}, {"words", words}});
    }
    out.push_back({{"box", BoxJson(block.box)}, {"lines", lines}});
  }
  return out;
}

std::vector<OcrBlock> BlocksFrom(const json& j) {
  std::vector<OcrBlock> blocks;
  for (const json& b : j) {
    OcrBlock block;
    block.box = BoxFrom(b.at("box"));
    for (const json& l : b.at("lines")) {
      OcrLine line;
      line.box = BoxFrom(l.at("box"));
      for (const json& w : l.at("words")) line.words.push_back(WordFrom(w));
      block.lines.push_back(std::move(line));
    }
    blocks.push_back(std::move(block));
  }
  return blocks;
}

json RedStampsJson(const std::vector<RedStamp>& stamps) {
  json out = json::array();
  for (const RedStamp& stamp : stamps) out.push_back({{"text", stamp.text}, {"box", BoxJson(stamp.box)}});
  return out;
}

// Pages kept by an earlier version hold the readings alone, without where the stamp was.
std::vector<RedStamp> RedStampsFrom(const json& j) {
  std::vector<RedStamp> stamps;
  for (const json& stamp : j) {
    if (stamp.is_string()) {
      stamps.push_back({stamp.get<std::string>(), Box{}});
    } else {
      stamps.push_back({stamp.at("text").get<std::string>(), BoxFrom(stamp.at("box"))});
    }
  }
  return stamps;
}

json PageJson(const OcrPage& page) {
  return {{"number", page.number},
          {"width", page.width},
          {"height", page.height},
          {"dpi", page.dpi},
          {"input", {{"width", page.input.width}, {"height", page.input.height}, {"dpi", page.input.dpi},
                     {"to_input", page.input.to_input}}},
          {"blocks", BlocksJson(page.blocks)},
          {"mean_word_confidence", page.mean_word_confidence},
          {"restored_tokens", page.restored_tokens},
          {"text_layer", page.text_layer},
          {"blank", page.blank},
          {"stamps", page.stamps},
          {"red_stamps", RedStampsJson(page.red_stamps)}};
}

OcrPage PageFrom(const json& j) {
  OcrPage page;
  page.number = j.at("number").get<int>();
  page.width = j.at("width").get<int>();
  page.height = j.at("height").get<int>();
  page.dpi = j.at("dpi").get<int>();
  const json& input = j.at("input");
  page.input = {input.at("width").get<int>(), input.at("height").get<int>(), input.at("dpi").get<int>(),
                input.at("to_input").get<std::array<double, 6>>()};
  page.blocks = BlocksFrom(j.at("blocks"));
  page.mean_word_confidence = j.at("mean_word_confidence").get<float>();
  page.restored_tokens = j.at("restored_tokens").get<int>();
  page.text_layer = j.at("text_layer").get<bool>();
  page.blank = j.at("blank").get<bool>();
  page.stamps = j.at("stamps").get<std::vector<std::string>>();
  page.red_stamps = RedStampsFrom(j.at("red_stamps"));
  return page;
}

std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// A kept page that cannot be parsed (a disk error, an older layout) is read again, not trusted.
std::optional<json> ParsedObject(std::string_view text) {
  json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) return std::nullopt;
  return parsed;
}

std::optional<OcrPage> CheckedPageFrom(const json& j) {
  try {
    return PageFrom(j);
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::string PageToJson(const OcrPage& page) { return Dump(PageJson(page)); }

std::optional<OcrPage> PageFromJson(std::string_view text) {
  std::optional<json> parsed = ParsedObject(text);
  if (!parsed) return std::nullopt;
  return CheckedPageFrom(*parsed);
}

std::string PageCheckpoints::PathOf(int index) const {
  char name[32];
  std::snprintf(name, sizeof name, "page-%04d.json", index + 1);
  return (std::filesystem::path(folder_) / name).string();
}

std::optional<OcrPage> PageCheckpoints::Load(int index) const {
  std::ifstream in(PathOf(index), std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream contents;
  contents << in.rdbuf();
  std::optional<json> parsed = ParsedObject(contents.str());
  if (!parsed || !parsed->contains("key") || (*parsed)["key"] != key_ || !parsed->contains("page")) return std::nullopt;
  std::optional<OcrPage> page = CheckedPageFrom((*parsed)["page"]);
  if (page && page->number != index + 1) return std::nullopt;
  return page;
}

Status PageCheckpoints::Save(const OcrPage& page) const {
  return output::WriteFileAtomically(PathOf(page.number - 1), Dump({{"key", key_}, {"page", PageJson(page)}}));
}

void PageCheckpoints::Clear() const {
  std::error_code ec;
  std::filesystem::remove_all(folder_, ec);
}

std::string CheckpointKey(const std::string& input, const EngineOptions& options) {
  struct stat st;
  if (::stat(input.c_str(), &st) != 0) return {};
  return std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec) + ":restore=" + std::to_string(options.restore) +
         ":text_layer=" + std::to_string(options.text_layer) + ":dpi=" + std::to_string(options.assumed_dpi) +
         ":vanban " + Version();
}

}  // namespace vanban
