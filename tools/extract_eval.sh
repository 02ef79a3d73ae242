#!/bin/sh
# Prints the extractor's per-field accuracy tables over ../shared/samples/devset: on the page-1
# transcriptions, and on whole documents OCR'd by tools/extract_ocr_scans.sh (plain Tesseract,
# and red-channel Tesseract when RED=1), as text and as word boxes.
# Usage: tools/extract_eval.sh [BUILD_DIR] [--mismatches]
#   BUILD_DIR must hold a build of the extract_eval target (default: build-extract).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build-extract"}
[ $# -gt 0 ] && shift
devset="$root/../shared/samples/devset"
eval_bin="$build/tests/extract/extract_eval"
[ -x "$eval_bin" ] || cmake --build "$build" --target extract_eval -j2
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
