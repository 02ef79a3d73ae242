// The parsers of the extractor, one per region of a Decree 30/2020/NĐ-CP document: the header
// (issuer, number, place and date, urgency, type and subject), the "Kính gửi" list, the closing
// ("Nơi nhận" list and signer block), the documents cited in the body and the digital-signature
// stamp. Each reads Rows (rows.h) and reports values with a confidence and a review flag; the
// Extractor cross-checks them.
//
// Thread-safety: pure functions over their arguments.
#ifndef VANBAN_PIPELINE_EXTRACT_SECTIONS_H_
#define VANBAN_PIPELINE_EXTRACT_SECTIONS_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/extract/dictionaries.h"
#include "pipeline/extract/phrase.h"
#include "pipeline/extract/rows.h"
#include "vanban/document.h"

namespace vanban::extract {

// The hand-digit reader's confidence (OcrWord::confidence of a handwritten word, 0..100) from
// which its reading of a blank is given as a field: held out by document, 40 of 50 blanks right
// and none wrong at 85, the wrong readings at 80 and below (models/README.md, session 12). A pen
// day weighed by the date of signing must be as sure (the Extractor).
constexpr float kSureHandDigits = 85;

struct Header {
  Scored issuer, number, doc_type, place, date, subject, urgency;
  bool number_handwritten = false;  // printed gap before the symbol: a filled-in blank
  bool date_handwritten = false;    // the date's day is pen digits the hand-digit reader read
  std::string number_read;          // what "Số:" holds even when its serial is unreadable
  std::string number_notation;      // the printed notation after a filled-in blank ("QĐ-UBND")
  // When the date is not given from OCR (a handwritten day): the ISO dates its readings give,
  // for a cross-check against the digital-signature stamp.
  std::vector<std::string> date_readings;
  // When the day is pen digits and the month and year print: the ISO dates of the hand-digit
  // reader's readings of the day, with their probabilities (0..1), likeliest first.
  std::vector<std::pair<std::string, double>> pen_dates;
  size_t anchors_end = 0;           // first row after the national title, number and date rows
  size_t end = 0;                   // first row after the header, type title and subject
};
Header ParseHeader(const std::vector<Row>& rows, const Dictionaries& dictionaries);
// The urgency a page's red stamps (OcrPage::red_stamps) print: a whole reading must be one
// urgency value, so a received-stamp or a seal that merely contains "KHẨN" gives none. Stamps
// that disagree give no value, for review.
Scored UrgencyFromStamps(const OcrPage& page, const Dictionaries& dictionaries);

struct ListField {
  std::vector<std::string> entries;
  std::vector<std::vector<Span>> sources;  // where each entry was read, one per entry
  double confidence = 0;
  bool review = false;
  size_t begin = 0;  // the row of its marker ("Kính gửi", "Nơi nhận"); rows.size() when absent
  Span marker;       // the marker's words, when found
};
ListField ParseRecipients(const std::vector<Row>& rows, size_t begin);

struct Closing {
  ListField cc;
  Scored signer_name, signer_title, signer_authority;
  size_t begin = 0;  // first row of the closing; rows.size() when none was found
};
Closing ParseClosing(const std::vector<Row>& rows, size_t begin, const Dictionaries& dictionaries);

// Documents cited in rows [begin, end), without the document's own number.
std::vector<Reference> FindReferences(const std::vector<Row>& rows, size_t begin, size_t end,
                                      const Dictionaries& dictionaries, std::string_view own_number);

std::optional<SignatureStamp> FindSignatureStamp(const std::vector<Row>& rows);

// Helpers the parsers share.
// An upper-case header or signer line with OCR-damaged words put back from the dictionaries.
std::string RepairUpper(std::string_view line, const Dictionaries& dictionaries);
// Whether the row (or text) starts with the folded marker, within OCR tolerance, after at most
// a couple of specks; sets *rest_begin to the byte after the marker and its colon.
bool StartsWithMarker(std::string_view text, std::string_view marker, size_t* rest_begin = nullptr);
// "ngày DD tháng MM năm YYYY" or "ngày DD/MM/YYYY" at the start of `text` → ISO date.
std::optional<std::string> ParseDatePhrase(std::string_view text, size_t* length = nullptr);

}  // namespace vanban::extract

#endif  // VANBAN_PIPELINE_EXTRACT_SECTIONS_H_
