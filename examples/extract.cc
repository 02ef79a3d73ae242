// Extracts the fields of a document's text with the C++ API and prints a few of them.
//   ./extract_cpp < dispatch.txt
#include <iostream>
#include <iterator>
#include <string>

#include <vanban/engine.h>

int main() {
  const std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  vanban::EngineOptions options;
  options.load_ocr = false;  // text only: no Tesseract needed
  auto engine = vanban::Engine::Open(options);
  if (!engine.ok()) {
    std::cerr << "vanban: " << engine.status().message() << "\n";
    return 3;
  }
  const vanban::Document doc = (*engine)->Extract(text);
  std::cout << "number: " << doc.fields.number.value_or("-") << "\n"
            << "date: " << doc.fields.date.value_or("-") << "\n"
            << "type: " << doc.fields.doc_type.value_or("-") << "\n";
  return 0;
}
