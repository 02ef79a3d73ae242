#include "pipeline/restore/restorer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "pipeline/restore/ocr_channel.h"
#include "pipeline/text/vietnamese.h"

namespace vanban::restore {
namespace {

class RestorerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = Restorer::Load(VANBAN_SOURCE_DIR);
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    restorer_ = std::move(loaded).value().release();
  }
  static void TearDownTestSuite() { delete restorer_; }

  static std::string Stripped(const std::string& text) {
    return restorer_->RestoreText(text, {RestoreMode::kStripped, ToneStyle::kNew});
  }

  static Restorer* restorer_;
};
Restorer* RestorerTest::restorer_ = nullptr;

TEST(RestorerLoad, MissingModelIsMissingData) {
  auto loaded = Restorer::Load("/nonexistent-dir");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), Status::Code::kMissingData);
  EXPECT_NE(loaded.status().message().find("vi-syllable.lm"), std::string::npos);
}

TEST(RestorerLoad, CorruptModelIsMissingData) {
  std::string dir = std::string(VANBAN_BINARY_DIR) + "/corrupt-model";
  std::string models = dir + "/models";
  ASSERT_EQ(system(("mkdir -p " + models).c_str()), 0);
  std::ofstream(models + "/vi-syllable.lm") << "VBNLM001 but not really a model";
  auto loaded = Restorer::Load(dir);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().code(), Status::Code::kMissingData);
}

TEST_F(RestorerTest, RestoresTheSeedSentence) {
  EXPECT_EQ(Stripped("Chi thi so 28-CT/TW cua Bo Chinh tri"), "Chỉ thị số 28-CT/TW của Bộ Chính trị");
  EXPECT_EQ(Stripped("Quyet dinh so 1183/QD-TTg cua Thu tuong Chinh phu"),
            "Quyết định số 1183/QĐ-TTg của Thủ tướng Chính phủ");
}

// A text of several megabytes, here one line, is restored window by window (cut after a
// sentence end) and every window as a short text would be.
TEST_F(RestorerTest, AVeryLongLineIsRestoredWindowByWindow) {
  const std::string sentence = "Chi thi so 28-CT/TW cua Bo Chinh tri. ";
  std::string line;
  while (line.size() < (size_t{3} << 20)) line += sentence;
  const std::string restored = Stripped(line);
  const std::string one = Stripped(sentence + sentence).substr(Stripped(sentence).size());
  ASSERT_EQ(restored.size() % one.size(), 0u);
  for (size_t at = 0; at < restored.size(); at += one.size()) {
    ASSERT_EQ(restored.compare(at, one.size(), one), 0) << "at byte " << at;
  }
}

TEST_F(RestorerTest, KeepsCaseAndPassThroughTokens) {
  EXPECT_EQ(Stripped("UY BAN NHAN DAN TINH KIEN GIANG"), "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG");
  EXPECT_EQ(Stripped("Email: vanthu@kiengiang.gov.vn, ngay 25/12/2023, UBND"),
            "Email: vanthu@kiengiang.gov.vn, ngày 25/12/2023, UBND");
}

TEST_F(RestorerTest, ToneStyles) {
  EXPECT_EQ(restorer_->RestoreText("hoa binh", {RestoreMode::kStripped, ToneStyle::kNew}), "hòa bình");
  EXPECT_EQ(restorer_->RestoreText("hoa binh", {RestoreMode::kStripped, ToneStyle::kOld}), "hoà bình");
}

TEST_F(RestorerTest, LegalListLetters) {
  std::string out = Stripped("c) Ngan sach;\nd) Tham quyen;\nd) Thanh tra.");
  EXPECT_EQ(out, "c) Ngân sách;\nd) Thẩm quyền;\nđ) Thanh tra.");
}

TEST_F(RestorerTest, StrippedModeOnlyChangesMarks) {
  std::string in = "Thuc hien Ke hoach so 211-KH/TU ngay 25/4/2024 cua Ban\nThuong vu Tinh uy ve (xem them).\n\n";
  std::string out = Stripped(in);
  EXPECT_EQ(text::Skeleton(out), text::Skeleton(in));
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 3);
}

