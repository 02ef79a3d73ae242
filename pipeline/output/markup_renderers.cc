// hOCR 1.2 and ALTO v4: the corrected words on Tesseract's boxes, so a viewer or an archive
// system highlights the right place for a search hit on the *restored* text; what OCR read of a
// word the restorer changed stays beside it as an alternative.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "pipeline/output/renderers.h"
#include "pipeline/text/unicode.h"
#include "vanban/version.h"

namespace vanban::output {
namespace {

std::string HocrBox(const Box& b) {
  return "bbox " + std::to_string(b.x) + " " + std::to_string(b.y) + " " + std::to_string(b.right()) + " " +
         std::to_string(b.bottom());
}

std::string AltoBox(const Box& b) {
  return "HPOS=\"" + std::to_string(b.x) + "\" VPOS=\"" + std::to_string(b.y) + "\" WIDTH=\"" +
         std::to_string(b.width) + "\" HEIGHT=\"" + std::to_string(b.height) + "\"";
}

std::string Decimal(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", value);
  return buf;
}

// What OCR read of a word the restorer changed, kept beside the restored text so that a
// correction can be checked against the print; empty when the restorer left the word alone.
// Pen digits have none: what Tesseract made of the ink is noise, the hand-digit reader's digits
// are the reading. Nor does a text-layer page: its words are the PDF's, not corrections.
std::string OriginalReading(const OcrPage& page, const OcrWord& word) {
  if (page.text_layer || word.handwritten || word.ocr_text.empty()) return "";
  std::string reading = text::ToNfc(word.ocr_text);
  return reading == word.text ? "" : reading;
}

// hOCR's negative log probability of a reading Tesseract gave `confidence` (0..100); a reading
// it gave 0 is taken as 1 %, so the cost stays finite.
std::string Nlp(float confidence) {
  const double p = std::clamp(confidence / 100.0, 0.01, 1.0);
  return Decimal(std::log(1 / p));
}

// The hOCR spec's alternatives: the restored text first, as the reading to use, then what OCR
// read with the cost Tesseract gave it. The restored text has no cost: the restorer ranks its
// candidates but gives no probability, and an invented one would mislead.
std::string HocrWordContent(const OcrPage& page, const OcrWord& word) {
  const std::string reading = OriginalReading(page, word);
  if (reading.empty()) return XmlEscape(word.text);
  return "<span class=\"alternatives\"><ins class=\"alt\">" + XmlEscape(word.text) +
         "</ins><del class=\"alt\" title=\"nlp " + Nlp(word.confidence) + "\">" + XmlEscape(reading) +
         "</del></span>";
}

// The end of an ALTO String: the OCR reading of a restored word as its ALTERNATIVE.
std::string AltoStringEnd(const OcrPage& page, const OcrWord& word) {
  const std::string reading = OriginalReading(page, word);
  if (reading.empty()) return "/>";
  return "><ALTERNATIVE PURPOSE=\"ocr\">" + XmlEscape(reading) + "</ALTERNATIVE></String>";
}

}  // namespace

std::string XmlEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string RenderHocr(const Document& document) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
      "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
      "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"vi\" lang=\"vi\">\n<head>\n"
      "<title>" + XmlEscape(document.source) + "</title>\n"
      "<meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n"
      "<meta name=\"ocr-system\" content=\"vanban " + std::string(VANBAN_VERSION_STRING) + "\"/>\n"
      "<meta name=\"ocr-capabilities\" content=\"ocr_page ocr_carea ocr_par ocr_line ocrx_word ocrp_wconf ocrp_lang ocrp_nlp\"/>\n"
      "<meta name=\"ocr-number-of-pages\" content=\"" + std::to_string(document.pages.size()) + "\"/>\n"
      "</head>\n<body>\n";
  for (const OcrPage& page : document.pages) {
    const std::string p = std::to_string(page.number);
    const PageFrame frame = OutputFrame(page);
    const std::string& image = page.source_file.empty() ? document.source : page.source_file;
    out += "<div class=\"ocr_page\" id=\"page_" + p + "\" title=\"image &quot;" + XmlEscape(image) +
           "&quot;; " + HocrBox({0, 0, frame.width, frame.height}) + "; ppageno " + std::to_string(page.number - 1) +
           "; scan_res " + std::to_string(frame.dpi) + " " + std::to_string(frame.dpi) + "\">\n";
    for (size_t b = 0; b < page.blocks.size(); ++b) {
      const OcrBlock& block = page.blocks[b];
      const std::string id = p + "_" + std::to_string(b + 1);
      const std::string block_box = HocrBox(frame.ToInput(block.box));
      out += " <div class=\"ocr_carea\" id=\"block_" + id + "\" title=\"" + block_box + "\">\n";
      out += "  <p class=\"ocr_par\" id=\"par_" + id + "\" lang=\"vie\" title=\"" + block_box + "\">\n";
      for (size_t l = 0; l < block.lines.size(); ++l) {
        const OcrLine& line = block.lines[l];
        const std::string lid = id + "_" + std::to_string(l + 1);
        out += "   <span class=\"ocr_line\" id=\"line_" + lid + "\" title=\"" + HocrBox(frame.ToInput(line.box)) + "\">";
        for (size_t w = 0; w < line.words.size(); ++w) {
          const OcrWord& word = line.words[w];
          out += "<span class=\"ocrx_word\" id=\"word_" + lid + "_" + std::to_string(w + 1) + "\" title=\"" +
                 HocrBox(frame.ToInput(word.box)) + "; x_wconf " + std::to_string(static_cast<int>(word.confidence + 0.5f)) +
                 (word.handwritten ? "; x_source handwritten" : "") + "\">" + HocrWordContent(page, word) + "</span>";
          if (w + 1 < line.words.size()) out += ' ';
        }
        out += "</span>\n";
      }
      out += "  </p>\n </div>\n";
    }
    out += "</div>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

std::string RenderAlto(const Document& document) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v4#\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://www.loc.gov/standards/alto/ns-v4# "
      "http://www.loc.gov/alto/v4/alto-4-2.xsd\">\n"
      " <Description>\n  <MeasurementUnit>pixel</MeasurementUnit>\n"
      "  <sourceImageInformation><fileName>" + XmlEscape(document.source) + "</fileName></sourceImageInformation>\n"
      "  <OCRProcessing ID=\"OCR_0\"><ocrProcessingStep><processingSoftware>"
      "<softwareName>vanban</softwareName><softwareVersion>" + std::string(VANBAN_VERSION_STRING) +
      "</softwareVersion></processingSoftware></ocrProcessingStep></OCRProcessing>\n"
      " </Description>\n"
      // Pen digits read into a printed blank (OcrWord::handwritten) refer to this style.
      " <Styles><TextStyle ID=\"handwritten\" FONTFAMILY=\"handwritten\" FONTSIZE=\"12\"/></Styles>\n"
      " <Layout>\n";
  for (const OcrPage& page : document.pages) {
    const std::string p = std::to_string(page.number);
    const PageFrame frame = OutputFrame(page);
    out += "  <Page ID=\"page_" + p + "\" PHYSICAL_IMG_NR=\"" + p + "\" WIDTH=\"" + std::to_string(frame.width) +
           "\" HEIGHT=\"" + std::to_string(frame.height) + "\">\n";
    out += "   <PrintSpace " + AltoBox({0, 0, frame.width, frame.height}) + ">\n";
    for (size_t b = 0; b < page.blocks.size(); ++b) {
      const OcrBlock& block = page.blocks[b];
      const std::string id = p + "_" + std::to_string(b + 1);
      out += "    <TextBlock ID=\"block_" + id + "\" " + AltoBox(frame.ToInput(block.box)) + " LANG=\"vi\">\n";
      for (size_t l = 0; l < block.lines.size(); ++l) {
        const OcrLine& line = block.lines[l];
        const std::string lid = id + "_" + std::to_string(l + 1);
        out += "     <TextLine ID=\"line_" + lid + "\" " + AltoBox(frame.ToInput(line.box)) + ">";
        for (size_t w = 0; w < line.words.size(); ++w) {
          const OcrWord& word = line.words[w];
          if (w > 0) out += "<SP/>";
          out += "<String ID=\"string_" + lid + "_" + std::to_string(w + 1) + "\" " + AltoBox(frame.ToInput(word.box)) +
                 (word.handwritten ? " STYLEREFS=\"handwritten\"" : "") + " WC=\"" + Decimal(word.confidence / 100.0) +
                 "\" CONTENT=\"" + XmlEscape(word.text) + "\"" + AltoStringEnd(page, word);
        }
        out += "</TextLine>\n";
      }
      out += "    </TextBlock>\n";
    }
    out += "   </PrintSpace>\n  </Page>\n";
  }
  out += " </Layout>\n</alto>\n";
  return out;
}

}  // namespace vanban::output
