// The digital signatures of an input PDF, for the document JSON: who signed, when, and which
// bytes of the file each signature covers.
//
// Thread-safety: reads its own copy of the file; safe to call concurrently.
#ifndef VANBAN_PIPELINE_OUTPUT_PDF_SIGNATURES_H_
#define VANBAN_PIPELINE_OUTPUT_PDF_SIGNATURES_H_

#include <string>
#include <vector>

#include "vanban/document.h"

namespace vanban::output {

// Every signed /Sig field of the PDF at `path`, in field order; none for a file that is no PDF
// or that qpdf cannot read (the searchable PDF then says why). The signer is the common name of
// the certificate the signature names as its signer (OpenSSL reads the PKCS#7 / CMS value),
// else the signature dictionary's /Name.
std::vector<DigitalSignature> ReadSignatures(const std::string& path);

}  // namespace vanban::output

#endif  // VANBAN_PIPELINE_OUTPUT_PDF_SIGNATURES_H_
