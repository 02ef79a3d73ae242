#include "pipeline/review/handwritten_outputs.h"

#include <vector>

namespace vanban::review {
namespace {

using Blank = HandwrittenEdit::Blank;

constexpr std::string_view kDigits = "0123456789";
constexpr std::string_view kDayBefore = "ngày";

std::string Replaced(std::string_view in, size_t begin, size_t end, const std::string& with) {
  return std::string(in.substr(0, begin)) + with + std::string(in.substr(end));
}

size_t SkipBlanks(std::string_view text, size_t at) {
  const size_t next = text.find_first_not_of(" \t", at);
  return next == std::string_view::npos ? text.size() : next;
}

// The digits right after the first `marker` that is followed by digits and then `after` (when
// given), as [begin, end); begin == end when there is none.
std::pair<size_t, size_t> DigitsAfter(std::string_view text, std::string_view marker, std::string_view after) {
  for (size_t at = text.find(marker); at != std::string_view::npos; at = text.find(marker, at + 1)) {
    const size_t begin = SkipBlanks(text, at + marker.size());
    const size_t end = std::min(text.find_first_not_of(kDigits, begin), text.size());
    if (end == begin) continue;
    if (after.empty() || text.substr(SkipBlanks(text, end)).starts_with(after)) return {begin, end};
  }
  return {0, 0};
}

// A word of an hOCR or ALTO file: where its text lies in the file, and its line.
struct MarkupWord {
  std::string_view text;
  size_t begin = 0;
  int line = 0;
  bool handwritten = false;
};

// What tells words and lines apart in one markup: the start of a line and of a word element,
// what marks a handwritten word within the element, and what the text follows and ends with.
struct Markup {
  std::string_view line_start, word_start, handwritten, word_end, text_start, text_end;
};

constexpr Markup kHocr{"class=\"ocr_line\"", "class=\"ocrx_word\"", "x_source handwritten", ">", ">", "</span>"};
constexpr Markup kAlto{"<TextLine ", "<String ", "STYLEREFS=\"handwritten\"", "/>", "CONTENT=\"", "\""};

std::vector<MarkupWord> WordsOf(std::string_view file, const Markup& markup) {
  std::vector<MarkupWord> words;
  int line = 0;
  size_t next_line = file.find(markup.line_start);
  for (size_t at = file.find(markup.word_start); at != std::string_view::npos; at = file.find(markup.word_start, at + 1)) {
    for (; next_line < at; next_line = file.find(markup.line_start, next_line + 1)) ++line;
    // The element's attributes run to the end of its start tag (hOCR) or of the element (ALTO).
    const size_t element_end = file.find(markup.word_end, at);
    const size_t text_begin = file.find(markup.text_start, at);
    if (element_end == std::string_view::npos || text_begin == std::string_view::npos) break;
    const size_t begin = text_begin + markup.text_start.size();
    const size_t end = file.find(markup.text_end, begin);
    if (end == std::string_view::npos) break;
    const bool handwritten = file.substr(at, element_end - at).find(markup.handwritten) != std::string_view::npos;
    words.push_back({file.substr(begin, end - begin), begin, line, handwritten});
  }
  return words;
}

// The handwritten word of the blank: the day's follows "ngày" on its line, the serial's does not.
std::optional<std::string> PatchMarkup(std::string_view file, const Markup& markup, const HandwrittenEdit& edit) {
  const std::vector<MarkupWord> words = WordsOf(file, markup);
  for (size_t i = 0; i < words.size(); ++i) {
    if (!words[i].handwritten) continue;
    const bool after_day = i > 0 && words[i - 1].line == words[i].line && words[i - 1].text.ends_with(kDayBefore);
    if (after_day != (edit.blank == Blank::kDay)) continue;
    return Replaced(file, words[i].begin, words[i].begin + words[i].text.size(), edit.digits);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> PatchText(std::string_view text, const HandwrittenEdit& edit) {
  const auto [begin, end] = edit.blank == Blank::kDay ? DigitsAfter(text, kDayBefore, "tháng") : DigitsAfter(text, "Số:", "");
  if (begin == end) return std::nullopt;
  return Replaced(text, begin, end, edit.digits);
}

std::optional<std::string> PatchHocr(std::string_view hocr, const HandwrittenEdit& edit) {
  return PatchMarkup(hocr, kHocr, edit);
}

std::optional<std::string> PatchAlto(std::string_view alto, const HandwrittenEdit& edit) {
  return PatchMarkup(alto, kAlto, edit);
}

}  // namespace vanban::review
