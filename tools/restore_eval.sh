#!/bin/sh
# Measures stripped-text restoration: letter-token accuracy (vnscore.py --aligned) on
#   devset  — the stripped ground truth of ../shared/samples/devset/*/page1.gt.txt, and
#   heldout — the held-out decrees written by vanban-train-lm --heldout-dir (every 50th line).
# usage: tools/restore_eval.sh EVAL_BINARY DATA_DIR HELDOUT_DIR [WORK_DIR]
set -eu
bin=$1 data=$2 heldout=$3 work=${4:-/tmp/vanban-restore-eval}
shared=$(dirname "$0")/../../shared
mkdir -p "$work"
: > "$work/dev.gt"; : > "$work/dev.out"
for gt in "$shared"/samples/devset/*/page1.gt.txt; do
  python3 "$shared/tools/strip.py" < "$gt" | "$bin" --mode stripped --data-dir "$data" >> "$work/dev.out" 2>/dev/null
  cat "$gt" >> "$work/dev.gt"
done
echo "devset: $(/usr/bin/python3 "$shared/tools/vnscore.py" --aligned "$work/dev.gt" "$work/dev.out")"
cp "$heldout/congbao_decrees_circulars.txt" "$work/held.gt"
python3 "$shared/tools/strip.py" < "$work/held.gt" | "$bin" --mode stripped --data-dir "$data" > "$work/held.out"
echo "heldout decrees: $(/usr/bin/python3 "$(dirname "$0")/restore_token_acc.py" "$work/held.gt" "$work/held.out")"
