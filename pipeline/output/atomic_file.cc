#include "pipeline/output/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <signal.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace vanban::output {
namespace {

constexpr const char* kTempMarker = ".vanban-tmp.";

Status Errno(const std::string& what, const std::string& path) {
  const int error = errno;
  const std::string message = what + " " + path + ": " + std::strerror(error);
  if (error == ENOSPC || error == EDQUOT) return Status::NoSpace(message);
  return Status::IoError(message);
}

std::string HostName() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "host";
  std::string host(name);
  std::replace(host.begin(), host.end(), '.', '_');  // the marker's fields are split at '.'
  return host;
}

// Unique per host, process and call, so concurrent writers of one folder (threads, shards on
// other machines) never share a temp file, and a later run can tell whose it was.
std::string TempPathFor(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  static const std::string host = HostName();
  return path + kTempMarker + host + "." + std::to_string(getpid()) + "." + std::to_string(counter++);
}

// The pid of a temp file this host wrote (…<marker><host>.<pid>.<n>), or 0.
pid_t WriterOf(const std::string& name, const std::string& host) {
  const size_t marker = name.rfind(kTempMarker);
  if (marker == std::string::npos) return 0;
  const std::string tail = name.substr(marker + std::strlen(kTempMarker));
  if (tail.rfind(host + ".", 0) != 0) return 0;
  const std::string numbers = tail.substr(host.size() + 1);
  unsigned long pid = 0, n = 0;
  char extra = 0;
  if (std::sscanf(numbers.c_str(), "%lu.%lu%c", &pid, &n, &extra) != 2) return 0;
  return static_cast<pid_t>(pid);
}

}  // namespace

StatusOr<std::unique_ptr<AtomicFile>> AtomicFile::Create(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  if (ec) return Status::IoError("cannot create folder " + parent.string() + ": " + ec.message());
  std::string temp = TempPathFor(path);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("cannot create", temp);
  return std::unique_ptr<AtomicFile>(new AtomicFile(path, std::move(temp), fd));
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!temp_.empty()) ::unlink(temp_.c_str());
}

Status AtomicFile::Append(std::string_view bytes) {
  if (fd_ < 0) return Status::Internal("write to a closed file " + temp_);
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Errno("cannot write", temp_);
    written += static_cast<size_t>(n);
  }
  return Status::Ok();
}

Status AtomicFile::Commit() {
  if (fd_ < 0) return Status::Internal("commit of a closed file " + temp_);
  const bool flushed = ::fsync(fd_) == 0;
  const bool closed = ::close(fd_) == 0;
  fd_ = -1;
  if (!flushed || !closed) return Errno("cannot flush", temp_);
  if (::rename(temp_.c_str(), path_.c_str()) != 0) return Errno("cannot rename to", path_);
  temp_.clear();  // renamed: nothing left to remove
  return Status::Ok();
}

int RemoveStaleTempFiles(const std::string& folder) {
  namespace fs = std::filesystem;
  static const std::string host = HostName();
  int removed = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const pid_t writer = WriterOf(it->path().filename().string(), host);
    // kill(pid, 0) fails with ESRCH only when no such process exists: a live writer (this
    // process, or another batch sharing the folder) keeps its file.
    if (writer > 0 && ::kill(writer, 0) != 0 && errno == ESRCH && fs::remove(it->path(), ec)) ++removed;
  }
  return removed;
}

StatusOr<std::string> ReadWholeFile(const std::string& path) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    const std::string why = std::string("cannot read the file (") + std::strerror(errno) + ")";
    return errno == ENOENT ? Status::NotFound(why) : Status::IoError(why);
  }
  std::string bytes;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.append(buf, n);
  const int error = std::ferror(f) ? errno : 0;
  std::fclose(f);
  if (error != 0) return Status::IoError(std::string("cannot read the file (") + std::strerror(error) + ")");
  return bytes;
}

Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  StatusOr<std::unique_ptr<AtomicFile>> file = AtomicFile::Create(path);
  if (!file.ok()) return file.status();
  if (Status s = (*file)->Append(contents); !s.ok()) return s;
  return (*file)->Commit();
}

}  // namespace vanban::output
