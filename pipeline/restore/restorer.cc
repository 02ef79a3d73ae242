#include "pipeline/restore/restorer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <span>
#include <utility>
#include <vector>

#include "pipeline/restore/abbreviations.h"
#include "pipeline/restore/decoder.h"
#include "pipeline/restore/language_model.h"
#include "pipeline/restore/lm_tokens.h"
#include "pipeline/restore/ocr_channel.h"
#include "pipeline/restore/place_names.h"
#include "pipeline/text/tokenizer.h"
#include "pipeline/text/unicode.h"
#include "pipeline/text/vietnamese.h"

namespace vanban::restore {
namespace {

using text::Token;
using text::TokenKind;

constexpr char kModelFile[] = "models/vi-syllable.lm";
constexpr char kLegacyChannelFile[] = "models/ocr-channel-eng.tsv";
constexpr char kVietnameseChannelFile[] = "models/ocr-channel-vie.tsv";
constexpr char kAbbreviationFile[] = "models/abbreviations.txt";
constexpr char kPlaceNameFile[] = "dictionaries/places.txt";
// Words naming the kind of administrative unit before a place name.
constexpr std::pair<std::string_view, std::string_view> kUnitWords[] = {
    {"phuong", "phường"}, {"xa", "xã"}, {"huyen", "huyện"}, {"tinh", "tỉnh"}, {"quan", "quận"}, {"tran", "trấn"},
};
// Log-prior bonus of a place name's spelling on OCR lines. Since a name must be capitalised and
// stand alone and its spelling costs nothing of the channel, 4 and 5 do best on the tune split of
// real English-model OCR (10.43 % miss; 3: 10.46 %, 2: 10.51 %; session 13).
constexpr float kNameBonus = 4.0f;
// Nats by which the channel must prefer one place name over another that damaged words may read
// as.
constexpr float kPlaceNameMargin = 1.0f;
// Channel cost in nats (−ln P(read | name), both syllables) within which two damaged words may
// read as a place name the same text names elsewhere.
constexpr float kSeenNameCost = 14.0f;
// Mentions of 2 to this many capitalised words may be one name that recurs (Đoàn Duy Đức).
constexpr size_t kMaxNameWords = 4;
// Channel cost in nats (−ln P(read | spelling)) within which a word of one mention may read as
// the other mention's spelling of it, both ways, for the two to be one name.
constexpr float kSameNameWordCost = 7.0f;
// Measured on the held-out decrees: beam 8 within 10 nats of the best loses nothing against
// beam 16 unbounded; spellings 7 nats (1/1100) rarer than their skeleton's most frequent one
// never won there.
constexpr int kBeam = 8;
constexpr float kBeamThreshold = 10.0f;
constexpr float kRareCandidate = 7.0f;
// What changing a known capitalised word costs on Vietnamese OCR lines, on top of the channel:
// 2 fixed the most on held-out born-digital pages and broke nothing on the dev scans (3 did).
constexpr float kKnownNamePrice = 2.0f;
// OCR's word confidence (0..100) from which a word of capitals is a code read as printed.
constexpr float kSureCode = 80;

// Another reading OCR considered for one token (Tesseract's runner-up letter) and its cost.
struct Hint {
  uint32_t token;
  std::string text;  // the token as that reading spells it
  float cost;
};

// A token's place in the lattice: which token, and whether its candidates are spellings of
// the same skeleton that the decoder chooses among.
struct Slot {
  uint32_t token;
  uint32_t last;  // last token it covers: OCR glues symbols into words ("X&" for "Xã")
  bool choose;
  bool first_is_reading;  // candidate 0 is the token as read (OCR lines)
};

enum class LineKind : uint8_t { kStripped, kLegacyOcr, kVietnameseOcr };

struct Line {
  uint32_t begin, end;  // token range without the line break
  LineKind kind;
};

// OCR may have damaged words into abbreviation-like ("cta", "Gidam") or code-like ("s6",
// "1ap") tokens; real abbreviations are capitals, real codes carry separators.
bool MayBeDamagedWord(const Token& t, std::string_view s) {
  if (t.kind == TokenKind::kWord) return true;
  if (t.kind == TokenKind::kAbbreviation) return text::ToUpper(s) != s;
  return t.kind == TokenKind::kCode && s.size() <= 6 && s.find_first_of("/-._,") == std::string_view::npos;
}

// The last token of the word that starts at token `i` when English-model OCR glued symbols it
// reads for letters into it ("X&" Xã, "S¢" Sở, "¢6" có, "(ng" ứng), else `i`: letters, digits
// and such symbols with no space between, at most 7 letters. A "(" counts only before a
// non-word with no ")" after it on the line: "(sau" is a parenthesis.
uint32_t GluedWordEnd(const LanguageModel& model, std::string_view text, std::span<const Token> tokens, uint32_t i,
                      uint32_t end) {
  auto letter_paren = [&](uint32_t k) {
    if (k + 1 >= end || tokens[k + 1].kind != TokenKind::kWord) return false;
    if (model.Find(CanonicalWord(tokens[k + 1].In(text))) != 0) return false;
    for (uint32_t j = k + 1; j < end; ++j) {
      if (tokens[j].In(text) == ")") return false;
    }
    return true;
  };
  auto part = [&](uint32_t k) {
    TokenKind kind = tokens[k].kind;
    std::string_view s = tokens[k].In(text);
    return kind == TokenKind::kWord || kind == TokenKind::kNumber || kind == TokenKind::kAbbreviation ||
           kind == TokenKind::kCode ||
           (kind == TokenKind::kPunct && (s == "&" || s == "\u00A2" || (s == "(" && letter_paren(k))));
  };
  if (!part(i)) return i;
  uint32_t last = i;
  bool symbol = false, letters = false;
  while (last + 1 < end && part(last + 1)) ++last;
  for (uint32_t k = i; k <= last; ++k) {
    symbol |= tokens[k].kind == TokenKind::kPunct;
    letters |= tokens[k].kind == TokenKind::kWord;
  }
  bool short_word = text::ToU32(text.substr(tokens[i].begin, tokens[last].end - tokens[i].begin)).size() <= 7;
  return symbol && letters && short_word && last > i ? last : i;
}

// Whether `restored` changes the letters of a word OCR read surely as a code: capitals (and
// digits, separators) only. Marks and Đ for D are the corpus's spelling and may change.
bool SureCodeChanged(const OcrWord& word, std::string_view restored) {
  if (word.confidence < kSureCode) return false;
  bool capital = false;
  for (size_t pos = 0; pos < word.text.size();) {
    text::Letter letter;
    if (text::DescribeLetter(text::NextCodePoint(word.text, &pos), &letter)) {
      if (!letter.upper) return false;
      capital = true;
    }
  }
  return capital && text::Skeleton(restored) != text::Skeleton(word.text);
}

// Auto mode: a line without any mark lost them all (stripped); a line where few words carry
// marks is English-model OCR; otherwise Vietnamese-model OCR, corrected conservatively.
LineKind ClassifyLine(std::string_view text, std::span<const Token> tokens, RestoreMode mode) {
  if (mode == RestoreMode::kStripped) return LineKind::kStripped;
  int words = 0, marked = 0, damaged = 0, beyond_latin1 = 0;
  for (const Token& t : tokens) {
    if (t.kind != TokenKind::kWord && t.kind != TokenKind::kAbbreviation && t.kind != TokenKind::kCode) continue;
    std::string_view s = t.In(text);
    ++words;
    marked += text::HasVietnameseMarks(s);
    damaged += t.kind != TokenKind::kWord && MayBeDamagedWord(t, s);
    // UTF-8 lead bytes from 0xC4 on start code points from U+0100 on.
    beyond_latin1 += std::any_of(s.begin(), s.end(), [](char c) { return static_cast<uint8_t>(c) >= 0xC4; });
  }
  // Stripped text has no "s6" or "cta"; a foreign word or two does not make a line OCR.
  bool clean = damaged < 2 && damaged * 10 < words;
  if (marked == 0 && mode == RestoreMode::kAuto && clean) return LineKind::kStripped;
  // The English model reads marks only as Latin-1 letters (é, ó, à): a line with damaged words
  // and no ơ, ư, đ, ạ, ả … is its output however many é it has ("Phuong Nguyén Nghiém").
  bool english_marks = beyond_latin1 == 0 && damaged > 0 && words >= 3;
  return english_marks || marked * 10 < words * 4 ? LineKind::kLegacyOcr : LineKind::kVietnameseOcr;
}

// Whether token i is a word glued to a slash ("b/cáo", "V/v", "đ/c"): shorthand the model has
// little context for, which OCR lines keep as read.
bool SlashAbbreviation(std::string_view text, std::span<const Token> tokens, uint32_t i, const Line& line) {
  return (i > line.begin && tokens[i - 1].In(text) == "/") || (i + 1 < line.end && tokens[i + 1].In(text) == "/");
}

// OCR case noise ("cÔng", "XÂy") is cleaned; all capitals and Title case are kept.
std::u32string CasePattern(std::string_view s) {
  std::u32string p = text::ToU32(s);
  bool upper_inside = false, lower_any = false;
  for (size_t i = 0; i < p.size(); ++i) {
    bool up = text::LowerLetter(p[i]) != p[i];
    if (up && i > 0) upper_inside = true;
    if (text::UpperLetter(p[i]) != p[i]) lower_any = true;
  }
  if (upper_inside && lower_any) {
    for (size_t i = 1; i < p.size(); ++i) p[i] = text::LowerLetter(p[i]);
  }
  return p;
}

// Turns the alternatives of `word`, which ends at byte `word_end` of the tokenised text, into
// hints for the one word token each alternative changes ("tội," → "tôi," hints "tôi").
void AddHints(const OcrWord& word, uint32_t word_end, std::span<const Token> tokens, std::vector<Hint>* hints) {
  const std::string& read = word.text;
  const uint32_t word_begin = word_end - static_cast<uint32_t>(read.size());
  for (const auto& [alternative, confidence] : word.alternatives) {
    if (confidence <= 0 || word.confidence <= 0 || alternative == read) continue;
    size_t prefix = 0, suffix = 0;
    while (prefix < read.size() && prefix < alternative.size() && read[prefix] == alternative[prefix]) ++prefix;
    while (suffix < read.size() - prefix && suffix < alternative.size() - prefix &&
           read[read.size() - 1 - suffix] == alternative[alternative.size() - 1 - suffix])
      ++suffix;
    const uint32_t changed_begin = word_begin + static_cast<uint32_t>(prefix);
    const uint32_t changed_end = word_end - static_cast<uint32_t>(suffix);
    auto token = std::upper_bound(tokens.begin(), tokens.end(), changed_begin,
                                  [](uint32_t at, const Token& t) { return at < t.end; });
    if (token == tokens.end() || token->kind != TokenKind::kWord || token->begin > changed_begin ||
        token->end < changed_end)
      continue;
    const size_t length = token->end - token->begin + alternative.size() - read.size();
    // A runner-up costs the nats of confidence it trails the word by: weights 0.5–2 measured
    // alike; a bonus or a fixed price on top did worse on held-out degraded pages.
    const float cost = std::log(std::min(1.0f, confidence / word.confidence));
    hints->push_back({static_cast<uint32_t>(token - tokens.begin()),
                      alternative.substr(token->begin - word_begin, length), cost});
  }
}

// The candidate for word `id` among a position's candidates (those at `first` on), appended
// with `cost` when the channel did not propose it.
Candidate& CandidateFor(uint16_t id, float cost, size_t first, std::vector<Candidate>* candidates) {
  auto known = std::find_if(candidates->begin() + first, candidates->end(), [&](const Candidate& c) { return c.id == id; });
  if (known != candidates->end()) return *known;
  candidates->push_back({id, cost});
  return candidates->back();
}

// Per-thread buffers, so that a call allocates only when a paragraph outgrows earlier ones.
struct Scratch {
  const LanguageModel* model = nullptr;
  std::unique_ptr<Decoder> decoder;
  std::vector<Line> lines;
  std::vector<Position> positions;
  std::vector<Candidate> candidates;
  std::vector<Slot> slots;
  std::vector<uint32_t> choice;
  std::vector<float> margins;  // per position
  std::vector<uint16_t> name_ids;  // per token of a line: the place-name syllable it reads as
  std::vector<const std::string*> names_seen;  // place names the text's OCR lines read as
  std::u32string pattern, spelling;
};

Scratch& ScratchFor(const LanguageModel& model) {
  thread_local Scratch scratch;
  if (scratch.model != &model) {
    scratch.model = &model;
    scratch.decoder = std::make_unique<Decoder>(model, kBeam, kBeamThreshold);
  }
  return scratch;
}

constexpr size_t kWindowBytes = size_t{1} << 20;

// Where the window of `text` starting at `begin` ends: the end of the text when it is near, else
// after the last line break of the window's second half, else after its last sentence end
// (". ", "; ", "? ", "! "), else after its last space, else at a code point boundary.
size_t WindowEnd(std::string_view text, size_t begin) {
  if (text.size() - begin <= kWindowBytes) return text.size();
  const std::string_view window = text.substr(begin, kWindowBytes);
  const size_t half = kWindowBytes / 2;
  if (size_t newline = window.rfind('\n'); newline != std::string_view::npos && newline >= half) {
    return begin + newline + 1;
  }
  for (size_t space = window.rfind(' '); space != std::string_view::npos && space >= half;
       space = window.rfind(' ', space - 1)) {
    if (std::string_view(".;?!").find(window[space - 1]) != std::string_view::npos) return begin + space + 1;
  }
  if (size_t space = window.rfind(' '); space != std::string_view::npos && space > 0) return begin + space + 1;
  size_t end = begin + kWindowBytes;
  while (end > begin + 1 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return end;
}

bool IsUpperInitial(std::string_view s) {
  size_t pos = 0;
  char32_t c = text::NextCodePoint(s, &pos);
  return text::UpperLetter(c) == c && text::LowerLetter(c) != c;
}

// The spelling of the administrative unit word token `t` reads as ("Phuong" → phường), or null.
const std::string_view* UnitWord(std::string_view text, const Token& t) {
  const std::string skeleton = text::Skeleton(text::StripDiacritics(t.In(text)));
  for (const auto& [unit, spelling] : kUnitWords) {
    if (skeleton == unit) return &spelling;
  }
  return nullptr;
}

// The tokens after "Lưu:" up to the entry's end (";", "." or the line's end) when token i is
// that capitalised "Lưu": Decree 30/2020's archive entry lists the units keeping a copy ("Lưu: VT, TCCB,
// P.KTTH (3b)"), whose codes in capitals the model has no words for and pass through as read
// ("VE" is a damaged "VT", never "VỀ"). An empty range otherwise.
std::pair<uint32_t, uint32_t> ArchiveEntryCodes(std::string_view text, std::span<const Token> tokens, uint32_t i,
                                                uint32_t end) {
  const std::string_view word = tokens[i].In(text);
  if (tokens[i].kind != TokenKind::kWord || !IsUpperInitial(word) || text::Skeleton(word) != "luu") return {i, i};
  uint32_t first = i + 1;  // after the colon, which older forms leave out ("Lưu VT-NĐ")
  while (first < end && tokens[first].kind == TokenKind::kSpace) ++first;
  if (first < end && tokens[first].In(text) == ":") ++first;
  uint32_t entry_end = first;
  while (entry_end < end && tokens[entry_end].In(text) != ";" && tokens[entry_end].In(text) != ".") ++entry_end;
  return {first, entry_end};
}

// Calls visit(run) for each run of `line`'s tokens that `member` takes, one space apart ("Phuong
// Nghia Chanh", "Doan Duy Duc"), with the tokens' indices.
template <typename Member, typename Visit>
void ForEachRun(std::string_view text, std::span<const Token> tokens, const Line& line, Member member, Visit visit) {
  std::vector<uint32_t> run;
  for (uint32_t i = line.begin; i < line.end; ++i) {
    if (!member(i)) continue;
    const bool joins = !run.empty() && i == run.back() + 2 && tokens[i - 1].In(text) == " ";
    if (!run.empty() && !joins) {
      visit(run);
      run.clear();
    }
    run.push_back(i);
  }
  if (!run.empty()) visit(run);
}

class RestorerImpl final : public Restorer {
 public:
  RestorerImpl(std::unique_ptr<LanguageModel> model, std::unique_ptr<ChannelTable> legacy,
               std::unique_ptr<ChannelTable> vietnamese, std::unique_ptr<Abbreviations> abbreviations,
               std::unique_ptr<PlaceNames> places)
      : model_(std::move(model)),
        legacy_(std::move(legacy)),
        vietnamese_(std::move(vietnamese)),
        abbreviations_(std::move(abbreviations)),
        places_(std::move(places)) {}

  // A text longer than kWindowBytes is restored window by window, so that memory stays bounded
  // whatever the input (one 50 MB line once took 3.5 GB): a token costs some 70 bytes of
  // working state. Each window ends at a line end, else a sentence end, else a space.
  std::string RestoreText(std::string_view nfc_text, const RestoreOptions& options) const override {
    std::string result;
    result.reserve(nfc_text.size() + nfc_text.size() / 4);
    for (size_t begin = 0; begin < nfc_text.size();) {
      const size_t end = WindowEnd(nfc_text, begin);
      RestoreWindow(nfc_text.substr(begin, end - begin), options, &result);
      begin = end;
    }
    return result;
  }

  void RestorePage(OcrPage* page, ToneStyle tone_style) const override {
    page->restored_tokens = 0;
    for (OcrBlock& block : page->blocks) {
      // The block becomes one line of text; each token remembers the word it came from.
      std::string text;
      std::vector<OcrWord*> words;
      std::vector<uint32_t> word_end;
      for (OcrLine& line : block.lines) {
        for (OcrWord& word : line.words) {
          if (word.ocr_text.empty()) word.ocr_text = word.text;
          word.text = text::ToNfc(word.text);
          if (!text.empty()) text += ' ';
          text += word.text;
          words.push_back(&word);
          word_end.push_back(static_cast<uint32_t>(text.size()));
        }
      }
      std::vector<Token> tokens;
      text::Tokenize(text, &tokens);
      std::vector<Hint> hints;
      for (size_t w = 0; w < words.size(); ++w) AddHints(*words[w], word_end[w], tokens, &hints);
      std::vector<std::string> out;
      std::vector<float> margins;
      Restore(text, tokens, RestoreMode::kAuto, tone_style, hints, &out, &margins);
      std::vector<std::string> restored(words.size());
      size_t w = 0;
      for (size_t i = 0; i < tokens.size(); ++i) {
        while (w < words.size() && tokens[i].begin >= word_end[w]) ++w;
        if (w < words.size() && tokens[i].kind != TokenKind::kSpace) {
          restored[w] += out[i];
          words[w]->restore_margin = std::min(words[w]->restore_margin, margins[i]);
        }
      }
      for (size_t i = 0; i < words.size(); ++i) {
        // Pen digits are the hand-digit reader's, not text the language model knows better; a
        // code OCR was sure of keeps its letters ("CSTT" is no damaged "CNTT").
        if (restored[i] != words[i]->text && !words[i]->handwritten && !SureCodeChanged(*words[i], restored[i])) {
          words[i]->text = std::move(restored[i]);
          ++page->restored_tokens;
        }
      }
    }
  }

 private:
  // Restores one window of RestoreText, appending it to *result.
  void RestoreWindow(std::string_view nfc_text, const RestoreOptions& options, std::string* result) const {
    std::string text = text::ToNfc(nfc_text);
    std::vector<Token> tokens;
    text::Tokenize(text, &tokens);
    std::vector<std::string> out;
    Restore(text, tokens, options.mode, options.tone_style, {}, &out, nullptr);
    for (const std::string& s : out) *result += s;
  }

  // `hints` are sorted by token. When `margins` is not null, it receives each token's decoding
  // margin (Decoder::Margins; infinity for a token the decoder had no choice for).
  void Restore(std::string_view text, std::span<const Token> tokens, RestoreMode mode, ToneStyle style,
               std::span<const Hint> hints, std::vector<std::string>* out, std::vector<float>* margins) const;
  void RestoreParagraph(std::string_view text, std::span<const Token> tokens, std::span<const Line> lines,
                        ToneStyle style, std::span<const Hint> hints, char32_t* list_letter, Scratch* scratch,
                        std::vector<std::string>* out, std::vector<float>* margins) const;
  void AddHintCandidates(std::span<const Hint> hints, uint32_t token, uint32_t first,
                         std::vector<Candidate>* candidates) const;
  bool Continues(std::string_view text, std::span<const Token> tokens, const Line& line) const;
  void FixCapitalRuns(std::string_view token, LineKind kind, std::string* out) const;
  void MarkPlaceNames(std::string_view text, std::span<const Token> tokens, const Line& line,
                      std::vector<uint16_t>* name_ids, std::vector<const std::string*>* names_seen) const;
  const std::string* SeenNameNear(std::string_view text, const Token& a, const Token& b,
                                  std::span<const std::string* const> names_seen) const;
  const std::string* PlaceNameByChannel(std::string_view text, const Token& a, const Token& b) const;
  // −ln P(read | spelling) in nats by the English-model channel, case aside.
  float LegacyCost(std::string_view read, std::string_view spelling) const {
    return legacy_->Cost(text::ToU32(text::ToLower(read)), text::ToU32(text::ToLower(spelling)));
  }
  void VoteRecurringNames(std::string_view text, std::span<const Token> tokens, std::span<const Line> lines,
                          std::vector<std::string>* out) const;
  // The model id of a token as written: its word, punctuation mark or class.
  uint16_t ReadingId(const Token& t, std::string_view s) const {
    uint16_t id = ClassIdOf(t.kind);
    if (id != 0) return id;
    id = model_->Find(t.kind == TokenKind::kWord ? CanonicalWord(s) : std::string(s));
    return id != 0 ? id : FallbackId(t.kind);
  }

  std::unique_ptr<LanguageModel> model_;
  std::unique_ptr<ChannelTable> legacy_, vietnamese_;
  std::unique_ptr<Abbreviations> abbreviations_;
  std::unique_ptr<PlaceNames> places_;
};

void RestorerImpl::Restore(std::string_view text, std::span<const Token> tokens, RestoreMode mode,
                           ToneStyle style, std::span<const Hint> hints, std::vector<std::string>* out,
                           std::vector<float>* margins) const {
  Scratch& scratch = ScratchFor(*model_);
  out->assign(tokens.size(), std::string());
  if (margins) margins->assign(tokens.size(), std::numeric_limits<float>::infinity());
  for (size_t i = 0; i < tokens.size(); ++i) (*out)[i] = tokens[i].In(text);
  std::vector<Line>& lines = scratch.lines;
  lines.clear();
  for (uint32_t i = 0, begin = 0; i <= tokens.size(); ++i) {
    if (i == tokens.size() || tokens[i].kind == TokenKind::kNewline) {
      lines.push_back({begin, i, ClassifyLine(text, tokens.subspan(begin, i - begin), mode)});
      begin = i + 1;
    }
  }
  // A text is stripped or OCR output, not both: in a text mostly of English-model OCR, lines
  // without marks are OCR lines that happen to read as syllables ("guan trong nam 2025").
  size_t legacy = std::count_if(lines.begin(), lines.end(), [](const Line& l) { return l.kind == LineKind::kLegacyOcr; });
  size_t stripped = std::count_if(lines.begin(), lines.end(), [](const Line& l) { return l.kind == LineKind::kStripped; });
  if (mode == RestoreMode::kAuto && legacy > stripped) {
    for (Line& l : lines) {
      if (l.kind == LineKind::kStripped) l.kind = LineKind::kLegacyOcr;
    }
  }
  // A letter names its places again and again: the names its OCR lines read as are known
  // before any line is decoded, so that a worse-damaged occurrence can take one of them.
  scratch.names_seen.clear();
  for (const Line& line : lines) MarkPlaceNames(text, tokens, line, &scratch.name_ids, &scratch.names_seen);
  char32_t list_letter = 0;
  for (size_t first = 0; first < lines.size();) {
    size_t last = first + 1;
    while (last < lines.size() && Continues(text, tokens, lines[last])) ++last;
    RestoreParagraph(text, tokens, std::span<const Line>(lines).subspan(first, last - first), style, hints,
                     &list_letter, &scratch, out, margins);
    first = last;
  }
  VoteRecurringNames(text, tokens, lines, out);
}

// A letter names its persons and places again and again, and English-model OCR damages each
// mention its own way ("Doan Duy Duc", "Doan Duy Dirc", "Doan Duy Direc"): mentions of 2–4
// capitalised words (a run of more, "Ông Đoàn Duy Đức", also without its first) whose words
// start alike and read as each other's spellings are one name, spelt everywhere, word by word,
// the way that explains all their readings best: of the mentions' spellings that are words (a
// damaged word left as read is none), the least channel cost summed over the mentions, by
// kPlaceNameMargin.
void RestorerImpl::VoteRecurringNames(std::string_view text, std::span<const Token> tokens, std::span<const Line> lines,
                                      std::vector<std::string>* out) const {
  using Mention = std::vector<uint32_t>;
  // By word count and the first letter of each word's spelling (only those can be one name),
  // then by what was read and how it is spelt: a long text repeats a name hundreds of times.
  std::map<std::string, std::map<std::string, std::vector<Mention>>> alike;
  const auto add = [&](Mention mention) {
    if (mention.size() < 2 || mention.size() > kMaxNameWords) return;
    std::string key(1, static_cast<char>('0' + mention.size())), same;
    for (uint32_t i : mention) {
      key += text::Skeleton((*out)[i]).substr(0, 1);
      same += std::string(tokens[i].In(text)) + '\t' + (*out)[i] + '\t';
    }
    alike[key][same].push_back(std::move(mention));
  };
  // Capitalised words, read and spelt as one word each.
  const auto name_word = [&](uint32_t i) {
    const std::string_view read = tokens[i].In(text);
    const std::string& spelt = (*out)[i];
    return MayBeDamagedWord(tokens[i], read) && IsUpperInitial(read) && text::ToUpper(read) != read && !spelt.empty() &&
           spelt.find(' ') == std::string::npos && IsUpperInitial(spelt);
  };
  for (const Line& line : lines) {
    if (line.kind != LineKind::kLegacyOcr) continue;
    ForEachRun(text, tokens, line, name_word, [&](const Mention& run) {
      if (run.size() >= 3) add(Mention(run.begin() + 1, run.end()));
      add(run);
    });
  }
  const auto lower = [](std::string_view s) { return text::ToU32(text::ToLower(s)); };
  const auto cost = [&](uint32_t read, const std::string& spelt) { return LegacyCost(tokens[read].In(text), spelt); };
  const auto one_name = [&](const Mention& a, const Mention& b) {
    for (size_t k = 0; k < a.size(); ++k) {
      const std::string &spelt_a = (*out)[a[k]], &spelt_b = (*out)[b[k]];
      if (lower(spelt_a) != lower(spelt_b) && cost(a[k], spelt_b) > kSameNameWordCost &&
          cost(b[k], spelt_a) > kSameNameWordCost) {
        return false;
      }
    }
    return true;
  };
  for (auto& [key, by_reading] : alike) {
    std::vector<std::vector<Mention>*> readings;  // mentions read and spelt alike
    for (auto& [same, mentions] : by_reading) readings.push_back(&mentions);
    std::vector<bool> grouped(readings.size(), false);
    for (size_t m = 0; m < readings.size(); ++m) {
      if (grouped[m]) continue;
      std::vector<size_t> group = {m};
      grouped[m] = true;
      for (size_t g = 0; g < group.size(); ++g) {
        for (size_t n = m + 1; n < readings.size(); ++n) {
          if (!grouped[n] && one_name(readings[group[g]]->front(), readings[n]->front())) group.push_back(n), grouped[n] = true;
        }
      }
      if (group.size() < 2) continue;
      for (size_t k = 0; k < readings[m]->front().size(); ++k) {
        std::vector<std::pair<std::string, float>> spellings;  // with their cost over the group
        for (size_t g : group) {
          const std::string& spelt = (*out)[readings[g]->front()[k]];
          const auto known = [&](const auto& s) { return lower(s.first) == lower(spelt); };
          if (model_->Find(CanonicalWord(spelt)) < lm::kFirstWordId) continue;
          if (std::any_of(spellings.begin(), spellings.end(), known)) continue;
          float total = 0;
          for (size_t h : group) total += cost(readings[h]->front()[k], spelt) * static_cast<float>(readings[h]->size());
          spellings.emplace_back(spelt, total);
        }
        if (spellings.empty()) continue;
        std::sort(spellings.begin(), spellings.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
        if (spellings.size() > 1 && spellings[1].second - spellings[0].second < kPlaceNameMargin) continue;
        for (size_t g : group) {
          for (const Mention& mention : *readings[g]) (*out)[mention[k]] = spellings[0].first;
        }
      }
    }
  }
}

// A line starting with a lower-case word continues the sentence of the line before it; a
// list item ("d) …", "a. …") never does.
bool RestorerImpl::Continues(std::string_view text, std::span<const Token> tokens, const Line& line) const {
  uint32_t i = line.begin;
  while (i < line.end && tokens[i].kind == TokenKind::kSpace) ++i;
  if (i == line.end || tokens[i].kind != TokenKind::kWord) return false;
  std::string_view first = tokens[i].In(text);
  if (IsUpperInitial(first)) return false;
  if (i + 1 < line.end && tokens[i + 1].kind == TokenKind::kPunct && text::ToU32(first).size() == 1) {
    std::string_view p = tokens[i + 1].In(text);
    if (p == ")" || p == ".") return false;
  }
  return true;
}

void RestorerImpl::RestoreParagraph(std::string_view text, std::span<const Token> tokens,
                                    std::span<const Line> lines, ToneStyle style, std::span<const Hint> hints,
                                    char32_t* list_letter, Scratch* scratch, std::vector<std::string>* out,
                                    std::vector<float>* margins) const {
  auto& positions = scratch->positions;
  auto& candidates = scratch->candidates;
  auto& slots = scratch->slots;
  positions.clear();
  candidates.clear();
  slots.clear();
  bool list_item = false;
  for (const Line& line : lines) {
    MarkPlaceNames(text, tokens, line, &scratch->name_ids, &scratch->names_seen);
    const bool stripped = line.kind == LineKind::kStripped;
    const ChannelTable& channel = line.kind == LineKind::kLegacyOcr ? *legacy_ : *vietnamese_;
    std::pair<uint32_t, uint32_t> codes{line.begin, line.begin};
    bool drafter = false;  // inside the entry's "(…)"
    for (uint32_t i = line.begin; i < line.end; ++i) {
      const Token& t = tokens[i];
      if (t.kind == TokenKind::kSpace) continue;
      if (i >= codes.second) codes = ArchiveEntryCodes(text, tokens, i, line.end);
      const bool in_entry = i >= codes.first && i < codes.second;
      drafter = in_entry && (t.In(text).find('(') != std::string_view::npos || drafter);
      // Its words in lower case ("Vụ", "Phòng", "hồ sơ") are words, and corrected as such; but
      // what Vietnamese OCR read in its parentheses is the drafter's name or initials and the
      // copies kept ("KTN (Vũ 55)", "NC (lnphong55)"): a name no model knows better.
      const bool as_read = in_entry && (text::ToUpper(t.In(text)) == t.In(text) ||
                                        (drafter && line.kind == LineKind::kVietnameseOcr));
      if (t.In(text).find(')') != std::string_view::npos) drafter = false;
      std::string_view s = t.In(text);
      Position pos{static_cast<uint32_t>(candidates.size()), 1};
      bool choose = false, reading = false;
      const uint32_t last =
          line.kind == LineKind::kLegacyOcr && !as_read ? GluedWordEnd(*model_, text, tokens, i, line.end) : i;
      if (as_read) {
        // An archive entry's code: its reading only, below.
      } else if (last != i) {
        s = text.substr(t.begin, tokens[last].end - t.begin);
        AppendOcrCandidates(*model_, s, lm::kUnk, channel, &candidates);
        choose = reading = true;
      } else if (!stripped && MayBeDamagedWord(t, s) && !SlashAbbreviation(text, tokens, i, line)) {
        AppendOcrCandidates(*model_, s, ReadingId(t, s), channel, &candidates);
        AddHintCandidates(hints, i, pos.first, &candidates);
        if (line.kind == LineKind::kVietnameseOcr && IsUpperInitial(s) && candidates[pos.first].id >= lm::kFirstWordId) {
          // Vietnamese OCR reads a known capitalised word (mostly names: "Nông Bích Sảng") right
          // far more often than the model knows its rarer spellings.
          for (size_t k = pos.first + 1; k < candidates.size(); ++k) candidates[k].cost -= kKnownNamePrice;
        }
        choose = reading = true;
        if (uint16_t name = scratch->name_ids[i - line.begin]; name != 0) {
          // The name's spelling costs nothing of the channel, however damaged the reading: the
          // gazetteer, not the letters, proposed it.
          Candidate& spelling = CandidateFor(name, 0, pos.first, &candidates);
          spelling.cost = std::max(spelling.cost, 0.0f) + kNameBonus;
        }
      } else if (t.kind == TokenKind::kWord && stripped && !text::HasVietnameseMarks(s)) {
        std::string skeleton = text::Skeleton(s);
        std::span<const uint16_t> ids = model_->Candidates(skeleton);
        bool marker = slots.empty() && i + 1 < line.end && tokens[i + 1].In(text) == ")";
        if (marker) list_item = true;
        // Legal lists run a) b) c) d) đ) e): the letter before decides between d and đ.
        uint16_t forced = 0;
        if (marker && skeleton == "d" && (*list_letter == U'c' || *list_letter == U'd')) {
          forced = model_->Find(*list_letter == U'c' ? "d" : "đ");
        }
        if (forced != 0) {
          candidates.push_back({forced, 0});
        } else {
          float floor = ids.empty() ? 0 : model_->Unigram(ids[0]) - kRareCandidate;
          for (uint16_t id : ids) {
            if (model_->Unigram(id) >= floor) candidates.push_back({id, 0});
          }
        }
        choose = candidates.size() > pos.first;
      }
      if (!choose) {
        candidates.push_back({ReadingId(t, s), 0});
        if (t.kind == TokenKind::kAbbreviation || t.kind == TokenKind::kCode) {
          FixCapitalRuns(s, line.kind, &(*out)[i]);
          bool slash_added = (*out)[i][0] == '/' && s[0] != '/';
          if (slash_added && i >= 2 && tokens[i - 1].kind == TokenKind::kSpace && tokens[i - 2].kind == TokenKind::kNumber) {
            (*out)[i - 1].clear();
          }
        }
      }
      pos.count = static_cast<uint32_t>(candidates.size()) - pos.first;
      positions.push_back(pos);
      slots.push_back({i, last, choose, reading});
      i = last;
    }
  }
  if (positions.empty()) return;
  scratch->decoder->Decode(positions, candidates, &scratch->choice);
  if (margins) {
    scratch->decoder->Margins(positions, candidates, scratch->choice, &scratch->margins);
    for (size_t p = 0; p < slots.size(); ++p) (*margins)[slots[p].token] = scratch->margins[p];
  }
  for (size_t p = 0; p < slots.size(); ++p) {
    if (!slots[p].choose || (slots[p].first_is_reading && scratch->choice[p] == 0)) continue;
    uint16_t id = candidates[positions[p].first + scratch->choice[p]].id;
    const Slot& slot = slots[p];
    scratch->pattern = CasePattern(text.substr(tokens[slot.token].begin, tokens[slot.last].end - tokens[slot.token].begin));
    scratch->spelling = text::ToU32(model_->Spelling(id, style));
    (*out)[slot.token] = text::CopyCase(scratch->pattern, scratch->spelling);
    for (uint32_t k = slot.token + 1; k <= slot.last; ++k) (*out)[k].clear();
    if (p == 0 && list_item) *list_letter = text::ToU32(model_->Spelling(id, ToneStyle::kNew))[0];
  }
}

// OCR's runner-up readings of token `token` join its candidates (those at `first` on), or make
// a candidate already there cheaper.
void RestorerImpl::AddHintCandidates(std::span<const Hint> hints, uint32_t token, uint32_t first,
                                     std::vector<Candidate>* candidates) const {
  auto hint = std::lower_bound(hints.begin(), hints.end(), token, [](const Hint& h, uint32_t t) { return h.token < t; });
  for (; hint != hints.end() && hint->token == token; ++hint) {
    const uint16_t id = model_->Find(CanonicalWord(hint->text));
    if (id < lm::kFirstWordId) continue;
    Candidate& candidate = CandidateFor(id, hint->cost, first, candidates);
    candidate.cost = std::max(candidate.cost, hint->cost);
  }
}

// Marks the words of a legacy OCR line that read as a known place name of 2+ syllables
// ("Phuong Nghia Chanh" → Nghĩa Chánh) with the name's syllables.
void RestorerImpl::MarkPlaceNames(std::string_view text, std::span<const Token> tokens, const Line& line,
                                  std::vector<uint16_t>* name_ids, std::vector<const std::string*>* names_seen) const {
  name_ids->assign(line.end - line.begin, 0);
  if (line.kind != LineKind::kLegacyOcr) return;
  // Damaged words too: English-model OCR's "Ditc" and "V6" are no syllables.
  const auto word = [&](uint32_t i) { return MayBeDamagedWord(tokens[i], tokens[i].In(text)); };
  ForEachRun(text, tokens, line, word, [&](const std::vector<uint32_t>& run) {
    for (size_t first = 0; first < run.size(); ++first) {
      std::string phrase;
      size_t matched = 0;
      const std::string* name = nullptr;
      for (size_t n = 1; n <= PlaceNames::kMaxSyllables && first + n <= run.size(); ++n) {
        if (n > 1) phrase += ' ';
        phrase += text::Skeleton(text::StripDiacritics(tokens[run[first + n - 1]].In(text)));
        if (n < 2) continue;
        if (const std::string* found = places_->Find(phrase)) name = found, matched = n;
      }
      // A name is capitalised, and one inside a longer capitalised run is more likely part of a
      // person's name ("V6 Van Duong" is Võ Văn Dương, not Vân Dương): only a unit word may
      // stand before it.
      const auto upper = [&](size_t k) { return k < run.size() && IsUpperInitial(tokens[run[k]].In(text)); };
      const auto name_like = [&](size_t n) {
        for (size_t k = first; k < first + n; ++k) {
          if (!upper(k)) return false;
        }
        return !(first > 0 && upper(first - 1) && UnitWord(text, tokens[run[first - 1]]) == nullptr) && !upper(first + n);
      };
      if (name != nullptr && !name_like(matched)) name = nullptr;
      // Two words damaged past their skeletons (one is no syllable: two syllables as read are
      // the exact match's, which found nothing or more than one name) may still read as a name.
      const auto damaged_pair = [&] {
        if (first + 2 > run.size() || !name_like(2)) return false;
        const Token& a = tokens[run[first]];
        const Token& b = tokens[run[first + 1]];
        return ReadingId(a, a.In(text)) < lm::kFirstWordId || ReadingId(b, b.In(text)) < lm::kFirstWordId;
      };
      const bool damaged = name == nullptr && damaged_pair();
      if (damaged) {
        name = PlaceNameByChannel(text, tokens[run[first]], tokens[run[first + 1]]);
        matched = 2;
      }
      if (name != nullptr && std::find(names_seen->begin(), names_seen->end(), name) == names_seen->end()) {
        names_seen->push_back(name);
      }
      if (damaged && name == nullptr) name = SeenNameNear(text, tokens[run[first]], tokens[run[first + 1]], *names_seen);
      if (name == nullptr) continue;
      // The unit word before a name is as sure as the name: "Phuong Nghia Chanh" is a Phường.
      if (first > 0) {
        if (const std::string_view* unit = UnitWord(text, tokens[run[first - 1]])) {
          (*name_ids)[run[first - 1] - line.begin] = model_->Find(*unit);
        }
      }
      std::string_view rest = *name;
      for (size_t k = 0; k < matched; ++k) {
        size_t space = rest.find(' ');
        (*name_ids)[run[first + k] - line.begin] = model_->Find(CanonicalWord(rest.substr(0, space)));
        rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
      }
      first += matched - 1;
    }
  });
}

// The place name of two syllables that two capitalised words damaged past their skeletons (the
// caller checks both) read as, each word's syllable being one of the English-model channel's
// candidates for it ("Ditc Phé" → Đức Phổ); of several, the one the channel finds likelier by
// kPlaceNameMargin nats; nullptr when none.
const std::string* RestorerImpl::PlaceNameByChannel(std::string_view text, const Token& a, const Token& b) const {
  std::vector<std::pair<std::string, float>> readings[2];  // skeleton, channel log-likelihood
  std::vector<Candidate> candidates;
  const Token* words[2] = {&a, &b};
  for (int w = 0; w < 2; ++w) {
    const std::string_view s = words[w]->In(text);
    candidates.clear();
    AppendOcrCandidates(*model_, s, ReadingId(*words[w], s), *legacy_, &candidates);
    readings[w].emplace_back(text::Skeleton(text::StripDiacritics(s)), 0.0f);
    for (const Candidate& c : candidates) {
      if (c.id < lm::kFirstWordId) continue;
      readings[w].emplace_back(text::Skeleton(text::StripDiacritics(model_->Spelling(c.id, ToneStyle::kNew))), c.cost);
    }
  }
  const std::string* best = nullptr;
  float best_cost = -1e9f, other_cost = -1e9f;
  for (const auto& [first, first_cost] : readings[0]) {
    for (const auto& [second, second_cost] : readings[1]) {
      const std::string* name = places_->Find(first + " " + second);
      if (name == nullptr) continue;
      const float cost = first_cost + second_cost;
      if (best != nullptr && *name == *best) {
        best_cost = std::max(best_cost, cost);
      } else if (cost > best_cost) {
        if (best != nullptr) other_cost = std::max(other_cost, best_cost);
        best = name, best_cost = cost;
      } else {
        other_cost = std::max(other_cost, cost);
      }
    }
  }
  return best != nullptr && best_cost - other_cost >= kPlaceNameMargin ? best : nullptr;
}

// The place name of two syllables among `names_seen` that two capitalised words, one of them no
// syllable (the caller checks both), are likeliest damaged from ("Dire Pho" → Đức Phổ when the
// letter names Đức Phổ elsewhere): each syllable keeps its first letter, the channel cost stays
// within kSeenNameCost nats and beats any other seen name's by kPlaceNameMargin; nullptr
// otherwise.
const std::string* RestorerImpl::SeenNameNear(std::string_view text, const Token& a, const Token& b,
                                              std::span<const std::string* const> names_seen) const {
  const std::string_view read[2] = {a.In(text), b.In(text)};
  const std::string* best = nullptr;
  float best_cost = 1e9f, other_cost = 1e9f;
  for (const std::string* name : names_seen) {
    const size_t space = name->find(' ');
    if (space == std::string::npos || name->find(' ', space + 1) != std::string::npos) continue;
    const std::string_view truth[2] = {std::string_view(*name).substr(0, space), std::string_view(*name).substr(space + 1)};
    float cost = 0;
    for (int w = 0; w < 2; ++w) {
      if (text::Skeleton(read[w])[0] != text::Skeleton(truth[w])[0]) cost = 1e9f;
      cost += LegacyCost(read[w], truth[w]);
    }
    if (cost < best_cost) {
      other_cost = std::min(other_cost, best_cost);
      best = name, best_cost = cost;
    } else {
      other_cost = std::min(other_cost, cost);
    }
  }
  return best_cost <= kSeenNameCost && other_cost - best_cost >= kPlaceNameMargin ? best : nullptr;
}

// "QD" → "QĐ", "HDND" → "HĐND": all-capital runs inside codes and abbreviations get the
// spelling the corpus uses for them (Vietnamese-model OCR reads Đ itself); on OCR lines, runs
// one letter off a common abbreviation are repaired ("UBRD" → "UBND").
void RestorerImpl::FixCapitalRuns(std::string_view token, LineKind kind, std::string* out) const {
  std::string result;
  size_t pos = 0, run_start = 0;
  bool upper_run = true;
  auto flush = [&](size_t end) {
    std::string_view run = token.substr(run_start, end - run_start);
    std::string_view fixed;
    if (upper_run && run.size() >= 2 && kind != LineKind::kStripped) {
      fixed = abbreviations_->Repair(run, token.find('/') != std::string_view::npos);
    }
    if (!fixed.empty()) {
      // "2577 JUBND-KGVX": the slash of a number code read as a letter.
      bool slash = run_start == 0 && (run[0] == 'J' || run[0] == 'I') && text::Skeleton(run.substr(1)) == text::Skeleton(fixed);
      result += slash ? "/" : "";
      result += fixed;
      return;
    }
    if (upper_run && run.size() >= 2 && kind != LineKind::kVietnameseOcr) fixed = model_->CapitalRun(text::Skeleton(run));
    result += (!fixed.empty() && text::Skeleton(fixed) == text::Skeleton(run)) ? fixed : run;
  };
  while (pos < token.size()) {
    size_t at = pos;
    char32_t c = text::NextCodePoint(token, &pos);
    text::Letter l;
    if (text::DescribeLetter(c, &l)) {
      upper_run = upper_run && l.upper;
      continue;
    }
    flush(at);
    result += token.substr(at, pos - at);
    run_start = pos;
    upper_run = true;
  }
  flush(token.size());
  *out = std::move(result);
}

}  // namespace

StatusOr<std::unique_ptr<Restorer>> Restorer::Load(const std::string& data_dir) {
  std::string dir = (data_dir.empty() ? std::string(".") : data_dir) + "/";
  auto model = LanguageModel::Open(dir + kModelFile);
  if (!model.ok()) return model.status();
  auto legacy = ChannelTable::Load(dir + kLegacyChannelFile, kLegacyOcr);
  if (!legacy.ok()) return legacy.status();
  auto vietnamese = ChannelTable::Load(dir + kVietnameseChannelFile, kVietnameseOcr);
  if (!vietnamese.ok()) return vietnamese.status();
  auto abbreviations = Abbreviations::Load(dir + kAbbreviationFile);
  if (!abbreviations.ok()) return abbreviations.status();
  auto places = PlaceNames::Load(dir + kPlaceNameFile);
  if (!places.ok()) return places.status();
  return std::unique_ptr<Restorer>(new RestorerImpl(std::move(model).value(), std::move(legacy).value(),
                                                    std::move(vietnamese).value(), std::move(abbreviations).value(),
                                                    std::move(places).value()));
}

}  // namespace vanban::restore
