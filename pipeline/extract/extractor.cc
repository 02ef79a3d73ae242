#include "pipeline/extract/extractor.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>
#include <tuple>

#include "pipeline/extract/dictionaries.h"
#include "pipeline/extract/fold.h"
#include "pipeline/extract/sections.h"
#include "pipeline/text/unicode.h"

namespace vanban::extract {
namespace {

// Scored values under this confidence are listed for review.
constexpr double kReviewBelow = 0.7;
// A value read from a word Tesseract gave less than this (0..1), or the restorer read nearly as
// likely otherwise (FieldSource::restore_confidence), is no surer than that word; its confidence
// is held under kReviewBelow. On the 14 real-scan pages with transcribed text, 7 of the 11 words
// the restorer was under 0.73 sure of (a margin under 1 nat) are wrong, 2 of its 9 from 0.73 to
// 0.88, none of the 23 from 0.88 to 0.98.
constexpr double kUnsureWords = 0.6;
constexpr double kUnsureWordsCap = 0.6;
// A document is signed digitally within days of its date, not before it.
constexpr int kMaxSigningDelayDays = 45;
// Archive scans are signed digitally 0–4 days after the day written into their blank (19 of
// the 20 archive scans; one 17 days).
constexpr int kMaxFillInDelayDays = 7;
// How much likelier a day signed within kMaxFillInDelayDays is than one signed later, day for
// day: 20 of 21 delays in the first 8 days, 1 spread over the next 38.
constexpr double kLateSigning = 0.01;
// A pen day signed late is given for review, whatever its odds.
constexpr double kLateSigningCap = 0.6;

// What each word of an agency name gives its abbreviation: its first letter, or the whole word
// when it is an abbreviation already ("UBND": no vowel after the first letter) or a number.
std::vector<std::string> AgencyInitials(std::string_view issuer) {
  std::vector<std::string> initials;
  std::istringstream words{std::string(issuer)};
  for (std::string word; words >> word;) {
    std::string key = FoldKey(word);
    if (key.empty()) continue;
    bool abbreviation = key.size() >= 2 && key.find_first_of("aeiouy", 1) == std::string::npos;
    initials.push_back(abbreviation || AllDigits(key) ? key : key.substr(0, 1));
  }
  return initials;
}

int DaysBetween(const std::string& from_iso, const std::string& to_iso) {
  auto parse = [](const std::string& iso) {
    using namespace std::chrono;
    return sys_days(year{std::stoi(iso.substr(0, 4))} / std::stoi(iso.substr(5, 2)) / std::stoi(iso.substr(8, 2)));
  };
  return static_cast<int>((parse(to_iso) - parse(from_iso)).count());
}

// Whether a word holds a letter or a digit: Tesseract's confidence in a lone dash or speck
// says nothing about the value beside it.
bool HasAlphanumeric(std::string_view word) { return !FoldKey(word).empty(); }

// Whether a value's words are too unsure to vouch for it, and the review reason they give.
bool Unsure(const FieldSource& source) {
  return source.word_confidence < kUnsureWords || source.restore_confidence < kUnsureWords;
}
const char* UnsureReason(const FieldSource& source) {
  return source.word_confidence < kUnsureWords ? review_reason::kLowOcrConfidence : review_reason::kUncertain;
}

// Where the spans of a value lie: their words' boxes in the input's pixels (on the first span's
// page), the words as OCR read them and as restored, and the least sure of them.
FieldSource SourceOf(const std::vector<Span>& spans, const std::vector<Row>& rows, const std::vector<OcrPage>& pages) {
  FieldSource source;
  auto append = [](std::string* text, std::string_view words) {
    if (words.empty()) return;
    if (!text->empty()) *text += ' ';
    *text += words;
  };
  for (const Span& span : spans) {
    const Row& row = rows[span.row];
    if (source.page == 0) source.page = row.page;
    if (!row.has_layout) {
      const std::string words = Trim(std::string_view(row.text).substr(span.begin, span.end - span.begin));
      append(&source.ocr_text, words);
      append(&source.text, words);
      continue;
    }
    const auto page = std::find_if(pages.begin(), pages.end(), [&](const OcrPage& p) { return p.number == row.page; });
    for (const OcrWord* word : row.WordsIn(span.begin, span.end)) {
      append(&source.ocr_text, word->handwritten ? word->text : word->ocr_text);
      append(&source.text, word->text);
      if (HasAlphanumeric(word->text)) {
        source.word_confidence = std::min<double>(source.word_confidence, word->confidence / 100);
        source.restore_confidence =
            std::min(source.restore_confidence, 1 / (1 + std::exp(-static_cast<double>(word->restore_margin))));
      }
      if (page != pages.end() && row.page == source.page) source.boxes.push_back(page->input.ToInput(word->box));
    }
  }
  return source;
}

std::optional<Box> UnionOf(const std::vector<Box>& boxes) {
  if (boxes.empty()) return std::nullopt;
  Box box = boxes.front();
  for (const Box& other : boxes) box = Union(box, other);
  return box;
}

// The stamps of every page, one after another.
std::string StampText(const std::vector<OcrPage>& pages) {
  std::string text;
  for (const OcrPage& page : pages) {
    for (const std::string& stamp : page.stamps) text += stamp + "\n";
  }
  return text;
}

// Writes parsed values into a Document: the field, its confidence (no surer than its source
// words), its provenance and, when a person should check it, its review item.
struct FieldWriter {
  const std::vector<Row>& rows;
  Document* document;

