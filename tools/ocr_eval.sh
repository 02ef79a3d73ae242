#!/usr/bin/env bash
# OCRs page 1 of each dev scan (../shared/samples/devset) with vanban's preprocessing and layout
# and prints the share of reference syllables missing (vnscore.py `miss`, order-free) and the
# syllable error rate in reading order (`ser`) per document, their means and the worst miss.
# Extra arguments go to the driver, e.g. --no-deskew, --no-layout (ablation); --ablate runs every
# configuration of the ablation table in turn and prints one summary line for each.
#
#   tools/ocr_eval.sh [driver flags...]
#   tools/ocr_eval.sh --ablate [driver flags common to all...]
# Environment: EVAL_BIN   the preprocess_ocr_eval driver (default build-ocr/bench/preprocess_ocr_eval)
#              EVAL_OUT   where the page texts go (default /tmp/vanban-eval/<flags>)
#              EVAL_JOBS  pages OCR'd at once (default 1; OCR is single-threaded per page)
#              EVAL_DOCS  space-separated subset of the dev documents
#              EVAL_SCORE_ONLY=1  score the texts already in EVAL_OUT without OCR
#              EVAL_RESTORE  a vanban CLI binary: also score its `restore --mode ocr` of each text
set -euo pipefail
if [ "${1:-}" = --ablate ]; then
  shift
  for step in "" --no-layout --no-deskew --no-dropout --no-flatten --no-borders --binarise --no-dewarp; do
    "$0" $step "$@" | grep -E '^(mean miss|after restore)'
  done
  exit 0
fi
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${VANBAN_SHARED_DIR:-$root/../shared}
bin=${EVAL_BIN:-$root/build-ocr/bench/preprocess_ocr_eval}
pages=/tmp/vanban-pages
tag=$(echo "default $*" | tr ' /' '__')
out=${EVAL_OUT:-/tmp/vanban-eval/$tag}
jobs=${EVAL_JOBS:-1}
. "$root/tools/eval_common.sh"
[ -x "$bin" ] || { echo "build the driver first: cmake --build build-ocr --target preprocess_ocr_eval" >&2; exit 2; }
mkdir -p "$pages" "$out"

docs=${EVAL_DOCS:-$(cd "$shared/samples/devset" && ls -d */ | tr -d /)}
for doc in $docs; do raster_page "$shared/samples/scans/$doc.pdf" 1 "$pages/$doc-1.png"; done

run() {
  local doc=$1; shift
  "$bin" "$pages/$doc-1.png" "$@" > "$out/$doc.txt" 2> "$out/$doc.log"
}
export -f run
export bin pages out
[ -n "${EVAL_SCORE_ONLY:-}" ] || printf '%s\n' $docs | xargs -P "$jobs" -I{} bash -c 'run "$@"' _ {} "$@"

pct() { echo "100 * $1" | bc -l; }

total=0; total_ser=0; total_restored=0; n=0; worst=0; worst_restored=0
for doc in $docs; do
  ref=$shared/samples/devset/$doc/page1.gt.txt
  read -r miss ser _ < <(vnscore "$ref" "$out/$doc.txt")
  timing=$(grep -o 'preprocess.*s,.*s' "$out/$doc.log" || true)
  line=$(printf '%-28s miss %5.2f %%  ser %5.2f %%' "$doc" "$(pct "$miss")" "$(pct "$ser")")
  if [ -n "${EVAL_RESTORE:-}" ]; then
    "$EVAL_RESTORE" restore --mode ocr --tone-style old "$out/$doc.txt" > "$out/$doc.restored.txt"
    read -r restored _ < <(vnscore "$ref" "$out/$doc.restored.txt")
    line+=$(printf '  restored miss %5.2f %%' "$(pct "$restored")")
    total_restored=$(echo "$total_restored + $restored" | bc -l)
    worst_restored=$(echo "if ($restored > $worst_restored) $restored else $worst_restored" | bc -l)
  fi
  echo "$line   $timing"
  total=$(echo "$total + $miss" | bc -l); total_ser=$(echo "$total_ser + $ser" | bc -l); n=$((n + 1))
  worst=$(echo "if ($miss > $worst) $miss else $worst" | bc -l)
done
printf 'mean miss %.2f %%, worst %.2f %%, mean ser %.2f %% over %d pages (%s)\n' "$(pct "$total / $n")" \
  "$(pct "$worst")" "$(pct "$total_ser / $n")" "$n" "${*:-all steps on}"
if [ -n "${EVAL_RESTORE:-}" ]; then
  printf 'after restore: mean miss %.2f %%, worst %.2f %%\n' "$(pct "$total_restored / $n")" "$(pct "$worst_restored")"
fi
