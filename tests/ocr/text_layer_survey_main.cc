// text_layer_survey PDF… — how far each PDF page's own text layer agrees with what OCR reads
// there, the figure ocr::kMinTextLayerAgreement is chosen from: one line per page with the
// layer's word count, the OCR words, those agreeing, their share, the layer words no OCR word
// overlaps, and whether the page would be trusted. Pages are read as the engine reads them.
//
// usage: text_layer_survey PDF…
#include <cstdio>
#include <string>

#include "pipeline/image/page_source.h"
#include "pipeline/image/preprocess.h"
#include "pipeline/ocr/tesseract_worker.h"
#include "tests/ocr/survey_worker.h"
#include "pipeline/ocr/text_layer.h"

int main(int argc, char** argv) {
  using namespace vanban;
  const std::unique_ptr<ocr::TesseractWorker> worker = testing::SurveyWorker();
  if (!worker) return 1;
  std::printf("file\tpage\tlayer\tocr\tagree\tshare\tuncovered\ttrusted\n");
  for (int i = 1; i < argc; ++i) {
    auto source = image::PageSource::Open(argv[i], {});
    if (!source.ok()) {
      std::fprintf(stderr, "%s: %s\n", argv[i], source.status().message().c_str());
      continue;
    }
    for (int index = 0; index < (*source)->page_count(); ++index) {
      auto page = (*source)->LoadPage(index);
      if (!page.ok()) {
        std::fprintf(stderr, "%s: %s\n", argv[i], page.status().message().c_str());
        continue;
      }
      const image::PageImage clean = image::Preprocess(page.value());
      ocr::RecognizeOptions recognize;
      recognize.stamp_pixels = clean.with_colour_ink;
      auto read = worker->RecognizePage(clean.pixels, clean.dpi, index + 1, recognize);
      if (!read.ok()) {
        std::fprintf(stderr, "%s: %s\n", argv[i], read.status().message().c_str());
        continue;
      }
      const ocr::TextLayerAgreement agreement = ocr::MeasureTextLayer(
          ocr::LayerInPageFrame(page->text_layer, page->pixels.size(), clean.pixels.size(), read->rotation),
          read->page);
      std::printf("%s\t%d\t%zu\t%d\t%d\t%.3f\t%d\t%s\n", argv[i], index + 1, page->text_layer.size(), agreement.words,
                  agreement.agreeing, agreement.share(), agreement.uncovered, agreement.trusted() ? "yes" : "no");
      std::fflush(stdout);
    }
  }
  return 0;
}
