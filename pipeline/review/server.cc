#include "pipeline/review/server.h"

#include <chrono>
#include <filesystem>
#include <thread>

#include <httplib.h>

#include "pipeline/output/atomic_file.h"
#include "pipeline/output/confined_path.h"
#include "pipeline/review/page_png.h"
#include "pipeline/review/store.h"
#include "pipeline/review/token.h"

namespace vanban::review {

namespace fs = std::filesystem;
using httplib::Request;
using httplib::Response;

struct State {
  State(const ServerOptions& options, std::string token, int port)
      : store(options.output_dir), inputs_dir(output::RealPath(options.inputs_dir)), web_dir(options.web_dir),
        token(std::move(token)), cookie("vanban_review_" + std::to_string(port)), port(port) {}

  Store store;
  std::string inputs_dir;  // resolved
  std::string web_dir;
  std::string token;
  // Cookies are shared by every port of a host: each server names its own.
  std::string cookie;
  int port;
};

namespace {

// The resolution the engine rasterises PDF pages at, where a document does not say.
constexpr int kDefaultPdfDpi = 300;
constexpr size_t kMaxRequestBytes = size_t{1} << 20;

void SendJson(Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json; charset=utf-8");
}

void SendError(Response& res, int status, const std::string& message) { SendJson(res, status, {{"error", message}}); }

int HttpStatusOf(const Status& status) {
  switch (status.code()) {
    case Status::Code::kNotFound: return 404;
    case Status::Code::kInvalidArgument:
    case Status::Code::kCorruptInput: return 400;
    default: return 500;
  }
}

// Only the names the page is reached by: a web page elsewhere whose name was pointed at
// 127.0.0.1 (DNS rebinding) sends its own.
bool AllowedHost(std::string_view host, int port) {
  const size_t colon = host.rfind(':');
  if (colon == std::string_view::npos || host.substr(colon + 1) != std::to_string(port)) return false;
  const std::string_view name = host.substr(0, colon);
  return name == "127.0.0.1" || name == "localhost";
}

httplib::Server::HandlerResponse Guard(const State& s, const Request& req, Response& res) {
  const std::string cookie = CookieValue(req.get_header_value("Cookie"), s.cookie);
  if (AllowedHost(req.get_header_value("Host"), s.port) && Authorised(s.token, req.get_param_value("token"), cookie)) {
    return httplib::Server::HandlerResponse::Unhandled;
  }
  SendError(res, 403, "forbidden: open the URL that vanban review printed (it holds the access token)");
  return httplib::Server::HandlerResponse::Handled;
}

void ServeWebFile(const State& s, const std::string& name, Response& res) {
  const fs::path path = fs::path(s.web_dir) / name;
  StatusOr<std::string> file = output::ReadWholeFile(path);
  if (!file.ok()) {
    SendError(res, 404, "missing file " + path.string() + " of the review page: reinstall vanban or give --data-dir");
    return;
  }
  const std::string ext = path.extension().string();
  const char* type = ext == ".js"    ? "text/javascript; charset=utf-8"
                     : ext == ".css" ? "text/css; charset=utf-8"
                                     : "text/html; charset=utf-8";
  res.set_content(std::move(file).value(), type);
}

// The input file `source` of a document, resolved inside the inputs folder; empty with *why set
// when it cannot be shown.
std::string InputOf(const State& s, const std::string& source, std::string* why) {
  const std::string joined = source.starts_with("/") ? source : s.inputs_dir + "/" + source;
  const std::string input = output::RealPathInside(s.inputs_dir, joined);
  if (source.empty()) *why = "the document names no input";
  else if (output::RealPath(joined).empty()) *why = "input " + source + " not found under " + s.inputs_dir + " (give --inputs DIR)";
  else if (input.empty()) *why = "input " + source + " lies outside the inputs folder " + s.inputs_dir;
  return input;
}

// The input files of `document` (its source, or its source_files when it was read from a file a
// page); empty with *why set when one cannot be shown.
std::vector<std::string> InputsOf(const State& s, const Json& document, std::string* why) {
  std::vector<std::string> sources;
  if (document.contains("source_files") && document["source_files"].is_array()) {
    for (const Json& file : document["source_files"]) sources.push_back(file.is_string() ? file.get<std::string>() : "");
  } else {
    sources.push_back(document["source"].is_string() ? document["source"].get<std::string>() : "");
  }
  std::vector<std::string> inputs;
  for (const std::string& source : sources) {
    inputs.push_back(InputOf(s, source, why));
    if (inputs.back().empty()) return {};
  }
  return inputs;
}

// What the page shows of a document: its items, the boxes of its fields and whether its input
// can be shown.
Json DocumentView(const State& s, const LoadedDocument& document) {
  std::string why;
  InputsOf(s, document.json, &why);
  const Json& json = document.json;
  return {{"path", document.name},
          {"revision", document.revision},
          {"source", json["source"]},
          {"pages", json.contains("pages") ? json["pages"] : Json(1)},
          {"fields", json["fields"]},
          {"items", ReviewItems(json)},
          {"boxes", FieldBoxes(json)},
          {"image_error", why.empty() ? Json(nullptr) : Json(why)}};
}

// The resolution page `page` of a PDF input was read at, which its boxes are in.
int PdfDpiOf(const Json& document, int page) {
  if (!document.contains("page_results") || !document["page_results"].is_array()) return kDefaultPdfDpi;
  const Json& results = document["page_results"];
  if (page < 1 || static_cast<size_t>(page) > results.size() || !results[page - 1].is_object()) return kDefaultPdfDpi;
  const Json& dpi = results[page - 1].contains("dpi") ? results[page - 1]["dpi"] : Json(nullptr);
  return dpi.is_number_integer() && dpi.get<int>() >= 50 && dpi.get<int>() <= 2400 ? dpi.get<int>() : kDefaultPdfDpi;
}

void ListDocuments(const State& s, Response& res) {
  const Listing listing = s.store.List();
  SendJson(res, 200, {{"output_dir", s.store.output_dir()},
                      {"documents", listing.open},
                      {"done", listing.done},
                      {"unreadable", listing.unreadable}});
}

void ShowDocument(const State& s, const Request& req, Response& res) {
  StatusOr<LoadedDocument> document = s.store.Load(req.get_param_value("path"));
  if (!document.ok()) return SendError(res, HttpStatusOf(document.status()), document.status().message());
  SendJson(res, 200, DocumentView(s, *document));
}

void ShowPage(const State& s, const Request& req, Response& res) {
  StatusOr<LoadedDocument> document = s.store.Load(req.get_param_value("path"));
  if (!document.ok()) return SendError(res, HttpStatusOf(document.status()), document.status().message());
  std::string why;
  const std::vector<std::string> inputs = InputsOf(s, document->json, &why);
  if (inputs.empty()) return SendError(res, 404, why);
  const int page = std::atoi(req.get_param_value("page").c_str());
  StatusOr<std::string> png = PagePng(inputs, page, PdfDpiOf(document->json, page));
  if (!png.ok()) return SendError(res, HttpStatusOf(png.status()), png.status().message());
  res.set_content(std::move(png).value(), "image/png");
}

// The answers of a save request; false with *error set when it is malformed.
bool ParseAnswers(const Json& body, std::vector<Answer>* answers, std::string* error) {
  if (!body.contains("answers") || !body["answers"].is_array()) {
    *error = "'answers' must be a list";
    return false;
  }
  for (const Json& answer : body["answers"]) {
    if (!answer.is_object() || !answer.contains("field") || !answer["field"].is_string() || !answer.contains("value")) {
      *error = "each answer is {\"field\": name, \"value\": …}";
      return false;
    }
    answers->push_back({answer["field"], answer["value"]});
  }
  return true;
}

void Save(State& s, const Request& req, Response& res) {
  // A form of another site cannot send this type without the browser asking first.
  if (!req.get_header_value("Content-Type").starts_with("application/json")) {
    return SendError(res, 415, "a save is a JSON request");
  }
  const Json body = Json::parse(req.body, nullptr, false);
  std::vector<Answer> answers;
  std::string error;
  if (body.is_discarded() || !body.is_object() || !body.contains("path") || !body["path"].is_string() ||
      !body.contains("revision") || !body["revision"].is_string()) {
    return SendError(res, 400, "a save is {\"path\", \"revision\", \"answers\"}");
  }
  if (!ParseAnswers(body, &answers, &error)) return SendError(res, 400, error);
  SaveResult saved;
  SaveFailure failed;
  if (s.store.Save(body["path"], body["revision"], answers, &saved, &failed)) {
    return SendJson(res, 200, {{"revision", saved.revision}, {"patched", saved.patched}, {"not_patched", saved.not_patched}});
  }
  if (failed.conflict) {
    return SendJson(res, 409, {{"error", "the document changed on disk since it was opened (another tab, or vanban ocr "
                                         "rewrote it): nothing was saved; here it is as it is now"},
                               {"document", DocumentView(s, failed.current)}});
  }
  SendError(res, HttpStatusOf(failed.status), failed.status.message());
}

void Route(State& s, httplib::Server& http) {
  http.set_pre_routing_handler([&s](const Request& req, Response& res) { return Guard(s, req, res); });
  http.Get("/", [&s](const Request& req, Response& res) {
    if (req.has_param("token")) {
      res.set_header("Set-Cookie", s.cookie + "=" + s.token + "; Path=/; HttpOnly; SameSite=Strict");
    }
    ServeWebFile(s, "index.html", res);
  });
  // Browsers ask for an icon on their own; the page has none.
  http.Get("/favicon.ico", [](const Request&, Response& res) { res.status = 204; });
  http.Get(R"(/(review\.(js|css)))", [&s](const Request& req, Response& res) { ServeWebFile(s, req.matches[1], res); });
  http.Get("/api/documents", [&s](const Request&, Response& res) { ListDocuments(s, res); });
  http.Get("/api/document", [&s](const Request& req, Response& res) { ShowDocument(s, req, res); });
  http.Get("/api/page", [&s](const Request& req, Response& res) { ShowPage(s, req, res); });
  http.Post("/api/save", [&s](const Request& req, Response& res) { Save(s, req, res); });
  http.set_exception_handler([](const Request&, Response& res, std::exception_ptr failure) {
    std::string what = "internal error";
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      what += std::string(": ") + e.what();
    } catch (...) {
    }
    SendError(res, 500, what);
  });
  http.set_default_headers({{"Content-Security-Policy", "default-src 'self'; img-src 'self' blob:; frame-ancestors 'none'"},
                            {"X-Content-Type-Options", "nosniff"},
                            {"Referrer-Policy", "no-referrer"},
                            {"Cache-Control", "no-store"}});
  http.set_payload_max_length(kMaxRequestBytes);
}

Status CheckFolder(const std::string& path, const char* what) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return Status::InvalidArgument(std::string(what) + " " + path + " is not a folder");
  return Status::Ok();
}

}  // namespace

