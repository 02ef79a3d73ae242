// Server — the HTTP side of `vanban review`: the page's static files, a JSON API over the Store
// and the pages of the inputs as PNG, on 127.0.0.1 only, every request checked for the token.
//
//   GET  /?token=…                   the page (sets the token cookie), /review.js, /review.css
//   GET  /api/documents              documents with open review items, the count done, unreadable files
//   GET  /api/document?path=a/x.json its review items, field boxes, revision, whether its input is there
//   GET  /api/page?path=…&page=N     page N of its input as PNG
//   POST /api/save                   {path, revision, answers: [{field, value}]}; 409 with the
//                                    document as it is now when it changed since `revision`
//
// Thread-safety: Run blocks and serves on a pool of threads; Stop may be called from any other
// thread, before or during Run.
#ifndef VANBAN_PIPELINE_REVIEW_SERVER_H_
#define VANBAN_PIPELINE_REVIEW_SERVER_H_

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "vanban/status.h"

namespace httplib {
class Server;
}

namespace vanban::review {

struct ServerOptions {
  std::string output_dir;
  std::string inputs_dir;
  std::string web_dir;  // index.html, review.js, review.css
  int port = 0;         // 0: a free one
};

struct State;

class Server {
 public:
  // kInvalidArgument for a folder that is not one, kMissingData when web_dir lacks index.html,
  // kIoError when the port cannot be bound.
  static StatusOr<std::unique_ptr<Server>> Open(const ServerOptions& options);
  ~Server();

  int port() const;
  const std::string& token() const;
  Status Run();
  void Stop();

 private:
  Server(std::unique_ptr<State> state, std::unique_ptr<httplib::Server> http);

  std::unique_ptr<State> state_;
  std::unique_ptr<httplib::Server> http_;
  // Run and Stop agree through these whether the listening loop has started, so that a Stop
  // that comes first is not lost.
  std::mutex run_mutex_;
  bool started_ = false, stopping_ = false;
  std::atomic<bool> returned_{false};
};

}  // namespace vanban::review

#endif  // VANBAN_PIPELINE_REVIEW_SERVER_H_
