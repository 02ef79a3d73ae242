#!/usr/bin/env bash
# Pages per minute with two pages at a time: vanban's preprocessing + layout + OCR (one
# single-threaded Tesseract per page) against bare `tesseract -l vie` on the same cached
# 300 dpi pages (page 1 of each dev scan, rasterised by tools/ocr_eval.sh into /tmp/vanban-pages).
#
#   bench/preprocess_throughput.sh [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$root/build-ocr}/bench/preprocess_ocr_eval
pages=(/tmp/vanban-pages/*-1.png)
[ -x "$bin" ] || { echo "build preprocess_ocr_eval first" >&2; exit 2; }
[ -f "${pages[0]}" ] || { echo "no cached pages: run tools/ocr_eval.sh once" >&2; exit 2; }
export OMP_THREAD_LIMIT=1 bin

rate() {
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  printf '%s\n' "${pages[@]}" | xargs -P 2 -I{} bash -c "$*" _ {}
  end=$(date +%s.%N)
  printf '%-28s %5.1f pages/min (%d pages, %.1f s)\n' "$label" \
    "$(echo "60 * ${#pages[@]} / ($end - $start)" | bc -l)" "${#pages[@]}" "$(echo "$end - $start" | bc -l)"
}

rate "bare tesseract -j2" 'tesseract "$1" - -l vie >/dev/null 2>&1'
rate "vanban preprocess+ocr -j2" '"$bin" "$1" >/dev/null 2>&1'
