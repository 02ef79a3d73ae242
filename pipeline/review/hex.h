// Bytes as lower-case hex: how the review server writes its token and the revisions of files,
// both of which travel in URLs and JSON.
#ifndef VANBAN_PIPELINE_REVIEW_HEX_H_
#define VANBAN_PIPELINE_REVIEW_HEX_H_

#include <string>

namespace vanban::review {

inline std::string Hex(const unsigned char* bytes, size_t size) {
  static const char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * size);
  for (size_t i = 0; i < size; ++i) {
    hex += kDigits[bytes[i] >> 4];
    hex += kDigits[bytes[i] & 15];
  }
  return hex;
}

}  // namespace vanban::review

#endif  // VANBAN_PIPELINE_REVIEW_HEX_H_
