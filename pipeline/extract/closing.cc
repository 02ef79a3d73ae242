// The "Kính gửi" list under the subject, and the closing: the "Nơi nhận" list (bottom left) beside
// the signer block (bottom right: authority lines TM./KT./TL./TUQ./Q., the title, the name). In
// OCR text a closing row often carries a list entry and a signer line side by side; a row is
// split at an authority prefix, at a title or at a name after the entry's terminator.
#include <algorithm>
#include <set>

#include "pipeline/extract/fold.h"
#include "pipeline/extract/sections.h"
#include "pipeline/text/unicode.h"
#include "pipeline/text/vietnamese.h"

namespace vanban::extract {
namespace {

constexpr size_t kNone = std::string::npos;
// Folded letters of a damaged title line from which it is taken for the end of a deputy's title.
constexpr size_t kMinTitleTail = 5;
// The signer block has at most this many rows (authority ×2, title, name and blank lines).
constexpr size_t kSignerRowsAbove = 7;
// Degrees and ranks printed before a signer's name ("TS. Lê Anh Đức", "Trung tá Ngô Văn Công",
// "PGS.TS. …"), folded: the name field is the name alone.
const std::set<std::string> kNamePrefixes = {
    "ts",       "ths",      "pgs",      "gs",       "pgsts",     "gsts",       "ks",        "bs",
    "ds",       "ls",       "cn",       "ncs",      "daita",     "thuongta",   "trungta",   "thieuta",
    "daiuy",    "thuonguy", "trunguy",  "thieuuy",  "thieutuong", "trungtuong", "thuongtuong", "daituong"};

bool StartsWithDash(std::string_view line) {
  std::string trimmed = Trim(line);
  if (trimmed.empty()) return false;
  char c = trimmed[0];
  return c == '-' || c == '_' || c == '~' || c == '+' || c == '*' ||
         trimmed.rfind("\xE2\x80\x93", 0) == 0 || trimmed.rfind("\xE2\x80\x94", 0) == 0 ||
         trimmed.rfind("\xE2\x80\xA2", 0) == 0;
}

bool StartsLowerOrParen(std::string_view line) {
  std::string trimmed = Trim(line);
  if (trimmed.empty()) return false;
  if (trimmed[0] == '(') return true;
  std::vector<Token> tokens = Tokenize(trimmed);
  std::string_view word = std::string_view(trimmed).substr(0, tokens[0].end);
  return UpperShare(word) == 0 && FoldKey(word) != "";
}

// Whether a line holds no word of two letters or digits, only specks ("h _ _¬", ". '").
bool OnlySpecks(std::string_view line) {
  for (const Token& token : Tokenize(line)) {
    if (FoldKey(token.In(line)).size() >= 2) return false;
  }
  return true;
}

// Confidence of a list whose last entry says more follow: under the review threshold.
constexpr double kUnfinishedList = 0.6;

// Builds the entries of a printed list from its lines: a dash opens an entry; a line without a
// dash continues the open entry (one not yet ended by ";" or ".") however many lines it wraps
// over ("Các sở, ngành: …" naming a dozen agencies runs to seven). What else ends an open entry,
// whose terminator OCR may have lost, is the caller's: the signer column beside it, a vertical
// gap (EndEntryAtGap) and the end of the page.
class ListBuilder {
 public:
  // Whether the line, read at `source`, belongs to the list (blank lines do, and change nothing).
  bool Add(std::string_view line, Span source, bool allow_capital_continuation) {
    std::string trimmed = Trim(line);
    if (trimmed.empty() || FoldKey(trimmed).empty()) return !closed_;
    if (closed_) return false;
    // Between entries, a line of specks is what a black seal or a signature left in the column
    // ("h _ _¬" on a bitonal scan), not the end of the list.
    if (!open_ && !entries_.empty() && !StartsWithDash(trimmed) && OnlySpecks(trimmed)) return true;
    if (StartsWithDash(trimmed) || entries_.empty()) {
      entries_.push_back({{trimmed}, {source}});
    } else if ((open_ || (allow_capital_continuation && ContinuesEnumeration(trimmed))) &&
               (allow_capital_continuation || StartsLowerOrParen(trimmed))) {
      entries_.back().lines.push_back(trimmed);
      entries_.back().sources.push_back(source);
    } else {
      return false;
    }
    char terminator = EntryTerminator(trimmed);
    open_ = terminator == 0;
    // The list ends with its "Lưu" entry or with a full stop.
    if (terminator == '.' || FoldKey(entries_.back().lines.front()).rfind("luu", 0) == 0) closed_ = true;
    return true;
  }

