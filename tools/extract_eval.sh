#!/bin/sh
# Prints the extractor's per-field accuracy tables over ../shared/samples/devset.
#
# Default: on the page-1 transcriptions, and on whole documents OCR'd by
# tools/extract_ocr_scans.sh (plain Tesseract, and red-channel Tesseract when RED=1), as text and
# as word boxes.
# With VANBAN_OUT=DIR: on vanban's own end-to-end output instead (the product figure). Every devset
# scan missing from DIR is first run through `vanban ocr SCAN -o DIR -j 2 --format txt,json`
# (add hocr with HOCR=1); then the fields of DIR/<DOC>.json are scored as the engine wrote them,
# and, when DIR/<DOC>.hocr exist, the restored word boxes are run through this build's extractor
# again (tries extractor changes without OCR; hOCR keeps no OCR alternatives).
# Usage: [VANBAN_OUT=DIR [HOCR=1]] tools/extract_eval.sh [BUILD_DIR] [--mismatches]
#   BUILD_DIR must hold a build of vanban and extract_eval (default: build-extract).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build-extract"}
[ $# -gt 0 ] && shift
devset="$root/../shared/samples/devset"
eval_bin="$build/tests/extract/extract_eval"
[ -x "$eval_bin" ] || cmake --build "$build" --target extract_eval -j2
docs=$(ls "$devset" | grep -v '\.md$')

if [ -n "${VANBAN_OUT:-}" ]; then
  formats=txt,json
  [ "${HOCR:-0}" = 1 ] && formats=$formats,hocr
  mkdir -p "$VANBAN_OUT"
  for doc in $docs; do
    [ -f "$VANBAN_OUT/$doc.json" ] && continue
    "$build/pipeline/cli/vanban" ocr "$root/../shared/samples/scans/$doc.pdf" -o "$VANBAN_OUT" -j 2 \
      --format "$formats" --progress none
  done
  echo "## vanban ocr end to end: fields of <DOC>.json"
  "$eval_bin" "$root" "$devset" vanban-json "$VANBAN_OUT" "$@"
  if ls "$VANBAN_OUT"/*.hocr >/dev/null 2>&1; then
    echo
    echo "## vanban ocr word boxes (<DOC>.hocr) through this build's extractor"
    "$eval_bin" "$root" "$devset" vanban-hocr "$VANBAN_OUT" "$@"
  fi
  exit 0
fi

"$root/tools/extract_ocr_scans.sh" "$build/ocr"
[ "${RED:-0}" = 1 ] && RED=1 "$root/tools/extract_ocr_scans.sh" "$build/ocr-red"
echo "## page-1 transcriptions (header fields)"
"$eval_bin" "$root" "$devset" page1 "$@"
for dir in ocr ocr-red; do
  [ -d "$build/$dir" ] || continue
  for mode in ocr-text ocr-boxes; do
    echo
    echo "## whole documents, $dir, $mode"
    "$eval_bin" "$root" "$devset" "$mode" "$build/$dir" "$@"
  done
done
