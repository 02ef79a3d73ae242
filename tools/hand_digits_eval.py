#!/usr/bin/python3
"""Labels and scores the pen digits tools/cut_hand_digits cuts from the sample scans.

usage: hand_digits_eval.py labels CUTS_TSV CUTS_DIR FOLD FOLDS > LABELS_TSV
       hand_digits_eval.py score CUTS_TSV FOLD FOLDS [THRESHOLD]
       hand_digits_eval.py scans FOLD FOLDS
       hand_digits_eval.py fields OUT_DIR

The truth is the hand-checked fields.json of ../shared/samples/devset and samples/truth*: the
serial before the notation's "/" and the day of the date, for the documents whose `handwritten`
names them. Documents are split into FOLDS folds by a hash of their name (never digits of one
document on both sides); `labels` writes the digits of blanks whose cut gave as many digits as the
truth has, as train or test (fold FOLD); `score` counts the blanks of fold FOLD (all with FOLD -1)
read right, wrong, or not given (confidence under THRESHOLD, default 0.8). End to end
(tools/hand_digits_e2e.sh): `scans` lists the scans of fold FOLD's documents with a blank filled
in by hand; `fields` scores the serials and days of the <DOC>.json `vanban ocr` wrote into
OUT_DIR for them, as the product gives them (null when the extractor was not sure enough).
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


SAMPLES = ROOT + "/../shared/samples"


def scan_of(name):
    for folder in ("scans", "born-digital", "other"):
        for ext in ("pdf", "jpg", "png"):
            path = "%s/%s/%s.%s" % (SAMPLES, folder, name, ext)
            if os.path.exists(path):
                return path
    return None


def handwritten_documents():
    for name, fields in sorted(truth().items()):
        if (expected(fields, "serial") or expected(fields, "day")) and scan_of(name):
            yield name, fields


def scans(fold, folds):
    for name, _ in handwritten_documents():
        if fold_of(name, folds) == fold:
            print(scan_of(name))


def fields(out_dir):
    counts = {}
    for name, truth_fields in handwritten_documents():
        path = os.path.join(out_dir, name + ".json")
        if not os.path.exists(path):
            print("missing", name)
            continue
        given = json.load(open(path, encoding="utf-8"))["fields"]
        readings = {"serial": (given.get("number") or "").split("/")[0], "day": (given.get("date") or "")[8:10]}
        for kind, got in readings.items():
            want = expected(truth_fields, kind)
            if want is None:
                continue
            verdict = "null" if not got else "right" if got == want else "wrong"
            counts[(kind, verdict)] = counts.get((kind, verdict), 0) + 1
            if verdict != "right":
                print("%-6s %-32s %-6s got %-6s truth %s" % (verdict, name, kind, got, want))
    for kind in ("serial", "day", None):
        total = {v: sum(n for (k, vv), n in counts.items() if vv == v and kind in (None, k)) for v in ("right", "null", "wrong")}
        print("%-7s right %d, null %d, wrong %d" % (kind or "all", total["right"], total["null"], total["wrong"]))


if __name__ == "__main__":
    if len(sys.argv) >= 6 and sys.argv[1] == "labels":
        labels(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    elif len(sys.argv) == 4 and sys.argv[1] == "scans":
        scans(int(sys.argv[2]), int(sys.argv[3]))
    elif len(sys.argv) == 3 and sys.argv[1] == "fields":
        fields(sys.argv[2])
    elif len(sys.argv) >= 5 and sys.argv[1] == "score":
        score(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]) if len(sys.argv) > 5 else 0.8)
    else:
        sys.exit(__doc__)
