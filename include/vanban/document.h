// vanban::Document and the OCR page model — the one data model that flows through the pipeline.
//
// OCR builds OcrPage values (blocks → lines → words with boxes and confidences); the restorer
// rewrites each word's `text` in place and keeps what OCR read in `ocr_text`; the extractor fills
// `Document::fields`; renderers (txt, JSON, hOCR, ALTO, PDF) only read a finished Document.
//
// Thread-safety: plain values with no internal synchronisation; share a const Document freely,
// mutate it from one thread at a time.
#ifndef VANBAN_DOCUMENT_H_
#define VANBAN_DOCUMENT_H_

#include <array>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vanban/export.h"

namespace vanban {

// A rectangle in page pixels, origin top-left.
struct Box {
  int x = 0, y = 0, width = 0, height = 0;
  int right() const { return x + width; }
  int bottom() const { return y + height; }
};

struct OcrWord {
  std::string text;      // current text (restored when the restorer ran), UTF-8 NFC
  std::string ocr_text;  // what OCR read, before any correction
  Box box;
  float confidence = 0;  // Tesseract word confidence, 0..100
  // Tesseract's other readings of this word, one letter changed, best first (may be empty), with
  // confidences on the scale of `confidence`: the restorer weighs them against its model.
  std::vector<std::pair<std::string, float>> alternatives;
  // What a short word that may be a number reads as when only digits are allowed, and that
  // reading's confidence: filled-in numbers and days ("4†" → "47"). Empty when not tried or when
  // no digit was read; never weighed by the restorer, since it is evidence only for fields the
  // extractor cross-checks.
  std::string digits;
  float digits_confidence = 0;
  // Pen digits a clerk wrote into a printed blank (the serial after "Số:", the day after "ngày"),
  // read by the hand-digit reader: `text` holds its digits, `ocr_text` what Tesseract made of
  // the ink, `confidence` the reader's (0..100), `alternatives` its next likeliest readings with
  // their probabilities (0..100).
  bool handwritten = false;
  // By how many nats the restorer found `text` likelier than its next likeliest reading of the
  // word, in context; infinity when it weighed no other reading (or did not run).
  float restore_margin = std::numeric_limits<float>::infinity();
};

// What one red text stamp of a page reads ("HỎA TỐC"), and where it is (in the page's frame).
struct RedStamp {
  std::string text;
  Box box;
};

struct OcrLine {
  std::vector<OcrWord> words;
  Box box;
};

// A block of text Tesseract (or our layout analysis) found: a header column, a paragraph, …
struct OcrBlock {
  std::vector<OcrLine> lines;
  Box box;
};

// The page as the input holds it (an image file's pixels, or a PDF page rasterised at `dpi` in
// the frame it is displayed in: its /Rotate applied, origin at the top left of its crop box), and
// the affine map from the frame OCR read the page in (rescaled, deskewed and turned upright by
// preprocessing; where every box of an OcrPage lies) to the input's pixels. hOCR, ALTO and the
// PDF text layer are written in the input's frame, so that their boxes sit on the original's
// print; everything else works in the page's own frame. Dewarping (curled pages only) is not
// part of the map: it shifts lines by a few pixels, which boxes in the input then keep.
struct PageFrame {
  int width = 0, height = 0;  // 0: unknown (a page that could not be loaded)
  int dpi = 0;
  // x_input = m[0] x + m[1] y + m[2], y_input = m[3] x + m[4] y + m[5]
  std::array<double, 6> to_input = {1, 0, 0, 0, 1, 0};

  // The input-frame bounding box of `box`'s corners, clipped to the input page.
  VANBAN_EXPORT Box ToInput(const Box& box) const;
};

struct OcrPage {
  int number = 1;  // 1-based page number within the document
  int width = 0, height = 0;  // of the frame OCR read the page in, where its boxes lie
  int dpi = 300;
  PageFrame input;  // where that frame lies on the input page
  // The file the page was read from, for a document read from several (Document::source_files);
  // empty otherwise.
  std::string source_file;
  std::vector<OcrBlock> blocks;
  float mean_word_confidence = 0;
  int restored_tokens = 0;  // words whose text the restorer changed
  bool text_layer = false;  // text taken from the PDF's own text layer, not OCR
  bool blank = false;       // no line of print on the page (a blank back page): not read, no words
  // Small-print stamps printed on the page but not part of its text (digital-signature and
  // gazette stamps: "Ký bởi: …", "Thời gian ký: …"), top to bottom, lines joined by '\n'.
  std::vector<std::string> stamps;
  // What the red text stamps of the page read, found by colour before the red ink was dropped
  // (urgency stamps "HỎA TỐC", "THƯỢNG KHẨN", "KHẨN"), top to bottom; not part of its text.
  std::vector<RedStamp> red_stamps;
  // Why the page could not be read (undecodable, too large, OCR timed out); empty when it was.
  // A page that failed has no blocks.
  std::string error;

