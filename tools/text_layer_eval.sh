#!/bin/sh
# The PDFs' own text layers (OcrPage::text_layer): what they do to the text of the 4 born-digital
# PDFs of ../shared/samples/born-digital, and that they change nothing elsewhere.
#
#   tools/text_layer_eval.sh           born-digital pages scored with and without --no-text-layer
#   tools/text_layer_eval.sh --same    also: the 21 archive scans and the PDFs of samples/other give
#                                      byte-identical page texts both ways (~10 minutes)
# Each born-digital page is scored with vnscore.py against its *.pN.gt_layout.txt (the text of
# its layer, signature stamp included, which vanban keeps out of the page text).
# Environment: TEXT_LAYER_BIN   vanban CLI (default build-layer/pipeline/cli/vanban)
#              TEXT_LAYER_OUT   work folder (default /tmp/vanban-text-layer)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${VANBAN_SHARED_DIR:-$root/../shared}
. "$root/tools/eval_common.sh"
bin=${TEXT_LAYER_BIN:-$root/build-layer/pipeline/cli/vanban}
out=${TEXT_LAYER_OUT:-/tmp/vanban-text-layer}
[ -x "$bin" ] || { echo "build vanban first: $bin" >&2; exit 2; }

# run SET FLAGS INPUT…: the texts of INPUT into $out/SET/{layer,ocr}
run() {
  set_name=$1; shift
  rm -rf "$out/$set_name"
  "$bin" ocr "$@" -o "$out/$set_name/layer" -j 2 --format txt --progress none || true
  "$bin" ocr "$@" -o "$out/$set_name/ocr" -j 2 --format txt --progress none --no-text-layer || true
}

# page N (1-based) of a vanban text file (pages separated by form feeds)
page_text() { awk -v n="$2" 'BEGIN { RS = "\f" } NR == n { printf "%s", $0 }' "$1"; }

run born "$shared"/samples/born-digital/*.pdf
printf '%-10s %-4s | %-22s | %-22s\n' doc page "text layer: miss ser cer" "--no-text-layer"
for gt in "$shared"/samples/born-digital/*.p*.gt_layout.txt; do
  doc=$(basename "$gt" | sed 's/\.p[0-9]*\.gt_layout\.txt$//')
  n=$(basename "$gt" | sed 's/.*\.p\([0-9]*\)\.gt_layout\.txt$/\1/')
  line=$(printf '%-10s %-4s' "$(echo "$doc" | sed 's/[._].*//')" "p$n")
  for variant in layer ocr; do
    page_text "$out/born/$variant/$doc.txt" "$n" > "$out/born/page.txt"
    line="$line | $(vnscore "$gt" "$out/born/page.txt" | awk '{ printf "%6.2f %6.2f %6.2f", 100 * $1, 100 * $2, 100 * $3 }')"
  done
  echo "$line"
done | tee "$out/born/scores.txt"
awk -F'|' '{ split($2, a, " "); split($3, b, " "); for (i = 1; i <= 3; i++) { s[i] += a[i]; t[i] += b[i] } n++ }
  END { printf "%-15s | %6.2f %6.2f %6.2f | %6.2f %6.2f %6.2f\n", "mean", s[1] / n, s[2] / n, s[3] / n, t[1] / n, t[2] / n, t[3] / n }' \
  "$out/born/scores.txt"

[ "${1:-}" = --same ] || exit 0
run same "$shared"/samples/scans/*.pdf "$shared"/samples/other/*.pdf
differ=0 files=0
for f in "$out"/same/layer/*.txt; do
  files=$((files + 1))
  cmp -s "$f" "$out/same/ocr/$(basename "$f")" || { echo "differs: $(basename "$f")"; differ=$((differ + 1)); }
done
echo "scans and other PDFs: $files texts, $differ differ with --no-text-layer"
