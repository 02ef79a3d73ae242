// Recurring codes — a document repeats its codes (notations, the numbers of the documents it
// cites, "COVID-19"), and OCR reads most occurrences sure of itself. Where one occurrence is read
// unsure with a letter for a digit or a digit for a letter ("COVID-L9", "2l14/BGDĐT"), it takes
// the spelling the sure occurrences agree on. A code is never changed by the language model, so
// this is the one place its letters are mended.
//
// Thread-safety: a pure function of its input.
#ifndef VANBAN_PIPELINE_RESTORE_RECURRING_CODES_H_
#define VANBAN_PIPELINE_RESTORE_RECURRING_CODES_H_

#include <vector>

#include "vanban/document.h"

namespace vanban::restore {

// Mends the unsure code words of a document's pages (OcrWord::text; ocr_text keeps what OCR
// read) from their sure occurrences. Text-layer pages and handwritten words are left alone, but
// a text layer's codes count as sure occurrences.
void MendRecurringCodes(std::vector<OcrPage>* pages);

}  // namespace vanban::restore

#endif  // VANBAN_PIPELINE_RESTORE_RECURRING_CODES_H_
