#!/bin/sh
# Prints the extractor's per-field accuracy tables over ../shared/samples/devset, or, with
# TRUTH=DIR and VANBAN_OUT, over any folder of hand-checked <DOC>/fields.json (samples/truth: the
# held-out set), each <DOC>.pdf (or .jpg/.png) looked up in the folders of SCANS (default:
# ../shared/samples/scans and ../shared/samples/born-digital). Skips when ../shared is absent.
#
# Default: on the page-1 transcriptions, and on whole documents OCR'd by
# tools/extract_ocr_scans.sh (plain Tesseract, and red-channel Tesseract when RED=1), as text and
# as word boxes.
# With VANBAN_OUT=DIR: on vanban's own end-to-end output instead (the product figure). Every truth
# document whose <DOC>.json is missing from DIR is first run through
# `vanban ocr SCAN -o DIR -j 1 --format txt,json` (add hocr with HOCR=1); then the fields of DIR/<DOC>.json are scored as the engine wrote them,
# and, when DIR/<DOC>.hocr exist, the restored word boxes are run through this build's extractor
# again (tries extractor changes without OCR; hOCR keeps no OCR alternatives).
# VANBAN_FLAGS adds options to those runs (e.g. --no-text-layer: born-digital PDFs through OCR).
# Usage: [VANBAN_OUT=DIR [HOCR=1] [VANBAN_FLAGS=...] [TRUTH=DIR] [SCANS="DIR ..."]] tools/extract_eval.sh [BUILD_DIR] [--mismatches]
#   BUILD_DIR must hold a build of vanban and extract_eval (default: build-extract).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build-extract"}
[ $# -gt 0 ] && shift
shared="$root/../shared"
if [ ! -d "$shared/samples" ]; then
  echo "extract_eval.sh: $shared/samples absent, skipped" >&2
  exit 0
fi
# Only vanban's own output exists for a truth set other than the devset (no page-1 transcriptions,
# no tools/extract_ocr_scans.sh runs).
if [ -n "${TRUTH:-}" ] && [ -z "${VANBAN_OUT:-}" ]; then
  echo "extract_eval.sh: TRUTH needs VANBAN_OUT" >&2
  exit 1
fi
truth=${TRUTH:-"$shared/samples/devset"}
scans=${SCANS:-"$shared/samples/scans $shared/samples/born-digital"}
eval_bin="$build/tests/extract/extract_eval"
[ -x "$eval_bin" ] || cmake --build "$build" --target extract_eval -j2
docs=$(for file in "$truth"/*/fields.json; do basename "$(dirname "$file")"; done)

# The scan of a truth document: the first folder of $scans holding <DOC>.pdf, .jpg or .png
# (samples/other has photos and image scans).
scan_of() {
  for dir in $scans; do
    for ext in pdf jpg png; do
      [ -f "$dir/$1.$ext" ] && echo "$dir/$1.$ext" && return 0
    done
  done
  echo "extract_eval.sh: no $1.pdf/.jpg/.png in $scans" >&2
  return 1
}

if [ -n "${VANBAN_OUT:-}" ]; then
  formats=txt,json
  [ "${HOCR:-0}" = 1 ] && formats=$formats,hocr
  mkdir -p "$VANBAN_OUT"
  for doc in $docs; do
    [ -f "$VANBAN_OUT/$doc.json" ] && continue
    scan=$(scan_of "$doc")
    # shellcheck disable=SC2086 # VANBAN_FLAGS holds several options
    "$build/pipeline/cli/vanban" ocr "$scan" -o "$VANBAN_OUT" -j 1 --format "$formats" --progress none ${VANBAN_FLAGS:-}
  done
  echo "## vanban ocr end to end: fields of <DOC>.json"
  "$eval_bin" "$root" "$truth" vanban-json "$VANBAN_OUT" "$@"
  if ls "$VANBAN_OUT"/*.hocr >/dev/null 2>&1; then
    echo
    echo "## vanban ocr word boxes (<DOC>.hocr) through this build's extractor"
    "$eval_bin" "$root" "$truth" vanban-hocr "$VANBAN_OUT" "$@"
  fi
  exit 0
fi

"$root/tools/extract_ocr_scans.sh" "$build/ocr"
[ "${RED:-0}" = 1 ] && RED=1 "$root/tools/extract_ocr_scans.sh" "$build/ocr-red"
echo "## page-1 transcriptions (header fields)"
"$eval_bin" "$root" "$truth" page1 "$@"
for dir in ocr ocr-red; do
  [ -d "$build/$dir" ] || continue
  for mode in ocr-text ocr-boxes; do
    echo
    echo "## whole documents, $dir, $mode"
    "$eval_bin" "$root" "$truth" "$mode" "$build/$dir" "$@"
  done
done
