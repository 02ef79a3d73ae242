// Atomic file output: a reader (or a resumed batch) sees either the old file or the complete
// new one, never a partial write — the file is written beside its target and renamed over it.
//
// Thread-safety: safe to call concurrently for different paths.
#ifndef VANBAN_PIPELINE_OUTPUT_ATOMIC_FILE_H_
#define VANBAN_PIPELINE_OUTPUT_ATOMIC_FILE_H_

#include <memory>
#include <string>
#include <string_view>

#include "vanban/status.h"

namespace vanban::output {

// A file written piece by piece (a searchable PDF of 500 pages never sits in memory whole) that
// appears at its path only when committed; dropped uncommitted, it leaves nothing behind.
class AtomicFile {
 public:
  // Creates missing parent folders and a temporary file beside `path`
  // (<path>.vanban-tmp.<host>.<pid>.<n>). A full disk fails with kNoSpace.
  static StatusOr<std::unique_ptr<AtomicFile>> Create(const std::string& path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  Status Append(std::string_view bytes);
  // Flushes to disk and renames the temporary file to the path.
  Status Commit();

 private:
  AtomicFile(std::string path, std::string temp, int fd) : path_(std::move(path)), temp_(std::move(temp)), fd_(fd) {}
  std::string path_, temp_;
  int fd_;
};

// Removes the temporary files under `folder` (recursively) that a process of this host which no
// longer runs left behind (killed mid-write); returns how many. Files of live writers stay.
int RemoveStaleTempFiles(const std::string& folder);

// The whole of `contents` through an AtomicFile.
Status WriteFileAtomically(const std::string& path, std::string_view contents);

// The bytes of a file, read whole: what `vanban export` and `vanban review` read back of an
// output folder. kNotFound when there is no such file, kIoError when it cannot be read; the
// message says why ("cannot read the file (Permission denied)").
StatusOr<std::string> ReadWholeFile(const std::string& path);

}  // namespace vanban::output

#endif  // VANBAN_PIPELINE_OUTPUT_ATOMIC_FILE_H_
