#include "pipeline/output/pdf_signatures.h"

#include <openssl/pkcs7.h>
#include <openssl/x509.h>

#include <memory>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFAcroFormDocumentHelper.hh>

#include "pipeline/output/pdf_parts.h"
#include "pipeline/text/unicode.h"

namespace vanban::output {
namespace {

// The common name of the certificate that signed `der` (a PKCS#7 / CMS SignedData, as PDF
// signatures hold it, zero-padded to its reserved size); empty when there is none to read.
std::string SignerCommonName(const std::string& der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  std::unique_ptr<PKCS7, decltype(&PKCS7_free)> pkcs7(d2i_PKCS7(nullptr, &p, static_cast<long>(der.size())),
                                                       PKCS7_free);
  if (!pkcs7 || !PKCS7_type_is_signed(pkcs7.get())) return {};
  STACK_OF(X509)* signers = PKCS7_get0_signers(pkcs7.get(), nullptr, 0);
  if (signers == nullptr) return {};
  std::string name;
  if (sk_X509_num(signers) > 0) {
    X509_NAME* subject = X509_get_subject_name(sk_X509_value(signers, 0));
    const int index = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
    unsigned char* utf8 = nullptr;
    if (index >= 0) {
      const int length = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index)));
      if (length > 0) name.assign(reinterpret_cast<const char*>(utf8), static_cast<size_t>(length));
      OPENSSL_free(utf8);
    }
  }
  sk_X509_free(signers);
  return name;
}

DigitalSignature SignatureOf(QPDFFormFieldObjectHelper& field) {
  QPDFObjectHandle value = field.getValue();
  DigitalSignature signature;
  signature.field = text::ToNfc(field.getFullyQualifiedName());
  QPDFObjectHandle contents = value.getKey("/Contents");
  if (contents.isString()) signature.signer = text::ToNfc(SignerCommonName(contents.getStringValue()));
  QPDFObjectHandle name = value.getKey("/Name");
  if (signature.signer.empty() && name.isString()) signature.signer = text::ToNfc(name.getUTF8Value());
  QPDFObjectHandle time = value.getKey("/M");
  if (time.isString()) signature.time = IsoDateOfPdf(time.getUTF8Value());
  QPDFObjectHandle range = value.getKey("/ByteRange");
  if (range.isArray()) {
    for (QPDFObjectHandle item : range.aitems()) {
      if (item.isInteger()) signature.byte_range.push_back(item.getIntValue());
    }
  }
  return signature;
}

}  // namespace

std::vector<DigitalSignature> ReadSignatures(const std::string& path) {
  std::vector<DigitalSignature> signatures;
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.processFile(path.c_str());
    QPDFAcroFormDocumentHelper form(pdf);
    if (!form.hasAcroForm()) return signatures;
    for (QPDFFormFieldObjectHelper& field : form.getFormFields()) {
      if (field.getFieldType() == "/Sig" && field.getValue().isDictionary()) signatures.push_back(SignatureOf(field));
    }
  } catch (const std::exception&) {
    signatures.clear();  // unreadable: the PDF output reports it
  }
  return signatures;
}

void DropSignatureValues(QPDF& pdf) {
  QPDFAcroFormDocumentHelper form(pdf);
  if (!form.hasAcroForm()) return;
  bool dropped = false;
  for (QPDFFormFieldObjectHelper& field : form.getFormFields()) {
    if (field.getFieldType() != "/Sig" || !field.getValue().isDictionary()) continue;
    field.getObjectHandle().removeKey("/V");
    dropped = true;
  }
  if (!dropped) return;
  pdf.getRoot().removeKey("/Perms");
  pdf.getRoot().getKey("/AcroForm").removeKey("/SigFlags");
}

}  // namespace vanban::output
