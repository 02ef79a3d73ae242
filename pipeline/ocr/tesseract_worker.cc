#include "pipeline/ocr/tesseract_worker.h"

#include <omp.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <span>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "pipeline/image/layout.h"
#include "pipeline/image/preprocess.h"
#include "pipeline/image/raster.h"
#include "pipeline/image/red_stamps.h"
#include "pipeline/ocr/filled_in_blanks.h"
#include "pipeline/ocr/glued_words.h"
#include "pipeline/text/unicode.h"
#include "pipeline/text/vietnamese.h"

namespace vanban::ocr {
namespace {

// OSD reads letter shapes, which it sees well enough at half resolution in a fraction of the time.
constexpr int kOsdMaxSide = 1800;
// Evidence that a page is upright without OSD (see DetectRotation).
constexpr double kUprightRowContrast = 1.5;
constexpr int kUprightMinMarks = 60;
constexpr double kUprightMarkRatio = 2.0;
// Below this OSD confidence a page is read as it comes: upright is by far the common case.
constexpr float kMinOrientationConfidence = 1.5f;
// Alternatives for a letter whose second choice scores at least this share of its first.
constexpr float kAlternativeRatio = 0.05f;
// Words without a digit read at least this surely keep their reading; shorter words than this
// many letters may be a number written or typed into a blank.
constexpr float kDigitsMaxConfidence = 90.f;
constexpr size_t kDigitsMaxLetters = 4;
// Re-readings per page at most: a page of figures may hold hundreds of unsure short words, and
// the fill-ins of the header come first in reading order.
constexpr int kMaxDigitReadings = 40;
// Tesseract's thresholding_method values.
constexpr char kOtsu[] = "0", kSauvola[] = "2";
// Mean word confidence (0..100) from which a line only Otsu's reading of a region has is added.
constexpr float kSureLostLine = 70;
// Regions of at most this many lines (a signer block, a header column) are read again for lines
// OCR is unsure of, not only for lines it lost.
constexpr int kShortRegion = 8;
// Tesseract's mean confidence (0..100) from which a line stamped over a seal is taken as text.
constexpr int kSureLettering = 25;

std::string TakeText(char* text) {
  if (text == nullptr) return {};
  std::string out = text::ToNfc(text);
  delete[] text;
  return out;
}

// The text of a recognised block without the line ends and spaces Tesseract puts after it.
std::string TakeBlockText(char* text) {
  std::string out = text::WithLookAlikeLetters(TakeText(text));
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

// Hands Tesseract an 8-bit grey image it reads in place (`grey` must outlive the recognition).
void SetGreyImage(tesseract::TessBaseAPI& api, const cv::Mat& grey, int dpi) {
  api.SetImage(grey.data, grey.cols, grey.rows, 1, static_cast<int>(grey.step));
  api.SetSourceResolution(dpi);
}

Box BoundingBox(const tesseract::PageIterator& it, tesseract::PageIteratorLevel level) {
  int left = 0, top = 0, right = 0, bottom = 0;
  it.BoundingBox(level, &left, &top, &right, &bottom);
  return Box{left, top, right - left, bottom - top};
}

Box ToBox(const cv::Rect& r) { return Box{r.x, r.y, r.width, r.height}; }

// The text lines of `page`'s blocks from `first` on.
int LinesFrom(const OcrPage& page, size_t first) {
  int lines = 0;
  for (size_t b = first; b < page.blocks.size(); ++b) lines += static_cast<int>(page.blocks[b].lines.size());
  return lines;
}

// Whether two lines share most of the smaller one's height.
bool SameBand(const Box& a, const Box& b) {
  const int common = std::min(a.bottom(), b.bottom()) - std::max(a.y, b.y);
  return 2 * common > std::min(a.height, b.height);
}

int LetterCount(const std::string& word) {
  int letters = 0;
  for (size_t pos = 0; pos < word.size();) {
    text::Letter letter;
    letters += text::DescribeLetter(text::NextCodePoint(word, &pos), &letter) ? 1 : 0;
  }
  return letters;
}

// Whether OCR is sure of a line and it holds a word of two letters or more: a lone "|" or "\\"
// read sure out of a seal's residue is no text.
bool SureTextLine(const OcrLine& line) {
  float sum = 0;
  bool word_of_letters = false;
  for (const OcrWord& word : line.words) {
    sum += word.confidence;
    word_of_letters = word_of_letters || LetterCount(word.text) >= 2;
  }
  return word_of_letters && sum >= kSureLostLine * static_cast<float>(line.words.size());
}

// Whether a line holds no word of two letters or more that OCR is sure of: what a seal's residue,
// a signature or a rule reads as.
bool JunkLine(const OcrLine& line) {
  return std::none_of(line.words.begin(), line.words.end(), [](const OcrWord& word) {
    return word.confidence >= kSureLostLine && LetterCount(word.text) >= 2;
  });
}

// The lines of `page`'s blocks from `first` on that are not JunkLine.
int TextLinesFrom(const OcrPage& page, size_t first) {
  int lines = 0;
  for (size_t b = first; b < page.blocks.size(); ++b) {
    const std::vector<OcrLine>& l = page.blocks[b].lines;
    lines += static_cast<int>(std::count_if(l.begin(), l.end(), [](const OcrLine& line) { return !JunkLine(line); }));
  }
  return lines;
}

// Adds to the region read into `page`'s blocks from `first` on the lines of `again` (the same
// region read another way) that OCR is sure of and that lie where the first reading has only
// junk, in top-to-bottom order. The junk of that band goes: it is what a seal's residue reads as
// where the second look found the title printed over it.
void AddLostLines(const OcrPage& again, size_t first, OcrPage* page) {
  if (first >= page->blocks.size()) {
    page->blocks.push_back(again.blocks.empty() ? OcrBlock{} : again.blocks.front());
    page->blocks.back().lines.clear();
  }
  const auto blocks = std::span(page->blocks).subspan(first);
  for (const OcrBlock& block : again.blocks) {
    for (const OcrLine& line : block.lines) {
      if (!SureTextLine(line)) continue;
      const auto in_band = [&](const OcrLine& l) { return SameBand(l.box, line.box); };
      const bool known = std::any_of(blocks.begin(), blocks.end(), [&](const OcrBlock& b) {
        return std::any_of(b.lines.begin(), b.lines.end(), [&](const OcrLine& l) { return in_band(l) && !JunkLine(l); });
      });
      if (known) continue;
      for (OcrBlock& b : blocks) std::erase_if(b.lines, in_band);
      std::vector<OcrLine>& lines = blocks.front().lines;
      auto at = std::find_if(lines.begin(), lines.end(), [&](const OcrLine& l) { return l.box.y > line.box.y; });
      lines.insert(at, line);
    }
  }
  const auto empty = [](const OcrBlock& b) { return b.lines.empty(); };
  page->blocks.erase(std::remove_if(page->blocks.begin() + first, page->blocks.end(), empty), page->blocks.end());
}

// Moves the lines and words of a block read from a crop to where the crop lies on the page.
void ShiftLines(int dx, int dy, OcrBlock* block) {
  for (OcrLine& line : block->lines) {
    line.box.x += dx, line.box.y += dy;
    for (OcrWord& word : line.words) word.box.x += dx, word.box.y += dy;
  }
}

// Readings of the current word that differ from the best one in a single letter, taken from
// the LSTM's per-letter choices: the restorer weighs them against its language model. Each
// gets the word's confidence scaled by its letter's share of the best letter's, so that it
// compares with the word's own.
std::vector<std::pair<std::string, float>> WordAlternatives(const tesseract::ResultIterator& word_it,
                                                            const std::string& best, float word_confidence,
                                                            int limit) {
  std::vector<std::pair<std::string, float>> out;
  if (limit <= 0) return out;
  struct Choice {
    size_t offset, length;  // bytes of the letter in `best`
    std::string text;
    float confidence;
  };
  std::vector<Choice> choices;
  tesseract::ResultIterator it(word_it);
  size_t offset = 0;
  do {
    const std::string symbol = TakeText(it.GetUTF8Text(tesseract::RIL_SYMBOL));
    if (offset + symbol.size() > best.size()) break;
    tesseract::ChoiceIterator choice(it);
    float top = -1;
    do {
      const char* text = choice.GetUTF8Text();
      if (text == nullptr) continue;
      const float confidence = choice.Confidence();
      if (top < 0) {
        top = confidence;
      } else if (confidence >= kAlternativeRatio * top && symbol != text) {
        choices.push_back({offset, symbol.size(), text::ToNfc(text), word_confidence * std::min(1.0f, confidence / top)});
      }
    } while (choice.Next());
    offset += symbol.size();
  } while (!it.IsAtFinalElement(tesseract::RIL_WORD, tesseract::RIL_SYMBOL) && it.Next(tesseract::RIL_SYMBOL));
  std::sort(choices.begin(), choices.end(), [](const Choice& a, const Choice& b) { return a.confidence > b.confidence; });
  for (const Choice& c : choices) {
    if (static_cast<int>(out.size()) == limit) break;
    std::string word = best;
    word.replace(c.offset, c.length, c.text);
    out.emplace_back(text::ToNfc(word), c.confidence);
  }
  return out;
}

// The letters of the current word with their boxes.
std::vector<Symbol> WordSymbols(const tesseract::ResultIterator& word_it) {
  std::vector<Symbol> symbols;
  tesseract::ResultIterator it(word_it);
  do {
    symbols.push_back({TakeText(it.GetUTF8Text(tesseract::RIL_SYMBOL)), BoundingBox(it, tesseract::RIL_SYMBOL)});
  } while (!it.IsAtFinalElement(tesseract::RIL_WORD, tesseract::RIL_SYMBOL) && it.Next(tesseract::RIL_SYMBOL));
  return symbols;
}

// Appends what Tesseract found in its last Recognize to `page`: one block per call, or one per
// paragraph when Tesseract did the layout itself.
void CollectWords(tesseract::TessBaseAPI& api, const Box& region, bool block_per_paragraph, int alternatives,
                  OcrPage* page) {
  std::unique_ptr<tesseract::ResultIterator> it(api.GetIterator());
  if (!it || it->Empty(tesseract::RIL_WORD)) return;
  bool new_block = true;
  do {
    if (block_per_paragraph && it->IsAtBeginningOf(tesseract::RIL_PARA)) new_block = true;
    std::string text = TakeText(it->GetUTF8Text(tesseract::RIL_WORD));
    if (text.empty()) continue;
    if (new_block) {
      page->blocks.emplace_back();
      page->blocks.back().box = block_per_paragraph ? BoundingBox(*it, tesseract::RIL_PARA) : region;
      new_block = false;
    }
    OcrBlock& block = page->blocks.back();
    if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE) || block.lines.empty()) {
      block.lines.emplace_back();
      block.lines.back().box = BoundingBox(*it, tesseract::RIL_TEXTLINE);
    }
    OcrWord word;
    word.confidence = it->Confidence(tesseract::RIL_WORD);
    word.box = BoundingBox(*it, tesseract::RIL_WORD);
    std::vector<OcrWord>& words = block.lines.back().words;
    const std::vector<Symbol> symbols = WordSymbols(*it);
    std::string spelled;
    for (const Symbol& symbol : symbols) spelled += symbol.text;
    if (const size_t tail = GluedTailStart(symbols); tail > 0 && spelled == text) {
      auto [head, filled_in] = SplitWord(word, symbols, tail);
      for (OcrWord* part : {&head, &filled_in}) part->text = part->ocr_text = text::WithLookAlikeLetters(part->text);
      words.push_back(std::move(head));
      words.push_back(std::move(filled_in));
      continue;
    }
    word.alternatives = WordAlternatives(*it, text, word.confidence, alternatives);
    word.text = text::WithLookAlikeLetters(std::move(text));
    for (auto& [alternative, confidence] : word.alternatives) alternative = text::WithLookAlikeLetters(std::move(alternative));
    std::erase_if(word.alternatives, [&](const auto& alternative) { return alternative.first == word.text; });
    word.ocr_text = word.text;
    words.push_back(std::move(word));
  } while (it->Next(tesseract::RIL_WORD));
}

// A word a digits-only reading may explain: short, and holding a digit (a number typed or written
// into a blank, which Tesseract may misread however sure it is: "44" for a red "11"), or unsure
// and holding a capital or a symbol no Vietnamese word has ("4†", "đ#", "II"). Lower-case
// syllables are the restorer's; long words are not a filled-in number.
bool MayBeDigits(const OcrWord& word) {
  const std::string bare = text::StripDiacritics(word.text);
  size_t letters = 0, pos = 0;
  bool digit = false, unusual = false;
  while (pos < bare.size()) {
    const char32_t c = text::NextCodePoint(bare, &pos);
    if (c == '.' || c == ',' || c == ';' || c == ':') continue;
    ++letters;
    digit = digit || (c >= '0' && c <= '9');
    unusual = unusual || !(c >= 'a' && c <= 'z');
  }
  return letters <= kDigitsMaxLetters && (digit || (unusual && word.confidence < kDigitsMaxConfidence));
}

// One line: PSM 7. Several: PSM 4 (one column of lines of varying size), not PSM 6, whose
// uniform-block line finder drops diacritics stacked over vowels (đổi → đôi, Tết → Têt) in
// italic body text.
struct StampReading {
  std::string text;
  int confidence = -1;
};

// Text of each stamp box in the image Tesseract holds, trailing blank lines dropped.
std::vector<StampReading> ReadStamps(tesseract::TessBaseAPI& api, const std::vector<cv::Rect>& boxes) {
  std::vector<StampReading> stamps;
  api.SetPageSegMode(tesseract::PSM_SINGLE_BLOCK);
  for (const cv::Rect& box : boxes) {
    api.SetRectangle(box.x, box.y, box.width, box.height);
    stamps.push_back(StampReading{TakeBlockText(api.GetUTF8Text()), api.MeanTextConf()});
  }
  return stamps;
}

int PageSegMode(const image::LayoutRegion& region) {
  return region.lines <= 1 ? tesseract::PSM_SINGLE_LINE : tesseract::PSM_SINGLE_COLUMN;
}

cv::Mat Rotate(const cv::Mat& grey, int clockwise) {
  if (clockwise == 0) return grey;
  cv::Mat out;
  cv::rotate(grey, out,
             clockwise == 90 ? cv::ROTATE_90_CLOCKWISE
                             : clockwise == 180 ? cv::ROTATE_180 : cv::ROTATE_90_COUNTERCLOCKWISE);
  return out;
}

}  // namespace

