#include "pipeline/ocr/text_layer.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace vanban::ocr {
namespace {

using image::TextLayerWord;

// One line of words 100 px apart, each box 80 x 30 px of ink; the layer word over each spans
// the font's whole line height (60 px), as poppler's boxes do.
constexpr int kPitch = 100, kTop = 200;

OcrPage PageOf(const std::vector<std::string>& words) {
  OcrPage page;
  page.width = 3000;
  page.height = 1000;
  OcrLine line;
  for (size_t i = 0; i < words.size(); ++i) {
    OcrWord word;
    word.text = word.ocr_text = words[i];
    word.box = Box{static_cast<int>(i) * kPitch, kTop, 80, 30};
    word.confidence = 70;
    word.alternatives = {{words[i] + "x", 40.f}};
    word.digits = "4";
    word.digits_confidence = 60;
    line.words.push_back(word);
  }
  page.blocks.push_back(OcrBlock{{line}, Box{}});
  return page;
}

std::vector<TextLayerWord> LayerOf(const std::vector<std::string>& words) {
  std::vector<TextLayerWord> layer;
  for (size_t i = 0; i < words.size(); ++i) {
    if (!words[i].empty()) layer.push_back({words[i], Box{static_cast<int>(i) * kPitch - 2, kTop - 15, 84, 60}});
  }
  return layer;
}

std::vector<std::string> Split(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

// 24 words of a dispatch's opening; OCR misreads three of them and a fill-in.
const char kPrinted[] =
    "Thực hiện Công văn số 2003/UBDT-VPCTMTQG ngày 01/11/2024 của Ủy ban Dân tộc về việc tham dự Hội nghị "
    "đánh giá Chương trình mục tiêu quốc gia, số 11 /TB-UBND";
const char kOcrRead[] =
    "Thực hiện Cổng văn số 2003/UBDT-VPCTMTQG ngày 01/11/2024 của Uy ban Dân tộc về việc tham dự Hội nghị "
    "đánh giá Chương trình mục tiêu quốc gìa, số 44 /TB-UBND";

TEST(TextLayerTest, ATrustedLayerGivesEveryWordItsExactText) {
  OcrPage page = PageOf(Split(kOcrRead));
  const std::vector<std::string> printed = Split(kPrinted);
  ASSERT_GE(static_cast<int>(printed.size()), kMinTextLayerWords);

  const TextLayerAgreement agreement = MeasureTextLayer(LayerOf(printed), page);
  EXPECT_EQ(agreement.words, static_cast<int>(printed.size()));
  EXPECT_EQ(agreement.agreeing, agreement.words - 4);
  EXPECT_EQ(agreement.uncovered, 0);

  ASSERT_TRUE(AdoptTextLayer(LayerOf(printed), &page));
  EXPECT_TRUE(page.text_layer);
  EXPECT_EQ(page.Text(), std::string(kPrinted) + "\n");
  const std::vector<std::string> read = Split(kOcrRead);
  const std::vector<OcrWord>& words = page.blocks[0].lines[0].words;
  for (size_t i = 0; i < words.size(); ++i) {
    EXPECT_EQ(words[i].ocr_text, read[i]);
    EXPECT_EQ(words[i].box.x, static_cast<int>(i) * kPitch);
    EXPECT_EQ(words[i].confidence, 100);
    EXPECT_TRUE(words[i].alternatives.empty());
    EXPECT_TRUE(words[i].digits.empty());
  }
  EXPECT_EQ(page.mean_word_confidence, 100);
}

// The English model's layer over a Vietnamese scan: "CONG Hcok xA HQI CHiJ NGHiA".
TEST(TextLayerTest, AnEnglishOcrLayerLeavesThePageAsOcrReadIt) {
  const std::vector<std::string> ocr = Split(
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Số: 463/SGDĐT-CTrTT Đà Nẵng, ngày 04 tháng 5 "
      "năm 2019 Kính gửi: Trưởng phòng GD&ĐT các quận, huyện");
  const std::vector<std::string> english = Split(
      "CONG Hcok xA HQI CHiJ NGHiA VIVT NAM Dc 1p - Ty do - Hph phtic S6: 463Y/SGDDT-CTrTT Da Nang, ngay ,94 thcing 5 "
      "nam 2019 Kinh grri: Throng phong GD&DT the quan, huyen");
  ASSERT_EQ(ocr.size(), english.size());
  OcrPage page = PageOf(ocr);
  const std::string before = page.Text();
  EXPECT_LT(MeasureTextLayer(LayerOf(english), page).share(), kMinTextLayerAgreement);
  EXPECT_FALSE(AdoptTextLayer(LayerOf(english), &page));
  EXPECT_FALSE(page.text_layer);
  EXPECT_EQ(page.Text(), before);
  EXPECT_EQ(page.blocks[0].lines[0].words[0].confidence, 70);
  EXPECT_EQ(page.blocks[0].lines[0].words[0].alternatives.size(), 1u);
}

// A scan whose only text layer is its digital-signature stamp: the few words it has agree, but
// the rest of the page is OCR's to read.
TEST(TextLayerTest, AStampOnlyLayerIsNotTrusted) {
  const std::vector<std::string> read = Split(kOcrRead);
  std::vector<std::string> stamp(read.size());
  for (size_t i = 0; i < 4; ++i) stamp[i] = read[i];
  OcrPage page = PageOf(read);
  const TextLayerAgreement agreement = MeasureTextLayer(LayerOf(stamp), page);
  EXPECT_EQ(agreement.agreeing, 4);
  EXPECT_FALSE(AdoptTextLayer(LayerOf(stamp), &page));
  EXPECT_EQ(page.Text(), std::string(kOcrRead) + "\n");
}

TEST(TextLayerTest, APageWithTooFewWordsIsNotTrusted) {
  const std::vector<std::string> words = {"Kính", "gửi:", "Sở", "Tư", "pháp"};
  OcrPage page = PageOf(words);
  EXPECT_EQ(MeasureTextLayer(LayerOf(words), page).share(), 1.0);
  EXPECT_FALSE(AdoptTextLayer(LayerOf(words), &page));
}

// OCR read "Thựchiện" as one word over two layer words, and split "/TB-UBND" in two: the layer
// words join under the first, and the second half of the split, with no layer word of its own,
// goes (the layer word is not repeated).
TEST(TextLayerTest, LayerWordsJoinUnderOneOcrWordAndAreNeverRepeated) {
  std::vector<std::string> words = Split(kPrinted);
  OcrPage page = PageOf(words);
  std::vector<TextLayerWord> layer = LayerOf(words);
  std::vector<OcrWord>& line = page.blocks[0].lines[0].words;
  // Word 0 "Thực" covers two layer words, each half its width.
  line[0].text = line[0].ocr_text = "Thựchiện";
  layer[0] = {"Thực", Box{0, kTop - 15, 40, 60}};
  layer.insert(layer.begin() + 1, {"hiện", Box{40, kTop - 15, 40, 60}});
  layer[2].text = "xx";  // the layer word over OCR word 1, which now reads nothing of its own
  // The last OCR word "/TB-UBND" split into two halves under one layer word.
  OcrWord tail = line.back();
  line.back().box.width = 50;
  tail.box.x += 50;
  tail.box.width = 30;
  tail.text = tail.ocr_text = "UBND";
  line.push_back(tail);
  ASSERT_TRUE(AdoptTextLayer(layer, &page));
  EXPECT_EQ(line[0].text, "Thực hiện");
  EXPECT_EQ(line[1].text, "xx");
  ASSERT_EQ(line.size(), words.size());
  EXPECT_EQ(line.back().text, "/TB-UBND");
}

TEST(TextLayerTest, LayerWordsWrittenWithoutASpaceJoinWithoutOne) {
  std::vector<std::string> words = Split(kPrinted);
  OcrPage page = PageOf(words);
  std::vector<TextLayerWord> layer = LayerOf(words);
  // "Lưu: VT, KTTH_h5." — the subscript is a word of its own in the layer.
  layer[0] = {"KTTH", Box{0, kTop - 15, 50, 60}, false};
  layer.insert(layer.begin() + 1, {"h5", Box{50, kTop, 20, 40}, false});
  layer.insert(layer.begin() + 2, {".", Box{70, kTop - 5, 10, 50}});
  ASSERT_TRUE(AdoptTextLayer(layer, &page));
  EXPECT_EQ(page.blocks[0].lines[0].words[0].text, "KTTHh5.");
}

// The signature image reads as stray marks that no layer word explains; a line of nothing else
// goes with them.
TEST(TextLayerTest, OcrWordsTheLayerDoesNotExplainAreDropped) {
  OcrPage page = PageOf(Split(kPrinted));
  OcrLine scribble;
  scribble.words.push_back(OcrWord{"Í", "Í", Box{1300, 600, 24, 82}, 90});
  scribble.words.push_back(OcrWord{"tạ", "tạ", Box{1600, 620, 14, 11}, 49});
  page.blocks[0].lines.push_back(scribble);
  page.blocks.push_back(OcrBlock{{scribble}, Box{}});
  OcrWord stray{"_", "_", Box{2900, kTop, 11, 9}, 64};
  page.blocks[0].lines[0].words.push_back(stray);
  ASSERT_TRUE(AdoptTextLayer(LayerOf(Split(kPrinted)), &page));
  ASSERT_EQ(page.blocks.size(), 1u);
  ASSERT_EQ(page.blocks[0].lines.size(), 1u);
  EXPECT_EQ(page.Text(), std::string(kPrinted) + "\n");
}

// Boxes follow the page from the render through preprocessing's scaling and the worker's turn.
TEST(TextLayerTest, LayerBoxesFollowThePageThroughScaleAndRotation) {
  const std::vector<TextLayerWord> layer = {{"Số", Box{100, 40, 60, 20}}};
  const cv::Size loaded(1000, 2000), clean(500, 1000);
  const Box scaled = LayerInPageFrame(layer, loaded, clean, 0)[0].box;
  EXPECT_EQ(scaled.x, 50);
  EXPECT_EQ(scaled.y, 20);
  EXPECT_EQ(scaled.width, 30);
  EXPECT_EQ(scaled.height, 10);
  for (int rotation : {90, 180, 270}) {
    cv::Mat page = cv::Mat::zeros(clean, CV_8UC1);
    page(cv::Rect(scaled.x, scaled.y, scaled.width, scaled.height)).setTo(255);
    cv::Mat turned;
    cv::rotate(page, turned,
               rotation == 90 ? cv::ROTATE_90_CLOCKWISE : rotation == 180 ? cv::ROTATE_180 : cv::ROTATE_90_COUNTERCLOCKWISE);
    const Box b = LayerInPageFrame(layer, loaded, clean, rotation)[0].box;
    EXPECT_EQ(cv::boundingRect(turned), cv::Rect(b.x, b.y, b.width, b.height)) << rotation;
  }
}

}  // namespace
}  // namespace vanban::ocr
