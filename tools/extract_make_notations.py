#!/usr/bin/python3
"""Writes dictionaries/notations.txt: the symbols of document numbers ("NĐ-CP" of
"161/2024/NĐ-CP", "QĐ-TTg", "TT-BGDĐT", "CT/TW" of "45-CT/TW") that the corpus cites at least
MIN times, most cited first. The extractor puts back a symbol OCR damaged by one letter when
exactly one known symbol is that near ("TT1-NHNN" → "TT-NHNN"); an unknown symbol is kept as read.

usage: extract_make_notations.py [CORPUS_FILE ...] [--min 3] > dictionaries/notations.txt
(default: the files of ../shared/corpus/legal)
"""
import argparse
import collections
import glob
import os
import re
import unicodedata

# A state number "12/2025/TT-BGDĐT", "397/QĐ-TTg"; a Party number "45-CT/TW", "18-KL/TW".
STATE = re.compile(r"\b\d{1,5}/(?:\d{4}/)?([A-ZĐ][A-Za-zĐđ&]*(?:-[A-ZĐ][A-Za-zĐđ&0-9]*)+)")
PARTY = re.compile(r"\b\d{1,5}-([A-ZĐ]{1,4}/[A-ZĐ]{1,6})\b")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--min", type=int, default=3)
    a = ap.parse_args()
    files = a.files or sorted(glob.glob(os.path.join(here, "../../shared/corpus/legal/*.txt")))
    counts = collections.Counter()
    for name in files:
        with open(name, encoding="utf-8", errors="replace") as f:
            for line in f:
                line = unicodedata.normalize("NFC", line)
                counts.update(m.group(1) for m in STATE.finditer(line))
                counts.update(m.group(1) for m in PARTY.finditer(line))
    print("# Symbols of document numbers cited in ../shared/corpus/legal, with how often")
    print("# (tools/extract_make_notations.py). symbol<TAB>count, most cited first.")
    for symbol, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if count >= a.min:
            print(f"{symbol}\t{count}")


if __name__ == "__main__":
    main()
