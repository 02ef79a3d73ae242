"""vanban: scanned Vietnamese administrative documents in, correct text and fields out.

A ctypes binding of libvanban's C ABI (vanban.h); Debian's python3 only, nothing else to install.

    import vanban

    engine = vanban.Engine()                        # loads the models once; share it
    doc = engine.ocr("299_UB.pdf")                   # the document JSON of SPEC.md, as a dict
    doc["fields"]["number"]                          # '299/UBND-KTTH'

    with open("scan.pdf", "rb") as f:                # a scan in memory, pages 1-2, two formats
        out = engine.render(f.read(), ["alto", "pdf"], last_page=2)
    out["alto"]                                      # bytes of the ALTO XML

    engine.restore("Chi thi so 28-CT/TW cua Bo Chinh tri")   # 'Chỉ thị số 28-CT/TW của Bộ Chính trị'
    engine.extract(text)["fields"]["date"]                   # '2025-01-15'

Options of ocr() and render(): restore (bool), dpi (int), first_page, last_page (int, 1-based),
text_layer (bool), max_megapixels (float), page_timeout (seconds), name (what "source" says),
progress (a callable(pages_done, page_count); returning False stops and raises Cancelled).

Threads: one Engine may be used by many threads. vanban's calls release the GIL while they run,
so two threads recognise two documents at once. Failures raise vanban.Error (code, message).
"""

import ctypes
import ctypes.util
import json
import os

try:
    from vanban._library import LIBRARY as _BUILT_LIBRARY
except ImportError:  # a copy of this file without the generated path
    _BUILT_LIBRARY = None

__all__ = ["Engine", "Error", "Cancelled", "version"]

# The codes of vanban.h's enum vanban_code.
OK, INVALID_ARGUMENT, NOT_FOUND, CORRUPT_INPUT, IO_ERROR, MISSING_DATA, TOO_LARGE, INTERNAL, CANCELLED, \
    NO_SPACE, OUT_OF_MEMORY = range(11)


class Error(Exception):
    """A vanban call failed: .code is one of the codes above, .message says what and where."""

    def __init__(self, code, message):
        super().__init__(f"{message} (vanban code {code})")
        self.code = code
        self.message = message


class Cancelled(Error):
    """The progress callback returned False."""


def _load():
    candidates = [os.environ.get("VANBAN_LIBRARY"), _BUILT_LIBRARY, ctypes.util.find_library("vanban")]
    tried = []
    for path in candidates:
        if not path:
            continue
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            tried.append(f"{path}: {e}")
    raise ImportError("vanban: libvanban.so not found (set VANBAN_LIBRARY); tried " + "; ".join(tried))


_lib = _load()
_PROGRESS = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_int)
_err = ctypes.POINTER(ctypes.c_void_p)


def _declare(name, restype, *argtypes):
    function = getattr(_lib, name)
    function.restype = restype
    function.argtypes = list(argtypes)
    return function


_version = _declare("vanban_version", ctypes.c_char_p)
_open = _declare("vanban_open", ctypes.c_void_p, ctypes.c_char_p, _err)
_close = _declare("vanban_close", None, ctypes.c_void_p)
_restore = _declare("vanban_restore", ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, _err)
_extract = _declare("vanban_extract", ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p, _err)
_ocr_file = _declare("vanban_ocr_file", ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, _PROGRESS,
                     ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p), _err)
_ocr_buffer = _declare("vanban_ocr_buffer", ctypes.c_int, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                       ctypes.c_char_p, _PROGRESS, ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p), _err)
_render = _declare("vanban_render", ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p,
                   ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t), _err)
_document_free = _declare("vanban_document_free", None, ctypes.c_void_p)
_free = _declare("vanban_free", None, ctypes.c_void_p)


def version():
    """The library's version, "MAJOR.MINOR.PATCH"."""
    return _version().decode()