  bool closed() const { return closed_; }
  // Whether the list stopped after an entry ended with ";", which says another follows: the
  // rest was lost to something OCR read in its way (a stamp, a scribble, a page break).
  bool unfinished() const {
    return !closed_ && !entries_.empty() && EntryTerminator(entries_.back().lines.back()) == ';';
  }
  // The lines of a wrapped entry are set solid: after a gap wider than a line, the entry is over
  // even when OCR lost its terminator, and a line without a dash no longer belongs to it. Only a
  // layout row is blank for a gap: a blank line of OCR text is a paragraph break, which
  // Tesseract may put inside an entry's hanging indent.
  void EndEntryAtGap(const Row& row) {
    if (row.empty() && row.has_layout) open_ = false;
  }

 private:
  // "- Các Công ty: CP Môi trường đô thị;" then "CP Xây dựng …;" without a dash: the items of an
  // entry that names a group before its colon, each ended like an entry.
  bool ContinuesEnumeration(std::string_view line) const {
    const std::string& head = entries_.back().lines.front();
    size_t colon = head.find(':');
    return colon != std::string::npos && FoldKey(head).rfind("luu", 0) != 0 && EntryTerminator(line) == ';';
  }

 public:

  // The entries and where each was read, into *list.
  void Fill(ListField* list) const {
    for (const Entry& lines : entries_) {
      std::string entry = CleanEntry(JoinWrapped(lines.lines));
      // Two letters or fewer is a speck the seal or a scribble left, not an addressee.
      if (FoldKey(entry).size() <= 2) continue;
      list->entries.push_back(std::move(entry));
      list->sources.push_back(lines.sources);
    }
  }

