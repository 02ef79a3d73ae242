// The archive tables of `vanban export`: what a document JSON vanban wrote holds, as a row of an
// archive document profile (Vietnamese column names, as archive metadata keeps "Số", "Ký hiệu",
// "Trích yếu", …) and of a Dublin Core table for ingest tools (Archivematica's metadata.csv),
// both in RFC 4180 CSV.
//
// Thread-safety: pure functions.
#ifndef VANBAN_PIPELINE_OUTPUT_RECORDS_CSV_H_
#define VANBAN_PIPELINE_OUTPUT_RECORDS_CSV_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/status.h"

namespace vanban::output {

// What the tables take from one document JSON; every text NFC, an absent value empty.
struct DocumentRecord {
  std::string source;
  std::string number, number_serial, number_notation, doc_type, date, issuer, subject;
  std::string signer_name, signer_title, signer_authority, urgency;
  std::vector<std::string> recipients, cc;
  std::string pages;                // the page count as written, empty when absent
  std::vector<std::string> review;  // the fields to check, each once, in the JSON's order
};

// Reads the text of a .json file. A document JSON (an object with "source" and "fields") sets
// *record; other JSON leaves it empty. Text that is not JSON, and a document whose values have
// the wrong types, are errors. `review` entries may be field names or objects with a "field".
Status ReadDocumentRecord(std::string_view json, std::optional<DocumentRecord>* record);

using CsvRow = std::vector<std::string>;

// "Số", "Ký hiệu", "Số và ký hiệu", "Ngày ban hành", … "Cần kiểm tra".
const CsvRow& ProfileHeader();
CsvRow ProfileRow(const DocumentRecord& record);

// "filename", "dc.title", … "dc.publisher".
const CsvRow& DublinCoreHeader();
// `filename` names the document's file as the ingest tool finds it ("objects/a/x.pdf").
CsvRow DublinCoreRow(const DocumentRecord& record, std::string_view filename);

// One CSV line: fields joined by commas and ended by CRLF; a field holding a comma, a quote, CR
// or LF is quoted, its quotes doubled. For a spreadsheet, a field that would open as a formula
// (starting with =, +, -, @, a tab or CR) gets a leading apostrophe, which the spreadsheet shows
// as text and does not evaluate.
std::string CsvLine(const CsvRow& row, bool for_spreadsheet = false);

}  // namespace vanban::output

#endif  // VANBAN_PIPELINE_OUTPUT_RECORDS_CSV_H_
