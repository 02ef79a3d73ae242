#!/usr/bin/python3
"""Learns the restorer's OCR channel: how Tesseract misreads each Vietnamese letter.

Renders corpus lines as degraded scans (tools/make_page.py), reads them with `tesseract -l eng`
and `-l vie`, aligns every OCR line with the line it came from, and counts character
substitutions, deletions and insertions (lower case, NFC, marks included: "ế" read as "é" is one
confusion, "ế" read as "e" another). Writes models/ocr-channel-<lang>.tsv, read by
pipeline/restore/channel_table.cc:

    sub <TAB> truth <TAB> read <TAB> cost     cost = -ln P(read | truth); read = truth: kept
    del <TAB> truth <TAB>      <TAB> cost     the letter was lost
    ins <TAB>       <TAB> read <TAB> cost     a stray character appeared
    rule <TAB> truth <TAB> read <TAB> count   skeleton rewrite seen in whole words ("u" read
                                              as "it" in "phitc" for "phức"): candidates to try

--pairs DIR adds the rewrites of real scans to the English model's rules: each
DIR/<name>.gt.txt (a page's transcription) with DIR/<name>.eng-ocr.txt (`tesseract -l eng` of that
page). A scan's blur reads "ư" as "it", "te" or "im" ("cte" for "cứ"), which clean renders rarely
show, so the rules (what to try) learn from both; the costs (what to believe) stay the renders'
alone: taken from ten scans as well, they made held-out scans worse (6.2 % → 6.4 % missing on
the report split).

Only pairs seen at least --min-count times are written; the decoder falls back to its profile
costs for the rest. The held-out lines of the language model (every 50th line, numbered from 0:
49, 99, …) are never rendered, so the channel never sees the evaluation text either.

usage: restore_learn_channel.py [--pages 12] [--work /tmp/vanban-channel] [--out models] [--pairs DIR]...
"""
import argparse
import collections
import difflib
import math
import os
import random
import subprocess
import sys
import textwrap
import unicodedata

import Levenshtein

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "shared", "corpus")
SOURCES = ["legal/provincial_docs_2025.txt", "legal/congbao_decrees_circulars.txt",
           "admin/admin_sentences.txt", "legal/vlc_laws.txt"]
HOLDOUT_EVERY = 50
LINES_PER_PAGE = 38


def training_lines(rnd):
    pool = []
    for name in SOURCES:
        with open(os.path.join(CORPUS, name), encoding="utf-8", errors="replace") as f:
            for i, line in enumerate(f):
                line = line.strip()
                if i % HOLDOUT_EVERY != HOLDOUT_EVERY - 1 and 30 <= len(line) <= 400 and "\ufffd" not in line:
                    pool.append(line)
    rnd.shuffle(pool)
    return pool


def make_pages(work, pages, rnd):
    pool = iter(training_lines(rnd))
    for k in range(pages):
        text = os.path.join(work, f"page{k}.txt")
        if not os.path.exists(text):
            lines = []
            while len(lines) < LINES_PER_PAGE:
                lines += textwrap.wrap(next(pool), 72)
            with open(text, "w", encoding="utf-8") as f:
                f.write("\n".join(lines[:LINES_PER_PAGE]) + "\n")
        png = os.path.join(work, f"page{k}.png")
        if not os.path.exists(png):
            subprocess.run([sys.executable, os.path.join(HERE, "make_page.py"), text, png,
                            "--degrade", str(1 + k % 2), "--seed", str(k)], check=True)
        for lang in ("eng", "vie"):
            out = os.path.join(work, f"page{k}.{lang}.txt")
            if not os.path.exists(out):
                env = dict(os.environ, OMP_THREAD_LIMIT="1")
                res = subprocess.run(["tesseract", png, "-", "-l", lang], capture_output=True, env=env, check=True)
                with open(out, "wb") as f:
                    f.write(res.stdout)


PAIR_WINDOW = 12


def norm(line):
    return unicodedata.normalize("NFC", line).lower().strip()


def line_pairs(truth_path, ocr_path):
    truth = [norm(l) for l in open(truth_path, encoding="utf-8") if l.strip()]
    ocr = [norm(l) for l in open(ocr_path, encoding="utf-8") if l.strip()]
    # OCR keeps the line order; pair lines greedily by similarity to survive split/merged lines.
    # A scan's OCR has lines of its own between them (a seal's or a stamp's text, a margin note,
    # the header's two columns read apart): looking 4 lines on paired 89 of the 402 lines of the
    # real scans' transcriptions, 12 lines on 315.
    j = 0
    for t in truth:
        best, best_j = 0.0, -1
        for k in range(j, min(j + PAIR_WINDOW, len(ocr))):
            r = Levenshtein.ratio(t, ocr[k])
            if r > best:
                best, best_j = r, k
        if best >= 0.5:
            yield t, ocr[best_j]
            j = best_j + 1


