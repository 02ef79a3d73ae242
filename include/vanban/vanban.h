/* vanban C ABI — the whole pipeline for callers in C, Python (ctypes/cffi), Java (JNA), .NET.
 *
 * Every string in and out is UTF-8. Strings and buffers returned by vanban are owned by the
 * caller and are released with vanban_free. On failure a call returns NULL (or, for the calls
 * returning int, a nonzero VANBAN_* code) and, when err is not NULL, stores a message in *err
 * (also released with vanban_free). No C++ exception ever leaves a call.
 *
 * Thread-safety: one engine may be used from several threads at once, and N threads reading N
 * documents recognise them in parallel. A vanban_document is read-only once made: rendering it
 * from several threads is safe; free it once.
 *
 * Stability: functions are only ever added; a struct's layout is never exposed; options travel
 * as a JSON object, so a new option is a new key. New error codes may be added: treat an
 * unknown nonzero code as a failure.
 *
 * Restore and extract text:
 *
 *   char* err = NULL;
 *   vanban_engine* e = vanban_open(NULL, &err);
 *   if (!e) { fprintf(stderr, "%s\n", err); vanban_free(err); return 3; }
 *   char* text = vanban_restore(e, "Chi thi so 28-CT/TW", "auto", &err);
 *   puts(text);  // Chỉ thị số 28-CT/TW
 *   vanban_free(text);
 *
 * Recognise a scan held in memory, with progress, and write its ALTO and searchable PDF:
 *
 *   static int show(void* user, int done, int pages) { fprintf(stderr, "%d/%d\r", done, pages); return 1; }
 *   vanban_document* doc = NULL;
 *   int code = vanban_ocr_buffer(e, bytes, size, "{\"first_page\": 1, \"last_page\": 3}", show, NULL, &doc, &err);
 *   if (code != VANBAN_OK) { fprintf(stderr, "%d: %s\n", code, err); vanban_free(err); }
 *   char* alto = NULL; size_t alto_size = 0;
 *   if (code == VANBAN_OK && vanban_render(e, doc, "alto", &alto, &alto_size, &err) == VANBAN_OK) {
 *     fwrite(alto, 1, alto_size, stdout);
 *     vanban_free(alto);
 *   }
 *   vanban_document_free(doc);
 *   vanban_close(e);
 */
#ifndef VANBAN_VANBAN_H_
#define VANBAN_VANBAN_H_

#include <stddef.h>

#include "vanban/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What failed; 0 is success. */
enum vanban_code {
  VANBAN_OK = 0,
  VANBAN_INVALID_ARGUMENT = 1, /* a NULL, an unknown format or option, a bad value */
  VANBAN_NOT_FOUND = 2,        /* the input file does not exist */
  VANBAN_CORRUPT_INPUT = 3,    /* the input is no readable image or PDF */
  VANBAN_IO_ERROR = 4,         /* reading or writing failed at the OS level */
  VANBAN_MISSING_DATA = 5,     /* a model or Tesseract's language data is missing */
  VANBAN_TOO_LARGE = 6,        /* the input exceeds a limit (max_megapixels) */
  VANBAN_INTERNAL = 7,         /* a bug or an unexpected library failure */
  VANBAN_CANCELLED = 8,        /* the progress callback returned 0 */
  VANBAN_NO_SPACE = 9,         /* the disk is full (inputs in memory pass through a temporary file) */
  VANBAN_OUT_OF_MEMORY = 10
};

typedef struct vanban_engine vanban_engine;
/* A recognised document: its fields, text and word boxes, ready to render. */
typedef struct vanban_document vanban_document;

/* Called after each page is read with the pages read so far and the pages to read. Return 0 to
 * stop: the pages in flight stop at their next word and the call returns VANBAN_CANCELLED.
 * Called from vanban's threads, one call at a time. */
typedef int (*vanban_progress_fn)(void* user_data, int pages_done, int page_count);

/* "MAJOR.MINOR.PATCH" of the library; static, not freed. */
VANBAN_EXPORT const char* vanban_version(void);

/* data_dir: folder with the models; NULL = the installed default. */
VANBAN_EXPORT vanban_engine* vanban_open(const char* data_dir, char** err);
VANBAN_EXPORT void vanban_close(vanban_engine* engine);
/* mode: "auto", "stripped" or "ocr". Returns the restored text. */
VANBAN_EXPORT char* vanban_restore(vanban_engine* engine, const char* text, const char* mode, char** err);
/* Returns the document JSON for the text of one document. */
VANBAN_EXPORT char* vanban_extract(vanban_engine* engine, const char* text, char** err);
/* Runs the whole pipeline on one image or PDF file; returns the document JSON. */
VANBAN_EXPORT char* vanban_process_file(vanban_engine* engine, const char* path, char** err);

/* Recognises one image or PDF, from a file or from memory, into *out (free it with
 * vanban_document_free). options_json: NULL or a JSON object with any of
 *   "restore": bool          correct the OCR text (default true)
 *   "dpi": int               resolution of images that record none (default 300)
 *   "first_page", "last_page": int   1-based, inclusive; last_page 0 = to the end
 *   "text_layer": bool       take born-digital PDF pages' own text (default true)
 *   "max_megapixels": number larger pages are left empty, in review (default 100)
 *   "page_timeout": int      seconds a page may take, 0 = none (default 600)
 *   "name": string           what the document JSON's "source" says (default: the path, or "-")
 *   "later_pages": [string]  files holding the pages after the file's own, in order: a document
 *                            scanned a file a page (vanban_ocr_file only; "source_files" lists all)
 * An unknown key is refused (VANBAN_INVALID_ARGUMENT). progress may be NULL. */
VANBAN_EXPORT int vanban_ocr_file(vanban_engine* engine, const char* path, const char* options_json,
                                  vanban_progress_fn progress, void* user_data, vanban_document** out, char** err);
VANBAN_EXPORT int vanban_ocr_buffer(vanban_engine* engine, const void* data, size_t size, const char* options_json,
                                    vanban_progress_fn progress, void* user_data, vanban_document** out, char** err);
/* Renders a document as "txt", "json", "hocr", "alto" or "pdf" (searchable, PDF/A-2b) into a
 * malloc'd buffer *out of *size bytes (followed by a NUL byte not counted, for text formats). */
VANBAN_EXPORT int vanban_render(vanban_engine* engine, const vanban_document* document, const char* format, char** out,
                                size_t* size, char** err);
VANBAN_EXPORT void vanban_document_free(vanban_document* document);

VANBAN_EXPORT void vanban_free(void* p);

#ifdef __cplusplus
}
#endif

#endif /* VANBAN_VANBAN_H_ */
