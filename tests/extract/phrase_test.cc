// Unit tests of the extractor's text helpers: folding, approximate matching, numbers and dates.
#include "pipeline/extract/phrase.h"

#include <gtest/gtest.h>

#include <utility>

#include "pipeline/extract/fold.h"

namespace vanban::extract {
namespace {

TEST(Fold, DropsMarksCaseAndPunctuation) {
  EXPECT_EQ(FoldKey("Kính gửi:"), "kinhgui");
  EXPECT_EQ(FoldKey("QUYÉT ĐỊNH"), "quyetdinh");
  EXPECT_EQ(FoldKey("QĐÐ"), "qdd");
  EXPECT_EQ(FoldKey("Quảng  Ngãi,", true), "quang ngai");
}

TEST(FindApprox, ToleratesOcrDamage) {
  Match match = FindApprox(FoldKey("UBND TỈNH CỌNG HÒA XÃ HỘI CHỦ NGHĨA VIET NAM"), "conghoaxahoichunghiavietnam", 4);
  ASSERT_TRUE(match.found());
  EXPECT_EQ(match.begin, 8u);
  EXPECT_FALSE(FindApprox("noinhan", "kinhgui", 1).found());
}

TEST(ReadNumber, JoinsTheGapAndRepairsSlashes) {
  EXPECT_EQ(ReadNumber("04 /QĐ-BCĐ138"), "04/QĐ-BCĐ138");
  EXPECT_EQ(ReadNumber("299/UBND-TTHC Quảng Ngãi"), "299/UBND-TTHC");
  EXPECT_EQ(ReadNumber("2577 JUBND-KGVX"), "2577/UBND-KGVX");
  EXPECT_EQ(ReadNumber("161/2024/NĐ-CP"), "161/2024/NĐ-CP");
  EXPECT_EQ(ReadNumber("157/ QĐ- -NĐ-UB"), "157/QĐ-NĐ-UB");
  EXPECT_EQ(ReadNumber("28-CT/TW,"), "28-CT/TW");
  EXPECT_EQ(ReadNumber("Quảng Ngãi"), "");
}

TEST(ReadNumber, SerialValidity) {
  EXPECT_TRUE(HasValidSerial("299/UBND-TTHC"));
  EXPECT_FALSE(HasValidSerial("4†/QĐ-UBND"));
  EXPECT_FALSE(HasValidSerial("0/QĐ-BCĐ138"));
  EXPECT_FALSE(HasValidSerial("/2025/NQ-HĐND"));
  EXPECT_EQ(TypeAbbreviation("47/QĐ-UBND"), "QĐ");
  EXPECT_EQ(TypeAbbreviation("161/2024/NĐ-CP"), "NĐ");
  EXPECT_EQ(TypeAbbreviation("28-CT/TW"), "CT");
}

TEST(Dates, NumericAndValidated) {
  EXPECT_EQ(ParseNumericDate("31/12/2024 của"), "2024-12-31");
  EXPECT_EQ(ParseNumericDate("07.02.2025"), "2025-02-07");
  EXPECT_EQ(ParseNumericDate("31/02/2024"), std::nullopt);
  EXPECT_EQ(IsoDate("{5", "01", "2025"), std::nullopt);
  EXPECT_EQ(IsoDate("5", "3", "2018"), "2018-03-05");
  EXPECT_EQ(DigitsFromLookAlikes("l5"), "15");
  EXPECT_EQ(DigitsFromLookAlikes("O4"), "04");
  EXPECT_EQ(DigitsFromLookAlikes("I|"), "I|");  // no digit: no day read
  EXPECT_EQ(DigitsFromLookAlikes("c9"), "c9");
  EXPECT_EQ(DigitsFromLookAlikes("1l5"), "1l5");
}

TEST(Entries, AOneReadAsALetterInARunOfNumbers) {
  EXPECT_EQ(WithNumberRunDigits("Giám đốc các trung tâm GDTX số I, 2, 3"), "Giám đốc các trung tâm GDTX số 1, 2, 3");
  EXPECT_EQ(WithNumberRunDigits("Khu phố 4, l;"), "Khu phố 4, 1;");
  // Roman numerals, a lone letter without a number beside it, a name's initial stay.
  EXPECT_EQ(WithNumberRunDigits("Phòng I, II"), "Phòng I, II");
  EXPECT_EQ(WithNumberRunDigits("Khối I 2 lớp"), "Khối I 2 lớp");
  EXPECT_EQ(WithNumberRunDigits("Ông Nguyễn Văn I, Trưởng thôn"), "Ông Nguyễn Văn I, Trưởng thôn");
}

TEST(Entries, ACommaReadAsAPeriodBetweenCodes) {
  const std::pair<const char*, const char*> cases[] = {
      {"VPUB:PCVP. TTHC", "VPUB:PCVP, TTHC"},
      {"CT. PCT UBND tỉnh", "CT, PCT UBND tỉnh"},
      {"Lưu: VT. KTN.lqv66", "Lưu: VT, KTN.lqv66"},
      {"Lưu: VT, ĐĐ. KGVX", "Lưu: VT, ĐĐ, KGVX"},
      // Abbreviations written with a period, a period before lower case, a joined code stay.
      {"UBND TP. Quảng Ngãi", "UBND TP. Quảng Ngãi"},
      {"TS. Nguyễn Văn An", "TS. Nguyễn Văn An"},
      {"Như trên. để biết", "Như trên. để biết"},
      {"TT Huyện. Thành ủy", "TT Huyện. Thành ủy"},
      {"Lưu: VT, P.KTTH", "Lưu: VT, P.KTTH"},
      {"Lưu: VT, Đ. Nguyễn", "Lưu: VT, Đ. Nguyễn"},  // one letter, two bytes: no code
      {"Sở TN&MT. Phòng", "Sở TN&MT, Phòng"},
  };
  for (const auto& [read, entry] : cases) EXPECT_EQ(WithCodeListCommas(read), entry) << read;
}

TEST(Entries, CleanedAsPrinted) {
  EXPECT_EQ(CleanEntry("- Thường trực Tỉnh ủy; Ì"), "Thường trực Tỉnh ủy");
  EXPECT_EQ(CleanEntry("- Như trên, - -"), "Như trên");
  EXPECT_EQ(CleanEntry("-'Các sở ban ngành; ."), "Các sở ban ngành");
  EXPECT_EQ(CleanEntry("- Lưu: VT, P.KTTHTien32."), "Lưu: VT, P.KTTHTien32");
  EXPECT_EQ(CleanEntry("- Lưu VT-NĐ | đun"), "Lưu VT-NĐ");
  EXPECT_EQ(CleanEntry("- Thường trực Tỉnh ủy (b/cáo);"), "Thường trực Tỉnh ủy (b/cáo)");
  // A ')' closing nothing is a speck; a balanced one stays.
  EXPECT_EQ(CleanEntry("- Thường trực HĐND) tỉnh;"), "Thường trực HĐND tỉnh");
  EXPECT_EQ(CleanEntry("- VPUB: CVP, PCVP (VX), KTTH;"), "VPUB: CVP, PCVP (VX), KTTH");
  EXPECT_EQ(EntryTerminator("- Các sở, ban, ngành tỉnh; ."), ';');
  EXPECT_EQ(EntryTerminator("- Ủy ban Quốc gia Ứng phó sự cố, TT và TKCN (b/c);."), ';');
  EXPECT_EQ(EntryTerminator("- Lưu: VT, KTN."), '.');
  EXPECT_EQ(EntryTerminator("- Phó Thủ tướng TT Trương Hòa Bình"), 0);
}

TEST(JoinWrapped, CodesAcrossLines) {
  EXPECT_EQ(JoinWrapped({"thực hiện Chỉ thị số 28-", "CT/TW ngày 25/12/2023"}),
            "thực hiện Chỉ thị số 28-CT/TW ngày 25/12/2023");
  EXPECT_EQ(JoinWrapped({"Sở Dân tộc -", "Tôn giáo"}), "Sở Dân tộc - Tôn giáo");
  EXPECT_EQ(JoinWrapped({"Lao động — Thương binh"}), "Lao động – Thương binh");
}

TEST(Case, WordsAndShares) {
  EXPECT_TRUE(IsCapitalizedWord("Nguyễn"));
  EXPECT_FALSE(IsCapitalizedWord("guyễn"));
  EXPECT_FALSE(IsCapitalizedWord("UBND"));
  EXPECT_TRUE(IsUpperDominant("ỦY BAN NHÂN DÂN"));
  EXPECT_FALSE(IsUpperDominant("Về việc"));
}

// The extractor and vanban review split "Số và ký hiệu" with this one function.
TEST(SplitNumber, SerialAndNotationApart) {
  auto parts = [](std::string_view number) {
    const NumberParts p = SplitNumber(number);
    return p.serial.value_or("-") + " " + p.notation.value_or("-");
  };
  EXPECT_EQ(parts("574/UBND-KTTH"), "574 UBND-KTTH");
  EXPECT_EQ(parts("39/2026/TT-BGDĐT"), "39 2026/TT-BGDĐT");
  EXPECT_EQ(parts("28-CT/TW"), "28 CT/TW");
  EXPECT_EQ(parts("574"), "574 -");
  EXPECT_EQ(parts("574/"), "574 -");
  EXPECT_EQ(parts("/UBND-KTTH"), "- UBND-KTTH");  // the pen digits unread
  EXPECT_EQ(parts(""), "- -");
}

}  // namespace
}  // namespace vanban::extract