 private:
  struct Entry {
    std::vector<std::string> lines;
    std::vector<Span> sources;
  };
  std::vector<Entry> entries_;
  bool open_ = false, closed_ = false;
};

enum class Kind { kJunk, kAuthority, kTitle, kName, kDamagedName };

struct SignerLine {
  Kind kind = Kind::kJunk;
  std::string text;
  double ocr_confidence = 1;  // the lowest word confidence of the line, 0..1
  std::string read{};         // the line as OCR read it, folded
  Span source{};
  bool repaired = false;  // completed from the dictionaries: what a seal covered was put back
};

std::string Word(std::string_view text, Token token) {
  return Trim(token.In(text), ",.;:");
}

// The authority prefix a word is or opens with: "KT." of "KT." or of "KT.HIỆU" (printed without
// its space, as on delegation stamps); empty when none.
std::string_view AuthorityPrefix(std::string_view word, const Dictionaries& dictionaries) {
  const size_t dot = word.find('.');
  const std::string_view prefix = dot == kNone ? word : word.substr(0, dot + 1);
  if (!dictionaries.Authority(FoldKey(prefix)).has_value() || UpperShare(prefix) < 1) return {};
  return prefix;
}

bool IsAuthorityToken(std::string_view text, const std::vector<Token>& tokens, size_t i,
                      const Dictionaries& dictionaries) {
  std::string_view word = tokens[i].In(text);
  const std::string_view prefix = AuthorityPrefix(word, dictionaries);
  // "PCVP (KT), TH": a bracketed word notes a list entry's part, it opens no signer block.
  if (prefix.empty() || word.front() == '(') return false;
  if (prefix.size() < word.size()) return IsUpperDominant(word.substr(prefix.size()));
  bool dotted = word.back() == '.';
  bool upper_follows = i + 1 < tokens.size() && IsUpperDominant(Word(text, tokens[i + 1]));
  return upper_follows && (dotted || FoldKey(word).size() >= 2);
}

// Whether `word` may be a word of a person's name: capitalised, and a lone letter only when it
// is a syllable ("Hờ A Di"); a lone consonant is a seal's or a signature's debris ("Lò G").
bool IsNameWord(std::string_view word) {
  if (!IsCapitalizedWord(word)) return false;
  std::u32string letters = text::ToU32(word);
  if (letters.size() > 1) return true;
  letters[0] = text::LowerLetter(letters[0]);
  return text::IsValidSyllable(letters);
}

// Where the trailing person name of a line starts ("… Trần Hoàng Tuấn"), kNone if none.
size_t TrailingName(std::string_view text, const Dictionaries& dictionaries) {
  std::vector<Token> tokens = Tokenize(text);
  size_t first = tokens.size();
  while (first > 0 && tokens.size() - first < 5 && IsNameWord(Word(text, tokens[first - 1]))) --first;
  while (first < tokens.size() && !dictionaries.IsSurname(FoldKey(Word(text, tokens[first])))) ++first;
  return tokens.size() - first >= 2 ? tokens[first].begin : kNone;
}

// Whether `words` is a run of degrees and ranks (kNamePrefixes): "TS.", "PGS.TS.", "Trung tá".
bool IsNamePrefix(std::string_view words) {
  std::vector<Token> tokens = Tokenize(words);
  auto folded = [&](size_t first, size_t last) {
    return FoldKey(words.substr(tokens[first].begin, tokens[last].end - tokens[first].begin));
  };
  size_t first = 0;
  while (first < tokens.size()) {
    size_t last = first;
    while (last < tokens.size() && kNamePrefixes.count(folded(first, last)) == 0) ++last;
    if (last == tokens.size()) return false;
    first = last + 1;
  }
  return !tokens.empty();
}

// Specks a seal or a signature left before a word of a name ("Hoàng 'Thị Hùng") are not part
// of it: a word whose letters open with a capital starts at its first letter.
std::string WithoutSpecksBeforeWords(std::string_view text) {
  std::string out;
  for (Token token : Tokenize(text)) {
    std::string_view word = token.In(text);
    if (const std::string_view letters = FromFirstLetter(word); StartsWithCapital(letters)) word = letters;
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

SignerLine Classify(std::string_view raw, const Dictionaries& dictionaries) {
  std::string text = Trim(FromFirstLetter(raw), " \t-_|.,;:'`");
  SignerLine line{Kind::kJunk, text};
  std::vector<Token> tokens = Tokenize(text);
  if (tokens.empty()) return line;
  std::string key = FoldKey(text);
  if (IsAuthorityToken(text, tokens, 0, dictionaries)) {
    // SPEC leaves the prefix's spelling open, and archivists search what is printed: the older
    // slash spelling ("T/M", "K/T") stays; the Decree's dotted one gets back the dot OCR reads
    // as a comma or loses ("TM," → "TM.").
    // A prefix glued to its title stays glued ("KT.HIỆU TRƯỞNG"), as printed.
    std::string printed = Word(text, tokens[0]);
    const std::string_view opening = AuthorityPrefix(printed, dictionaries);
    const bool glued = opening.size() < printed.size();
    std::string prefix = printed.find('/') != kNone ? printed : *dictionaries.Authority(FoldKey(opening));
    const size_t rest = glued ? tokens[0].begin + opening.size() : tokens[0].end;
    line = {Kind::kAuthority, prefix + (glued ? "" : " ") + RepairUpper(Trim(text.substr(rest)), dictionaries)};
    return line;
  }
  if (IsUpperDominant(text)) {
    if (std::optional<std::string> title = dictionaries.TitleNear(key)) return {Kind::kTitle, *title};
    if (dictionaries.ContainsTitle(key)) return {Kind::kTitle, RepairUpper(text, dictionaries)};
    // The opening of one title alone, a seal over its end ("HIỆU TRỤ"): AssembleSigner completes it.
    if (key.size() >= kMinTitleTail && dictionaries.TitleStartingWith(key)) return {Kind::kTitle, RepairUpper(text, dictionaries)};
    // A collective body alone is what a seal left of its head's "TM." line ("z»z.JY BAN NHÂN DÂN").
    if (std::optional<std::string> authority = dictionaries.CollectiveAuthority(key)) {
      line = {Kind::kAuthority, *authority};
      line.repaired = true;
    }
    return line;
  }
  text = WithoutSpecksBeforeWords(text);
  tokens = Tokenize(text);
  size_t name = TrailingName(text, dictionaries);
  if (name != kNone && name > 0 && IsNamePrefix(std::string_view(text).substr(0, name))) {
    text = text.substr(name);
    tokens = Tokenize(text);
    name = 0;
  }
  if (name == 0) {
    // The family name as the dictionary spells it ("Nguyên" → "Nguyễn"): OCR drops its marks.
    std::string surname = Word(text, tokens[0]);
    std::optional<std::string> spelled = dictionaries.Surname(FoldKey(surname));
    if (spelled.has_value() && *spelled != surname) {
      return {Kind::kDamagedName, *spelled + " " + Tidy(text.substr(tokens[1].begin))};
    }
    return {Kind::kName, Tidy(text)};
  }
  // A seal over the first letters: "guyến Quốc Việt" → "Nguyễn Quốc Việt" when one surname fits.
  size_t capitals = 0;
  for (size_t i = tokens.size(); i-- > 0 && IsNameWord(Word(text, tokens[i]));) ++capitals;
  if (capitals >= 2 && capitals + 1 >= tokens.size()) {
    const std::string first = FoldKey(Word(text, tokens[0]));
    std::optional<std::string> surname;
    // Its capital under a ring of the seal: read small ("đáng"), lost ("ran") or as another
    // letter ("xguyễn", "rrần"); of two letters left one is too few to tell ("eu": Vũ? Lưu?).
    if (tokens.size() == capitals + 1) {
      surname = dictionaries.Surname(first);
      if (!surname) surname = dictionaries.SurnameEndingWith(first);
      if (!surname && first.size() >= 3) surname = dictionaries.CommonSurnameInitialMisread(first);
    }
    // A capitalised first word a common family name with its initial misread.
    if (tokens.size() == capitals && capitals <= 4) surname = dictionaries.CommonSurnameInitialMisread(first);
    if (surname.has_value()) return {Kind::kDamagedName, *surname + " " + Tidy(text.substr(tokens[1].begin))};
    return {Kind::kDamagedName, ""};
  }
  if (capitals >= 2 && tokens.size() <= capitals + 2) return {Kind::kDamagedName, ""};
  return line;
}

// Where the signer-block part of a closing row starts, kNone when the row is list only.
size_t SignerColumn(std::string_view text, const Dictionaries& dictionaries) {
  std::vector<Token> tokens = Tokenize(text);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (IsAuthorityToken(text, tokens, i, dictionaries)) return tokens[i].begin;
  }
  // An upper-case title after the entry: "- Lưu: VT, NC (lnphong55) CHỦ TỊCH UBND TỈNH".
  size_t first = tokens.size();
  while (first > 0 && IsUpperDominant(Word(text, tokens[first - 1])) &&
         Word(text, tokens[first - 1]).find_first_of("();") == kNone) {
    --first;
  }
  while (first < tokens.size()) {
    std::string key = FoldKey(text.substr(tokens[first].begin));
    if (dictionaries.TitleNear(key).has_value()) return tokens[first].begin;
    if (!dictionaries.ContainsTitle(key)) break;
    ++first;
  }
  // A title or a name after the entry's terminator.
  size_t terminator = text.find_last_of(";.");
  if (terminator != kNone && terminator + 1 < text.size()) {
    std::string_view after = text.substr(terminator + 1);
    if (after.empty() || (after.front() != ' ' && after.front() != '\t')) {
      // "KGVX.th54": a dot inside a word is not a terminator.
    } else {
      // A name whose surname would have to be guessed is more likely the entry's place ("TP.
      // Đà Nẵng:", its ";" read ":").
      Kind kind = Classify(after, dictionaries).kind;
      if (kind != Kind::kJunk && kind != Kind::kDamagedName) return terminator + 1;
    }
  }
  if (FoldKey(Trim(text, " \t-_")).rfind("luu", 0) == 0) return TrailingName(text, dictionaries);
  return kNone;
}

struct SignerFields {
  Scored name, title, authority;
};

// X of an authority signing "KT. X" (or "KT.X"), the last of its lines ("TL. CHỦ TỊCH / KT.
// CHÁNH VĂN PHÒNG": the deputy chief of office signs); empty for any other authority.
std::string_view SignsFor(std::string_view authority) {
  constexpr std::string_view kSignsFor = "KT.";
  const size_t at = authority.rfind(kSignsFor);
  if (at == kNone || (at > 0 && authority[at - 1] != ' ')) return {};
  const size_t head = authority.find_first_not_of(' ', at + kSignsFor.size());
  return head == kNone ? std::string_view{} : authority.substr(head);
}

// Under "KT. X" the deputy signs for X (Decree 30/2020): "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH", a
// minister's deputy being "THỨ TRƯỞNG". Empty for any other authority.
std::string DeputyTitle(std::string_view authority) {
  const std::string_view head = SignsFor(authority);
  if (head.empty()) return "";
  return head == "BỘ TRƯỞNG" ? "THỨ TRƯỞNG" : "PHÓ " + std::string(head);
}

// The title of a signer whose line a seal or a stamp has covered part of. Under "KT. X" what is
// left ("ỆU! TRƯỞNG", or "TY Q GIÁM ĐỐC" ending in X) is X's deputy's title, not the nearest
// other title ("VỤ TRƯỞNG"), and so is X itself: X does not sign for X, so a title reading X
// alone lost its "PHÓ" ("ĐÓ CHÁNH VĂN PHÒNG", the "ĐÓ" dropped as no title word). Otherwise the
// opening of one title alone ("HIỆU TRỤ") is that title. The title as read when it is whole or
// reads as something else.
std::string CompletedTitle(const SignerLine& title, std::string_view authority, const Dictionaries& dictionaries) {
  const std::string deputy = DeputyTitle(authority);
  if (!deputy.empty() && title.text.rfind(deputy, 0) == 0) return title.text;
  if (!deputy.empty() && title.read.size() >= kMinTitleTail) {
    const std::string key = FoldKey(deputy);
    const Match tail = FindApprox(key, title.read, Tolerance(title.read.size()));
    if (tail.found() && tail.end == key.size()) return deputy;
    const std::string head = FoldKey(SignsFor(authority));
    const Match ends_with_head = FindApprox(title.read, head, Tolerance(head.size()));
    if (ends_with_head.found() && ends_with_head.end == title.read.size()) return deputy;
  }
  if (dictionaries.TitleNear(FoldKey(title.text)).has_value()) return title.text;
  return dictionaries.TitleStartingWith(title.read).value_or(title.text);
}

SignerFields AssembleSigner(const std::vector<SignerLine>& lines, const Dictionaries& dictionaries) {
  SignerFields signer;
  size_t name_at = lines.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].kind == Kind::kName || lines[i].kind == Kind::kDamagedName) {
      name_at = i;
      break;
    }
  }
  // A title above the first authority line is print a delegation stamp overrides ("HIỆU
  // TRƯỞNG" under a red "KT.HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG"), not part of the authority.
  const auto first_authority = std::find_if(lines.begin(), lines.begin() + name_at,
                                            [](const SignerLine& line) { return line.kind == Kind::kAuthority; });
  const size_t first = first_authority == lines.begin() + name_at ? 0 : first_authority - lines.begin();
  std::vector<const SignerLine*> upper;
  for (size_t i = first; i < name_at; ++i) {
    if (lines[i].kind == Kind::kAuthority || lines[i].kind == Kind::kTitle) upper.push_back(&lines[i]);
  }
  if (name_at < lines.size()) {
    const SignerLine& name = lines[name_at];
    if (!name.text.empty()) signer.name.value = name.text;
    signer.name.sources = {name.source};
    signer.name.confidence =
        std::min(name.kind == Kind::kName ? 0.9 : (name.text.empty() ? 0 : 0.5), name.ocr_confidence);
    signer.name.review = name.kind == Kind::kDamagedName || signer.name.confidence < 0.7;
    // A surname put back from the dictionary is a repair; a name too damaged to give, a doubt.
    if (name.kind == Kind::kDamagedName) {
      signer.name.reason = name.text.empty() ? review_reason::kUncertain : review_reason::kRepaired;
    }
  } else {
    signer.name.review = true;
  }
  const SignerLine* title = !upper.empty() && upper.back()->kind == Kind::kTitle ? upper.back() : nullptr;
  if (title != nullptr) upper.pop_back();
  // X does not sign for X, and X's deputy signs under X only as "KT. X" (Decree 30/2020): a
  // title line reading X just above the title X or "PHÓ X" is the "KT. X" whose "KT." a seal
  // covered ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / CHỦ TỊCH", "K1, THỦ TƯỚNG / PHÓ THỦ TƯỚNG"), and
  // so it is above a damaged title the deputy's is near ("THỨ 1ƯỞNG", which the titles'
  // dictionary made "THỦ TƯỚNG", under "BỘ TRƯỞNG"; a "VỤ TRƯỞNG" read whole is a director's).
  bool signs_for_lost = false;
  if (title != nullptr && !upper.empty() && upper.back()->kind == Kind::kTitle) {
    const std::string deputy = DeputyTitle("KT. " + upper.back()->text);
    const bool damaged = title->read != FoldKey(title->text);
    signs_for_lost = upper.back()->text == title->text || deputy == title->text ||
                     (!deputy.empty() && damaged &&
                      EditDistance(title->read, FoldKey(deputy)) <= Tolerance(title->read.size()));
  }
  std::string authority;
  double authority_confidence = 0.85;
  bool repaired = signs_for_lost;
  for (const SignerLine* line : upper) {
    const bool signs_for = signs_for_lost && line == upper.back();
    authority += (authority.empty() ? "" : " ") + std::string(signs_for ? "KT. " : "") + line->text;
    authority_confidence = std::min(authority_confidence, line->ocr_confidence);
    signer.authority.sources.push_back(line->source);
    repaired = repaired || line->repaired;
  }
  if (!authority.empty()) {
    signer.authority.value = authority;
    signer.authority.confidence = repaired ? std::min(authority_confidence, 0.6) : authority_confidence;
  }
  if (repaired) {
    signer.authority.review = true;
    signer.authority.reason = review_reason::kRepaired;
  }
  if (title != nullptr) {
    signer.title.value = CompletedTitle(*title, authority, dictionaries);
    signer.title.sources = {title->source};
    // A title completed from the authority is for an archivist to confirm.
    const bool completed = *signer.title.value != title->text;
    signer.title.confidence = std::min(completed ? 0.6 : 0.85, title->ocr_confidence);
    signer.title.review = completed;
    if (completed) signer.title.reason = review_reason::kRepaired;
  } else {
    signer.title.review = true;
    // A block whose title was not read may have lost its authority line too (a seal over both).
    signer.authority.review = authority.empty();
  }
  return signer;
}

