// vanban export: the document JSONs of an output folder as archive tables.
#include "vanban/records.h"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "pipeline/output/atomic_file.h"
#include "pipeline/output/records_csv.h"

namespace vanban {
namespace {

namespace fs = std::filesystem;

// A document JSON of the folder: its path below the folder and what it holds.
struct Found {
  fs::path relative;
  output::DocumentRecord record;
};

// The .json files below root/relative, as paths below root; folders that cannot be listed go to
// *failed. Links to folders are not followed, so a link loop cannot hold the search.
void FindJsonFiles(const fs::path& root, const fs::path& relative, std::vector<fs::path>* found,
                   std::vector<BatchEntry>* failed) {
  std::error_code ec;
  for (fs::directory_iterator it(root / relative, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path entry = relative / it->path().filename();
    std::error_code type_ec;
    if (it->is_directory(type_ec) && !it->is_symlink(type_ec)) {
      FindJsonFiles(root, entry, found, failed);
    } else if (entry.extension() == ".json") {
      found->push_back(entry);
    }
  }
  if (ec) failed->push_back({(root / relative).string(), "cannot list the folder (" + ec.message() + ")"});
}

// Where an ingest tool finds the document's scan when the folder `vanban ocr` read is laid out as
// a transfer's objects/: the JSON's folder below OUTDIR (which mirrors the scans' folders) and
// the scan's file name.
std::string TransferName(const Found& found) {
  const fs::path name = fs::path(found.record.source).filename();
  return (fs::path("objects") / found.relative.parent_path() / name).generic_string();
}

std::string ProfileTable(const std::vector<Found>& documents, bool excel) {
  std::string out = excel ? "\xEF\xBB\xBF" : "";
  out += output::CsvLine(output::ProfileHeader());
  for (const Found& found : documents) out += output::CsvLine(output::ProfileRow(found.record), excel);
  return out;
}

std::string DublinCoreTable(const std::vector<Found>& documents) {
  std::string out = output::CsvLine(output::DublinCoreHeader());
  for (const Found& found : documents) out += output::CsvLine(output::DublinCoreRow(found.record, TransferName(found)));
  return out;
}

Status WriteTable(const std::string& path, const std::string& table) {
  return output::WriteFileAtomically(path, table).WithPrefix(path + ": ");
}

}  // namespace

RecordsSummary ExportRecords(const RecordsOptions& options) {
  RecordsSummary summary;
  if (options.records_csv.empty()) {
    summary.status = Status::InvalidArgument("export: no path for the records table");
    return summary;
  }
  std::error_code ec;
  if (!fs::is_directory(options.output_dir, ec)) {
    summary.status = Status::InvalidArgument(options.output_dir + ": not a folder");
    return summary;
  }
  std::vector<fs::path> files;
  FindJsonFiles(options.output_dir, "", &files, &summary.failed);
  // Byte order of the relative paths: the same rows in the same order on every machine.
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) { return a.generic_string() < b.generic_string(); });
  std::vector<Found> documents;
  for (const fs::path& relative : files) {
    const fs::path path = fs::path(options.output_dir) / relative;
    StatusOr<std::string> bytes = output::ReadWholeFile(path);
    std::optional<output::DocumentRecord> record;
    const Status read = bytes.ok() ? output::ReadDocumentRecord(*bytes, &record) : bytes.status();
    if (!read.ok()) {
      summary.failed.push_back({path.string(), read.message()});
    } else if (record) {
      documents.push_back({relative, std::move(*record)});
    }
  }
  summary.status = WriteTable(options.records_csv, ProfileTable(documents, options.excel));
  if (summary.status.ok() && !options.dublin_core_csv.empty()) {
    summary.status = WriteTable(options.dublin_core_csv, DublinCoreTable(documents));
  }
  if (summary.status.ok()) summary.documents = static_cast<int>(documents.size());
  return summary;
}

}  // namespace vanban
