#!/bin/sh
# Rasterises scans at 300 dpi and OCRs every page with Tesseract (vie), writing per page
# <OUT>/<DOC>/page-N.txt and page-N.tsv (word boxes) — the whole-document text the devset
# ground truth (page 1 only) lacks. Outputs never go into git (default: build-extract/ocr).
# With RED=1 each page is OCR'd from its red channel, where red seals and stamps vanish and the
# signer lines under them come back (what a colour-aware preprocessing gives).
# Usage: [RED=1] tools/extract_ocr_scans.sh [OUT_DIR] [DOC ...]   (default DOCs: the devset)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
shared="$root/../shared"
out=${1:-"$root/build-extract/ocr"}
[ $# -gt 0 ] && shift
if [ $# -eq 0 ]; then
  set -- $(ls "$shared/samples/devset" | grep -v '\.md$')
fi
export OMP_THREAD_LIMIT=1
for doc in "$@"; do
  dir="$out/$doc"
  [ -f "$dir/done" ] && continue
  mkdir -p "$dir"
  pdftoppm -r 300 -png "$shared/samples/scans/$doc.pdf" "$dir/page"
  for png in "$dir"/page-*.png; do
    base=${png%.png}
    n=$(echo "$base" | sed 's/.*page-0*//')
    if [ "${RED:-0}" = 1 ]; then
      /usr/bin/python3 -c 'import sys; from PIL import Image; Image.open(sys.argv[1]).convert("RGB").split()[0].save(sys.argv[1])' "$png"
    fi
    tesseract "$png" "$dir/page-$n" -l vie txt tsv >/dev/null 2>&1
    rm -f "$png"
  done
  touch "$dir/done"
done
