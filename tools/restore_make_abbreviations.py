#!/usr/bin/python3
"""Writes models/abbreviations.txt: the capital-letter runs of abbreviations and document codes
("UBND", "QĐ", "TTg", "ĐBQH") of the language model's training text, with their counts, for the
restorer's repair of OCR-damaged abbreviations ("UBRD" → "UBND"); a run cited 10 times (a clerk code such as "BTCN") is known and kept. Skips the
held-out lines (every 50th, numbered from 0: 49, 99, …) like the trainer.

usage: restore_make_abbreviations.py OUT CORPUS_FILE...
"""
import collections
import re
import sys
import unicodedata

RUN = re.compile(r"(?<![^\W\d_])[A-ZĐ]{2,6}(?![^\W\d_])")
MIN_COUNT = 10


def main():
    counts = collections.Counter()
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8", errors="replace") as f:
            for i, line in enumerate(f):
                if i % 50 != 49:
                    counts.update(RUN.findall(unicodedata.normalize("NFC", line)))
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for run, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if c >= MIN_COUNT:
                out.write(f"{run}\t{c}\n")


if __name__ == "__main__":
    main()
