#!/usr/bin/env bash
# Whole-process cost of OCR on the archive's PDFs as users hand them over (signed, colour, with
# blank back pages), against what they would run instead, on the same machine in the same run:
#   vanban      vanban ocr DIR -j 2 --format txt,json,pdf
#   tesseract   per document pdftoppm -r 300 -gray, then tesseract -l vie page by page
#               (OMP_THREAD_LIMIT=1), two documents at a time
#   ocrmypdf    ocrmypdf -l vie --jobs 2, one document after the other (skipped when absent)
# then one bound volume (the PDFs joined with qpdf, >= 30 pages) through vanban -j 1 and -j 2.
# Runs alternate between the tools; each figure is the median of RUNS runs: wall seconds, CPU
# seconds (user + system, children included) and peak RSS of the largest process.
#
# usage: bench/archive_pdfs.sh [BUILD_DIR] [RUNS] [PDF_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
runs=${2:-3}
src=${3:-../shared/samples/scans}
vanban="$build/pipeline/cli/vanban"
[ -x "$vanban" ] || { echo "build vanban first: cmake --build $build" >&2; exit 1; }
[ -d "$src" ] || { echo "no PDF folder $src" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t pdfs < <(ls "$src"/*.pdf | sort)
pages=0
for f in "${pdfs[@]}"; do pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/{print $2}'))); done
volume="$work/volume.pdf"
qpdf --empty --pages "${pdfs[@]}" -- "$volume"
volume_pages=$(pdfinfo "$volume" | awk '/^Pages:/{print $2}')
echo "input: ${#pdfs[@]} PDFs, $pages pages, from $src; volume: $volume_pages pages"

tesseract_one() {  # PDF OUTDIR: what a user's script does with one document
  local base="$2/$(basename "$1" .pdf)"
  mkdir -p "$base"
  pdftoppm -r 300 -gray -png "$1" "$base/p"
  for page in "$base"/p*.png; do OMP_THREAD_LIMIT=1 tesseract "$page" "${page%.png}" -l vie >/dev/null 2>&1; done
  rm -f "$base"/p*.png
}

run_vanban() { "$vanban" ocr "$src" -o "$1" -j 2 --format txt,json,pdf --progress none; }
run_tesseract() { ls "$src"/*.pdf | xargs -P 2 -I{} bash -c 'tesseract_one "$1" "$2"' _ {} "$1"; }
run_ocrmypdf() { for f in "$src"/*.pdf; do ocrmypdf -q -l vie --jobs 2 "$f" "$1/$(basename "$f")"; done; }
run_volume_j1() { "$vanban" ocr "$volume" -o "$1" -j 1 --format txt,json --progress none; }
run_volume_j2() { "$vanban" ocr "$volume" -o "$1" -j 2 --format txt,json --progress none; }
export -f tesseract_one run_vanban run_tesseract run_ocrmypdf run_volume_j1 run_volume_j2
export vanban src volume

tools=(vanban tesseract)
command -v ocrmypdf >/dev/null && tools+=(ocrmypdf) || echo "ocrmypdf absent (Debian package ocrmypdf): skipped"
tools+=(volume_j1 volume_j2)

# One timed run: appends "wall cpu rss_kb" to $work/<tool>.times.
measure() {
  local out="$work/out-$1"
  rm -rf "$out" && mkdir -p "$out"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" bash -c "run_$1 \"\$0\"" "$out" >/dev/null 2>"$work/stderr-$1" || { echo "$1 failed:" >&2; tail -3 "$work/stderr-$1" >&2; }
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$work/time" >>"$work/$1.times"
}
for ((r = 1; r <= runs; r++)); do
  for t in "${tools[@]}"; do measure "$t"; done
done

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
col() { awk -v c="$2" '{print $c}' "$work/$1.times" | median; }
printf '%-46s %9s %9s %10s %12s\n' "run (median of $runs)" "wall s" "CPU s" "pages/min" "peak RSS MB"
for t in "${tools[@]}"; do
  case $t in
    vanban) name="vanban ocr -j 2 (txt,json,pdf)"; n=$pages;;
    tesseract) name="pdftoppm -gray + tesseract -l vie, 2 at a time"; n=$pages;;
    ocrmypdf) name="ocrmypdf -l vie --jobs 2"; n=$pages;;
    volume_j1) name="volume: vanban ocr -j 1"; n=$volume_pages;;
    volume_j2) name="volume: vanban ocr -j 2"; n=$volume_pages;;
  esac
  wall=$(col "$t" 1)
  printf '%-46s %9.1f %9.1f %10.1f %12.0f\n' "$name" "$wall" "$(col "$t" 2)" "$(awk "BEGIN{print 60 * $n / $wall}")" \
    "$(awk "BEGIN{print $(col "$t" 3) / 1024}")"
done
ratio() { awk "BEGIN{printf \"%.2f\", $(col "$1" 1) / $(col "$2" 1)}"; }
echo "vanban speed against pdftoppm + tesseract: $(ratio tesseract vanban)x"
[[ " ${tools[*]} " == *" ocrmypdf "* ]] && echo "vanban speed against ocrmypdf: $(ratio ocrmypdf vanban)x"
echo "volume -j 2 against -j 1: $(ratio volume_j1 volume_j2)x"
