#!/usr/bin/env bash
# Whole-process OCR throughput: pages per minute of `vanban ocr` with -j 1 and -j 2 against the
# bare `tesseract` CLI (vie, one process per page, OMP_THREAD_LIMIT=1, run 1 or 2 at a time) on
# the same 300 dpi page images.
#
# usage: bench/ocr_throughput.sh [BUILD_DIR] [MAX_PAGES]
# Pages come from ../shared/samples/scans (rasterised with pdftoppm), else samples/scans.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
max_pages=${2:-1000}
vanban="$build/pipeline/cli/vanban"
[ -x "$vanban" ] || { echo "build vanban first: cmake --build $build" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pages="$work/pages"
mkdir -p "$pages"
src=../shared/samples/scans
[ -d "$src" ] || src=samples/scans
for f in "$src"/*.pdf; do
  pdftoppm -r 300 -gray -png "$f" "$pages/$(basename "$f" .pdf)"
done
ls "$pages" | sort | tail -n +$((max_pages + 1)) | sed "s|^|$pages/|" | xargs -r rm -f
n=$(ls "$pages" | wc -l)
echo "pages: $n (from $src)"

seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N); awk "BEGIN{print $t1 - $t0}"; }
tess() { ls "$pages"/* | OMP_THREAD_LIMIT=1 xargs -P "$1" -I{} tesseract {} - -l vie >/dev/null 2>&1; }
vb() { rm -rf "$work/out"; "$vanban" ocr "$pages" -o "$work/out" -j "$1" --progress none "${@:2}"; }

declare -A t
t[tess1]=$(seconds tess 1)
t[tess2]=$(seconds tess 2)
t[vb1]=$(seconds vb 1)
t[vb2]=$(seconds vb 2)
t[vb2raw]=$(seconds vb 2 --no-restore)
ppm() { awk "BEGIN{printf \"%.1f\", 60 * $n / ${t[$1]}}"; }
printf '%-34s %8s %10s\n' "run" "seconds" "pages/min"
for k in tess1 tess2 vb1 vb2 vb2raw; do
  case $k in
    tess1) name="tesseract CLI, 1 at a time";; tess2) name="tesseract CLI, 2 at a time";;
    vb1) name="vanban ocr -j 1";; vb2) name="vanban ocr -j 2";; vb2raw) name="vanban ocr -j 2 --no-restore";;
  esac
  printf '%-34s %8.1f %10s\n' "$name" "${t[$k]}" "$(ppm $k)"
done
awk "BEGIN{printf \"throughput vanban/tesseract: -j1 %.2f, -j2 %.2f\\n\", ${t[tess1]} / ${t[vb1]}, ${t[tess2]} / ${t[vb2]}}"
