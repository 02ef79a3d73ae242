// Test helper: compares the header fields of an extraction with what a fixture prints.
//
// Thread-safety: as GoogleTest assertions.
#ifndef VANBAN_TESTS_EXTRACT_EXPECT_FIELDS_H_
#define VANBAN_TESTS_EXTRACT_EXPECT_FIELDS_H_

#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "vanban/document.h"

namespace vanban::extract {

// Expected values; std::nullopt where the field must stay null.
struct HeaderFields {
  std::optional<std::string> issuer, number, doc_type, place, date;
};

inline void ExpectHeader(const Fields& got, const HeaderFields& want) {
  EXPECT_EQ(got.issuer, want.issuer);
  EXPECT_EQ(got.number, want.number);
  EXPECT_EQ(got.doc_type, want.doc_type);
  EXPECT_EQ(got.place, want.place);
  EXPECT_EQ(got.date, want.date);
}

}  // namespace vanban::extract

#endif  // VANBAN_TESTS_EXTRACT_EXPECT_FIELDS_H_
