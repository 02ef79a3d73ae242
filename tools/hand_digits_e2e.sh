#!/bin/sh
# Handwritten serials and days end to end and held out by document: each fold's documents (those
# of the sample scans with a blank filled in by hand) are read by `vanban ocr` with the network
# tools/hand_digits_eval.sh trained without them ($WORK/model.K.yml.gz), through a data folder
# that is models/ and dictionaries/ with that network in place of hand-digits.yml.gz; the fields
# are then scored as the product gives them (right, null, wrong; see hand_digits_eval.py fields).
# Usage: WORK=DIR tools/hand_digits_e2e.sh [BUILD_DIR] [FOLDS]   (WORK as hand_digits_eval.sh's)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build"}
folds=${2:-3}
work=${WORK:-/tmp/vanban-hand-digits}
out="$work/e2e"
mkdir -p "$out"
fold=0
while [ "$fold" -lt "$folds" ]; do
  data="$work/data.$fold"
  rm -rf "$data"
  mkdir -p "$data/models"
  for file in "$root"/models/*; do ln -s "$file" "$data/models/"; done
  ln -sf "$work/model.$fold.yml.gz" "$data/models/hand-digits.yml.gz"
  for folder in dictionaries schema review; do ln -s "$root/$folder" "$data/$folder"; done
  for scan in $(/usr/bin/python3 "$root/tools/hand_digits_eval.py" scans "$fold" "$folds"); do
    name=$(basename "${scan%.*}")
    [ -f "$out/$name.json" ] && continue
    "$build/pipeline/cli/vanban" ocr "$scan" -o "$out" --data-dir "$data" -j 2 --format json --progress none
  done
  fold=$((fold + 1))
done
/usr/bin/python3 "$root/tools/hand_digits_eval.py" fields "$out"