TEST_F(RestorerTest, VietnameseOcrIsCorrectedConservatively) {
  RestoreOptions ocr{RestoreMode::kOcr, ToneStyle::kNew};
  EXPECT_EQ(restorer_->RestoreText("Quyết định công bô thủ tục thuộc thâm quyên giải quyết.", ocr),
            "Quyết định công bố thủ tục thuộc thẩm quyền giải quyết.");
  const std::string correct = "Cấp giấy phép xây dựng cho Sở Xây dựng tỉnh Quảng Ngãi theo quy định.";
  EXPECT_EQ(restorer_->RestoreText(correct, ocr), correct);
  EXPECT_EQ(restorer_->RestoreText(correct, {}), correct);
}

TEST_F(RestorerTest, EnglishOcrConfusionsAreRepaired) {
  std::string out = restorer_->RestoreText("Thuc hién Chi thi s6 28-CT/TW cta Bo Chinh tri", {});
  EXPECT_EQ(out, "Thực hiện Chỉ thị số 28-CT/TW của Bộ Chính trị");
}

TEST_F(RestorerTest, EnglishOcrNeedingTwoRewritesOrGluedSymbols) {
  // "16ng" needs 1→l and 6→o; "X&" and "S¢" glue a symbol read for a letter into the word.
  std::string out = restorer_->RestoreText("16ng ghép, tich hop hiéu qua ngudn luc; S¢ Lao dong - Thuong binh va X& hoi", {});
  EXPECT_EQ(out, "lồng ghép, tích hợp hiệu quả nguồn lực; Sở Lao động - Thương binh và Xã hội");
  // A real parenthesis before a word stays.
  EXPECT_EQ(restorer_->RestoreText("Giam déc (Thu truong) cac so", {}), "Giám đốc (Thủ trưởng) các sở");
}

TEST_F(RestorerTest, TwoRewritesJoinWhatOneRewriteFoundWithoutPushingItOut) {
  // "chire" needs ư read "ir" and c read "e", though one rewrite already makes "chiế" of it …
  const RestoreOptions ocr{RestoreMode::kOcr, ToneStyle::kNew};
  EXPECT_EQ(restorer_->RestoreText("Can cir Luat Te chire chinh quyén dia phuong; can b6, céng chire", ocr),
            "Căn cứ Luật Tổ chức chính quyền địa phương; cán bộ, công chức");
  // … and the words two rewrites make never crowd out the likelier "cứ" of "cit".
  const std::string decree =
      restorer_->RestoreText("Can cit Nghi dinh 56 118/2021/ND-CP ngay 23/12/2021 cia Chinh phi; quy dinh", ocr);
  EXPECT_EQ(decree.rfind("Căn cứ Nghị định", 0), 0u) << decree;
}

TEST_F(RestorerTest, DamagedAbbreviationsAndCodes) {
  RestoreOptions ocr{RestoreMode::kOcr, ToneStyle::kNew};
  EXPECT_EQ(restorer_->RestoreText("S6: 2577 JUBND-KGVX Kién Giang", ocr), "Số: 2577/UBND-KGVX Kiên Giang");
  EXPECT_EQ(restorer_->RestoreText("Chủ tịch UBRD tỉnh", ocr), "Chủ tịch UBND tỉnh");
  EXPECT_EQ(restorer_->RestoreText("Quyết định số 1667/OD-UBND ngày 08/11/2023", ocr),
            "Quyết định số 1667/QĐ-UBND ngày 08/11/2023");
  // Rare real abbreviations one letter off a common one are left alone.
  EXPECT_EQ(restorer_->RestoreText("Công văn số 286/STC-HCSN của Sở Tài chính", ocr),
            "Công văn số 286/STC-HCSN của Sở Tài chính");
}

