// PDF/A-2b metadata of the searchable PDF: the document information dictionary, the XMP stream
// that must agree with it (ISO 19005-2, 6.6.2.3), the pdfaid identification and an sRGB output
// intent (the ICC profile of Debian's icc-profiles-free, compiled in).
#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

#include "pipeline/output/pdf_parts.h"
#include "pipeline/output/renderers.h"
#include "vanban/version.h"

extern const unsigned char kVanbanSrgbIcc[];
extern const unsigned long kVanbanSrgbIccSize;

namespace vanban::output {

// Missing trailing parts take their defaults (PDF 32000-1, 7.9.4).
std::string IsoDateOfPdf(std::string_view pdf) {
  if (pdf.substr(0, 2) == "D:") pdf.remove_prefix(2);
  size_t digits = 0;
  while (digits < pdf.size() && digits < 14 && std::isdigit(static_cast<unsigned char>(pdf[digits]))) ++digits;
  if (digits < 4 || digits % 2 != 0) return {};
  const std::string d = std::string(pdf.substr(0, digits)) + std::string("0101000000").substr(digits - 4);
  std::string out = d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2) + "T" + d.substr(8, 2) + ":" +
                    d.substr(10, 2) + ":" + d.substr(12, 2);
  std::string_view zone = pdf.substr(digits);
  if (zone.empty()) return out;
  if (zone[0] == 'Z') return out + "Z";
  if ((zone[0] != '+' && zone[0] != '-') || zone.size() < 3) return out;
  std::string minutes = "00";
  if (zone.size() >= 6 && zone[3] == '\'') minutes = std::string(zone.substr(4, 2));
  return out + std::string(zone.substr(0, 3)) + ":" + minutes;
}

namespace {

// The information dictionary's entries that PDF/A wants mirrored in XMP, and their XMP form.
struct Mirrored {
  const char* key;
  std::string (*xmp)(const std::string& value);
};

std::string Tag(const std::string& name, const std::string& inner) { return "<" + name + ">" + inner + "</" + name + ">"; }
std::string Alt(const std::string& v) { return Tag("rdf:Alt", "<rdf:li xml:lang=\"x-default\">" + XmlEscape(v) + "</rdf:li>"); }
std::string Seq(const std::string& v) { return Tag("rdf:Seq", Tag("rdf:li", XmlEscape(v))); }

const std::vector<Mirrored>& MirroredKeys() {
  static const std::vector<Mirrored> keys = {
      {"/Title", [](const std::string& v) { return Tag("dc:title", Alt(v)); }},
      {"/Author", [](const std::string& v) { return Tag("dc:creator", Seq(v)); }},
      {"/Subject", [](const std::string& v) { return Tag("dc:description", Alt(v)); }},
      {"/Keywords", [](const std::string& v) { return Tag("pdf:Keywords", XmlEscape(v)); }},
      {"/Creator", [](const std::string& v) { return Tag("xmp:CreatorTool", XmlEscape(v)); }},
      {"/Producer", [](const std::string& v) { return Tag("pdf:Producer", XmlEscape(v)); }},
      {"/CreationDate", [](const std::string& v) { return Tag("xmp:CreateDate", IsoDateOfPdf(v)); }},
      {"/ModDate", [](const std::string& v) { return Tag("xmp:ModifyDate", IsoDateOfPdf(v)); }},
  };
  return keys;
}

QPDFObjectHandle InfoDictionary(QPDF& pdf) {
  QPDFObjectHandle trailer = pdf.getTrailer();
  QPDFObjectHandle info = trailer.getKey("/Info");
  if (!info.isDictionary()) {
    info = pdf.makeIndirectObject(QPDFObjectHandle::newDictionary());
    trailer.replaceKey("/Info", info);
  }
  return info;
}

// The XMP packet that says what the information dictionary says, plus the PDF/A identification
// and the document's date and language in Dublin Core.
std::string Xmp(QPDFObjectHandle info, const PdfMetadata& metadata, bool claim_pdfa) {
  std::string properties;
  for (const Mirrored& m : MirroredKeys()) {
    QPDFObjectHandle value = info.getKey(m.key);
    if (value.isString()) properties += "   " + m.xmp(value.getUTF8Value()) + "\n";
  }
  if (!metadata.date.empty()) properties += "   " + Tag("dc:date", Seq(metadata.date)) + "\n";
  properties += "   " + Tag("dc:language", Tag("rdf:Bag", Tag("rdf:li", XmlEscape(metadata.language)))) + "\n";
  return "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
         "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
         " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
         "  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\""
         " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\""
         " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n" +
         std::string(claim_pdfa ? "   <pdfaid:part>2</pdfaid:part>\n   <pdfaid:conformance>B</pdfaid:conformance>\n" : "") +
         "   <dc:format>application/pdf</dc:format>\n" +
         properties +
         "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n"
         "<?xpacket end=\"w\"?>";
}

void AddOutputIntent(QPDF& pdf) {
  QPDFObjectHandle root = pdf.getRoot();
  QPDFObjectHandle profile = QPDFObjectHandle::newStream(
      &pdf, std::string(reinterpret_cast<const char*>(kVanbanSrgbIcc), kVanbanSrgbIccSize));
  profile.getDict().replaceKey("/N", QPDFObjectHandle::newInteger(3));
  QPDFObjectHandle intent = QPDFObjectHandle::parse(
      "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) "
      "/Info (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) >>");
  intent.replaceKey("/DestOutputProfile", profile);
  // PDF/A allows one destination profile in all output intents: the input's are replaced.
  root.replaceKey("/OutputIntents", QPDFObjectHandle::newArray({pdf.makeIndirectObject(intent)}));
}

bool Embedded(QPDFObjectHandle font) {
  const std::string subtype = font.getKey("/Subtype").isName() ? font.getKey("/Subtype").getName() : "";
  if (subtype == "/Type3") return true;  // its glyphs are content streams of the file
  if (subtype == "/Type0") {
    QPDFObjectHandle descendants = font.getKey("/DescendantFonts");
    return descendants.isArray() && descendants.getArrayNItems() > 0 && Embedded(descendants.getArrayItem(0));
  }
  QPDFObjectHandle descriptor = font.getKey("/FontDescriptor");
  return descriptor.isDictionary() &&
         (descriptor.hasKey("/FontFile") || descriptor.hasKey("/FontFile2") || descriptor.hasKey("/FontFile3"));
}

// The fonts of a resource dictionary and of the form XObjects it names, each object once.
class FontWalk {
 public:
  void Resources(QPDFObjectHandle resources) {
    if (!resources.isDictionary() || !Visit(resources)) return;
    QPDFObjectHandle fonts = resources.getKey("/Font");
    if (fonts.isDictionary()) {
      for (auto [name, font] : fonts.ditems()) {
        if (!font.isDictionary() || !Visit(font) || Embedded(font)) continue;
        const std::string base = font.getKey("/BaseFont").isName() ? font.getKey("/BaseFont").getName().substr(1) : name;
        if (std::find(missing_.begin(), missing_.end(), base) == missing_.end()) missing_.push_back(base);
      }
    }
    QPDFObjectHandle xobjects = resources.getKey("/XObject");
    if (!xobjects.isDictionary()) return;
    for (auto [name, xobject] : xobjects.ditems()) Form(xobject);
  }
  // A form XObject or appearance stream.
  void Form(QPDFObjectHandle form) {
    if (form.isStream() && form.getDict().getKey("/Subtype").isNameAndEquals("/Form")) {
      Resources(form.getDict().getKey("/Resources"));
    }
  }
  const std::vector<std::string>& missing() const { return missing_; }

