// vanban::Status — the outcome of an operation: ok, or a code plus a one-line message.
// vanban::StatusOr<T> — a value or the Status that explains why there is none.
//
// Every fallible call of the public API returns one of these; no exception crosses the API.
// Both are plain values: copy them, return them, compare their codes.
//
// Thread-safety: a Status is immutable after construction and may be shared freely.
//
//   vanban::StatusOr<vanban::Document> doc = engine->ProcessFile("scan.pdf");
//   if (!doc.ok()) { std::cerr << doc.status().ToString() << "\n"; return 2; }
//   use(doc.value());
#ifndef VANBAN_STATUS_H_
#define VANBAN_STATUS_H_

#include <optional>
#include <string>
#include <utility>

namespace vanban {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // the caller passed something unusable (bad flag, bad mode)
    kNotFound,         // an input file does not exist
    kCorruptInput,     // an input exists but cannot be decoded (truncated PDF, not an image)
    kIoError,          // reading or writing failed at the OS level
    kMissingData,      // a model or Tesseract language file is missing or unreadable
    kTooLarge,         // an input exceeds a configured limit
    kInternal,         // a bug or an unexpected library failure
    kCancelled,        // the caller asked to stop (vanban ocr on SIGINT/SIGTERM)
    kNoSpace,          // a write failed because the disk or the quota is full
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return Status(Code::kInvalidArgument, std::move(m)); }
  static Status NotFound(std::string m) { return Status(Code::kNotFound, std::move(m)); }
  static Status CorruptInput(std::string m) { return Status(Code::kCorruptInput, std::move(m)); }
  static Status IoError(std::string m) { return Status(Code::kIoError, std::move(m)); }
  static Status MissingData(std::string m) { return Status(Code::kMissingData, std::move(m)); }
  static Status TooLarge(std::string m) { return Status(Code::kTooLarge, std::move(m)); }
  static Status Internal(std::string m) { return Status(Code::kInternal, std::move(m)); }
  static Status Cancelled(std::string m) { return Status(Code::kCancelled, std::move(m)); }
  static Status NoSpace(std::string m) { return Status(Code::kNoSpace, std::move(m)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "ok", or the message alone: callers prefix the input name themselves.
  std::string ToString() const { return ok() ? "ok" : message_; }
  // The same failure with context in front of its message ("page 3: " + message).
  Status WithPrefix(const std::string& prefix) const { return ok() ? *this : Status(code_, prefix + message_); }
  // The same failure in other words (a page numbered in a larger whole).
  Status WithMessage(std::string message) const { return ok() ? *this : Status(code_, std::move(message)); }

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  Code code_ = Code::kOk;
  std::string message_;
};

template <typename T>
class StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}                 // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) {}          // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const T& operator*() const& { return *value_; }
  T& operator*() & { return *value_; }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace vanban

#endif  // VANBAN_STATUS_H_