  void Store(const std::string& name, const Scored& scored, std::optional<std::string>* field) const {
    *field = scored.value;
    double confidence = scored.confidence;
    std::string reason = scored.reason;
    FieldSource source = scored.located.value_or(FieldSource{});
    if (!scored.sources.empty()) {
      source = SourceOf(scored.sources, rows, document->pages);
      if (Unsure(source) && confidence > kUnsureWordsCap && !scored.vouched) {
        confidence = kUnsureWordsCap;
        if (reason.empty()) reason = UnsureReason(source);
      }
    }
    if (scored.value.has_value() && (!scored.sources.empty() || scored.located.has_value())) {
      document->provenance[name] = {source};
    }
    const bool review = scored.review || (scored.value.has_value() && confidence < kReviewBelow);
    if (scored.value.has_value() || review) document->confidence[name] = scored.value.has_value() ? confidence : 0;
    if (!review) return;
    ReviewItem item{name, reason, source.page, UnionOf(source.boxes), {}, {}};
    if (scored.value.has_value()) item.value = {*scored.value};
    for (const std::string& candidate : scored.candidates) {
      if (candidate != scored.value.value_or("")) item.candidates.push_back(candidate);
    }
    if (item.reason.empty()) item.reason = scored.value.has_value() ? review_reason::kUncertain : review_reason::kNotFound;
    document->review.push_back(std::move(item));
  }