def _taken(pointer, size=None):
    """The bytes vanban returned at `pointer`, which is then freed."""
    try:
        return ctypes.string_at(pointer, size) if size is not None else ctypes.string_at(pointer)
    finally:
        _free(pointer)


def _raise(code, err):
    message = _taken(err.value).decode("utf-8", "replace") if err.value else "unknown error"
    raise (Cancelled if code == CANCELLED else Error)(code, message)


class Engine:
    """The models of vanban, loaded once (data_dir: where they are; None: the installed ones)."""

    def __init__(self, data_dir=None):
        err = ctypes.c_void_p()
        self._engine = _open(os.fsencode(data_dir) if data_dir is not None else None, ctypes.byref(err))
        if not self._engine:
            _raise(MISSING_DATA, err)

    def close(self):
        """Releases the models; the engine cannot be used after."""
        # At interpreter exit __del__ may run after this module's globals are gone.
        if getattr(self, "_engine", None) and _close is not None:
            _close(self._engine)
            self._engine = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()

    def restore(self, text, mode="auto"):
        """`text` with its diacritics restored and OCR errors corrected; mode: auto, stripped, ocr."""
        err = ctypes.c_void_p()
        out = _restore(self._engine, text.encode(), mode.encode(), ctypes.byref(err))
        if not out:
            _raise(INVALID_ARGUMENT, err)
        return _taken(out).decode()

    def extract(self, text):
        """The document JSON (a dict) of the fields of one document's text."""
        err = ctypes.c_void_p()
        out = _extract(self._engine, text.encode(), ctypes.byref(err))
        if not out:
            _raise(INVALID_ARGUMENT, err)
        return json.loads(_taken(out))

    def ocr(self, source, progress=None, **options):
        """Recognises an image or PDF (a path, or its bytes) into the document JSON, as a dict.
        Options are the C ABI's (vanban.h): restore, dpi, first_page, last_page, text_layer,
        max_megapixels, page_timeout, name, and later_pages (the files of a document scanned a
        file a page, after `source`)."""
        document = self._recognise(source, progress, options)
        try:
            return json.loads(self._render(document, "json"))
        finally:
            _document_free(document)

    def render(self, source, formats, progress=None, **options):
        """Recognises `source` once and renders it in each of `formats` (txt, json, hocr, alto,
        pdf): {format: bytes}."""
        if isinstance(formats, str):
            formats = [formats]
        document = self._recognise(source, progress, options)
        try:
            return {f: self._render(document, f) for f in formats}
        finally:
            _document_free(document)

    def _recognise(self, source, progress, options):
        stopped = []  # what the callback raised, or False it returned

        def on_page(_user, done, pages):
            try:
                keep_going = progress(done, pages)
            except BaseException as e:  # raised again below, in the caller's thread
                stopped.append(e)
                return 0
            if keep_going is False:
                stopped.append(False)
                return 0
            return 1

        callback = _PROGRESS(on_page) if progress is not None else _PROGRESS()
        options_json = json.dumps(options).encode()
        document, err = ctypes.c_void_p(), ctypes.c_void_p()
        if isinstance(source, (bytes, bytearray, memoryview)):
            data = bytes(source)
            code = _ocr_buffer(self._engine, data, len(data), options_json, callback, None, ctypes.byref(document),
                               ctypes.byref(err))
        else:
            code = _ocr_file(self._engine, os.fsencode(source), options_json, callback, None, ctypes.byref(document),
                             ctypes.byref(err))
        if stopped and isinstance(stopped[0], BaseException):
            if code == OK:
                _document_free(document)
            elif err.value:
                _free(err.value)
            raise stopped[0]
        if code != OK:
            _raise(code, err)
        return document

    def _render(self, document, format):
        out, size, err = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_void_p()
        code = _render(self._engine, document, format.encode(), ctypes.byref(out), ctypes.byref(size),
                       ctypes.byref(err))
        if code != OK:
            _raise(code, err)
        return _taken(out.value, size.value)
