#include "tests/extract/devset_eval.h"

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "pipeline/text/unicode.h"

namespace vanban::extract::eval {
namespace {

namespace fs = std::filesystem;

// The fields a page-1 transcription can show; signer and "Nơi nhận" sit on the last page.
const std::set<std::string> kPage1Fields = {"issuer", "number", "doc_type", "place", "date",
                                            "subject", "recipients", "urgency"};
// The scalar fields scored, with where Fields keeps each.
const std::vector<std::pair<std::string, std::optional<std::string> Fields::*>> kScalarFields = {
    {"issuer", &Fields::issuer},           {"number", &Fields::number},
    {"doc_type", &Fields::doc_type},       {"place", &Fields::place},
    {"date", &Fields::date},               {"subject", &Fields::subject},
    {"signer_name", &Fields::signer_name}, {"signer_title", &Fields::signer_title},
    {"signer_authority", &Fields::signer_authority}, {"urgency", &Fields::urgency}};
const std::vector<std::string> kListFields = {"recipients", "cc"};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<fs::path> PageFiles(const fs::path& dir, const std::string& extension) {
  std::vector<std::pair<int, fs::path>> pages;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("page-", 0) != 0 || entry.path().extension() != extension) continue;
    pages.emplace_back(std::stoi(name.substr(5)), entry.path());
  }
  std::sort(pages.begin(), pages.end());
  std::vector<fs::path> paths;
  for (auto& page : pages) paths.push_back(page.second);
  return paths;
}

std::string Show(const std::optional<std::string>& value) { return value.has_value() ? "\"" + *value + "\"" : "null"; }

Box BoxFromHocr(const std::string& title) {
  static const std::regex kBbox(R"(bbox (-?\d+) (-?\d+) (-?\d+) (-?\d+))");
  std::smatch m;
  if (!std::regex_search(title, m, kBbox)) return {};
  int x = std::stoi(m[1]), y = std::stoi(m[2]);
  return Box{x, y, std::stoi(m[3]) - x, std::stoi(m[4]) - y};
}

std::string XmlUnescape(std::string text) {
  static const std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [entity, plain] : kEntities) {
    for (size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + plain.size())) {
      text.replace(at, entity.size(), plain);
    }
  }
  return text;
}

// The fields block of a document JSON written by `vanban ocr`.
Fields FieldsFromJson(const nlohmann::json& json) {
  Fields fields;
  auto scalar = [&](const char* name, std::optional<std::string>* field) {
    if (json.contains(name) && json[name].is_string()) *field = text::ToNfc(json[name].get<std::string>());
  };
  auto list = [&](const char* name, std::vector<std::string>* field) {
    for (const auto& entry : json.value(name, nlohmann::json::array())) field->push_back(text::ToNfc(entry.get<std::string>()));
  };
  for (const auto& [name, member] : kScalarFields) scalar(name.c_str(), &(fields.*member));
  list("recipients", &fields.recipients);
  list("cc", &fields.cc);
  return fields;
}

// The fields of one devset document from the chosen input; nullopt when that input is absent.
std::optional<Fields> ReadFields(const Extractor& extractor, const fs::path& doc_dir, Input input,
                                 const std::string& ocr_dir) {
  std::string name = doc_dir.filename().string();
  Document document;
  if (input == Input::kPage1Truth) {
    if (!fs::exists(doc_dir / "page1.gt.txt")) return std::nullopt;
    document.text = text::ToNfc(ReadFile(doc_dir / "page1.gt.txt"));
  } else if (input == Input::kVanbanJson) {
    fs::path json = fs::path(ocr_dir) / (name + ".json");
    if (!fs::exists(json)) return std::nullopt;
    return FieldsFromJson(nlohmann::json::parse(ReadFile(json)).value("fields", nlohmann::json::object()));
  } else if (input == Input::kVanbanHocr) {
    fs::path hocr = fs::path(ocr_dir) / (name + ".hocr");
    if (!fs::exists(hocr)) return std::nullopt;
    document.pages = PagesFromHocr(hocr.string());
  } else {
    fs::path dir = fs::path(ocr_dir) / name;
    if (!fs::exists(dir / "page-1.txt")) return std::nullopt;
    if (input == Input::kOcrBoxes) {
      document.pages = PagesFromTsv(dir.string());
    } else {
      for (const fs::path& page : PageFiles(dir, ".txt")) {
        if (!document.text.empty()) document.text += '\f';
        document.text += text::ToNfc(ReadFile(page));
      }
    }
  }
  extractor.Extract(&document);
  return document.fields;
}

}  // namespace

