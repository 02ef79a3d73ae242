/* ocr_alto SCAN: recognises a scan read into memory and prints its ALTO XML, reporting progress
 * on stderr; the C ABI's buffer, progress and render calls. */
#include <stdio.h>
#include <stdlib.h>

#include <vanban/vanban.h>

static int show(void* user_data, int done, int pages) {
  (void)user_data;
  fprintf(stderr, "page %d of %d read\n", done, pages);
  return 1; /* 0 would stop */
}

/* The bytes of `path` in a malloc'd buffer, or NULL. */
static char* read_all(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  if (!f) return NULL;
  char* bytes = NULL;
  size_t capacity = 0;
  *size = 0;
  for (;;) {
    if (*size == capacity) {
      capacity = capacity ? 2 * capacity : 1 << 20;
      char* grown = realloc(bytes, capacity);
      if (!grown) break;
      bytes = grown;
    }
    size_t n = fread(bytes + *size, 1, capacity - *size, f);
    if (n == 0) break;
    *size += n;
  }
  fclose(f);
  return bytes;
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: ocr_alto SCAN > scan.xml\n");
    return 1;
  }
  size_t size = 0;
  char* bytes = read_all(argv[1], &size);
  if (!bytes) {
    perror(argv[1]);
    return 1;
  }
  char* err = NULL;
  vanban_engine* engine = vanban_open(NULL, &err);
  if (!engine) {
    fprintf(stderr, "%s\n", err);
    vanban_free(err);
    free(bytes);
    return 3;
  }
  vanban_document* doc = NULL;
  char* alto = NULL;
  size_t alto_size = 0;
  int code = vanban_ocr_buffer(engine, bytes, size, "{\"name\": \"from memory\"}", show, NULL, &doc, &err);
  if (code == VANBAN_OK) code = vanban_render(engine, doc, "alto", &alto, &alto_size, &err);
  if (code == VANBAN_OK) {
    fwrite(alto, 1, alto_size, stdout);
  } else {
    fprintf(stderr, "vanban code %d: %s\n", code, err);
  }
  vanban_free(alto);
  vanban_free(err);
  vanban_document_free(doc);
  vanban_close(engine);
  free(bytes);
  return code == VANBAN_OK ? 0 : 2;
}