// An entry with its customary words spelled as printed: "(b/cao)" → "(b/cáo)", and a word
// opening a parenthesis as it always does there: "(dễ t/h)" → "(để t/h)" (list_words.txt's
// "(để"); the restorer has too little context around slashed shorthand to tell them apart.
std::string WithListWords(const std::string& entry, const Dictionaries& dictionaries) {
  std::string out = entry;
  std::vector<Token> tokens = Tokenize(entry);
  for (size_t i = tokens.size(); i-- > 0;) {
    std::string_view token = tokens[i].In(entry);
    size_t lead = token.find_first_not_of("(");
    size_t tail = token.find_last_not_of(");,.:");
    if (lead == kNone || tail == kNone || tail < lead) continue;
    std::string_view word = token.substr(lead, tail + 1 - lead);
    std::optional<std::string> spelled = dictionaries.ListWord(word);
    if (!spelled.has_value() && lead > 0) {
      spelled = dictionaries.ListWord(token.substr(lead - 1, word.size() + 1));
      if (spelled.has_value()) spelled->erase(0, 1);
    }
    if (spelled.has_value() && *spelled != word) out.replace(tokens[i].begin + lead, word.size(), *spelled);
  }
  return out;
}

// A clerk's code with its "1" back where OCR read "l" ("KT.bngocl06" → "KT.bngoc106"): no
// Vietnamese syllable ends in "l", so a letter run's "l" before digits is the digit.
std::string WithClerkCodeDigits(std::string entry) {
  for (size_t i = 1; i + 1 < entry.size(); ++i) {
    if (entry[i] == 'l' && entry[i - 1] >= 'a' && entry[i - 1] <= 'z' && entry[i + 1] >= '0' && entry[i + 1] <= '9') {
      entry[i] = '1';
    }
  }
  return entry;
}