  // The page as plain text: words joined by spaces, lines by '\n', blocks by a blank line.
  VANBAN_EXPORT std::string Text() const;
};

// A document cited in the body, e.g. "Quyết định số 1743/QĐ-BGTVT ngày 31/12/2024".
struct Reference {
  std::optional<std::string> doc_type;
  std::optional<std::string> number;
  std::optional<std::string> date;  // ISO YYYY-MM-DD
};

// The fields of Decree 30/2020/NĐ-CP's layout; absent values stay empty.
struct Fields {
  std::optional<std::string> issuer;
  std::optional<std::string> number;
  // "Số và ký hiệu" apart, as archive metadata keeps them: the serial ("574") and the notation
  // ("UBND-KTTH", "2026/TT-BGDĐT"). The printed notation is given even when a handwritten serial
  // could not be read.
  std::optional<std::string> number_serial;
  std::optional<std::string> number_notation;
  std::optional<std::string> doc_type;
  std::optional<std::string> place;
  std::optional<std::string> date;  // ISO YYYY-MM-DD
  std::optional<std::string> subject;
  std::vector<std::string> recipients;
  std::optional<std::string> signer_name;
  std::optional<std::string> signer_title;
  std::optional<std::string> signer_authority;
  std::vector<std::string> cc;
  std::optional<std::string> urgency;
  std::vector<Reference> references;
};

// The digital-signature box printed on a page ("Ký bởi: …", "Thời gian ký: …").
struct SignatureStamp {
  std::string signer;
  std::string time;  // ISO 8601 with offset when the stamp gives one
};

// A digital signature of the input PDF (the value of one of its /Sig fields). The searchable
// copy does not carry it: rewriting the file breaks every signature, so the input stays the
// signed record.
struct DigitalSignature {
  std::string field;   // the signature field's fully qualified name ("Signature1")
  std::string signer;  // the signing certificate's common name, else the signature's /Name
  std::string time;    // ISO 8601 from the signature's /M; empty when it has none
  std::vector<long long> byte_range;  // the signed bytes of the input: offset, length pairs
};

// Where a field's value (or one entry of a list field) was read on the page.
struct FieldSource {
  int page = 0;            // 1-based; 0 when not known
  std::vector<Box> boxes;  // of the source words, in the input's pixels (hOCR/ALTO's frame)
  std::string ocr_text;    // the source words as OCR read them
  std::string text;        // the same words as restored
  // The lowest Tesseract confidence of the source words, 0..1; 1 for text without word boxes
  // (a PDF's text layer, `vanban extract`).
  double word_confidence = 1;
  // How sure the restorer was of the least sure source word, 0..1: 1 / (1 + e^−margin) of its
  // OcrWord::restore_margin, the odds of its reading against the next likeliest; 1 where it
  // weighed no other reading.
  double restore_confidence = 1;
};

// Why a field is for review (ReviewItem::reason).
namespace review_reason {
inline constexpr char kHandwritten[] = "handwritten";           // pen digits in a blank
inline constexpr char kLowOcrConfidence[] = "low_ocr_confidence";  // OCR was unsure of the words
inline constexpr char kConflictWithStamp[] = "conflict_with_stamp";  // the signature's date disagrees
inline constexpr char kConflictWithIssuer[] = "conflict_with_issuer";  // the symbol names no part of it
inline constexpr char kConflictWithNumber[] = "conflict_with_number";  // the type title vs the symbol
inline constexpr char kRepaired[] = "repaired";      // completed or corrected from the dictionaries
inline constexpr char kUncertain[] = "uncertain";    // the reading itself is doubtful
inline constexpr char kNotFound[] = "not_found";     // no value: nothing readable where it belongs
inline constexpr char kPageFailed[] = "page_failed";  // a page could not be read (field "text")
}  // namespace review_reason

// A field a person should check, with what is needed to check it.
struct ReviewItem {
  std::string field;   // a key of the document JSON's "fields", or "text" for a failed page
  std::string reason;  // one of review_reason
  int page = 0;        // 1-based; 0 when not known
  std::optional<Box> box;  // in the input's pixels: the union of the field's source boxes
  // The value given: one string for a field of one value, the entries of a list field; empty
  // when the field is null (a partial reading may still be in `candidates`).
  std::vector<std::string> value;
  std::vector<std::string> candidates;  // other readings, best first
};

struct Document {
  std::string source;  // the input path as given (relative to the batch root in batch mode)
  // A document read from several files (a page a file: Engine::ProcessFiles, vanban ocr
  // --join-pages): each file in page order, the first being `source`; empty for one file.
  std::vector<std::string> source_files;
  std::vector<OcrPage> pages;
  std::string text;  // corrected text, pages joined by '\f'
  Fields fields;
  std::map<std::string, double> confidence;  // per field, 0..1
  std::vector<ReviewItem> review;            // fields a person should check
  // Where each field was read: one FieldSource for a field of one value, one per entry for a
  // list field (recipients, cc). Fields read from nowhere (null, or inferred) have none.
  std::map<std::string, std::vector<FieldSource>> provenance;
  std::optional<SignatureStamp> signature_stamp;
  std::vector<DigitalSignature> signatures;  // of the input PDF, in field order

  // Whether `field` has a review item.
  VANBAN_EXPORT bool InReview(std::string_view field) const;
};

// The document JSON of SPEC.md ("source", "pages", "text", "fields", "confidence", "review",
// "provenance", "signature_stamp", "signatures", "page_results"; "source_files" for a document
// read from several files), pretty-printed with two-space
// indent; schema/document.schema.json describes it.
VANBAN_EXPORT std::string ToJson(const Document& document);

}  // namespace vanban

#endif  // VANBAN_DOCUMENT_H_
