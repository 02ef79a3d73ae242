// TesseractWorker — one libtesseract instance that turns a clean page image into an OcrPage.
// By default it turns the page upright (Tesseract OSD), finds the page's regions itself
// (image::AnalyseLayout: header columns, title, body, "Nơi nhận", signer) and reads each with the
// page-segmentation mode that fits it, because Tesseract's automatic layout merges the header
// columns into one line and drops whole paragraphs on real scans.
//
// Thread-safety: a worker is used by one thread at a time (Tesseract instances are not
// re-entrant); run several workers for parallelism. Tesseract's own OpenMP threads are switched
// off on every thread that recognises (SetSingleThreadedOcr), so workers do not fight over cores.
#ifndef VANBAN_PIPELINE_OCR_TESSERACT_WORKER_H_
#define VANBAN_PIPELINE_OCR_TESSERACT_WORKER_H_

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "pipeline/ocr/hand_digits.h"
#include "vanban/document.h"
#include "vanban/status.h"

namespace tesseract {
class TessBaseAPI;
}

namespace vanban::ocr {

// Runs Tesseract's OpenMP regions on the calling thread only: parallelism comes from running
// workers side by side.
void SetSingleThreadedOcr();

struct RecognizeOptions {
  // Our own layout with a fitting mode per region; false: one PSM_AUTO pass over the page.
  bool layout = true;
  // Detect 90/180/270° pages with Tesseract OSD and turn them upright first.
  bool orientation = true;
  // How many alternative readings per word to keep in OcrWord::alternatives (0: none).
  int alternatives = 3;
  // The page to read stamps from when it differs from the one recognised: the luminance copy
  // (image::PageImage::with_colour_ink), where red "Ký bởi" text survives and red urgency stamps
  // are found (OcrPage::red_stamps). Same size, or ignored.
  cv::Mat stamp_pixels;
  // Reads the pen digits of the header's filled-in blanks (filled_in_blanks.h) with this
  // classifier, from the luminance copy when there is one (pen ink of every colour kept);
  // null: they stay as Tesseract read them.
  const HandDigitClassifier* hand_digits = nullptr;
  // Gives up on a page whose recognition takes longer (a pathological scan must not hang a
  // batch); 0: no limit.
  int timeout_ms = 0;
  // Once set, the recognition stops at its next word and RecognizePage returns kCancelled: an
  // interrupted batch must not wait for a slow page. Null: never.
  const std::atomic<bool>* cancel = nullptr;
};

// A recognised page with what is not part of its text.
struct RecognizedPage {
  OcrPage page;
  // Text of the small-print stamps above the header (digital-signature / gazette stamps:
  // "Ký bởi: …", "Thời gian ký: …", "TRUNG TÂM CÔNG BÁO …"), top to bottom, lines joined by '\n'.
  std::vector<std::string> stamps;
  int rotation = 0;  // degrees (0, 90, 180, 270) the page was turned clockwise to read it
};

class TesseractWorker {
 public:
  // tessdata_dir empty: Tesseract's default. Fails with kMissingData naming the Debian package
  // when the language data is absent. Orientation detection needs osd.traineddata; without it
  // pages are read as they come.
  static StatusOr<std::unique_ptr<TesseractWorker>> Create(const std::string& tessdata_dir,
                                                           const std::string& language);
  ~TesseractWorker();

  // Recognises an 8-bit grey image with the default options. Words carry boxes, confidences and
  // both `text` and `ocr_text` set to what Tesseract read (NFC).
  StatusOr<OcrPage> Recognize(const cv::Mat& grey, int dpi, int page_number);
  // Sets a Tesseract parameter (e.g. "thresholding_method"); fails on an unknown name.
  Status SetVariable(const std::string& name, const std::string& value);
  StatusOr<RecognizedPage> RecognizePage(const cv::Mat& grey, int dpi, int page_number,
                                         const RecognizeOptions& options);
  // Reads the red lettering (image::FindRedInk) of an upright page and its luminance copy, each
  // from its red ink alone: text stamps (urgency stamps "HỎA TỐC", "KHẨN", …) into
  // `page->red_stamps` top to bottom, leaving out those that read as nothing; lines stamped over
  // a seal (a signer's title or name) into `page->blocks`, one block each, in page pixels.
  void ReadRedInk(const cv::Mat& pixels, const cv::Mat& luminance, int dpi, OcrPage* page);
  // The `red_stamps` ReadRedInk gives.
  std::vector<RedStamp> ReadRedStamps(const cv::Mat& pixels, const cv::Mat& luminance, int dpi);
  // The clockwise turn (0, 90, 180, 270) that makes the page upright, by Tesseract OSD on the
  // middle of the page; 0 when OSD is unsure or osd.traineddata is missing.
  int DetectRotation(const cv::Mat& grey, int dpi);

 private:
  TesseractWorker(std::unique_ptr<tesseract::TessBaseAPI> api, std::unique_ptr<tesseract::TessBaseAPI> osd,
                  std::unique_ptr<tesseract::TessBaseAPI> digits);
  // Reads the short words Tesseract was unsure of again with only digits allowed
  // (OcrWord::digits), from the image `api_` holds.
  void ReadDigits(const cv::Mat& pixels, int dpi, OcrPage* page);

  std::unique_ptr<tesseract::TessBaseAPI> api_;
  std::unique_ptr<tesseract::TessBaseAPI> osd_;     // null when osd.traineddata is missing
  std::unique_ptr<tesseract::TessBaseAPI> digits_;  // null when eng.traineddata is missing
};

}  // namespace vanban::ocr

#endif  // VANBAN_PIPELINE_OCR_TESSERACT_WORKER_H_