 private:
  bool Visit(QPDFObjectHandle object) {
    return !object.isIndirect() || seen_.insert(object.getObjGen().unparse(' ')).second;
  }
  std::set<std::string> seen_;
  std::vector<std::string> missing_;
};

}  // namespace

std::vector<std::string> UnembeddedFonts(QPDF& pdf) {
  FontWalk walk;
  for (QPDFObjectHandle page : pdf.getAllPages()) {
    walk.Resources(page.getKey("/Resources"));
    QPDFObjectHandle annotations = page.getKey("/Annots");
    if (!annotations.isArray()) continue;
    for (QPDFObjectHandle annotation : annotations.aitems()) {
      QPDFObjectHandle normal = annotation.isDictionary() ? annotation.getKey("/AP").getKey("/N") : QPDFObjectHandle();
      if (normal.isStream()) walk.Form(normal);
      if (!normal.isDictionary()) continue;
      for (auto [state, appearance] : normal.ditems()) walk.Form(appearance);
    }
  }
  return walk.missing();
}

PdfMetadata MetadataOf(const Document& document) {
  PdfMetadata metadata;
  metadata.title = document.fields.subject.value_or("");
  metadata.creator = document.fields.issuer.value_or("");
  metadata.date = document.fields.date.value_or("");
  return metadata;
}

void AddArchivalMetadata(QPDF& pdf, const PdfMetadata& metadata, bool pdfa, bool claim_pdfa) {
  QPDFObjectHandle info = InfoDictionary(pdf);
  if (!metadata.title.empty()) info.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(metadata.title));
  if (!metadata.creator.empty()) info.replaceKey("/Author", QPDFObjectHandle::newUnicodeString(metadata.creator));
  const std::string vanban = std::string("vanban ") + VANBAN_VERSION_STRING;
  info.replaceKey("/Producer", QPDFObjectHandle::newUnicodeString(vanban));
  QPDFObjectHandle root = pdf.getRoot();
  if (!root.getKey("/Lang").isString()) root.replaceKey("/Lang", QPDFObjectHandle::newUnicodeString(metadata.language));
  if (!pdfa) return;
  // Entries XMP cannot mirror go: dates that do not parse, and /Trapped (pdf:Trapped would need
  // its own checks).
  for (const char* date : {"/CreationDate", "/ModDate"}) {
    QPDFObjectHandle value = info.getKey(date);
    if (value.isString() && IsoDateOfPdf(value.getUTF8Value()).empty()) info.removeKey(date);
  }
  info.removeKey("/Trapped");
  for (const Mirrored& m : MirroredKeys()) {
    if (info.hasKey(m.key) && !info.getKey(m.key).isString()) info.removeKey(m.key);
  }
  // Uncompressed, as PDF/A readers expect to find the packet (qpdf never compresses /Metadata).
  QPDFObjectHandle xmp = QPDFObjectHandle::newStream(&pdf, Xmp(info, metadata, claim_pdfa));
  xmp.getDict().replaceKey("/Type", QPDFObjectHandle::newName("/Metadata"));
  xmp.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/XML"));
  root.replaceKey("/Metadata", xmp);
  AddOutputIntent(pdf);
}

}  // namespace vanban::output
