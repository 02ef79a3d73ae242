#!/usr/bin/env python3
"""How often a word the restorer read with a given margin is wrong: the calibration behind the
review's restore_confidence (issue 14).

For every page dump DIR/<PAGE>.dump with its transcription DIR/<PAGE>.gt.txt (dumps come from
`bench/preprocess_ocr_eval SCAN --words-out DUMP`; transcriptions from samples/truth2/*/page1.gt.txt
and the dev set's), restores the page as `vanban ocr` does (`restore_page_eval DUMP --margins`),
aligns its words to the transcription (case and edge punctuation aside) and counts, per margin
band, the aligned words and the wrong ones. Words the alignment leaves unpaired are not counted.

Usage: tools/restore_margin_eval.py RESTORE_PAGE_EVAL DUMP_DIR [--examples]
"""
import difflib
import glob
import os
import subprocess
import sys
import unicodedata

BANDS = [float("-inf"), 0, 0.5, 1, 2, 4, 6, 10, float("inf")]


def normal(word):
    return unicodedata.normalize("NFC", word).lower().strip(".,;:()\"“”'!?-–—")


def is_word(word):
    return any(c.isalpha() for c in word)


def band_of(margin):
    return max(b for b in BANDS if b <= margin)


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    tool, folder, examples = argv[1], argv[2], "--examples" in argv
    counts = {b: [0, 0] for b in BANDS}
    wrong_words = []
    for dump in sorted(glob.glob(os.path.join(folder, "*.dump"))):
        page = os.path.basename(dump)[:-len(".dump")]
        truth_path = os.path.join(folder, page + ".gt.txt")
        if not os.path.exists(truth_path):
            continue
        out = subprocess.run([tool, dump, "--margins"], capture_output=True, text=True, check=True).stdout
        read = []
        for line in out.splitlines():
            text, margin, _ = line.split("\t")
            if is_word(normal(text)):
                read.append((normal(text), float(margin)))
        truth = [w for w in map(normal, open(truth_path, encoding="utf-8").read().split()) if is_word(w)]
        matcher = difflib.SequenceMatcher(None, [w for w, _ in read], truth, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal" and (tag != "replace" or i2 - i1 != j2 - j1):
                continue
            for k in range(i2 - i1):
                word, margin = read[i1 + k]
                band = counts[band_of(margin)]
                band[0] += 1
                if tag != "equal":
                    band[1] += 1
                    wrong_words.append(f"{page}: {word!r} for {truth[j1 + k]!r}, margin {margin:.2f}")
    for b in BANDS:
        words, wrong = counts[b]
        if words:
            print(f"margin from {b:>5}: {words:5d} words, {wrong:3d} wrong ({100 * wrong / words:5.1f} %)")
    if examples:
        print("\n".join(wrong_words))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
