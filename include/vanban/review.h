// vanban::ReviewServer — the local web page of `vanban review OUTDIR`, where an archivist
// confirms or corrects the fields vanban flagged for review in the document JSONs of an output
// folder, looking at each field's box on the page it was read from.
//
// The server listens on 127.0.0.1 only, and every request must carry the random token of url()
// (in its query, or in the cookie the first page load sets): other users of the machine can reach
// a loopback port, not the token. A save rewrites the document JSON atomically and only if it is
// still the revision the page loaded (no update is lost to another tab or a running `vanban ocr`);
// a corrected handwritten number or date is patched into the document's .txt, .hocr and
// .alto.xml too. The searchable PDF is not rewritten.
//
//   vanban::ReviewOptions options;
//   options.output_dir = "out";
//   auto server = vanban::ReviewServer::Open(options);
//   if (!server.ok()) { report(server.status()); return; }
//   std::cout << (*server)->url() << "\n";
//   (*server)->Run();  // until another thread calls (*server)->Stop()
//
// Thread-safety: Run blocks the calling thread and answers requests on threads of its own; Stop
// may be called from any other thread (not from a signal handler), before or during Run.
#ifndef VANBAN_REVIEW_H_
#define VANBAN_REVIEW_H_

#include <memory>
#include <string>

#include "vanban/export.h"
#include "vanban/status.h"

namespace vanban {

struct ReviewOptions {
  // The document JSONs, searched recursively.
  std::string output_dir;
  // The documents' "source" paths are taken relative to this folder, and only inputs inside it
  // are shown.
  std::string inputs_dir = ".";
  // Folder holding review/ (the page's HTML, CSS and JavaScript); empty: as EngineOptions::data_dir.
  std::string data_dir;
  // 0: a free port.
  int port = 0;
};

class VANBAN_EXPORT ReviewServer {
 public:
  // Checks the folders and the page's files and binds the port. kInvalidArgument for a folder
  // that is not one, kMissingData when the page's files are not installed, kIoError when the
  // port cannot be bound.
  static StatusOr<std::unique_ptr<ReviewServer>> Open(const ReviewOptions& options);

  ~ReviewServer();
  ReviewServer(const ReviewServer&) = delete;
  ReviewServer& operator=(const ReviewServer&) = delete;

  // http://127.0.0.1:PORT/?token=…
  std::string url() const;
  int port() const;
  // Serves until Stop.
  Status Run();
  void Stop();

 private:
  struct Impl;
  explicit ReviewServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vanban

#endif  // VANBAN_REVIEW_H_