def skeleton(word):
    d = unicodedata.normalize("NFD", word.replace("đ", "d"))
    return "".join(c for c in d if not unicodedata.combining(c))


def word_rules(t, r, rules):
    """Counts the skeleton rewrites between the words of two aligned lines."""
    tw, rw = t.split(), r.split()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, tw, rw, autojunk=False).get_opcodes():
        if op != "replace" or i2 - i1 != j2 - j1:
            continue
        for a, b in zip(tw[i1:i2], rw[j1:j2]):
            a, b = skeleton(a), skeleton(b)
            if a == b or Levenshtein.distance(a, b) > 2:
                continue
            edits = [e for e in Levenshtein.opcodes(a, b) if e[0] != "equal"]
            for op2, k1, k2, l1, l2 in edits:
                if k2 - k1 <= 2 and l2 - l1 <= 2:
                    rules[(a[k1:k2], b[l1:l2])] += 1
            # Adjacent edits are one misreading of one letter ("u" read "te" in "cte" for "cứ",
            # "un" read "im" in "img" for "ứng"): counted whole as well.
            for first, last in adjacent_runs(edits):
                k1, k2, l1, l2 = edits[first][1], edits[last][2], edits[first][3], edits[last][4]
                if last > first and k2 - k1 <= 2 and l2 - l1 <= 3:
                    rules[(a[k1:k2], b[l1:l2])] += 1


def adjacent_runs(edits):
    """(first, last) indexes of the runs of edits that touch one another."""
    first = 0
    for i in range(1, len(edits) + 1):
        if i == len(edits) or edits[i][1] != edits[i - 1][2] or edits[i][3] != edits[i - 1][4]:
            yield first, i - 1
            first = i


def scan_pairs(dirs):
    """The (transcription, English-model OCR) files of the real scans in `dirs`."""
    for d in dirs:
        for name in sorted(os.listdir(d)):
            if name.endswith(".gt.txt"):
                ocr = os.path.join(d, name[:-len(".gt.txt")] + ".eng-ocr.txt")
                if os.path.exists(ocr):
                    yield os.path.join(d, name), ocr


def count(files):
    total = collections.Counter()
    pairs = collections.Counter()
    rules = collections.Counter()
    for truth_path, ocr_path in files:
        for t, r in line_pairs(truth_path, ocr_path):
            word_rules(t, r, rules)
            total.update(t)
            total[""] += len(t)  # insertion opportunities
            pairs.update((c, c) for c in t)  # kept letters; the edits below take theirs back
            for op, i, j in Levenshtein.editops(t, r):
                if op != "insert":
                    pairs[(t[i], t[i])] -= 1
                if op == "replace":
                    pairs[(t[i], r[j])] += 1
                elif op == "delete":
                    pairs[(t[i], "")] += 1
                else:
                    pairs[("", r[j])] += 1
    return total, pairs, rules


def write_table(path, total, pairs, rules, min_count):
    rows = []
    for (t, r), c in sorted(pairs.items()):
        if c < min_count or t.isspace() or r.isspace():
            continue
        cost = -math.log(c / max(1, total[t]))
        kind = "sub" if t and r else ("del" if t else "ins")
        rows.append(f"{kind}\t{t}\t{r}\t{cost:.2f}")
    for (t, r), c in sorted(rules.items()):
        # A rewrite must read something (deletions are the decoder's own edits) and be
        # plain letters or digits: the tokenizer has already split off punctuation.
        if c >= min_count and r and (t + r).isalnum():
            rows.append(f"rule\t{t}\t{r}\t{c}")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    print(f"{path}: {len(rows)} entries from {sum(total[t] for t in total if t)} characters", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=12)
    ap.add_argument("--work", default="/tmp/vanban-channel")
    ap.add_argument("--out", default=os.path.join(HERE, "..", "models"))
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--pairs", action="append", default=[])
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    make_pages(a.work, a.pages, random.Random(2024))
    for lang in ("eng", "vie"):
        files = [(os.path.join(a.work, f"page{k}.txt"), os.path.join(a.work, f"page{k}.{lang}.txt"))
                 for k in range(a.pages)]
        total, pairs, rules = count(files)
        if lang == "eng":
            rules += count(scan_pairs(a.pairs))[2]
        write_table(os.path.join(a.out, f"ocr-channel-{lang}.tsv"), total, pairs, rules, a.min_count)


if __name__ == "__main__":
    main()
