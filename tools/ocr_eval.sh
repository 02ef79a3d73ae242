#!/usr/bin/env bash
# OCRs page 1 of each dev scan (../shared/samples/devset) with vanban's preprocessing and layout
# and prints the share of reference syllables missing (vnscore.py `miss`, order-free) and the
# syllable error rate in reading order (`ser`) per document, their means and the worst miss.
# Extra arguments go to the driver, e.g. --no-deskew, --no-layout (ablation).
#
#   tools/ocr_eval.sh [driver flags...]
# Environment: EVAL_BIN   the preprocess_ocr_eval driver (default build-ocr/bench/preprocess_ocr_eval)
#              EVAL_OUT   where the page texts go (default /tmp/vanban-eval/<flags>)
#              EVAL_JOBS  pages OCR'd at once (default 1; OCR is single-threaded per page)
#              EVAL_DOCS  space-separated subset of the dev documents
#              EVAL_SCORE_ONLY=1  score the texts already in EVAL_OUT without OCR
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${VANBAN_SHARED_DIR:-$root/../shared}
bin=${EVAL_BIN:-$root/build-ocr/bench/preprocess_ocr_eval}
pages=/tmp/vanban-pages
tag=$(echo "default $*" | tr ' /' '__')
out=${EVAL_OUT:-/tmp/vanban-eval/$tag}
jobs=${EVAL_JOBS:-1}
[ -x "$bin" ] || { echo "build the driver first: cmake --build build-ocr --target preprocess_ocr_eval" >&2; exit 2; }
mkdir -p "$pages" "$out"

docs=${EVAL_DOCS:-$(cd "$shared/samples/devset" && ls -d */ | tr -d /)}
# Rasterising costs a second or two per page: keep page 1 of each scan across runs.
for doc in $docs; do
  [ -f "$pages/$doc-1.png" ] || pdftoppm -r 300 -f 1 -l 1 -png "$shared/samples/scans/$doc.pdf" "$pages/$doc"
done

run() {
  local doc=$1; shift
  "$bin" "$pages/$doc-1.png" "$@" > "$out/$doc.txt" 2> "$out/$doc.log"
}
export -f run
export bin pages out
[ -n "${EVAL_SCORE_ONLY:-}" ] || printf '%s\n' $docs | xargs -P "$jobs" -I{} bash -c 'run "$@"' _ {} "$@"

total=0; total_ser=0; n=0; worst=0
for doc in $docs; do
  scores=$(/usr/bin/python3 "$shared/tools/vnscore.py" "$shared/samples/devset/$doc/page1.gt.txt" "$out/$doc.txt")
  miss=$(echo "$scores" | sed -n 's/.*miss=\([0-9.]*\).*/\1/p')
  ser=$(echo "$scores" | sed -n 's/.* ser=\([0-9.]*\).*/\1/p')
  timing=$(grep -o 'preprocess.*s,.*s' "$out/$doc.log" || true)
  printf '%-28s miss %5.2f %%  ser %5.2f %%   %s\n' "$doc" "$(echo "$miss * 100" | bc -l)" "$(echo "$ser * 100" | bc -l)" "$timing"
  total=$(echo "$total + $miss" | bc -l); total_ser=$(echo "$total_ser + $ser" | bc -l); n=$((n + 1))
  worst=$(echo "if ($miss > $worst) $miss else $worst" | bc -l)
done
printf 'mean miss %.2f %%, worst %.2f %%, mean ser %.2f %% over %d pages (%s)\n' "$(echo "100 * $total / $n" | bc -l)" \
  "$(echo "100 * $worst" | bc -l)" "$(echo "100 * $total_ser / $n" | bc -l)" "$n" "${*:-all steps on}"