bool IsAuthorityRow(const Row& row, const Dictionaries& dictionaries) {
  return Classify(row.text, dictionaries).kind == Kind::kAuthority;
}

}  // namespace

ListField ParseRecipients(const std::vector<Row>& rows, size_t begin) {
  ListField list;
  list.begin = rows.size();
  size_t limit = std::min(rows.size(), begin + 12);
  for (size_t i = begin; i < limit; ++i) {
    size_t rest = 0;
    if (!StartsWithMarker(rows[i].text, "kinhgui", &rest)) continue;
    list.begin = i;
    list.marker = Span{i, 0, rest};
    ListBuilder builder;
    std::string inline_part = rows[i].text.substr(rest);
    if (FoldKey(inline_part).size() > 2) builder.Add(inline_part, Span{i, rest, rows[i].text.size()}, false);
    for (size_t j = i + 1; j < rows.size() && rows[j].page == rows[i].page; ++j) {
      builder.EndEntryAtGap(rows[j]);
      if (!builder.Add(rows[j].text, Span{j, 0, rows[j].text.size()}, false) || builder.closed()) break;
    }
    builder.Fill(&list);
    for (std::string& entry : list.entries) entry = WithNumberRunDigits(entry);
    list.confidence = list.entries.empty() ? 0 : (builder.unfinished() ? kUnfinishedList : 0.85);
    list.review = list.confidence < 0.7;
    break;
  }
  return list;
}