double ListScore::F1() const {
  int denominator = 2 * true_positives + false_positives + false_negatives;
  return denominator == 0 ? 1.0 : 2.0 * true_positives / denominator;
}

double Report::PrintedExactShare() const {
  int printed = 0, exact = 0;
  for (const auto& [name, score] : fields) {
    printed += score.printed;
    exact += score.printed_exact;
  }
  return printed == 0 ? 0 : static_cast<double>(exact) / printed;
}

std::string Report::Table() const {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2);
  out << "| field | printed exact | handwritten right | handwritten null | handwritten wrong |\n|---|---|---|---|---|\n";
  for (const auto& [name, score] : fields) {
    out << "| " << name << " | " << score.printed_exact << "/" << score.printed << " | ";
    if (score.handwritten > 0) {
      out << score.handwritten_exact << "/" << score.handwritten << " | " << score.handwritten_null << "/"
          << score.handwritten << " | " << score.handwritten_wrong << "/" << score.handwritten;
    } else {
      out << "– | – | –";
    }
    out << " |\n";
  }
  for (const auto& [name, score] : lists) {
    out << "| " << name << " (F1) | " << score.F1() << " (tp " << score.true_positives << ", fp "
        << score.false_positives << ", fn " << score.false_negatives << ") | – | – | – |\n";
  }
  out << "\nprinted fields exact: " << PrintedExactShare() * 100 << " % over " << documents << " documents\n";
  return out.str();
}

std::vector<OcrPage> PagesFromTsv(const std::string& dir) {
  std::vector<OcrPage> pages;
  for (const fs::path& path : PageFiles(dir, ".tsv")) {
    OcrPage page;
    page.number = static_cast<int>(pages.size()) + 1;
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);  // column names
    int block_id = -1, line_key = -1;
    while (std::getline(in, line)) {
      std::vector<std::string> cells;
      std::stringstream row(line);
      for (std::string cell; std::getline(row, cell, '\t');) cells.push_back(cell);
      if (cells.size() < 11) continue;
      int level = std::stoi(cells[0]);
      Box box{std::stoi(cells[6]), std::stoi(cells[7]), std::stoi(cells[8]), std::stoi(cells[9])};
      if (level == 1) {
        page.width = box.width;
        page.height = box.height;
      } else if (level == 2) {
        page.blocks.push_back({});
        page.blocks.back().box = box;
        block_id = std::stoi(cells[2]);
        line_key = -1;
      } else if (level == 4 && block_id >= 0) {
        page.blocks.back().lines.push_back({});
        page.blocks.back().lines.back().box = box;
        line_key = 1;
      } else if (level == 5 && line_key >= 0 && cells.size() >= 12 && !cells[11].empty()) {
        OcrWord word;
        word.text = word.ocr_text = text::ToNfc(cells[11]);
        word.box = box;
        word.confidence = std::stof(cells[10]);
        page.blocks.back().lines.back().words.push_back(std::move(word));
      }
    }
    pages.push_back(std::move(page));
  }
  return pages;
}

