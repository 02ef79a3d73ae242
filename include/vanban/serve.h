// vanban::ServeRequest — one JSON-lines request answered by one JSON line, the protocol of
// `vanban serve --stdio`, so a Java, .NET or Python system keeps one warm process and talks to
// it through a pipe.
//
// Requests (one JSON object per line; "id" is echoed back and may be any JSON value):
//   {"id": 1, "op": "restore", "text": "Chi thi so 28-CT/TW", "mode": "auto", "tone_style": "new"}
//   {"id": 2, "op": "extract", "text": "…the text of one document…"}
//   {"id": 3, "op": "ocr", "path": "/scans/299_UB.pdf"}
// Responses:
//   {"id": 1, "ok": true, "text": "Chỉ thị số 28-CT/TW"}
//   {"id": 2, "ok": true, "document": {…document JSON of SPEC.md…}}
//   {"id": 9, "ok": false, "error": "unknown op 'frob'"}
// Every request line gets exactly one response line, whatever it holds: invalid JSON (the error
// names the byte offset), fields of the wrong type, an oversize line and a failure inside the
// engine are all answered {"ok": false, "error": …}.
//
// Without ServeOptions::root an "ocr" request reads any file the serving process can read: give
// a root when the caller is not trusted with the whole file system.
//
// Thread-safety: as Engine — requests may be served from several threads at once.
#ifndef VANBAN_SERVE_H_
#define VANBAN_SERVE_H_

#include <cstddef>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>

#include "vanban/engine.h"
#include "vanban/export.h"

namespace vanban {

struct ServeOptions {
  // When set, "ocr" paths must resolve (symlinks and ".." followed) to a file inside this folder;
  // relative paths are taken from it.
  std::string root;
  // A longer request line is answered with an error and skipped, never held in memory whole.
  size_t max_request_bytes = size_t{64} << 20;
};

// Never fails and never throws: a malformed request gets an {"ok": false, "error": …} response.
// The response holds no newline.
VANBAN_EXPORT std::string ServeRequest(const Engine& engine, std::string_view request_line,
                                       const ServeOptions& options = {});

// Answers each line of `in` with one line on `out` (flushed) until `in` ends; blank lines are
// skipped. Lines over options.max_request_bytes are answered with an error.
VANBAN_EXPORT void Serve(const Engine& engine, std::istream& in, std::ostream& out, const ServeOptions& options = {});

}  // namespace vanban

#endif  // VANBAN_SERVE_H_
