// TesseractWorker — one libtesseract instance that turns a clean page image into an OcrPage.
//
// Thread-safety: a worker is used by one thread at a time (Tesseract instances are not
// re-entrant); run several workers for parallelism. OMP_THREAD_LIMIT must be 1 before the first
// worker is created so that workers do not fight over cores (SetSingleThreadedOcr does it).
#ifndef VANBAN_PIPELINE_OCR_TESSERACT_WORKER_H_
#define VANBAN_PIPELINE_OCR_TESSERACT_WORKER_H_

#include <memory>
#include <string>

#include <opencv2/core.hpp>

#include "vanban/document.h"
#include "vanban/status.h"

namespace tesseract {
class TessBaseAPI;
}

namespace vanban::ocr {

// Sets OMP_THREAD_LIMIT=1 for this process: parallelism comes from running workers side by side.
void SetSingleThreadedOcr();

class TesseractWorker {
 public:
  // tessdata_dir empty: Tesseract's default. Fails with kMissingData naming the Debian package
  // when the language data is absent.
  static StatusOr<std::unique_ptr<TesseractWorker>> Create(const std::string& tessdata_dir,
                                                           const std::string& language);
  ~TesseractWorker();

  // Recognises an 8-bit grey image. Words carry boxes, confidences and both `text` and
  // `ocr_text` set to what Tesseract read (NFC).
  StatusOr<OcrPage> Recognize(const cv::Mat& grey, int dpi, int page_number);

 private:
  explicit TesseractWorker(std::unique_ptr<tesseract::TessBaseAPI> api);
  std::unique_ptr<tesseract::TessBaseAPI> api_;
};

}  // namespace vanban::ocr

#endif  // VANBAN_PIPELINE_OCR_TESSERACT_WORKER_H_