  // A list is as sure as its least sure entry; its review item points at the unsure entries.
  void StoreList(const std::string& name, const ListField& list, std::vector<std::string>* field) const {
    *field = list.entries;
    double confidence = list.confidence;
    std::vector<FieldSource> sources;
    std::vector<const FieldSource*> unsure;
    for (const std::vector<Span>& spans : list.sources) sources.push_back(SourceOf(spans, rows, document->pages));
    for (const FieldSource& source : sources) {
      if (Unsure(source)) unsure.push_back(&source);
    }
    if (!unsure.empty()) confidence = std::min(confidence, kUnsureWordsCap);
    if (!list.entries.empty() || list.review) document->confidence[name] = confidence;
    const bool review = list.review || (!list.entries.empty() && confidence < kReviewBelow);
    if (review) {
      ReviewItem item{name, review_reason::kUncertain, 0, std::nullopt, list.entries, {}};
      if (list.entries.empty()) item.reason = review_reason::kNotFound;
      if (!unsure.empty()) item.reason = UnsureReason(*unsure.front());
      // The entries to look at: the unsure ones, else all; their boxes on the first one's page.
      std::vector<const FieldSource*> shown = unsure;
      if (shown.empty()) {
        for (const FieldSource& source : sources) shown.push_back(&source);
      }
      std::vector<Box> boxes;
      for (const FieldSource* source : shown) {
        if (item.page == 0) item.page = source->page;
        if (source->page == item.page) boxes.insert(boxes.end(), source->boxes.begin(), source->boxes.end());
      }
      item.box = UnionOf(boxes);
      document->review.push_back(std::move(item));
    }
    if (!sources.empty()) document->provenance[name] = std::move(sources);
  }
};

// Confidence of a signer's name a personal signing certificate confirms, and of one it gives where
// OCR read no name: the certificate names who signed, whose name a certified copy may not print.
constexpr double kSignedName = 0.95;
constexpr double kUnreadSignedName = 0.6;

// Whether a signing certificate's name is a person's: two to five capitalised words, the first
// a family name ("Nguyễn Phước Bình"), unlike an office's ("Ủy ban nhân dân tỉnh Quảng Ngãi").
bool IsPersonsName(std::string_view name, const Dictionaries& dictionaries) {
  const std::vector<Token> tokens = Tokenize(name);
  if (tokens.size() < 2 || tokens.size() > 5 || !dictionaries.IsSurname(FoldKey(tokens[0].In(name)))) return false;
  return std::all_of(tokens.begin(), tokens.end(), [&](const Token& token) { return IsCapitalizedWord(token.In(name)); });
}

// Checks the signer's name against the input PDF's digital signatures, a personal certificate's
// name ("Phùng Tô Long") being the signer's as the issuing office registered it. Three cases,
// by how the name OCR gave compares with the one personal certificate that fits:
// the same, or the same letters (a tone OCR lost: "Hiên" for "Hiền"), and the field is sure; no
// name where the block has a name line (a seal or a signature over it), and the certificate's
// name is given for review; a different name stays, the certificate's a candidate (a certified
// copy's signer signs the copy, not the original).
void CheckNameAgainstSignatures(const std::vector<DigitalSignature>& signatures, const Dictionaries& dictionaries,
                                Scored* name) {
  std::vector<std::string> persons;
  for (const DigitalSignature& signature : signatures) {
    std::string signer = text::ToNfc(Trim(signature.signer));
    if (IsPersonsName(signer, dictionaries) && std::find(persons.begin(), persons.end(), signer) == persons.end()) {
      persons.push_back(std::move(signer));
    }
  }
  if (name->value.has_value()) {
    const std::string read = FoldKey(*name->value);
    for (const std::string& person : persons) {
      const std::string key = FoldKey(person);
      if (EditDistance(read, key) > Tolerance(key.size())) continue;
      if (*name->value != person) name->candidates.insert(name->candidates.begin(), *name->value);
      name->value = person;
      name->confidence = std::max(name->confidence, kSignedName);
      name->review = false;
      name->reason.clear();
      return;
    }
  } else if (persons.size() == 1 && !name->sources.empty()) {
    name->value = persons.front();
    name->confidence = kUnreadSignedName;
    name->review = true;
    name->reason = review_reason::kRepaired;
    return;
  }
  for (const std::string& person : persons) AddReading(person, &name->candidates);
}

class DictionaryExtractor final : public Extractor {
 public:
  explicit DictionaryExtractor(Dictionaries dictionaries) : dictionaries_(std::move(dictionaries)) {}

