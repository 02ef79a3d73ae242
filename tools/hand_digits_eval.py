#!/usr/bin/python3
"""Labels and scores the pen digits tools/cut_hand_digits cuts from the sample scans.

usage: hand_digits_eval.py labels CUTS_TSV CUTS_DIR FOLD FOLDS > LABELS_TSV
       hand_digits_eval.py score CUTS_TSV FOLD FOLDS [THRESHOLD]

The truth is the hand-checked fields.json of ../shared/samples/devset and samples/truth*: the
serial before the notation's "/" and the day of the date, for the documents whose `handwritten`
names them. Documents are split into FOLDS folds by a hash of their name (never digits of one
document on both sides); `labels` writes the digits of blanks whose cut gave as many digits as the
truth has, as train or test (fold FOLD); `score` counts the blanks of fold FOLD (all with FOLD -1)
read right, wrong, or not given (confidence under THRESHOLD, default 0.8).
"""
import glob
import json
import os
import sys
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def truth():
    found = {}
    for path in glob.glob(ROOT + "/../shared/samples/devset/*/fields.json") + glob.glob(ROOT + "/samples/truth*/*/fields.json"):
        found[os.path.basename(os.path.dirname(path))] = json.load(open(path, encoding="utf-8"))
    return found


def expected(fields, kind):
    """The digits the blank of `kind` holds by hand, or None."""
    handwritten = fields.get("handwritten")
    if handwritten is not None and ("number" if kind == "serial" else "date") not in handwritten:
        return None
    value = (fields.get("number") or "").split("/")[0] if kind == "serial" else (fields.get("date") or "")[8:10]
    return value if value.isdigit() else None


def fold_of(name, folds):
    return zlib.crc32(name.encode()) % folds


def blanks(cuts_tsv):
    fields = truth()
    for line in open(cuts_tsv, encoding="utf-8"):
        cols = line.rstrip("\n").split("\t")
        name, kind = cols[0], cols[1]
        value = expected(fields.get(name, {}), kind)
        if value is not None:
            yield name, kind, int(cols[2]), value, cols[6] if len(cols) > 6 else "", float(cols[7]) if len(cols) > 7 else 0


def labels(cuts_tsv, cuts_dir, fold, folds):
    for name, kind, count, value, _, _ in blanks(cuts_tsv):
        if count != len(value):
            continue
        split = "test" if fold_of(name, folds) == fold else "train"
        for k, digit in enumerate(value):
            print("%s/%s.%s.%d.png\t%s\t%s" % (cuts_dir, name, kind, k, digit, split))


def score(cuts_tsv, fold, folds, threshold):
    counts = {"right": 0, "wrong": 0, "null": 0}
    for name, kind, _, value, reading, confidence in blanks(cuts_tsv):
        if fold >= 0 and fold_of(name, folds) != fold:
            continue
        verdict = "null" if confidence < threshold else "right" if reading == value else "wrong"
        counts[verdict] += 1
        print("%-6s %-32s %-6s read %-6s %.3f truth %s" % (verdict, name, kind, reading, confidence, value))
    print("right %(right)d, wrong %(wrong)d, not given %(null)d" % counts)


if __name__ == "__main__":
    if len(sys.argv) >= 6 and sys.argv[1] == "labels":
        labels(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    elif len(sys.argv) >= 5 and sys.argv[1] == "score":
        score(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]) if len(sys.argv) > 5 else 0.8)
    else:
        sys.exit(__doc__)
