// The extractor on OCR word boxes: rows are rebuilt from positions, the header and closing
// columns told apart by where they sit on the page, and word confidences reach the fields.
#include <gtest/gtest.h>

#include <cmath>

#include "pipeline/extract/extractor.h"
#include "pipeline/extract/rows.h"
#include "pipeline/text/unicode.h"
#include "tests/extract/expect_fields.h"

namespace vanban::extract {
namespace {

constexpr int kCharWidth = 20, kLineHeight = 40;

// Lays a printed line out as OCR word boxes starting at (x, y); `confidence` for every word.
void Print(OcrPage* page, int x, int y, const std::string& text, float confidence = 95) {
  OcrBlock block;
  OcrLine line;
  size_t start = 0;
  int cursor = x;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    OcrWord word;
    word.text = word.ocr_text = text::ToNfc(text.substr(start, end - start));
    int width = kCharWidth * static_cast<int>(word.text.size()) * 2 / 3;
    word.box = Box{cursor, y, width, kLineHeight};
    word.confidence = confidence;
    cursor += width + kCharWidth / 2;
    if (!word.text.empty()) line.words.push_back(word);
    start = end + 1;
  }
  line.box = Box{x, y, cursor - x, kLineHeight};
  block.box = line.box;
  block.lines.push_back(line);
  page->blocks.push_back(block);
}

// A Công văn whose number (and the day and month) OCR read with the given confidences.
OcrPage Letter(float number_confidence, const std::string& number = "299/UBND-TTHC", float date_confidence = 95) {
  OcrPage page;
  page.width = 2480;
  page.height = 3508;
  // Blocks in Tesseract's order: the right column first, then the left.
  Print(&page, 1250, 200, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  Print(&page, 1350, 250, "Độc lập - Tự do - Hạnh phúc");
  Print(&page, 1300, 330, "Quảng Ngãi,");
  Print(&page, 1510, 330, "ngày 15 tháng 01", date_confidence);
  Print(&page, 1700, 330, "năm 2025");
  Print(&page, 300, 200, "ỦY BAN NHÂN DÂN");
  Print(&page, 320, 250, "TỈNH QUẢNG NGÃI");
  Print(&page, 280, 330, "Số:");
  Print(&page, 350, 330, number, number_confidence);
  Print(&page, 260, 400, "V/v công bố Danh mục TTHC");
  Print(&page, 260, 450, "và xây dựng quy trình nội bộ");
  Print(&page, 800, 600, "Kính gửi:");
  Print(&page, 1000, 650, "- Sở Giao thông vận tải;");
  Print(&page, 1000, 700, "- Sở Nông nghiệp và Phát triển nông thôn.");
  Print(&page, 350, 800, "Căn cứ Quyết định số 1743/QĐ-BGTVT ngày 31/12/2024 của Bộ Giao thông vận tải về việc");
  Print(&page, 250, 850, "công bố thủ tục hành chính, Ủy ban nhân dân tỉnh đề nghị các cơ quan thực hiện./.");
  Print(&page, 250, 1000, "Nơi nhận:");
  Print(&page, 1500, 1000, "TL. CHỦ TỊCH");
  Print(&page, 250, 1050, "- Như trên;");
  Print(&page, 1400, 1050, "CHÁNH VĂN PHÒNG");
  Print(&page, 250, 1100, "- PCT UBND tỉnh;");
  Print(&page, 250, 1150, "- Lưu: VT, TTHC(Thu).");
  Print(&page, 1400, 1300, "Nguyễn Quốc Việt");
  return page;
}

Document ExtractFrom(OcrPage page) {
  auto extractor = Extractor::Load(VANBAN_SOURCE_DIR);
  EXPECT_TRUE(extractor.ok());
  Document document;
  document.pages.push_back(std::move(page));
  document.text = "ignored when there are boxes";
  extractor.value()->Extract(&document);
  return document;
}

TEST(Rows, ColumnsOfOneVisualRowAreSplit) {
  std::vector<OcrPage> pages{Letter(95)};
  std::vector<Row> rows = RowsFromPages(pages);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0].text.substr(0, rows[0].split), "ỦY BAN NHÂN DÂN  ");
  EXPECT_EQ(rows[0].text.substr(rows[0].split), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
}

TEST(Layout, FieldsFromWordBoxes) {
  Document d = ExtractFrom(Letter(95));
  ExpectHeader(d.fields, {"ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "299/UBND-TTHC", "Công văn", "Quảng Ngãi", "2025-01-15"});
  EXPECT_EQ(d.fields.subject, "công bố Danh mục TTHC và xây dựng quy trình nội bộ");
  EXPECT_EQ(d.fields.recipients,
            (std::vector<std::string>{"Sở Giao thông vận tải", "Sở Nông nghiệp và Phát triển nông thôn"}));
  EXPECT_EQ(d.fields.cc, (std::vector<std::string>{"Như trên", "PCT UBND tỉnh", "Lưu: VT, TTHC(Thu)"}));
  EXPECT_EQ(d.fields.signer_authority, "TL. CHỦ TỊCH");
  EXPECT_EQ(d.fields.signer_title, "CHÁNH VĂN PHÒNG");
  EXPECT_EQ(d.fields.signer_name, "Nguyễn Quốc Việt");
  ASSERT_EQ(d.fields.references.size(), 1u);
  EXPECT_EQ(d.fields.references[0].number, "1743/QĐ-BGTVT");
  EXPECT_EQ(d.fields.references[0].date, "2024-12-31");
}

TEST(Layout, ListEntryEndsAtAVerticalGap) {
  // The last entry lost its terminator to OCR and the name sits in the list's column, after a
  // gap no wrapped entry has: the entry must not swallow the name.
  OcrPage page = Letter(95);
  page.blocks.pop_back();  // the name in the signer column
  page.blocks.pop_back();  // "- Lưu: VT, TTHC(Thu)."
  Print(&page, 250, 1150, "- Cổng TTĐT tỉnh");
  Print(&page, 250, 1250, "Nguyễn Quốc Việt");
  Document d = ExtractFrom(page);
  EXPECT_EQ(d.fields.cc, (std::vector<std::string>{"Như trên", "PCT UBND tỉnh", "Cổng TTĐT tỉnh"}));
  EXPECT_EQ(d.fields.signer_name, "Nguyễn Quốc Việt");
}

TEST(Layout, LowWordConfidenceMeansReview) {
  Document unsure = ExtractFrom(Letter(55));
  EXPECT_EQ(unsure.fields.number, "299/UBND-TTHC");
  EXPECT_TRUE(unsure.InReview("number"));
  EXPECT_LT(unsure.confidence.at("number"), 0.7);

  Document unreadable = ExtractFrom(Letter(12));
  EXPECT_EQ(unreadable.fields.number, std::nullopt);
  EXPECT_TRUE(unreadable.InReview("number"));
}

// The header of a Chỉ thị, down to its type title.
OcrPage ChiThiHeader() {
  OcrPage page;
  page.width = 2480;
  page.height = 3508;
  Print(&page, 300, 200, "ỦY BAN NHÂN DÂN");
  Print(&page, 1250, 200, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  Print(&page, 320, 250, "TỈNH QUẢNG NGÃI");
  Print(&page, 280, 330, "Số: 07/CT-UBND");
  Print(&page, 1300, 330, "Quảng Ngãi, ngày 20 tháng 3 năm 2018");
  Print(&page, 920, 450, "CHỈ THỊ");
  return page;
}

// Full body lines from y down to `end`: they fix the text area at [250, 1769).
void PrintBody(OcrPage* page, int y, int end) {
  for (; y < end; y += 50) {
    Print(page, 250, y, "kết quả tích cực; tuy nhiên, vẫn còn một số trường hợp chưa được thi hành đầy đủ, kịp");
  }
}

// A black seal beside "Nơi nhận" on a bitonal scan leaves specks in the list's column between
// two entries ("h _ _¬"): not the end of the list.
TEST(Layout, SpecksOfABlackSealBetweenEntriesDoNotEndTheList) {
  OcrPage page = Letter(95);
  std::erase_if(page.blocks, [](const OcrBlock& block) { return block.box.y >= 1000; });
  Print(&page, 250, 1000, "Nơi nhận:");
  Print(&page, 1500, 1000, "TL. CHỦ TỊCH");
  Print(&page, 250, 1050, "- Như trên;");
  Print(&page, 1400, 1050, "CHÁNH VĂN PHÒNG");
  Print(&page, 250, 1100, "- PCT UBND tỉnh;");
  Print(&page, 300, 1150, "h _ _¬", 60);
  Print(&page, 250, 1200, "- Sở Tài chính;");
  Print(&page, 250, 1250, "- Lưu: VT, TTHC(Thu).");
  Print(&page, 1400, 1400, "Nguyễn Quốc Việt");
  const Document d = ExtractFrom(page);
  EXPECT_EQ(d.fields.cc, (std::vector<std::string>{"Như trên", "PCT UBND tỉnh", "Sở Tài chính", "Lưu: VT, TTHC(Thu)"}));
  EXPECT_EQ(d.fields.signer_name, "Nguyễn Quốc Việt");
}

TEST(Layout, SubjectLineBehindAReceivedStamp) {
  OcrPage page = ChiThiHeader();
  // A gazette stamp in the margin before the first line, a received-stamp before the second.
  Print(&page, 40, 550, "TRUNG TÂM CÔNG BÁO", 30);
  Print(&page, 600, 550, "Về việc tăng cường công tác thi hành án hành chính");
  Print(&page, 80, 630, "CV", 95);
  Print(&page, 140, 630, "TS 112. ị", 10);
  Print(&page, 765, 630, "trên địa bàn tỉnh Quảng Ngãi");
  // The stamp's last line runs into the body's first: OCR reads one long line from the margin.
  Print(&page, 30, 700, "ĐẾN | Chuyển: Thời gian qua, công tác triển khai thi hành Luật tố tụng đã đạt những", 60);
  PrintBody(&page, 830, 1200);
  Document d = ExtractFrom(page);
  EXPECT_EQ(d.fields.subject, "Về việc tăng cường công tác thi hành án hành chính trên địa bàn tỉnh Quảng Ngãi");
}

TEST(Layout, AStampInTheMarginBeforeKinhGui) {
  // A received stamp in the left margin, read as words OCR was unsure of, and specks beside the
  // marker: the margin's words are no part of the row, the specks are skipped.
  OcrPage page = Letter(95);
  Print(&page, 20, 600, "LÊN", 10);
  Print(&page, 40, 650, "MÀ", 24);
  for (OcrBlock& block : page.blocks) {
    if (block.lines.front().words.front().text == "Kính") block.lines.front().words.front().text = ". è Kính";
  }
  Document d = ExtractFrom(page);
  EXPECT_EQ(d.fields.recipients, (std::vector<std::string>{"Sở Giao thông vận tải", "Sở Nông nghiệp và Phát triển nông thôn"}));
}

TEST(Layout, ANoteUnderTheListBesideTheSignersName) {
  // A clerk's note under "Nơi nhận" on the name's row, whose family name a seal made "Tế": the
  // list's column is not the signer's, and the name is one letter from Lê alone.
  OcrPage page = Letter(95);
  Print(&page, 300, 1300, "h cực", 60);
  for (OcrBlock& block : page.blocks) {
    for (OcrWord& word : block.lines.front().words) {
      if (word.text == "Nguyễn") word.text = "Tế";
      if (word.text == "Quốc") word.text = "Trung";
      if (word.text == "Việt") word.text = "Chinh";
    }
  }
  EXPECT_EQ(ExtractFrom(page).fields.signer_name, "Lê Trung Chinh");
}

TEST(Layout, SubjectEndsAtTheIndentedParagraph) {
  OcrPage page = ChiThiHeader();
  // Centred on the area [250, 1769): a second line opening with "Nhâm", folded like "Nhằm".
  Print(&page, 568, 550, "Về việc tăng cường các biện pháp bảo đảm đón Tết");
  Print(&page, 820, 600, "Nhâm Dần năm 2022 an toàn");
  // The body's indented first line ends at the right edge like every full line.
  Print(&page, 400, 650, "Thực hiện Chỉ thị số 11-CT/TW ngày 08/12/2021 của Ban Bí thư về việc tổ chức Tết");
  PrintBody(&page, 700, 1100);
  EXPECT_EQ(ExtractFrom(page).fields.subject, "Về việc tăng cường các biện pháp bảo đảm đón Tết Nhâm Dần năm 2022 an toàn");
}

TEST(Layout, SubjectLineNotJudgedCentredInTheTitleBlock) {
  OcrPage page = ChiThiHeader();
  Print(&page, 425, 550, "Về việc tăng cường công tác thi hành án hành chính và thi hành án dân sự");
  // Nearly as wide as the text area, and set off-centre by a few letters.
  Print(&page, 270, 600, "trong các cơ quan, đơn vị sự nghiệp công lập trên địa bàn tỉnh Quảng Ngãi");
  Print(&page, 843, 650, "giai đoạn 2018 – 2020");
  // OCR's layout analysis read the title and the subject under it as one block.
  OcrBlock& title = page.blocks[page.blocks.size() - 4];
  for (size_t i = page.blocks.size() - 3; i < page.blocks.size(); ++i) title.lines.push_back(page.blocks[i].lines[0]);
  page.blocks.resize(page.blocks.size() - 3);
  PrintBody(&page, 750, 1100);
  EXPECT_EQ(ExtractFrom(page).fields.subject,
            "Về việc tăng cường công tác thi hành án hành chính và thi hành án dân sự trong các cơ quan, đơn vị "
            "sự nghiệp công lập trên địa bàn tỉnh Quảng Ngãi giai đoạn 2018 – 2020");
}

TEST(Layout, HandwrittenFillInIsNotTakenFromItsReadingInContext) {
  // "Số: 44 /TTr": the gap before the symbol marks a number written into a blank by hand, which
  // Tesseract misreads however sure it is; the clerk's day goes with it when OCR was unsure.
  for (float confidence : {35.0f, 92.0f}) {
    Document doc = ExtractFrom(Letter(confidence, "44 /UBND-TTHC", 35));
    EXPECT_EQ(doc.fields.number, std::nullopt) << confidence;
    EXPECT_EQ(doc.fields.date, std::nullopt) << confidence;
    EXPECT_TRUE(doc.InReview("number"));
    EXPECT_TRUE(doc.InReview("date"));
  }

  // A born-digital PDF's text layer holds what was typed into the blank.
  OcrPage typed = Letter(100, "44 /UBND-TTHC", 100);
  typed.text_layer = true;
  Document exact = ExtractFrom(typed);
  EXPECT_EQ(exact.fields.number, "44/UBND-TTHC");
  EXPECT_EQ(exact.fields.date, "2025-01-15");

  // A serial read surely with a symbol OCR was unsure of: given, for review.
  OcrPage typewritten = Letter(95, "157/ QĐ- -NĐ-UB", 95);
  for (OcrBlock& block : typewritten.blocks) {
    for (OcrWord& word : block.lines.front().words) {
      if (word.text == "QĐ-") word.confidence = 29;
    }
  }
  Document unsure_symbol = ExtractFrom(typewritten);
  EXPECT_EQ(unsure_symbol.fields.number, "157/QĐ-NĐ-UB");
  EXPECT_TRUE(unsure_symbol.InReview("number"));
  // An unreadable serial is no number.
  EXPECT_EQ(ExtractFrom(Letter(20, "299/UBND-TTHC", 95)).fields.number, std::nullopt);

  // A printed date of a printed number keeps a fair reading.
  EXPECT_EQ(ExtractFrom(Letter(95, "299/UBND-TTHC", 52)).fields.date, "2025-01-15");
}

// Letter() with its number written into the blank: read in context as `read`, and again with
// only digits allowed as `digits` at `confidence`.
OcrPage WithHandwrittenSerial(const std::string& read, const std::string& digits, float confidence) {
  OcrPage page = Letter(40, read + " /UBND-TTHC", 40);
  for (OcrBlock& block : page.blocks) {
    for (OcrWord& word : block.lines.front().words) {
      if (word.text != read) continue;
      word.digits = digits;
      word.digits_confidence = confidence;
    }
  }
  return page;
}

TEST(Layout, HandwrittenSerialFromASureDigitsReadingThatFitsItsContext) {
  Document fits = ExtractFrom(WithHandwrittenSerial("6§0", "660", 96));
  EXPECT_EQ(fits.fields.number, "660/UBND-TTHC");
  EXPECT_TRUE(fits.InReview("number"));
  // Unsure, or at odds with a digit read in context, or of another length: no number.
  EXPECT_EQ(ExtractFrom(WithHandwrittenSerial("6§0", "660", 84)).fields.number, std::nullopt);
  EXPECT_EQ(ExtractFrom(WithHandwrittenSerial("2ƒ", "04", 96)).fields.number, std::nullopt);
  EXPECT_EQ(ExtractFrom(WithHandwrittenSerial("đ0_", "50", 96)).fields.number, std::nullopt);
  // Symbols only: nothing in context to fit.
  EXPECT_EQ(ExtractFrom(WithHandwrittenSerial("ố†", "87", 96)).fields.number, std::nullopt);
}

// The handwritten day of Letter() as OCR read it among the print, and as it read alone, with
// only digits allowed; the page signed digitally on `signed_on` (DD/MM/YYYY).
OcrPage WithHandwrittenDay(const std::string& read, const std::string& digits, const std::string& signed_on,
                           float digits_confidence = 50) {
  OcrPage page = Letter(40, "44 /UBND-TTHC", 40);
  for (OcrBlock& block : page.blocks) {
    for (OcrWord& word : block.lines.front().words) {
      if (word.text != "15") continue;
      word.text = word.ocr_text = read;
      word.digits = digits;
      word.digits_confidence = digits_confidence;
    }
  }
  if (!signed_on.empty()) {
    page.stamps.push_back("Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi\nThời gian ký: " + signed_on + " 08:15:00");
  }
  return page;
}

TEST(Layout, HandwrittenDayConfirmedByTheSignatureStamp) {
  // Read as digits, the day falls in the week before the digital signature: given, for review.
  Document signed_soon = ExtractFrom(WithHandwrittenDay("1{", "15", "17/01/2025"));
  EXPECT_EQ(signed_soon.fields.date, "2025-01-15");
  EXPECT_TRUE(signed_soon.InReview("date"));
  EXPECT_EQ(signed_soon.fields.number, std::nullopt);

  // Signed weeks later, or not at all, nothing confirms the reading.
  EXPECT_EQ(ExtractFrom(WithHandwrittenDay("1{", "15", "30/01/2025")).fields.date, std::nullopt);
  EXPECT_EQ(ExtractFrom(WithHandwrittenDay("1{", "15", "")).fields.date, std::nullopt);
  // A day after the signature is a misreading.
  EXPECT_EQ(ExtractFrom(WithHandwrittenDay("1{", "18", "17/01/2025")).fields.date, std::nullopt);
  // Digits Tesseract forced onto ink it could not read are no reading.
  EXPECT_EQ(ExtractFrom(WithHandwrittenDay("0ð", "01", "06/01/2025", 0)).fields.date, std::nullopt);
  // Days are written with two digits: one digit is part of a day ("5" of "06").
  EXPECT_EQ(ExtractFrom(WithHandwrittenDay("0ó", "5", "06/01/2025")).fields.date, std::nullopt);
  // Two readings that both fit leave the choice to a person.
  EXPECT_EQ(ExtractFrom(WithHandwrittenDay("13", "15", "17/01/2025")).fields.date, std::nullopt);
}

TEST(Layout, AHandwrittenDayIsConfirmedByTheFirstDigitalSignatureWithoutAStamp) {
  auto extractor = Extractor::Load(VANBAN_SOURCE_DIR);
  ASSERT_TRUE(extractor.ok());
  const auto read = [&](const std::string& first_signed) {
    Document document;
    document.pages.push_back(WithHandwrittenDay("1{", "15", ""));
    // Listed out of signing order (the issuer's signature covers the leader's signed file), and
    // a gazette's signature weeks later, which says nothing of when the document was signed.
    document.signatures = {{"Signature2", "Ủy ban nhân dân tỉnh Quảng Ngãi", "2025-02-20T09:00:00+07:00", {0, 100, 200, 800}},
                           {"Signature1", "Nguyễn Văn An", first_signed, {0, 100, 200, 300}},
                           {"Signature3", "Trung tâm Công báo", "2025-01-16T09:00:00+07:00", {0, 100, 200, 100}}};
    extractor.value()->Extract(&document);
    return document;
  };
  Document signed_soon = read("2025-01-17T08:15:00+07:00");
  EXPECT_EQ(signed_soon.fields.date, "2025-01-15");
  EXPECT_TRUE(signed_soon.InReview("date"));
  EXPECT_EQ(read("2025-01-30T08:15:00+07:00").fields.date, std::nullopt);
}

// Sets the confidence of every word of the printed line that starts with `first_word`.
void SetLineConfidence(OcrPage* page, const std::string& first_word, float confidence) {
  for (OcrBlock& block : page->blocks) {
    for (OcrLine& line : block.lines) {
      if (line.words.empty() || line.words.front().text != first_word) continue;
      for (OcrWord& word : line.words) word.confidence = confidence;
    }
  }
}

const ReviewItem* ItemOf(const Document& document, const std::string& field) {
  for (const ReviewItem& item : document.review) {
    if (item.field == field) return &item;
  }
  return nullptr;
}

// Marks the word `text` of `page` as read by the pen reader at `confidence`, with `alternatives`.
void MarkPenReading(const std::string& text, float confidence,
                    std::vector<std::pair<std::string, float>> alternatives, OcrPage* page) {
  for (OcrBlock& block : page->blocks) {
    for (OcrWord& word : block.lines.front().words) {
      if (word.text != text) continue;
      word.handwritten = true;
      word.confidence = confidence;
      word.alternatives = alternatives;
    }
  }
}

TEST(Layout, ADayTypedIntoItsBlankStandsBesideAFilledInNumber) {
  // No pen ink in the day's blank and a sure reading: typed in after signing, as the serial.
  Document typed = ExtractFrom(Letter(92, "44 /UBND-TTHC", 92));
  EXPECT_EQ(typed.fields.number, std::nullopt);
  EXPECT_EQ(typed.fields.date, "2025-01-15");
  EXPECT_TRUE(typed.InReview("date"));  // beside a filled-in number a person still looks

  // The same reading of ink the pen reader found and was unsure of is not given.
  OcrPage pen = Letter(92, "44 /UBND-TTHC", 92);
  MarkPenReading("15", 60, {}, &pen);
  EXPECT_EQ(ExtractFrom(pen).fields.date, std::nullopt);

  // An italic or typewritten 1 read as "l": the digits are the print's, given for review.
  OcrPage italic = Letter(92, "44 /UBND-TTHC", 31);
  for (OcrBlock& block : italic.blocks) {
    for (OcrWord& word : block.lines.front().words) {
      if (word.text == "15") word.text = word.ocr_text = "l5";
      if (word.text == "01") word.text = word.ocr_text = "0l";
    }
  }
  Document repaired = ExtractFrom(italic);
  EXPECT_EQ(repaired.fields.date, "2025-01-15");
  const ReviewItem* date = ItemOf(repaired, "date");
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(date->reason, review_reason::kRepaired);
}

// Sets what OCR read for the printed word `text` and its next readings.
void Misread(const std::string& text, const std::string& read, std::vector<std::pair<std::string, float>> next,
             OcrPage* page) {
  for (OcrBlock& block : page->blocks) {
    for (OcrWord& word : block.lines.front().words) {
      if (word.text != text) continue;
      word.text = word.ocr_text = read;
      word.alternatives = next;
    }
  }
}

TEST(Layout, AMonthOcrMisreadIsItsNextReadingThatMakesADateForReview) {
  // A phone photo's italic "8" read "Š", with "ồ" and "8" next.
  OcrPage page = Letter(95);
  Misread("01", "Š", {{"ồ", 54}, {"8", 51}}, &page);
  Document guessed = ExtractFrom(page);
  EXPECT_EQ(guessed.fields.date, "2025-08-15");
  const ReviewItem* date = ItemOf(guessed, "date");
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(date->reason, review_reason::kRepaired);

  // No next reading is a month: no date, the printed year kept for review.
  page = Letter(95);
  Misread("01", "Š", {{"ồ", 54}, {"13", 40}}, &page);
  EXPECT_EQ(ExtractFrom(page).fields.date, std::nullopt);
}

TEST(Review, APenReadersNextReadingsAreCandidatesNeverValues) {
  OcrPage page = WithHandwrittenDay("13", "", "");
  MarkPenReading("13", 55, {{"15", 30}, {"18", 10}}, &page);
  Document unsure = ExtractFrom(page);
  EXPECT_EQ(unsure.fields.date, std::nullopt);
  const ReviewItem* date = ItemOf(unsure, "date");
  ASSERT_NE(date, nullptr);
  for (const std::string day : {"2025-01-13", "2025-01-15", "2025-01-18"}) {
    EXPECT_NE(std::find(date->candidates.begin(), date->candidates.end(), day), date->candidates.end()) << day;
  }

  page = WithHandwrittenSerial("574", "", 0);
  MarkPenReading("574", 60, {{"514", 25}}, &page);
  Document serial = ExtractFrom(page);
  EXPECT_EQ(serial.fields.number, std::nullopt);
  EXPECT_EQ(serial.fields.number_notation, "UBND-TTHC");
  const ReviewItem* number = ItemOf(serial, "number");
  ASSERT_NE(number, nullptr);
  EXPECT_NE(std::find(number->candidates.begin(), number->candidates.end(), "514"), number->candidates.end());
}

TEST(Review, APenSerialIsTheReadersNextReadingWhenTesseractSurelyReadsIt) {
  // 660TBUB held out: the reader's "560" at 0.59, "660" next at 0.15; Tesseract's digits "660" at 96.
  const auto read = [](float digits_confidence, float next_odds) {
    OcrPage page = WithHandwrittenSerial("560", "660", digits_confidence);
    MarkPenReading("560", 59, {{"660", next_odds}, {"550", 13}}, &page);
    return ExtractFrom(page);
  };
  Document agreed = read(96, 15);
  EXPECT_EQ(agreed.fields.number, "660/UBND-TTHC");
  EXPECT_TRUE(agreed.InReview("number"));
  // Tesseract unsure, or a reading the reader hardly considered: no number.
  EXPECT_EQ(read(84, 15).fields.number, std::nullopt);
  EXPECT_EQ(read(96, 5).fields.number, std::nullopt);
}

TEST(Review, APenDayIsWeighedByTheDateOfSigning) {
  // Unsure between 03 and 07 alone; signed on the 4th, a 7th is impossible: the 3rd is given.
  OcrPage page = WithHandwrittenDay("03", "", "04/01/2025");
  MarkPenReading("03", 70, {{"07", 25}, {"02", 3}}, &page);
  EXPECT_EQ(ExtractFrom(page).fields.date, "2025-01-03");

  // Signed weeks after the month the date prints: every reading is as late, the sure one is
  // given, for review as a conflict with the stamp.
  page = WithHandwrittenDay("31", "", "17/02/2025");
  MarkPenReading("31", 99, {{"21", 1}}, &page);
  Document late = ExtractFrom(page);
  EXPECT_EQ(late.fields.date, "2025-01-31");
  const ReviewItem* date = ItemOf(late, "date");
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(date->reason, review_reason::kConflictWithStamp);

  // A sure reading the signing makes late loses to the next one in the window only when that
  // one is sure once weighed: 27 (28 signed before) against 24.
  page = WithHandwrittenDay("28", "", "27/01/2025");
  MarkPenReading("28", 83, {{"27", 9}, {"24", 7}}, &page);
  Document unsure = ExtractFrom(page);
  EXPECT_EQ(unsure.fields.date, std::nullopt);
  // The reviewer is offered the readings the signing allows first, the day after it last.
  const ReviewItem* candidates = ItemOf(unsure, "date");
  ASSERT_NE(candidates, nullptr);
  ASSERT_GE(candidates->candidates.size(), 3u);
  EXPECT_EQ(candidates->candidates[0], "2025-01-27");
  EXPECT_EQ(candidates->candidates[1], "2025-01-24");
  EXPECT_EQ(candidates->candidates.back(), "2025-01-28");
}

TEST(Provenance, EveryFieldSaysWhereOnTheInputPageItWasRead) {
  OcrPage page = Letter(95);
  page.number = 1;
  // OCR read the page at half the input's scale, 10 px down.
  page.input.to_input = {2, 0, 0, 0, 2, 10};
  const Document d = ExtractFrom(page);
  for (const std::string field : {"issuer", "number", "doc_type", "place", "date", "subject", "recipients",
                                  "signer_name", "signer_title", "signer_authority", "cc"}) {
    ASSERT_TRUE(d.provenance.count(field)) << field;
    for (const FieldSource& source : d.provenance.at(field)) {
      EXPECT_EQ(source.page, 1) << field;
      EXPECT_FALSE(source.boxes.empty()) << field;
      EXPECT_FALSE(source.ocr_text.empty()) << field;
      EXPECT_NEAR(source.word_confidence, 0.95, 1e-6) << field;
    }
  }
  const FieldSource& number = d.provenance.at("number").front();
  EXPECT_EQ(number.ocr_text, "299/UBND-TTHC");
  ASSERT_EQ(number.boxes.size(), 1u);
  EXPECT_EQ(number.boxes[0].x, 700);
  EXPECT_EQ(number.boxes[0].y, 670);
  EXPECT_EQ(d.provenance.at("issuer").front().ocr_text, "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI");
  EXPECT_EQ(d.provenance.at("date").front().ocr_text, "ngày 15 tháng 01 năm 2025");
  EXPECT_EQ(d.provenance.at("place").front().ocr_text, "Quảng Ngãi,");
  EXPECT_EQ(d.provenance.at("recipients").size(), 2u);
  ASSERT_EQ(d.provenance.at("cc").size(), 3u);
  EXPECT_EQ(d.provenance.at("cc")[2].ocr_text, "- Lưu: VT, TTHC(Thu).");
  EXPECT_EQ(d.provenance.at("signer_name").front().ocr_text, "Nguyễn Quốc Việt");
  EXPECT_TRUE(d.review.empty()) << d.review.front().field;
}

TEST(Provenance, AnEntryReadFromWordsOcrWasUnsureOfMakesItsListForReview) {
  OcrPage page = Letter(95);
  for (OcrBlock& block : page.blocks) {
    for (OcrLine& line : block.lines) {
      if (line.words.size() > 1 && line.words[1].text == "PCT") line.words[1].confidence = 18;
    }
  }
  const Document d = ExtractFrom(page);
  EXPECT_EQ(d.fields.cc.size(), 3u);
  EXPECT_LT(d.confidence.at("cc"), 0.7);
  const ReviewItem* cc = ItemOf(d, "cc");
  ASSERT_NE(cc, nullptr);
  EXPECT_EQ(cc->reason, review_reason::kLowOcrConfidence);
  EXPECT_EQ(cc->page, 1);
  // The box points at the unsure entry, "- PCT UBND tỉnh;" at y = 1100, not at the list.
  ASSERT_TRUE(cc->box.has_value());
  EXPECT_EQ(cc->box->y, 1100);
  EXPECT_EQ(cc->box->height, kLineHeight);
  EXPECT_EQ(cc->value, d.fields.cc);
  EXPECT_NEAR(d.provenance.at("cc")[1].word_confidence, 0.18, 1e-6);
}

// "chuyên hóa" for "chuyển hóa" in a subject: OCR was sure of every word, but the restorer
// found the other reading nearly as likely; the subject is for review, as doubtful.
TEST(Provenance, AWordTheRestorerNearlyReadOtherwiseMakesItsValueForReview) {
  auto with_margin = [](float margin) {
    OcrPage page = Letter(95);
    for (OcrBlock& block : page.blocks) {
      for (OcrLine& line : block.lines) {
        for (OcrWord& word : line.words) {
          if (word.text == "bố") word.restore_margin = margin;
        }
      }
    }
    return ExtractFrom(page);
  };
  const Document doubtful = with_margin(0.2f);
  EXPECT_EQ(doubtful.fields.subject, "công bố Danh mục TTHC và xây dựng quy trình nội bộ");
  EXPECT_LT(doubtful.confidence.at("subject"), 0.7);
  ASSERT_NE(ItemOf(doubtful, "subject"), nullptr);
  EXPECT_EQ(ItemOf(doubtful, "subject")->reason, review_reason::kUncertain);
  EXPECT_NEAR(doubtful.provenance.at("subject").front().restore_confidence, 1 / (1 + std::exp(-0.2)), 1e-6);
  EXPECT_NEAR(doubtful.provenance.at("subject").front().word_confidence, 0.95, 1e-6);

  const Document settled = with_margin(3.0f);
  EXPECT_FALSE(settled.InReview("subject"));
  EXPECT_NEAR(settled.provenance.at("subject").front().restore_confidence, 1 / (1 + std::exp(-3.0)), 1e-6);
}

TEST(Provenance, AnIssuerTheDictionariesPutRightNeedsNoReviewAnUnknownOneDoes) {
  OcrPage known = Letter(95);
  SetLineConfidence(&known, "TỈNH", 38);
  Document d = ExtractFrom(known);
  EXPECT_EQ(d.fields.issuer, "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI");
  EXPECT_FALSE(d.InReview("issuer")) << ItemOf(d, "issuer")->reason;
  EXPECT_NEAR(d.provenance.at("issuer").front().word_confidence, 0.38, 1e-6);

  OcrPage unknown = Letter(95);
  for (OcrBlock& block : unknown.blocks) {
    for (OcrLine& line : block.lines) {
      for (OcrWord& word : line.words) {
        if (word.text == "NGÃI") word = OcrWord{"NGẢIX", "NGẢIX", word.box, 38};
      }
    }
  }
  d = ExtractFrom(unknown);
  ASSERT_NE(ItemOf(d, "issuer"), nullptr);
  EXPECT_EQ(ItemOf(d, "issuer")->reason, review_reason::kLowOcrConfidence);
  EXPECT_LT(d.confidence.at("issuer"), 0.7);
}

}  // namespace
}  // namespace vanban::extract