// libgomp reads OMP_THREAD_LIMIT once, when it is loaded (before main), so setting the variable
// here would be too late; with no active parallel levels every OpenMP region in Tesseract runs
// on the calling thread. Measured: 9 s → 2.5 s a page, most of it threads spinning in the kernel.
// The setting belongs to the calling thread: RecognizePage makes it on every worker thread.
void SetSingleThreadedOcr() { omp_set_max_active_levels(0); }

TesseractWorker::TesseractWorker(std::unique_ptr<tesseract::TessBaseAPI> api,
                                 std::unique_ptr<tesseract::TessBaseAPI> osd,
                                 std::unique_ptr<tesseract::TessBaseAPI> digits)
    : api_(std::move(api)), osd_(std::move(osd)), digits_(std::move(digits)) {}

TesseractWorker::~TesseractWorker() {
  if (api_) api_->End();
  if (osd_) osd_->End();
  if (digits_) digits_->End();
}

// Tesseract misreads handwritten digits in the company of printed letters; alone and among
// digits it often reads them right ("0ð" → "05"). The English model does (over the 25 sample
// documents' numbers and days it read 6 handwritten ones right where the Vietnamese model read
// 2): the extractor cross-checks such readings before it gives one.
void TesseractWorker::ReadDigits(const cv::Mat& pixels, int dpi, OcrPage* page) {
  if (!digits_) return;
  SetGreyImage(*digits_, pixels, dpi);
  int budget = kMaxDigitReadings;
  for (OcrBlock& block : page->blocks) {
    for (OcrLine& line : block.lines) {
      for (OcrWord& word : line.words) {
        if (budget == 0 || !MayBeDigits(word)) continue;
        --budget;
        // Tesseract wants a margin round a line it reads alone.
        const int margin = word.box.height / 3;
        const int left = std::max(0, word.box.x - margin), top = std::max(0, word.box.y - margin);
        digits_->SetRectangle(left, top, word.box.right() + margin - left, word.box.bottom() + margin - top);
        std::string digits = TakeBlockText(digits_->GetUTF8Text());
        digits.erase(std::remove(digits.begin(), digits.end(), ' '), digits.end());
        if (digits.empty()) continue;
        word.digits = std::move(digits);
        word.digits_confidence = static_cast<float>(digits_->MeanTextConf());
      }
    }
  }
  digits_->Clear();
}

