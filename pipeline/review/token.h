// Token — the secret in the review page's URL. Anyone on the machine can connect to a loopback
// port; only who was shown the URL (or got the cookie its first page load sets) may use it.
//
// Thread-safety: pure functions; NewToken reads the kernel's CSPRNG.
#ifndef VANBAN_PIPELINE_REVIEW_TOKEN_H_
#define VANBAN_PIPELINE_REVIEW_TOKEN_H_

#include <string>
#include <string_view>

#include "vanban/status.h"

namespace vanban::review {

// 256 bits from getrandom(2), in hex.
StatusOr<std::string> NewToken();

// The value of cookie `name` in a Cookie header ("a=1; b=2"); empty when absent.
std::string CookieValue(std::string_view cookie_header, std::string_view name);

// Whether a request carries `token`, in its query or in its cookie; compared in constant time so
// that the time of a refusal tells nothing of the token.
bool Authorised(std::string_view token, std::string_view query_token, std::string_view cookie_token);

}  // namespace vanban::review

#endif  // VANBAN_PIPELINE_REVIEW_TOKEN_H_
