// The Tesseract worker a survey tool (tests/ocr/*_survey_main.cc) reads pages with, set up as
// the engine sets up its own: decoder chatter off, Tesseract on the calling thread only.
#ifndef VANBAN_TESTS_OCR_SURVEY_WORKER_H_
#define VANBAN_TESTS_OCR_SURVEY_WORKER_H_

#include <cstdio>
#include <memory>

#include "pipeline/image/page_source.h"
#include "pipeline/ocr/tesseract_worker.h"

namespace vanban::testing {

// Null, after saying why on stderr, when the `vie` language data cannot be loaded.
inline std::unique_ptr<ocr::TesseractWorker> SurveyWorker() {
  image::QuietDecoderLogs();
  ocr::SetSingleThreadedOcr();
  auto worker = ocr::TesseractWorker::Create("", "vie");
  if (!worker.ok()) {
    std::fprintf(stderr, "%s\n", worker.status().message().c_str());
    return nullptr;
  }
  return std::move(worker).value();
}

}  // namespace vanban::testing

#endif  // VANBAN_TESTS_OCR_SURVEY_WORKER_H_