  void Extract(Document* document) const override {
    bool has_words = std::any_of(document->pages.begin(), document->pages.end(),
                                 [](const OcrPage& page) { return !page.blocks.empty(); });
    std::vector<Row> rows = has_words ? RowsFromPages(document->pages) : RowsFromText(document->text);

    Header header = ParseHeader(rows, dictionaries_);
    // The stamp's red ink beats text that only looks like an urgency word; it is on page 1.
    if (!document->pages.empty()) {
      Scored red = UrgencyFromStamps(document->pages.front(), dictionaries_);
      if (red.value.has_value() || red.review) header.urgency = red;
    }
    ListField recipients = ParseRecipients(rows, header.end);
    size_t body = recipients.begin < rows.size() ? recipients.begin + 1 : header.end;
    Closing closing = ParseClosing(rows, body, dictionaries_);
    CheckNameAgainstSignatures(document->signatures, dictionaries_, &closing.signer_name);
    // OCR reads the stamp boxes apart from the page text; plain text keeps them inline.
    std::optional<SignatureStamp> stamp = FindSignatureStamp(RowsFromText(StampText(document->pages)));
    if (!stamp.has_value()) stamp = FindSignatureStamp(rows);

    CheckTypeAgainstNumber(header, recipients, &header.doc_type);
    CheckNumberAgainstIssuer(header.issuer, &header.number);
    ExpectLists(header.doc_type, &recipients, &closing.cc);
    // Without a stamp on the page (an e-office system that signs invisibly, or one OCR could not
    // read), the input's first digital signature says when it was signed.
    const std::string signing_time =
        stamp.has_value() ? stamp->time : FirstSigningTime(document->signatures, header.issuer.value.value_or(""));
    if (signing_time.size() >= 10) {
      const std::string signed_on = signing_time.substr(0, 10);
      DateFromReadings(header.date_readings, signed_on, &header.date);
      if (!header.pen_dates.empty()) {
        WeighPenDayBySigning(header.pen_dates, signed_on, &header.date);
      } else if (header.date_handwritten) {
        CheckFilledInDay(signed_on, &header.date);
      }
      CheckDateAgainstStamp(signed_on, &header.date);
    }

    Fields& fields = document->fields;
    fields = Fields{};
    document->confidence.clear();
    document->review.clear();
    document->provenance.clear();
    const FieldWriter writer{rows, document};
    writer.Store("issuer", header.issuer, &fields.issuer);
    writer.Store("number", header.number, &fields.number);
    SplitNumberField(header.number_notation, &fields);
    writer.Store("doc_type", header.doc_type, &fields.doc_type);
    writer.Store("place", header.place, &fields.place);
    writer.Store("date", header.date, &fields.date);
    writer.Store("subject", header.subject, &fields.subject);
    writer.StoreList("recipients", recipients, &fields.recipients);
    writer.Store("signer_name", closing.signer_name, &fields.signer_name);
    writer.Store("signer_title", closing.signer_title, &fields.signer_title);
    writer.Store("signer_authority", closing.signer_authority, &fields.signer_authority);
    writer.StoreList("cc", closing.cc, &fields.cc);
    writer.Store("urgency", header.urgency, &fields.urgency);
    fields.references = FindReferences(rows, header.anchors_end, closing.begin, dictionaries_,
                                       fields.number.value_or(header.number_read));
    document->signature_stamp = stamp;
  }

 private:
  // When the document was signed: the time of the first signature of a person or of the issuer
  // (each signature covers the file as far as it then went, so the first covers the fewest
  // bytes). A gazette's or an archive's signature comes later and says nothing of it.
  std::string FirstSigningTime(const std::vector<DigitalSignature>& signatures, std::string_view issuer) const {
    const DigitalSignature* first = nullptr;
    const auto signed_bytes = [](const DigitalSignature& s) {
      return s.byte_range.size() == 4 ? s.byte_range[2] + s.byte_range[3] : 0;
    };
    for (const DigitalSignature& signature : signatures) {
      const bool signs = IsPersonsName(signature.signer, dictionaries_) ||
                         (!issuer.empty() && FoldKey(signature.signer) == FoldKey(issuer));
      if (signs && !signature.time.empty() && (first == nullptr || signed_bytes(signature) < signed_bytes(*first))) {
        first = &signature;
      }
    }
    return first != nullptr ? first->time : "";
  }

