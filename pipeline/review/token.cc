#include "pipeline/review/token.h"

#include <sys/random.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "pipeline/review/hex.h"

namespace vanban::review {
namespace {

constexpr size_t kTokenBytes = 32;

bool SameSecret(std::string_view secret, std::string_view given) {
  if (secret.empty() || given.size() != secret.size()) return false;
  unsigned char differ = 0;
  for (size_t i = 0; i < secret.size(); ++i) differ |= static_cast<unsigned char>(secret[i] ^ given[i]);
  return differ == 0;
}

std::string_view Trimmed(std::string_view s) {
  const size_t begin = s.find_first_not_of(' ');
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(' ') + 1 - begin);
}

}  // namespace

StatusOr<std::string> NewToken() {
  unsigned char bytes[kTokenBytes];
  size_t got = 0;
  while (got < sizeof bytes) {
    const ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::Internal(std::string("getrandom: ") + std::strerror(errno));
    got += static_cast<size_t>(n);
  }
  return Hex(bytes, sizeof bytes);
}

std::string CookieValue(std::string_view cookie_header, std::string_view name) {
  while (!cookie_header.empty()) {
    const size_t end = std::min(cookie_header.find(';'), cookie_header.size());
    const std::string_view pair = Trimmed(cookie_header.substr(0, end));
    const size_t equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) return std::string(pair.substr(equals + 1));
    cookie_header.remove_prefix(std::min(end + 1, cookie_header.size()));
  }
  return {};
}

bool Authorised(std::string_view token, std::string_view query_token, std::string_view cookie_token) {
  // Both are compared, so that which one matched takes no different time either.
  const bool query = SameSecret(token, query_token);
  const bool cookie = SameSecret(token, cookie_token);
  return query || cookie;
}

}  // namespace vanban::review
