/* Restores diacritics with the C ABI: reads stdin, writes stdout.
 *   echo "Chi thi so 28-CT/TW cua Bo Chinh tri" | ./restore_c  →  Chỉ thị số 28-CT/TW của Bộ Chính trị */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vanban/vanban.h>

int main(void) {
  size_t size = 0, cap = 4096;
  char* text = malloc(cap);
  for (size_t n; text && (n = fread(text + size, 1, cap - size - 1, stdin)) > 0;) {
    size += n;
    if (size + 1 == cap) text = realloc(text, cap *= 2);
  }
  if (!text) return 1;
  text[size] = '\0';

  char* err = NULL;
  vanban_engine* engine = vanban_open(NULL, &err);
  if (!engine) {
    fprintf(stderr, "vanban: %s\n", err);
    vanban_free(err);
    free(text);
    return 3;
  }
  char* restored = vanban_restore(engine, text, "auto", &err);
  int rc = 0;
  if (restored) {
    fputs(restored, stdout);
    vanban_free(restored);
  } else {
    fprintf(stderr, "vanban: %s\n", err);
    vanban_free(err);
    rc = 2;
  }
  vanban_close(engine);
  free(text);
  return rc;
}
