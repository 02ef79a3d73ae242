#include "pipeline/review/token.h"

#include <gtest/gtest.h>

namespace vanban::review {
namespace {

TEST(NewToken, Is256RandomBitsInHex) {
  auto a = NewToken(), b = NewToken();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->size(), 64u);
  EXPECT_EQ(a->find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(*a, *b);
}

TEST(CookieValue, FindsTheNamedCookie) {
  EXPECT_EQ(CookieValue("a=1; vanban_review_8080=abc; b=2", "vanban_review_8080"), "abc");
  EXPECT_EQ(CookieValue("vanban_review_8080=abc", "vanban_review_8080"), "abc");
  EXPECT_EQ(CookieValue("vanban_review_80=abc", "vanban_review_8080"), "");
  EXPECT_EQ(CookieValue("", "x"), "");
  EXPECT_EQ(CookieValue(";;x", "x"), "");
}

TEST(Authorised, NeedsTheExactTokenInTheQueryOrTheCookie) {
  const std::string token = "0123456789abcdef0123456789abcdef";
  EXPECT_TRUE(Authorised(token, token, ""));
  EXPECT_TRUE(Authorised(token, "", token));
  EXPECT_TRUE(Authorised(token, "wrong", token));
  EXPECT_FALSE(Authorised(token, "", ""));
  EXPECT_FALSE(Authorised(token, token.substr(0, 31), ""));
  EXPECT_FALSE(Authorised(token, token + "0", ""));
  EXPECT_FALSE(Authorised(token, "1123456789abcdef0123456789abcdef", ""));
  EXPECT_FALSE(Authorised("", "", ""));  // a server without a token lets nobody in
}

}  // namespace
}  // namespace vanban::review