// Issue 19: clerk codes and list abbreviations in "Nơi nhận", known or not, pass through OCR
// mode as read; only a misread capital that makes a known code is changed.
TEST_F(RestorerTest, CodesInNoiNhanPassThrough) {
  RestoreOptions ocr{RestoreMode::kOcr, ToneStyle::kNew};
  for (const char* line : {
           "- VPCP: BTCN, các PCN, Trợ lý TTg, TGĐ Cổng TTĐT, các Vụ, Cục, Công báo;",
           "- Các khoa, phòng (t/h);",
           "- Ban Giám hiệu (b/c);",
           "- Bộ GD&ĐT (để b/c);",
           "- HĐND, UBND các tỉnh, thành phố trực thuộc trung ương;",
           "- VKSND cấp cao 1, 2, 3;",
           "- Lưu: VT, KGVX (2b), TTGSNH5, Vụ PC, P.ĐT.",
           "- Lưu: VP, PC, QLNHX, XYZW (3b).",
           "- Lưu: VE TCCB.",  // a damaged "VT" is no "VỀ": the archive entry holds codes only
           "- Lưu: VE, Vụ TCCB, HE.",
           "- Lưu VE-NĐ.",  // older forms leave the colon out
           "- Lưu: VT, KTN (Vũ 55).",  // the drafter's name and the copies kept
           "- Lưu: VT, NC (lnphong55).",
       }) {
    EXPECT_EQ(restorer_->RestoreText(line, ocr), line);
  }
  EXPECT_EQ(restorer_->RestoreText("- VPCP: BTCN, các PCN, UBRD tỉnh;", ocr), "- VPCP: BTCN, các PCN, UBND tỉnh;");
  // The entry's own word and its words in lower case are corrected, and the codes end with
  // the entry.
  EXPECT_EQ(restorer_->RestoreText("- Luu: VT, Vu TCCB. Tổng hợp bao cao", ocr), "- Lưu: VT, Vụ TCCB. Tổng hợp báo cáo");
}

TEST_F(RestorerTest, PlaceNamesOnEnglishOcrLines) {
  // "Chanh" alone is a word of its own; after "Nghia" it is the place Nghĩa Chánh, a Phường.
  EXPECT_EQ(restorer_->RestoreText("thuoc Phuong Nghia Chanh, thanh phé Quang Ngai", {}),
            "thuộc Phường Nghĩa Chánh, thành phố Quảng Ngãi");
  // A pair damaged past its skeleton reads as the one place the channel's candidates spell.
  EXPECT_EQ(restorer_->RestoreText("Chu tich UBND thi xa Ditc Phé va ong", {}), "Chủ tịch UBND thị xã Đức Phổ và ông");
  // A name is capitalised, and one inside a longer capitalised run is a person's: Võ Văn Dương,
  // not the place Vân Dương; "thuong binh" is no place Thượng Bình.
  EXPECT_EQ(restorer_->RestoreText("doi voi ong V6 Van Duong", {}), "đối với ông Võ Văn Dương");
  EXPECT_EQ(restorer_->RestoreText("So Lao dong - Thuong binh va Xa hoi", {}), "Sở Lao động - Thương binh và Xã hội");
}

TEST_F(RestorerTest, APlaceNamedElsewhereInTheTextMendsItsWorseDamagedOccurrences) {
  // Alone, "Quang Nedi" is too damaged to be read as a place …
  EXPECT_EQ(restorer_->RestoreText("Sé: 90 /QD-UBND Quang Nedi, ngay 16", {}).find("Quảng Ngãi"), std::string::npos);
  // … but a letter that names Quảng Ngãi elsewhere reads it as that (and Đức Phổ beside it).
  const std::string letter = restorer_->RestoreText(
      "Sé: 90 /QD-UBND Quang Nedi, ngay 16\nUBND thi x Dire Pho, tir ngach\n"
      "UBND tinh Quang Ngai; Chu tich UBND thi x4 Ditc Phé va ong",
      {});
  EXPECT_NE(letter.find("Quảng Ngãi, ngày 16"), std::string::npos) << letter;
  EXPECT_NE(letter.find("Đức Phổ, từ ngạch"), std::string::npos) << letter;
}

TEST_F(RestorerTest, ANameTheLetterRepeatsIsSpeltOneWayEverywhere) {
  // Alone, "Dirc" and "Direc" are no words and stay as read …
  EXPECT_EQ(restorer_->RestoreText("De nghi ong Doan Duy Dirc bao cao ket qua.", {}).find("Đức"), std::string::npos);
  // … but the letter names Đoàn Duy Đức, its other readings are that name (after "Ông" too).
  const std::string letter = restorer_->RestoreText(
      "Kinh gii: Ong Doan Duy Duc, Chu tich UBND xa.\nDe nghi ong Doan Duy Dirc bao cao ket qua.\n"
      "Giao ong Doan Duy Direc thuc hien./.",
      {});
  EXPECT_EQ(letter,
            "Kính gửi: Ông Đoàn Duy Đức, Chủ tịch UBND xã.\nĐề nghị ông Đoàn Duy Đức báo cáo kết quả.\n"
            "Giao ông Đoàn Duy Đức thực hiện./.");
  // Names that only start alike stay apart: Trần Văn Bình is no Trần Văn Bay.
  EXPECT_EQ(restorer_->RestoreText("ong Tran Van Binh va ong Tran Van Bay", {}), "ông Trần Văn Bình và ông Trần Văn Bay");
}