Closing ParseClosing(const std::vector<Row>& rows, size_t begin, const Dictionaries& dictionaries) {
  Closing closing;
  closing.begin = rows.size();
  size_t marker = rows.size(), rest = 0;
  for (size_t i = begin; i < rows.size(); ++i) {
    if (StartsWithMarker(rows[i].text, "noinhan", &rest)) {
      marker = i;
      break;
    }
  }
  std::vector<SignerLine> signer_lines;
  // The signer-block part of row i, from byte `from` to its end.
  auto add_signer = [&](size_t i, size_t from) {
    const Row& row = rows[i];
    SignerLine line = Classify(std::string_view(row.text).substr(from), dictionaries);
    line.ocr_confidence = row.has_layout ? row.MinConfidence(from, row.text.size()) / 100.0 : 1.0;
    line.read = FoldKey(std::string_view(row.text).substr(from));
    line.source = Span{i, from, row.text.size()};
    if (line.kind != Kind::kJunk) signer_lines.push_back(line);
  };
  if (marker == rows.size()) {
    // No "Nơi nhận": the signer block alone, from its first authority line.
    for (size_t i = begin; i < rows.size(); ++i) {
      if (!IsAuthorityRow(rows[i], dictionaries)) continue;
      closing.begin = i;
      for (size_t j = i; j < rows.size() && rows[j].page == rows[i].page; ++j) add_signer(j, 0);
      break;
    }
    closing.cc.begin = rows.size();
  } else {
    closing.begin = closing.cc.begin = marker;
    closing.cc.marker = Span{marker, 0, rest};
    // OCR may print the signer block (or its first lines) above "Nơi nhận": signer lines right
    // above the marker belong to it.
    size_t above = marker;
    while (above > begin && marker - above < kSignerRowsAbove &&
           (rows[above - 1].empty() || Classify(rows[above - 1].text, dictionaries).kind != Kind::kJunk)) {
      --above;
    }
    for (size_t i = above; i < marker; ++i) add_signer(i, 0);
    if (above < marker) closing.begin = above;
    ListBuilder builder;
    bool list_over = false;
    int page = rows[marker].page;
    for (size_t i = marker; i < rows.size(); ++i) {
      const Row& row = rows[i];
      if (row.page != page) {
        // The list may go on at the top of the next page; the signer block never does alone.
        if (list_over || row.page != page + 1) break;
        page = row.page;
      }
      bool next_page = row.page != rows[marker].page;
      std::string_view text = row.text;
      builder.EndEntryAtGap(row);
      size_t start = i == marker ? rest : 0;
      // The signer column starts where the layout or the content says, whichever is first.
      size_t split = SignerColumn(text.substr(start), dictionaries);
      if (split != kNone) split += start;
      if (row.split != Row::kNoSplit && row.split >= start) split = std::min(split, row.split);
      std::string_view left = text.substr(start, (split == kNone ? text.size() : split) - start);
      if (!list_over && !builder.Add(left, Span{i, start, start + left.size()}, true)) list_over = true;
      if (list_over && next_page) break;
      if (list_over) {
        // Below the list its column holds notes and initials, not the signer block.
        add_signer(i, row.split != Row::kNoSplit && row.split > start ? row.split : start);
      } else if (split != kNone) {
        add_signer(i, split);
      }
      if (builder.closed()) list_over = true;
    }
    builder.Fill(&closing.cc);
    for (std::string& entry : closing.cc.entries) {
      entry = WithCodeListCommas(WithNumberRunDigits(WithClerkCodeDigits(WithListWords(entry, dictionaries))));
    }
    closing.cc.confidence =
        closing.cc.entries.empty() ? 0 : (builder.closed() ? 0.9 : builder.unfinished() ? kUnfinishedList : 0.7);
    closing.cc.review = closing.cc.confidence < 0.7;
  }
  SignerFields signer = AssembleSigner(signer_lines, dictionaries);
  closing.signer_name = signer.name;
  closing.signer_title = signer.title;
  closing.signer_authority = signer.authority;
  return closing;
}

}  // namespace vanban::extract
