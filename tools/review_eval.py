#!/usr/bin/env python3
"""Scores how well vanban's review flags point at its wrong fields (issue 14's target).

For every truth document (TRUTH_DIR/<DOC>/fields.json) whose output OUT_DIR/<DOC>.json exists,
each field is right or wrong (exact, as tools/extract_eval.sh scores it; lists as whole lists)
and flagged or not (a review item for it, or a confidence under the review threshold). A
handwritten field left null is wrong and must be flagged. Prints the four counts, the wrong
fields nobody would be sent to, and how many non-null fields carry provenance (page, boxes and
source words).

Usage: tools/review_eval.py TRUTH_DIR OUT_DIR [TRUTH_DIR OUT_DIR ...] [--list]
"""
import json
import os
import sys
import unicodedata

FIELDS = ["issuer", "number", "doc_type", "place", "date", "subject", "recipients", "signer_name",
          "signer_title", "signer_authority", "cc", "urgency"]
REVIEW_BELOW = 0.7


def nfc(value):
    if isinstance(value, list):
        return [nfc(v) for v in value]
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def has_provenance(doc, field):
    source = doc.get("provenance", {}).get(field)
    if source is None:
        return False
    sources = source if isinstance(source, list) else [source]
    return bool(sources) and all(s.get("page") and s.get("boxes") and s.get("ocr") for s in sources)


def score(truth_dir, out_dir, counts, misses):
    for name in sorted(os.listdir(truth_dir)):
        truth_path = os.path.join(truth_dir, name, "fields.json")
        out_path = os.path.join(out_dir, name + ".json")
        if not os.path.exists(truth_path) or not os.path.exists(out_path):
            continue
        truth = json.load(open(truth_path, encoding="utf-8"))
        doc = json.load(open(out_path, encoding="utf-8"))
        flagged_fields = {item["field"] if isinstance(item, dict) else item for item in doc["review"]}
        for field in FIELDS:
            if field not in truth:
                continue
            got, want = nfc(doc["fields"].get(field)), nfc(truth[field])
            right = got == want
            flagged = field in flagged_fields or doc["confidence"].get(field, 1.0) < REVIEW_BELOW
            counts[(right, flagged)] += 1
            if got not in (None, []):
                counts["given"] += 1
                counts["with_provenance"] += has_provenance(doc, field)
            if not right and not flagged:
                misses.append(f"{name} {field}: got {got!r} want {want!r}")


def main(argv):
    show = "--list" in argv
    argv = [a for a in argv if a != "--list"]
    if len(argv) < 2 or len(argv) % 2:
        sys.exit(__doc__)
    counts = {(True, True): 0, (True, False): 0, (False, True): 0, (False, False): 0,
              "given": 0, "with_provenance": 0}
    misses = []
    for truth_dir, out_dir in zip(argv[::2], argv[1::2]):
        score(truth_dir, out_dir, counts, misses)
    wrong = counts[(False, True)] + counts[(False, False)]
    right = counts[(True, True)] + counts[(True, False)]
    print(f"wrong and flagged      {counts[(False, True)]:4d} / {wrong}")
    print(f"wrong and not flagged  {counts[(False, False)]:4d} / {wrong}")
    print(f"right and flagged      {counts[(True, True)]:4d} / {right}")
    print(f"right and not flagged  {counts[(True, False)]:4d} / {right}")
    print(f"non-null fields with page, boxes and source words: {counts['with_provenance']} / {counts['given']}")
    if show:
        for miss in misses:
            print("  unflagged:", miss)


if __name__ == "__main__":
    main(sys.argv[1:])
