#include "pipeline/text/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "pipeline/text/unicode.h"

namespace vanban::text {
namespace {

std::vector<std::pair<TokenKind, std::string>> Tok(std::string_view text) {
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  std::vector<std::pair<TokenKind, std::string>> out;
  for (const Token& t : tokens) {
    if (t.kind != TokenKind::kSpace) out.emplace_back(t.kind, std::string(t.In(text)));
  }
  return out;
}

std::string Rebuild(std::string_view text) {
  std::vector<Token> tokens;
  Tokenize(text, &tokens);
  std::string out;
  uint32_t expected = 0;
  for (const Token& t : tokens) {
    EXPECT_EQ(t.begin, expected);
    expected = t.end;
    out += t.In(text);
  }
  return out;
}

using K = TokenKind;

TEST(Tokenizer, ClassifiesAdministrativeText) {
  auto t = Tok("Chỉ thị số 28-CT/TW của UBND, ngày 25/12/2023 (1183/QĐ-TTg)");
  std::vector<std::pair<TokenKind, std::string>> want = {
      {K::kWord, "Chỉ"},  {K::kWord, "thị"},       {K::kWord, "số"},   {K::kCode, "28-CT/TW"},
      {K::kWord, "của"},  {K::kAbbreviation, "UBND"}, {K::kPunct, ","}, {K::kWord, "ngày"},
      {K::kNumber, "25/12/2023"}, {K::kPunct, "("}, {K::kCode, "1183/QĐ-TTg"}, {K::kPunct, ")"}};
  EXPECT_EQ(t, want);
}

TEST(Tokenizer, HyphenatedWordsSplitAndCodesStay) {
  auto t = Tok("Bà Rịa-Vũng Tàu 161/2024/NĐ-CP BCĐ138 1.276 9,3");
  std::vector<std::pair<TokenKind, std::string>> want = {
      {K::kWord, "Bà"}, {K::kWord, "Rịa"}, {K::kPunct, "-"}, {K::kWord, "Vũng"}, {K::kWord, "Tàu"},
      {K::kCode, "161/2024/NĐ-CP"}, {K::kCode, "BCĐ138"}, {K::kNumber, "1.276"}, {K::kNumber, "9,3"}};
  EXPECT_EQ(t, want);
}

TEST(Tokenizer, EmailUrlAndListLetters) {
  auto t = Tok("gửi vanthu@kiengiang.gov.vn; xem https://vbpl.vn/a?b=1. d) đ)");
  std::vector<std::pair<TokenKind, std::string>> want = {
      {K::kWord, "gửi"}, {K::kEmail, "vanthu@kiengiang.gov.vn"}, {K::kPunct, ";"}, {K::kWord, "xem"},
      {K::kUrl, "https://vbpl.vn/a?b=1"}, {K::kPunct, "."}, {K::kWord, "d"}, {K::kPunct, ")"},
      {K::kWord, "đ"}, {K::kPunct, ")"}};
  EXPECT_EQ(t, want);
}

TEST(Tokenizer, NewlinesAreTokens) {
  auto t = Tok("a\r\nb\n\nc");
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[1].first, K::kNewline);
  EXPECT_EQ(t[1].second, "\r\n");
  EXPECT_EQ(t[3].first, K::kNewline);
}

TEST(Tokenizer, CoversTextExactly) {
  for (std::string s : {std::string("  Chi thi so 28-CT/TW \t cua Bo.\n"), std::string(""),
                        std::string("\xff\xfe junk \x01\x02"), std::string(100000, 'a'),
                        std::string("---///...,,,"), std::string("a-"), std::string("-a")}) {
    std::string clean = ToNfc(s);
    EXPECT_EQ(Rebuild(clean), clean);
  }
}

}  // namespace
}  // namespace vanban::text