Server::Server(std::unique_ptr<State> state, std::unique_ptr<httplib::Server> http)
    : state_(std::move(state)), http_(std::move(http)) {
  Route(*state_, *http_);
}

Server::~Server() = default;

StatusOr<std::unique_ptr<Server>> Server::Open(const ServerOptions& options) {
  if (Status s = CheckFolder(options.output_dir, "the output folder"); !s.ok()) return s;
  if (Status s = CheckFolder(options.inputs_dir, "the inputs folder"); !s.ok()) return s;
  const fs::path index = fs::path(options.web_dir) / "index.html";
  if (std::error_code ec; !fs::is_regular_file(index, ec)) {
    return Status::MissingData("the review page's files are missing: no " + index.string() +
                               " (install vanban with its data, or give --data-dir)");
  }
  StatusOr<std::string> token = NewToken();
  if (!token.ok()) return token.status();
  auto http = std::make_unique<httplib::Server>();
  // Loopback only: the page edits files, and nobody else on the network may reach it.
  const int port = options.port == 0 ? http->bind_to_any_port("127.0.0.1")
                                     : (http->bind_to_port("127.0.0.1", options.port) ? options.port : -1);
  if (port <= 0) return Status::IoError("cannot listen on 127.0.0.1:" + std::to_string(options.port) + " (in use?)");
  return std::unique_ptr<Server>(
      new Server(std::make_unique<State>(options, std::move(token).value(), port), std::move(http)));
}

int Server::port() const { return state_->port; }

const std::string& Server::token() const { return state_->token; }

Status Server::Run() {
  {
    std::lock_guard<std::mutex> lock(run_mutex_);
    if (stopping_) return Status::Ok();
    started_ = true;
  }
  const bool served = http_->listen_after_bind();
  returned_ = true;
  std::lock_guard<std::mutex> lock(run_mutex_);
  return served || stopping_ ? Status::Ok() : Status::IoError("the review server stopped serving");
}

void Server::Stop() {
  bool started = false;
  {
    std::lock_guard<std::mutex> lock(run_mutex_);
    stopping_ = true;
    started = started_;
  }
  // httplib's stop() acts only once the listening loop runs: wait for it to start.
  while (started && !http_->is_running() && !returned_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  http_->stop();
}

}  // namespace vanban::review
