#include "pipeline/ocr/tesseract_worker.h"

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <cstdlib>

#include "pipeline/text/unicode.h"

namespace vanban::ocr {
namespace {

std::string TakeText(char* text) {
  if (text == nullptr) return {};
  std::string out = text::ToNfc(text);
  delete[] text;
  return out;
}

Box BoundingBox(const tesseract::ResultIterator& it, tesseract::PageIteratorLevel level) {
  int left = 0, top = 0, right = 0, bottom = 0;
  it.BoundingBox(level, &left, &top, &right, &bottom);
  return Box{left, top, right - left, bottom - top};
}

}  // namespace

void SetSingleThreadedOcr() { setenv("OMP_THREAD_LIMIT", "1", 1); }

TesseractWorker::TesseractWorker(std::unique_ptr<tesseract::TessBaseAPI> api) : api_(std::move(api)) {}
TesseractWorker::~TesseractWorker() {
  if (api_) api_->End();
}

StatusOr<std::unique_ptr<TesseractWorker>> TesseractWorker::Create(const std::string& tessdata_dir,
                                                                   const std::string& language) {
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  const char* datapath = tessdata_dir.empty() ? nullptr : tessdata_dir.c_str();
  if (api->Init(datapath, language.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    return Status::MissingData("Tesseract language data '" + language +
                               "' not found; install the Debian package tesseract-ocr-" + language);
  }
  // Keep interword spaces as printed and let Tesseract see the page as one column set.
  api->SetVariable("preserve_interword_spaces", "1");
  api->SetPageSegMode(tesseract::PSM_AUTO);
  return std::unique_ptr<TesseractWorker>(new TesseractWorker(std::move(api)));
}

StatusOr<OcrPage> TesseractWorker::Recognize(const cv::Mat& grey, int dpi, int page_number) {
  if (grey.empty() || grey.type() != CV_8UC1) return Status::Internal("OCR needs an 8-bit grey image");
  api_->SetImage(grey.data, grey.cols, grey.rows, 1, static_cast<int>(grey.step));
  api_->SetSourceResolution(dpi);
  if (api_->Recognize(nullptr) != 0) return Status::Internal("Tesseract failed to recognise the page");

  OcrPage page;
  page.number = page_number;
  page.width = grey.cols;
  page.height = grey.rows;
  page.dpi = dpi;
  double confidence_sum = 0;
  int word_count = 0;

  std::unique_ptr<tesseract::ResultIterator> it(api_->GetIterator());
  if (it) {
    do {
      if (it->IsAtBeginningOf(tesseract::RIL_PARA)) {
        page.blocks.emplace_back();
        page.blocks.back().box = BoundingBox(*it, tesseract::RIL_PARA);
      }
      if (page.blocks.empty()) page.blocks.emplace_back();
      OcrBlock& block = page.blocks.back();
      if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE) || block.lines.empty()) {
        block.lines.emplace_back();
        block.lines.back().box = BoundingBox(*it, tesseract::RIL_TEXTLINE);
      }
      OcrWord word;
      word.text = TakeText(it->GetUTF8Text(tesseract::RIL_WORD));
      if (word.text.empty()) continue;
      word.ocr_text = word.text;
      word.box = BoundingBox(*it, tesseract::RIL_WORD);
      word.confidence = it->Confidence(tesseract::RIL_WORD);
      confidence_sum += word.confidence;
      ++word_count;
      block.lines.back().words.push_back(std::move(word));
    } while (it->Next(tesseract::RIL_WORD));
  }
  // Drop lines and blocks that held only empty words.
  for (OcrBlock& block : page.blocks) {
    std::erase_if(block.lines, [](const OcrLine& l) { return l.words.empty(); });
  }
  std::erase_if(page.blocks, [](const OcrBlock& b) { return b.lines.empty(); });
  page.mean_word_confidence = word_count ? static_cast<float>(confidence_sum / word_count) : 0.f;
  api_->Clear();
  return page;
}

}  // namespace vanban::ocr
