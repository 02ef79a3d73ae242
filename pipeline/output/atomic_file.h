// Atomic file output: a reader (or a resumed batch) sees either the old file or the complete
// new one, never a partial write — the file is written beside its target and renamed over it.
//
// Thread-safety: safe to call concurrently for different paths.
#ifndef VANBAN_PIPELINE_OUTPUT_ATOMIC_FILE_H_
#define VANBAN_PIPELINE_OUTPUT_ATOMIC_FILE_H_

#include <string>
#include <string_view>

#include "vanban/status.h"

namespace vanban::output {

// Creates missing parent folders, writes `contents` to a temporary file in the same folder,
// flushes it to disk and renames it to `path`.
Status WriteFileAtomically(const std::string& path, std::string_view contents);

}  // namespace vanban::output

#endif  // VANBAN_PIPELINE_OUTPUT_ATOMIC_FILE_H_