StatusOr<std::unique_ptr<TesseractWorker>> TesseractWorker::Create(const std::string& tessdata_dir,
                                                                   const std::string& language) {
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  const char* datapath = tessdata_dir.empty() ? nullptr : tessdata_dir.c_str();
  if (api->Init(datapath, language.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    return Status::MissingData("Tesseract language data '" + language +
                               "' not found; install the Debian package tesseract-ocr-" + language);
  }
  // Keep interword spaces as printed; keep the LSTM's per-letter choices for alternatives;
  // threshold each region with Sauvola (dev scans: mean miss 3.95 % against 4.19 % with Otsu).
  api->SetVariable("preserve_interword_spaces", "1");
  api->SetVariable("lstm_choice_mode", "2");
  api->SetVariable("thresholding_method", kSauvola);
  // Tesseract's own diagnostics ("Detected 28 diacritics") would interleave with vanban's
  // one-line-per-error stderr contract.
  api->SetVariable("debug_file", "/dev/null");
  api->SetPageSegMode(tesseract::PSM_AUTO);
  auto osd = std::make_unique<tesseract::TessBaseAPI>();
  if (osd->Init(datapath, "osd", tesseract::OEM_TESSERACT_ONLY) != 0) {
    osd.reset();
  } else {
    osd->SetVariable("debug_file", "/dev/null");
    osd->SetPageSegMode(tesseract::PSM_OSD_ONLY);
  }
  auto digits = std::make_unique<tesseract::TessBaseAPI>();
  if (digits->Init(datapath, "eng", tesseract::OEM_LSTM_ONLY) != 0) {
    digits.reset();
  } else {
    digits->SetVariable("debug_file", "/dev/null");
    digits->SetVariable("tessedit_char_whitelist", "0123456789");
    // One line at a time: a single-word pass splits handwritten digits apart.
    digits->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
  }
  return std::unique_ptr<TesseractWorker>(new TesseractWorker(std::move(api), std::move(osd), std::move(digits)));
}

int TesseractWorker::DetectRotation(const cv::Mat& grey, int dpi) {
  if (!osd_) return 0;
  // The middle of the page holds enough body text to tell the orientation at a third of the cost.
  const cv::Rect middle(grey.cols / 8, grey.rows / 4, grey.cols * 3 / 4, grey.rows / 2);
  const double factor = std::min(1.0, static_cast<double>(kOsdMaxSide) / std::max(grey.cols, grey.rows));
  cv::Mat small;
  cv::resize(grey(middle), small, cv::Size(), factor, factor, cv::INTER_AREA);
  const image::MarkPlacement marks = image::CountMarkPlacement(small);
  // OSD needs a few dozen letters; on fewer it gives up, and after giving up the next
  // recognition by this worker came back empty (a one-line test page lost its only line).
  if (!marks.readable) return 0;
  // Upright Vietnamese shows itself cheaply: lines across the image and far more marks on top
  // of letters than under them (60 pages of the sample scans, photos and born-digital PDFs, each
  // turned four ways: upright pages show ≥ 2.1× the marks and ≥ 1.9× the row contrast, turned
  // ones ≤ 0.5× or ≤ 0.8×). OSD, a tenth of a page's recognition time whatever the image size,
  // runs only on the pages that do not.
  if (marks.row_contrast >= kUprightRowContrast && marks.above >= kUprightMinMarks &&
      marks.above >= kUprightMarkRatio * marks.below) {
    return 0;
  }
  SetGreyImage(*osd_, small, std::max(70, static_cast<int>(dpi * factor)));
  int degrees = 0;
  float confidence = 0, script_confidence = 0;
  const char* script = nullptr;
  const bool found = osd_->DetectOrientationScript(&degrees, &confidence, &script, &script_confidence);
  osd_->Clear();
  if (!found || confidence < kMinOrientationConfidence) return 0;
  // OSD reports how far the text is turned counter-clockwise; the clockwise turn that rights it
  // is the rest of the circle.
  return (360 - degrees) % 360;
}

void TesseractWorker::ReadRedInk(const cv::Mat& pixels, const cv::Mat& luminance, int dpi, OcrPage* page) {
  for (const image::RedRegion& region : image::FindRedInk(pixels, luminance, dpi)) {
    if (region.shape != image::RedShape::kText) continue;
    if (!region.lettering.empty()) {
      // A title or name stamped over the seal is the page's text, in its place.
      SetGreyImage(*api_, region.lettering, dpi);
      api_->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
      // Ring lettering and emblem pieces that slipped in read as junk, unsure of itself.
      if (api_->Recognize(nullptr) != 0 || api_->MeanTextConf() < kSureLettering) continue;
      const size_t first = page->blocks.size();
      CollectWords(*api_, ToBox(region.box), false, 0, page);
      for (size_t b = first; b < page->blocks.size(); ++b) ShiftLines(region.box.x, region.box.y, &page->blocks[b]);
      continue;
    }
    const cv::Mat ink = image::RedInkImage(pixels, luminance, region.box, region.turn);
    SetGreyImage(*api_, ink, dpi);
    api_->SetPageSegMode(region.lines <= 1 ? tesseract::PSM_SINGLE_LINE : tesseract::PSM_SINGLE_BLOCK);
    std::string text = TakeBlockText(api_->GetUTF8Text());
    if (!text.empty()) page->red_stamps.push_back({std::move(text), ToBox(region.box)});
  }
  api_->Clear();
}

std::vector<RedStamp> TesseractWorker::ReadRedStamps(const cv::Mat& pixels, const cv::Mat& luminance, int dpi) {
  OcrPage page;
  ReadRedInk(pixels, luminance, dpi, &page);
  return page.red_stamps;
}

Status TesseractWorker::SetVariable(const std::string& name, const std::string& value) {
  if (!api_->SetVariable(name.c_str(), value.c_str())) return Status::InvalidArgument("unknown Tesseract parameter " + name);
  return Status::Ok();
}

StatusOr<OcrPage> TesseractWorker::Recognize(const cv::Mat& grey, int dpi, int page_number) {
  StatusOr<RecognizedPage> page = RecognizePage(grey, dpi, page_number, RecognizeOptions{});
  if (!page.ok()) return page.status();
  return std::move(page.value().page);
}

StatusOr<RecognizedPage> TesseractWorker::RecognizePage(const cv::Mat& input, int dpi, int page_number,
                                                        const RecognizeOptions& options) {
  if (input.empty() || input.type() != CV_8UC1) return Status::Internal("OCR needs an 8-bit grey image");
  SetSingleThreadedOcr();
  RecognizedPage result;
  result.page.number = page_number;
  result.page.dpi = dpi;
  if (image::TooSmall(input)) {
    result.page.width = input.cols;
    result.page.height = input.rows;
    return result;
  }
  result.rotation = options.orientation ? DetectRotation(input, dpi) : 0;
  const cv::Mat upright = Rotate(input, result.rotation);
  OcrPage& page = result.page;
  page.width = upright.cols;
  page.height = upright.rows;
  tesseract::ETEXT_DESC monitor;
  if (options.timeout_ms > 0) monitor.set_deadline_msecs(options.timeout_ms);
  if (options.cancel != nullptr) {
    monitor.cancel = [](void* flag, int) { return static_cast<const std::atomic<bool>*>(flag)->load(); };
    monitor.cancel_this = const_cast<std::atomic<bool>*>(options.cancel);
  }
  auto recognise = [&](const char* what) -> Status {
    const bool failed = api_->Recognize(&monitor) != 0;
    if (options.cancel != nullptr && options.cancel->load()) {
      api_->Clear();
      return Status::Cancelled("stopped while reading page " + std::to_string(page_number));
    }
    if (monitor.deadline_exceeded()) {
      api_->Clear();
      return Status::TooLarge("OCR gave up after " + std::to_string(options.timeout_ms / 1000) + " s");
    }
    return failed ? Status::Internal(std::string("Tesseract failed to recognise ") + what) : Status::Ok();
  };

  const bool has_luminance = options.stamp_pixels.size() == input.size() && options.stamp_pixels.type() == CV_8UC1;
  const cv::Mat luminance = has_luminance ? Rotate(options.stamp_pixels, result.rotation) : cv::Mat();

  // A page whose layout we cannot read (no letter-sized ink) still gets Tesseract's own pass.
  const image::PageLayout layout = options.layout ? image::AnalyseLayout(upright) : image::PageLayout{};
  if (!layout.regions.empty()) {
    const cv::Mat& pixels = layout.text_image;
    SetGreyImage(*api_, pixels, dpi);
    // Reads the current region from `image` (the page Tesseract holds when null) with the
    // thresholding method `threshold`, into `into`.
    const auto read_region = [&](const image::LayoutRegion& region, const cv::Mat* image, const char* threshold,
                                 OcrPage* into) -> Status {
      if (image != nullptr) SetGreyImage(*api_, *image, dpi);
      api_->SetVariable("thresholding_method", threshold);
      api_->SetPageSegMode(static_cast<tesseract::PageSegMode>(PageSegMode(region)));
      api_->SetRectangle(region.box.x, region.box.y, region.box.width, region.box.height);
      const Status read = recognise("a region");
      if (read.ok()) CollectWords(*api_, ToBox(region.box), false, options.alternatives, into);
      api_->SetVariable("thresholding_method", kSauvola);
      if (image != nullptr) SetGreyImage(*api_, pixels, dpi);
      return read;
    };
    cv::Mat without_faint_ink;  // made for the first region that needs it
    for (const image::LayoutRegion& region : layout.regions) {
      const size_t first = page.blocks.size();
      if (Status s = read_region(region, nullptr, kSauvola, &page); !s.ok()) return s;
      // Sauvola's window can wipe out whole lines beside a signature or a seal's residue (a
      // signer's title over the seal, which Otsu reads whole): a region that lost lines the
      // layout sees is read again with Otsu, and the sure lines only that reading has are added.
      // In a short region (a signer block, a header column) a line of junk counts as lost: it
      // is what the residue reads as. A title the residue still hides there (Tesseract takes it
      // for part of a picture) is read from the page without faint ink.
      const bool short_region = region.lines <= kShortRegion;
      const auto lost_lines = [&] {
        return LinesFrom(page, first) < region.lines || (short_region && TextLinesFrom(page, first) < region.lines);
      };
      const auto add_lost_lines = [&](const cv::Mat* image, const char* threshold) {
        OcrPage again;
        const Status read = read_region(region, image, threshold, &again);
        if (read.ok()) AddLostLines(again, first, &page);
        return read;
      };
      if (lost_lines()) {
        if (Status s = add_lost_lines(nullptr, kOtsu); !s.ok()) return s;
      }
      if (short_region && lost_lines()) {
        if (without_faint_ink.empty()) without_faint_ink = image::WithoutFaintInk(layout);
        if (!without_faint_ink.empty()) {
          if (Status s = add_lost_lines(&without_faint_ink, kSauvola); !s.ok()) return s;
        }
      }
    }
    ReadDigits(pixels, dpi, &page);
    // Stamps are read from the page OCR saw (blue stamp text over a red seal reads best there)
    // and from the luminance copy, where red stamp text survives; the surer reading wins.
    std::vector<StampReading> stamps = ReadStamps(*api_, layout.stamps);
    if (has_luminance && !stamps.empty()) {
      SetGreyImage(*api_, luminance, dpi);
      const std::vector<StampReading> coloured = ReadStamps(*api_, layout.stamps);
      for (size_t i = 0; i < stamps.size(); ++i) {
        if (coloured[i].confidence > stamps[i].confidence) stamps[i] = coloured[i];
      }
    }
    for (StampReading& stamp : stamps) {
      if (!stamp.text.empty()) result.stamps.push_back(std::move(stamp.text));
    }
  } else {
    SetGreyImage(*api_, upright, dpi);
    api_->SetPageSegMode(tesseract::PSM_AUTO);
    if (Status s = recognise("the page"); !s.ok()) return s;
    CollectWords(*api_, Box{0, 0, upright.cols, upright.rows}, true, options.alternatives, &page);
    ReadDigits(upright, dpi, &page);
  }
  if (has_luminance) ReadRedInk(upright, luminance, dpi, &page);
  api_->Clear();
  if (options.hand_digits != nullptr) ReadFilledInBlanks(has_luminance ? luminance : upright, *options.hand_digits, &page);

  double confidence_sum = 0;
  int word_count = 0;
  for (const OcrBlock& block : page.blocks) {
    for (const OcrLine& line : block.lines) {
      for (const OcrWord& word : line.words) {
        confidence_sum += word.confidence;
        ++word_count;
      }
    }
  }
  page.mean_word_confidence = word_count ? static_cast<float>(confidence_sum / word_count) : 0.f;
  return result;
}

}  // namespace vanban::ocr
