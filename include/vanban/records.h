// vanban::ExportRecords — the documents vanban wrote to an output folder as the tables archives
// take in, the job behind `vanban export`: one row per document JSON of an archive document
// profile (Vietnamese column names) and, when asked, of a Dublin Core table for ingest tools
// such as Archivematica (its metadata.csv). RFC 4180 CSV in UTF-8 with CRLF line ends, rows in
// the order of the JSON files' paths, each table written atomically.
//
// Thread-safety: reads the folder and writes the tables from the calling thread; calls for
// different tables may run at once.
//
//   vanban::RecordsOptions options;
//   options.output_dir = "out";
//   options.records_csv = "records.csv";
//   vanban::RecordsSummary summary = vanban::ExportRecords(options);
//   return !summary.status.ok() ? 1 : summary.failed.empty() ? 0 : 2;
#ifndef VANBAN_RECORDS_H_
#define VANBAN_RECORDS_H_

#include <string>
#include <vector>

#include "vanban/batch.h"
#include "vanban/export.h"
#include "vanban/status.h"

namespace vanban {

struct RecordsOptions {
  // Searched recursively for the .json files `vanban ocr` and `vanban extract` write; other
  // JSON (not an object with "source" and "fields") is passed over.
  std::string output_dir;
  std::string records_csv;      // the archive document profile; required
  std::string dublin_core_csv;  // the Dublin Core table; empty: not written
  // For Excel: a UTF-8 byte order mark before the profile table, without which Excel shows
  // Vietnamese as mojibake, and an apostrophe before any of its values Excel would run as a
  // formula ("=…", "+…", "-…", "@…"). The Dublin Core table never has either: ingest tools would
  // read the mark into "filename" and keep the apostrophes.
  bool excel = false;
};

struct RecordsSummary {
  int documents = 0;                // rows written to each table
  std::vector<BatchEntry> failed;   // files and folders that could not be read, and why
  // Not ok when the output folder cannot be searched or a table cannot be written.
  Status status;
};

// Reads every document JSON under options.output_dir and writes the tables. A file that cannot
// be read or is not valid JSON is listed in `failed`; the tables hold the others.
VANBAN_EXPORT RecordsSummary ExportRecords(const RecordsOptions& options);

}  // namespace vanban

#endif  // VANBAN_RECORDS_H_