// A restored word holds the restored text first in its alternatives (<ins>), which is read.
std::vector<OcrPage> PagesFromHocr(const std::string& path) {
  static const std::regex kElement(
      R"re(<(div|span) class="(ocr_page|ocr_carea|ocr_line|ocrx_word)"[^>]*title="([^"]*)">(?:<span class="alternatives"><ins class="alt"[^>]*>)?([^<]*))re");
  static const std::regex kConfidence(R"(x_wconf (\d+))");
  std::vector<OcrPage> pages;
  std::string hocr = ReadFile(path);
  for (std::sregex_iterator it(hocr.begin(), hocr.end(), kElement), end; it != end; ++it) {
    const std::smatch& m = *it;
    std::string kind = m[2], title = m[3];
    Box box = BoxFromHocr(title);
    if (kind == "ocr_page") {
      pages.push_back({});
      pages.back().number = static_cast<int>(pages.size());
      pages.back().width = box.width;
      pages.back().height = box.height;
    } else if (pages.empty()) {
      continue;
    } else if (kind == "ocr_carea") {
      pages.back().blocks.push_back({});
      pages.back().blocks.back().box = box;
    } else if (pages.back().blocks.empty()) {
      continue;
    } else if (kind == "ocr_line") {
      pages.back().blocks.back().lines.push_back({});
      pages.back().blocks.back().lines.back().box = box;
    } else if (!pages.back().blocks.back().lines.empty()) {
      OcrWord word;
      word.text = word.ocr_text = text::ToNfc(XmlUnescape(m[4]));
      word.box = box;
      std::smatch confidence;
      if (std::regex_search(title, confidence, kConfidence)) word.confidence = std::stof(confidence[1]);
      pages.back().blocks.back().lines.back().words.push_back(std::move(word));
    }
  }
  return pages;
}

Report Evaluate(const Extractor& extractor, const std::string& devset_dir, Input input,
                const std::string& ocr_dir) {
  Report report;
  std::vector<fs::path> docs;
  for (const auto& entry : fs::directory_iterator(devset_dir)) {
    if (entry.is_directory() && fs::exists(entry.path() / "fields.json")) docs.push_back(entry.path());
  }
  std::sort(docs.begin(), docs.end());
  for (const fs::path& doc_dir : docs) {
    std::string name = doc_dir.filename().string();
    std::optional<Fields> fields = ReadFields(extractor, doc_dir, input, ocr_dir);
    if (!fields.has_value()) continue;
    ++report.documents;
    nlohmann::json truth = nlohmann::json::parse(ReadFile(doc_dir / "fields.json"));
    std::set<std::string> handwritten;
    for (const auto& field : truth.value("handwritten", nlohmann::json::array())) handwritten.insert(field.get<std::string>());
    for (const auto& [field, member] : kScalarFields) {
      if (input == Input::kPage1Truth && kPage1Fields.count(field) == 0) continue;
      std::optional<std::string> want;
      if (truth.contains(field) && truth[field].is_string()) want = text::ToNfc(truth[field].get<std::string>());
      std::optional<std::string> got = (*fields).*member;
      bool exact = got == want;
      FieldScore& score = report.fields[field];
      if (handwritten.count(field) > 0) {
        ++score.handwritten;
        score.handwritten_exact += exact;
        score.handwritten_null += !got.has_value() && want.has_value();
        score.handwritten_wrong += got.has_value() && !exact;
      } else {
        ++score.printed;
        score.printed_exact += exact;
      }
      if (!exact) report.mismatches.push_back(name + " " + field + ": got " + Show(got) + " want " + Show(want));
    }
    for (const std::string& field : kListFields) {
      if (input == Input::kPage1Truth && kPage1Fields.count(field) == 0) continue;
      std::multiset<std::string> want;
      for (const auto& entry : truth.value(field, nlohmann::json::array())) want.insert(text::ToNfc(entry.get<std::string>()));
      const std::vector<std::string>& got = field == "cc" ? fields->cc : fields->recipients;
      ListScore& score = report.lists[field];
      for (const std::string& entry : got) {
        auto it = want.find(entry);
        if (it != want.end()) {
          ++score.true_positives;
          want.erase(it);
        } else {
          ++score.false_positives;
          report.mismatches.push_back(name + " " + field + ": extra \"" + entry + "\"");
        }
      }
      score.false_negatives += static_cast<int>(want.size());
      for (const std::string& missing : want) report.mismatches.push_back(name + " " + field + ": missing \"" + missing + "\"");
    }
  }
  return report;
}

}  // namespace vanban::extract::eval
