#include "pipeline/text/vietnamese.h"

#include <gtest/gtest.h>

namespace vanban::text {
namespace {

TEST(Skeleton, StripsMarksLowersAndMapsDd) {
  EXPECT_EQ(Skeleton("Quyết định ĐẢNG"), "quyet dinh dang");
  EXPECT_EQ(Skeleton("28-CT/TW"), "28-ct/tw");
  EXPECT_EQ(Skeleton(""), "");
}

TEST(Marks, EthIsTheLetterD) {
  EXPECT_EQ(WithLookAlikeLetters("79/QĐÐ-UBND"), "79/QĐ-UBND");
  EXPECT_EQ(WithLookAlikeLetters("Sở GD&ĐÐT, CÐ, Lưu PA83 (Ð4)"), "Sở GD&ĐT, CĐ, Lưu PA83 (Đ4)");
  EXPECT_EQ(WithLookAlikeLetters("ðiều đðộ"), "điều độ");
  EXPECT_EQ(WithLookAlikeLetters("ĐĐ đã"), "ĐĐ đã");
}

TEST(Marks, SymbolsWithinAWordAreTheLettersTheyLookLike) {
  EXPECT_EQ(WithLookAlikeLetters("Lưu: VT, NC(V¡59)."), "Lưu: VT, NC(Vi59).");
  EXPECT_EQ(WithLookAlikeLetters("Các Bộ: Công an, Tài chính (b/©);"), "Các Bộ: Công an, Tài chính (b/c);");
  EXPECT_EQ(WithLookAlikeLetters("©) Theo dõi"), "c) Theo dõi");
  EXPECT_EQ(WithLookAlikeLetters("© 2024, Hà Nội ¡ xem"), "© 2024, Hà Nội ¡ xem");
}

TEST(Marks, DetectsAnyVietnameseMark) {
  EXPECT_TRUE(HasVietnameseMarks("Chi thi sô"));
  EXPECT_TRUE(HasVietnameseMarks("đi"));
  EXPECT_FALSE(HasVietnameseMarks("Chi thi so 28-CT/TW"));
}

TEST(Syllable, ValidSyllables) {
  for (const char* s : {"quyết", "nghĩa", "người", "khuỷu", "giữ", "gì", "hoà", "hòa", "thuở",
                        "ưu", "yêu", "oanh", "xoong", "a", "đi"}) {
    EXPECT_TRUE(IsValidSyllable(ToU32(s))) << s;
  }
}

TEST(Syllable, StrippedSpellingsAreValid) {
  for (const char* s : {"quyet", "cuong", "kien", "nguoi", "khuyen", "tuoi", "dang"}) {
    EXPECT_TRUE(IsValidSyllable(ToU32(s))) << s;
  }
}

TEST(Syllable, InvalidSyllables) {
  for (const char* s : {"ubnd", "ct", "tw", "vietlott", "internet", "nguyeenx", "hoàà", "bcd"}) {
    EXPECT_FALSE(IsValidSyllable(ToU32(s))) << s;
  }
  EXPECT_FALSE(IsValidSyllable(ToU32("cac"), /*tone_required_for_stops=*/true));
  EXPECT_TRUE(IsValidSyllable(ToU32("các"), /*tone_required_for_stops=*/true));
}

TEST(Tone, PlacementStyles) {
  EXPECT_EQ(NormalizeTonePlacement("hoà", ToneStyle::kNew), "hòa");
  EXPECT_EQ(NormalizeTonePlacement("hòa", ToneStyle::kOld), "hoà");
  EXPECT_EQ(NormalizeTonePlacement("thuỷ", ToneStyle::kNew), "thủy");
  EXPECT_EQ(NormalizeTonePlacement("thủy", ToneStyle::kOld), "thuỷ");
  EXPECT_EQ(NormalizeTonePlacement("khoẻ", ToneStyle::kNew), "khỏe");
  // With a coda or a shaped vowel both styles agree.
  for (ToneStyle style : {ToneStyle::kNew, ToneStyle::kOld}) {
    EXPECT_EQ(NormalizeTonePlacement("hoàng", style), "hoàng");
    EXPECT_EQ(NormalizeTonePlacement("quý", style), "quý");
    EXPECT_EQ(NormalizeTonePlacement("già", style), "già");
    EXPECT_EQ(NormalizeTonePlacement("người", style), "người");
    EXPECT_EQ(NormalizeTonePlacement("tuổi", style), "tuổi");
    EXPECT_EQ(NormalizeTonePlacement("của", style), "của");
    EXPECT_EQ(NormalizeTonePlacement("nghĩa", style), "nghĩa");
    EXPECT_EQ(NormalizeTonePlacement("ngoài", style), "ngoài");
    EXPECT_EQ(NormalizeTonePlacement("huỳnh", style), "huỳnh");
    EXPECT_EQ(NormalizeTonePlacement("giếng", style), "giếng");
  }
}

TEST(Tone, SplitRejectsTwoMarks) {
  std::u32string toneless;
  Tone tone;
  EXPECT_TRUE(SplitTone(ToU32("quyết"), &toneless, &tone));
  EXPECT_EQ(ToU8(toneless), "quyêt");
  EXPECT_EQ(tone, kAcute);
  EXPECT_FALSE(SplitTone(ToU32("hóà"), &toneless, &tone));
}

TEST(Case, CopiesLetterByLetter) {
  EXPECT_EQ(CopyCase(ToU32("TINH"), ToU32("tỉnh")), "TỈNH");
  EXPECT_EQ(CopyCase(ToU32("Tinh"), ToU32("tỉnh")), "Tỉnh");
  EXPECT_EQ(CopyCase(ToU32("D"), ToU32("đ")), "Đ");
  EXPECT_EQ(CopyCase(ToU32("tInh"), ToU32("tỉnh")), "tỈnh");
}

}  // namespace
}  // namespace vanban::text