TEST(ChannelTable, LearnedCostsAreDiacriticAware) {
  auto eng = ChannelTable::Load(std::string(VANBAN_SOURCE_DIR) + "/models/ocr-channel-eng.tsv", kLegacyOcr);
  ASSERT_TRUE(eng.ok()) << eng.status().message();
  const ChannelTable& t = **eng;
  EXPECT_LT(t.Cost(U"so", U"số"), t.Cost(U"so", U"sổ") + 1.0f);  // both only lost their marks
  EXPECT_LT(t.Cost(U"s6", U"số"), t.Cost(U"s6", U"sa"));        // 6 is a read ô, not an a
  EXPECT_LT(t.Cost(U"ba", U"ba"), 0.1f);
  EXPECT_LT(t.Cost(U"tinh", U"tỉnh"), t.Cost(U"tinh", U"tanh"));
  EXPECT_FALSE(ChannelTable::Load("/nonexistent/table.tsv", kLegacyOcr).ok());
}

TEST_F(RestorerTest, BadInputNeverCrashes) {
  EXPECT_EQ(Stripped(""), "");
  std::string junk;
  for (int i = 0; i < 4096; ++i) junk.push_back(static_cast<char>((i * 7919) & 0xFF));
  EXPECT_FALSE(restorer_->RestoreText(junk, {}).empty());
  std::string invalid = "cua \xC3\x28 Bo \xFF\xFE";
  EXPECT_NE(Stripped(invalid).find("\xEF\xBF\xBD"), std::string::npos);  // U+FFFD replaces it
  std::string long_line;
  while (long_line.size() < (1 << 20)) long_line += "cong tac cham soc tre em ";
  std::string out = Stripped(long_line);
  EXPECT_EQ(text::Skeleton(out), long_line);
}

TEST_F(RestorerTest, RestorePageCorrectsWordsInPlace) {
  OcrPage page;
  OcrBlock block;
  OcrLine line1, line2;
  for (const char* w : {"Chi", "thi", "so"}) line1.words.push_back(OcrWord{w, "", {}, 90, {}});
  for (const char* w : {"28-CT/TW", "cua", "Bo", "Chinh", "tri."}) line2.words.push_back(OcrWord{w, "", {}, 90, {}});
  block.lines = {line1, line2};
  page.blocks.push_back(block);
  restorer_->RestorePage(&page, ToneStyle::kNew);
  EXPECT_EQ(page.Text(), "Chỉ thị số\n28-CT/TW của Bộ Chính trị.\n");
  EXPECT_EQ(page.blocks[0].lines[1].words[4].ocr_text, "tri.");
  EXPECT_EQ(page.restored_tokens, 7);
}

// One block of OCR lines, words split at spaces, each read with confidence 90.
OcrPage OneBlockPage(std::initializer_list<std::string_view> lines) {
  OcrPage page;
  page.blocks.emplace_back();
  for (std::string_view line : lines) {
    page.blocks[0].lines.emplace_back();
    for (size_t begin = 0; begin < line.size();) {
      size_t end = std::min(line.find(' ', begin), line.size());
      page.blocks[0].lines.back().words.push_back(OcrWord{std::string(line.substr(begin, end - begin)), "", {}, 90, {}});
      begin = end + 1;
    }
  }
  return page;
}

