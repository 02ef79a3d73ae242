// Corrections — what the review page shows of a document JSON (its review items and the boxes
// of its fields) and what a person's answers change in it.
//
// The review entries are objects {field, reason, page, box, value, candidates}; files written
// before that form list field names, which read as items of reason "uncertain" with no box.
//
// Thread-safety: pure functions over values the caller owns.
#ifndef VANBAN_PIPELINE_REVIEW_CORRECTIONS_H_
#define VANBAN_PIPELINE_REVIEW_CORRECTIONS_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vanban/status.h"

namespace vanban::review {

// Ordered, so that a saved document keeps its keys where vanban wrote them.
using Json = nlohmann::ordered_json;

// An object with "source" and "fields": what vanban writes for each document.
bool IsDocument(const Json& json);

// The review entries of `document` that name one of its fields, each in the current form. Other
// entries ("page 3", a page that could not be read) have nothing to correct and are left out.
Json ReviewItems(const Json& document);

// Every box the provenance gives: [{field, page, box}], list fields' entries one each.
Json FieldBoxes(const Json& document);

// A person's answer to one review item: the value to keep (null: the document has none).
struct Answer {
  std::string field;
  Json value;
};

// A pen-written blank whose digits changed: the serial of "Số: 574/UBND-KTTH" or the day of
// "ngày 04 tháng 02". The other outputs of the document hold them as a handwritten word.
struct HandwrittenEdit {
  enum class Blank { kSerial, kDay } blank = Blank::kSerial;
  std::string digits;
};

// Applies `answers` to `document`: each field takes its value (the number's serial and notation
// re-split), gets confidence 1 and loses its review entries, and `corrections` records
// {field, value, original, time}. Returns the handwritten blanks whose digits changed.
// kInvalidArgument, with `document` untouched, for a field the document does not have or a
// value of the wrong type (a string or null; a list of strings for recipients and cc).
StatusOr<std::vector<HandwrittenEdit>> ApplyAnswers(const std::vector<Answer>& answers, const std::string& time,
                                                    Json* document);

// Now, as ISO 8601 UTC to the second ("2025-01-15T08:30:00Z").
std::string UtcNow();

}  // namespace vanban::review

#endif  // VANBAN_PIPELINE_REVIEW_CORRECTIONS_H_
