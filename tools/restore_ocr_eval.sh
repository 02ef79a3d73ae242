#!/bin/bash
# Restorer on OCR text: raw vs restored `vnscore.py` miss/ser per document and their means, and
# for every syllable the restorer changed whether it was fixed or broken (tools/restore_diff.py).
#
# usage: tools/restore_ocr_eval.sh RESTORE_EVAL_BINARY OCR_DIR [MODE]
#   OCR_DIR holds <DOC>.txt for the documents of ../shared/samples/devset (page 1), or
#   <name>.eng-ocr.txt files next to <name>.gt.txt (the seed).
# Make the dev-scan OCR with:
#   pdftoppm -r 300 -f 1 -l 1 -png ../shared/samples/scans/<DOC>.pdf /tmp/p && tesseract /tmp/p-1.png - -l vie
set -euo pipefail
bin=$1; dir=$2; mode=${3:-auto}
here=$(cd "$(dirname "$0")" && pwd)
shared=$here/../../shared
py=/usr/bin/python3
out=$(mktemp -d)
for ocr in "$dir"/*.txt; do
  name=$(basename "$ocr" .txt)
  gt=$shared/samples/devset/$name/page1.gt.txt
  [ -f "$gt" ] || gt=$dir/${name%.eng-ocr}.gt.txt
  [ -f "$gt" ] && [ "$ocr" != "$gt" ] || continue
  "$bin" --mode "$mode" < "$ocr" > "$out/$name" 2>/dev/null
  raw=$($py "$shared/tools/vnscore.py" --json "$gt" "$ocr")
  fixed=$($py "$shared/tools/vnscore.py" --json "$gt" "$out/$name")
  changes=$($py "$here/restore_diff.py" "$gt" "$out/$name" "$ocr" | tail -1)
  $py -c 'import json,sys; r,f=json.loads(sys.argv[1]),json.loads(sys.argv[2]); print("%-28s miss %5.1f -> %5.1f  ser %5.1f -> %5.1f  (%s)" % (sys.argv[3], r["miss"]*100, f["miss"]*100, r["ser"]*100, f["ser"]*100, sys.argv[4]))' \
    "$raw" "$fixed" "$name" "$changes"
done | tee "$out/table"
awk '{m0+=$3; m1+=$5; s0+=$7; s1+=$9; n++} END {printf "mean (%d docs)                miss %5.2f -> %5.2f  ser %5.2f -> %5.2f\n", n, m0/n, m1/n, s0/n, s1/n}' "$out/table"
rm -r "$out"