  // The symbol's type abbreviation must agree with the type title; it also names the type when
  // no title was read.
  void CheckTypeAgainstNumber(const Header& header, const ListField& recipients, Scored* doc_type) const {
    const DocType* by_number = dictionaries_.DocTypeByAbbreviation(TypeAbbreviation(header.number_read));
    if (doc_type->value.has_value()) {
      if (by_number != nullptr && by_number->name != *doc_type->value && *doc_type->value != "Công văn") {
        doc_type->confidence = std::min(doc_type->confidence, 0.5);
        doc_type->review = true;
        doc_type->reason = review_reason::kConflictWithNumber;
        doc_type->candidates = {by_number->name};
      }
      return;
    }
    // An inferred type's sources are the words it was inferred from.
    if (by_number != nullptr) {
      doc_type->value = by_number->name;
      doc_type->confidence = 0.6;
      doc_type->sources = header.number.sources;
    } else if (!recipients.entries.empty()) {
      doc_type->value = "Công văn";  // a letter with no type title
      doc_type->confidence = 0.5;
      doc_type->sources = {recipients.marker};
    }
    doc_type->review = true;
  }

  // Every document of Decree 30/2020 ends with "Nơi nhận"; letters and submissions open with
  // "Kính gửi", and a document whose type was not read may be one. A list expected and not
  // found is for review, not silently empty.
  static void ExpectLists(const Scored& doc_type, ListField* recipients, ListField* cc) {
    cc->review = cc->review || cc->entries.empty();
    const bool addressed = !doc_type.value || doc_type.value == "Công văn" || doc_type.value == "Tờ trình";
    recipients->review = recipients->review || (addressed && recipients->entries.empty());
  }

  // One piece of the symbol abbreviates the issuer: "UBND" of "ỦY BAN NHÂN DÂN …", "BCĐ138" of
  // "… BAN CHỈ ĐẠO 138". A symbol that names no part of the issuer is conflicting evidence.
  static void CheckNumberAgainstIssuer(const Scored& issuer, Scored* number) {
    if (!issuer.value.has_value() || !number->value.has_value()) return;
    std::vector<std::string> initials = AgencyInitials(*issuer.value);
    std::string pieces = *number->value;
    std::replace(pieces.begin(), pieces.end(), '-', '/');
    std::istringstream stream(pieces);
    for (std::string piece; std::getline(stream, piece, '/');) {
      std::string key = FoldKey(piece);
      if (key.empty() || AllDigits(key)) continue;
      for (size_t start = 0; start < initials.size(); ++start) {
        std::string run;
        for (size_t i = start; i < initials.size() && run.size() < key.size(); ++i) run += initials[i];
        if (run == key) return;
      }
    }
    number->confidence = std::min(number->confidence, 0.5);
    number->review = true;
    number->reason = review_reason::kConflictWithIssuer;
  }

  // A day OCR could not be trusted with is given when exactly one of its readings falls in the
  // week before the document was signed digitally; a misread day rarely does. Still for review.
  static void DateFromReadings(const std::vector<std::string>& readings, const std::string& signed_on,
                               Scored* date) {
    if (date->value.has_value() || signed_on.size() != 10) return;
    std::optional<std::string> found;
    for (const std::string& reading : readings) {
      int delay = DaysBetween(reading, signed_on);
      if (delay < 0 || delay > kMaxFillInDelayDays) continue;
      if (found.has_value()) return;
      found = reading;
    }
    if (!found.has_value()) return;
    date->value = found;
    date->confidence = 0.5;
    date->review = true;
    if (date->reason.empty()) date->reason = review_reason::kUncertain;
  }

  // The serial and the notation of "Số và ký hiệu" (SplitNumber); the printed notation alone
  // when the serial was not given.
  static void SplitNumberField(const std::string& printed_notation, Fields* fields) {
    if (!fields->number.has_value()) {
      if (!printed_notation.empty()) fields->number_notation = printed_notation;
      return;
    }
    NumberParts parts = SplitNumber(*fields->number);
    fields->number_serial = std::move(parts.serial);
    fields->number_notation = std::move(parts.notation);
  }