// A known word read with one wrong letter ("dâu" for "dân") is not changed by the Vietnamese
// channel alone; Tesseract's runner-up reading makes the right word a candidate.
TEST_F(RestorerTest, RestorePageWeighsTesseractAlternatives) {
  auto page_with = [](std::vector<std::pair<std::string, float>> alternatives) {
    OcrPage page = OneBlockPage({"Ủy ban nhân dâu tỉnh Quảng Ngãi đã ban hành kế hoạch."});
    page.blocks[0].lines[0].words[3].confidence = 60;
    page.blocks[0].lines[0].words[3].alternatives = std::move(alternatives);
    return page;
  };
  OcrPage plain = page_with({});
  restorer_->RestorePage(&plain, ToneStyle::kNew);
  EXPECT_EQ(plain.blocks[0].lines[0].words[3].text, "dâu");
  OcrPage hinted = page_with({{"dẫu", 20}, {"dân", 40}});
  restorer_->RestorePage(&hinted, ToneStyle::kNew);
  EXPECT_EQ(hinted.blocks[0].lines[0].words[3].text, "dân");
  EXPECT_EQ(hinted.blocks[0].lines[0].words[3].ocr_text, "dâu");
  // A hint changing a word with punctuation attached reaches the word token.
  OcrPage punctuated = page_with({});
  punctuated.blocks[0].lines[0].words[3] = OcrWord{"dâu,", "", {}, 60, {{"dân,", 40}}};
  restorer_->RestorePage(&punctuated, ToneStyle::kNew);
  EXPECT_EQ(punctuated.blocks[0].lines[0].words[3].text, "dân,");
}

// Each word says how close the restorer came to reading it otherwise: "chuyên" (for "chuyển
// hóa") nearly went either way, "trật tự" is settled, and a number had no other reading.
TEST_F(RestorerTest, RestorePageSaysHowNearlyEachWordWasReadOtherwise) {
  OcrPage page = OneBlockPage({"Về việc công nhận địa bàn trọng điểm, phức tạp về trật tự, an toàn xã hội chuyên hóa đạt năm 2024"});
  restorer_->RestorePage(&page, ToneStyle::kNew);
  auto margin_of = [&](std::string_view text) {
    for (const OcrWord& word : page.blocks[0].lines[0].words) {
      if (word.text == text) return word.restore_margin;
    }
    ADD_FAILURE() << text;
    return 0.0f;
  };
  EXPECT_LT(margin_of("chuyên"), 1);
  EXPECT_GT(margin_of("trật"), 10);
  EXPECT_EQ(margin_of("2024"), std::numeric_limits<float>::infinity());
}

// Slashed shorthand has too little context to be corrected ("b/cáo" became "b/cao").
TEST_F(RestorerTest, RestorePageKeepsSlashedShorthand) {
  OcrPage page = OneBlockPage({"Nơi nhận:", "- Bộ Thông tin và Truyền thông (b/cáo);", "- CT, PCT UBND tỉnh (b/cáo);"});
  const std::string read = page.Text();
  restorer_->RestorePage(&page, ToneStyle::kNew);
  EXPECT_EQ(page.Text(), read);
}

// A code OCR read surely passes through even one letter off a common one ("CSTT" had become
// "CNTT"); an unsure one may still be repaired.
TEST_F(RestorerTest, RestorePageKeepsCodesOcrWasSureOf) {
  OcrPage page = OneBlockPage({"Nơi nhận:", "- Lưu: VP, TCCB, CSTT."});
  restorer_->RestorePage(&page, ToneStyle::kNew);
  EXPECT_EQ(page.blocks[0].lines[1].words.back().text, "CSTT.");
  OcrPage unsure = OneBlockPage({"Ủy ban nhân dân tỉnh Quảng Ngãi, UBRD huyện Sơn Tịnh"});
  unsure.blocks[0].lines[0].words[7].confidence = 40;
  restorer_->RestorePage(&unsure, ToneStyle::kNew);
  EXPECT_EQ(unsure.blocks[0].lines[0].words[7].text, "UBND");
}

// A rarer spelling of a capitalised word is mostly a name read right ("Sảng" in the 1999 decree,
// where Tesseract's runner-up was the commoner "Sáng"), not a misreading.
TEST_F(RestorerTest, RestorePageKeepsKnownNames) {
  OcrPage page = OneBlockPage({"- Xét đơn xin quyền sử dụng đất ở tại đô thị của ông, bà: Nông Bích Sảng,",
                               "công tác tại Bệnh viện Y học dân tộc Cao Bằng, chồng Nông Đình Huân"});
  OcrWord& name = page.blocks[0].lines[0].words.back();
  name.confidence = 93;
  name.alternatives = {{"Sảng.", 14.9f}, {"Sáng,", 13.8f}};
  const std::string read = page.Text();
  restorer_->RestorePage(&page, ToneStyle::kNew);
  EXPECT_EQ(page.Text(), read);
}

}  // namespace
}  // namespace vanban::restore
