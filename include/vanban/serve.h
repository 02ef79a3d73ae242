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
//
// Thread-safety: as Engine — requests may be served from several threads at once.
#ifndef VANBAN_SERVE_H_
#define VANBAN_SERVE_H_

#include <string>
#include <string_view>

#include "vanban/engine.h"
#include "vanban/export.h"

namespace vanban {

// Never fails: a malformed request gets an {"ok": false, "error": …} response. The response
// holds no newline.
VANBAN_EXPORT std::string ServeRequest(const Engine& engine, std::string_view request_line);

}  // namespace vanban

#endif  // VANBAN_SERVE_H_