  // A day read from pen digits is given only when signing came in the week after it.
  static void CheckFilledInDay(const std::string& signed_on, Scored* date) {
    if (!date->value.has_value() || signed_on.size() != 10) return;
    const int delay = DaysBetween(*date->value, signed_on);
    if (delay >= 0 && delay <= kMaxFillInDelayDays) return;
    date->candidates.insert(date->candidates.begin(), *date->value);
    date->value.reset();
    date->confidence = 0;
    date->review = true;
    date->reason = review_reason::kConflictWithStamp;
  }

  // The pen reader's readings of a day, weighed by when the document was signed (Bayes): a date
  // in the fill-in window keeps its probability, a date signed later than that kLateSigning of
  // it, a date after the signing or too long before it none. The likeliest date is given when it
  // is as sure as a reading alone must be; one signed late goes to review. Otherwise a day read
  // in the window stays as the extractor gave it (the pen and Tesseract's digits agreed), and
  // any other is taken back for review.
  static void WeighPenDayBySigning(const std::vector<std::pair<std::string, double>>& pen_dates,
                                   const std::string& signed_on, Scored* date) {
    if (signed_on.size() != 10) return;
    const auto prior = [&](const std::string& iso) {
      const int delay = DaysBetween(iso, signed_on);
      if (delay < 0 || delay > kMaxSigningDelayDays) return 0.0;
      return delay <= kMaxFillInDelayDays ? 1.0 : kLateSigning;
    };
    double total = 0, best_weight = 0;
    std::string best;
    for (const auto& [iso, odds] : pen_dates) {
      const double weight = odds * prior(iso);
      total += weight;
      if (weight > best_weight) std::tie(best_weight, best) = std::tie(weight, iso);
    }
    const double posterior = total > 0 ? best_weight / total : 0;
    if (100 * posterior >= kSureHandDigits) {
      const bool late = prior(best) < 1;
      date->value = best;
      date->confidence = std::min(late ? kLateSigningCap : 0.9, posterior);
      date->review = date->confidence < kReviewBelow;
      date->reason = late ? review_reason::kConflictWithStamp : review_reason::kHandwritten;
      return;
    }
    if (date->value.has_value() && prior(*date->value) == 1) return;
    const bool conflict = date->value.has_value() || prior(pen_dates.front().first) < 1;
    // For the reviewer, the pen's readings as the signing weighs them, those it rules out last
    // (a day after the signature), other readings between.
    const auto rank = [&](const std::string& candidate) {
      for (const auto& [iso, odds] : pen_dates) {
        if (iso == candidate) return prior(iso) > 0 ? odds * prior(iso) : -1.0;
      }
      return 0.0;
    };
    std::stable_sort(date->candidates.begin(), date->candidates.end(),
                     [&](const std::string& a, const std::string& b) { return rank(a) > rank(b); });
    if (date->value.has_value()) date->candidates.insert(date->candidates.begin(), *date->value);
    date->value.reset();
    date->confidence = 0;
    date->review = true;
    date->reason = conflict ? review_reason::kConflictWithStamp : review_reason::kHandwritten;
  }

  static void CheckDateAgainstStamp(const std::string& signed_on, Scored* date) {
    if (!date->value.has_value() || signed_on.size() != 10) return;
    int delay = DaysBetween(*date->value, signed_on);
    if (delay < 0 || delay > kMaxSigningDelayDays) {
      date->confidence = std::min(date->confidence, 0.4);
      date->review = true;
      date->reason = review_reason::kConflictWithStamp;
    } else {
      date->confidence = std::min(0.95, date->confidence + 0.05);
    }
  }

  Dictionaries dictionaries_;
};

}  // namespace

StatusOr<std::unique_ptr<Extractor>> Extractor::Load(const std::string& data_dir) {
  StatusOr<Dictionaries> dictionaries = Dictionaries::Load(data_dir + "/dictionaries");
  if (!dictionaries.ok()) return dictionaries.status();
  return std::unique_ptr<Extractor>(new DictionaryExtractor(std::move(dictionaries).value()));
}

}  // namespace vanban::extract
