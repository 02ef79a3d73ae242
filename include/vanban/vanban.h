/* vanban C ABI — the whole pipeline for callers in C, Python (ctypes/cffi), Java (JNA), .NET.
 *
 * Every string in and out is UTF-8. Strings returned by vanban are owned by the caller and are
 * released with vanban_free. On failure a call returns NULL and, when err is not NULL, stores a
 * message in *err (also released with vanban_free).
 *
 * Thread-safety: one engine may be used from several threads at once.
 *
 *   char* err = NULL;
 *   vanban_engine* e = vanban_open(NULL, &err);
 *   if (!e) { fprintf(stderr, "%s\n", err); vanban_free(err); return 3; }
 *   char* text = vanban_restore(e, "Chi thi so 28-CT/TW", "auto", &err);
 *   puts(text);  // Chỉ thị số 28-CT/TW
 *   vanban_free(text);
 *   vanban_close(e);
 */
#ifndef VANBAN_VANBAN_H_
#define VANBAN_VANBAN_H_

#include "vanban/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct vanban_engine vanban_engine;

/* data_dir: folder with the models; NULL = the installed default. */
VANBAN_EXPORT vanban_engine* vanban_open(const char* data_dir, char** err);
VANBAN_EXPORT void vanban_close(vanban_engine* engine);
/* mode: "auto", "stripped" or "ocr". Returns the restored text. */
VANBAN_EXPORT char* vanban_restore(vanban_engine* engine, const char* text, const char* mode, char** err);
/* Returns the document JSON for the text of one document. */
VANBAN_EXPORT char* vanban_extract(vanban_engine* engine, const char* text, char** err);
/* Runs the whole pipeline on one image or PDF file; returns the document JSON. */
VANBAN_EXPORT char* vanban_process_file(vanban_engine* engine, const char* path, char** err);
VANBAN_EXPORT void vanban_free(void* p);

#ifdef __cplusplus
}
#endif

#endif /* VANBAN_VANBAN_H_ */
