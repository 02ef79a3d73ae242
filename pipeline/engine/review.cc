#include "vanban/review.h"

#include <filesystem>

#include "pipeline/engine/data_dir.h"
#include "pipeline/review/server.h"

namespace vanban {

struct ReviewServer::Impl {
  std::unique_ptr<review::Server> server;
};

ReviewServer::ReviewServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ReviewServer::~ReviewServer() = default;

StatusOr<std::unique_ptr<ReviewServer>> ReviewServer::Open(const ReviewOptions& options) {
  review::ServerOptions server;
  server.output_dir = options.output_dir;
  server.inputs_dir = options.inputs_dir;
  // Installed beside the models, so that one --data-dir or $VANBAN_DATA_DIR moves both.
  server.web_dir = (std::filesystem::path(ResolveDataDir(options.data_dir)) / "review").string();
  server.port = options.port;
  StatusOr<std::unique_ptr<review::Server>> opened = review::Server::Open(server);
  if (!opened.ok()) return opened.status();
  auto impl = std::make_unique<Impl>();
  impl->server = std::move(opened).value();
  return std::unique_ptr<ReviewServer>(new ReviewServer(std::move(impl)));
}

std::string ReviewServer::url() const {
  return "http://127.0.0.1:" + std::to_string(port()) + "/?token=" + impl_->server->token();
}

int ReviewServer::port() const { return impl_->server->port(); }

Status ReviewServer::Run() { return impl_->server->Run(); }

void ReviewServer::Stop() { impl_->server->Stop(); }

}  // namespace vanban
