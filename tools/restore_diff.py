#!/usr/bin/python3
"""Word-level differences between a reference and a restorer output (or raw OCR), for reading
what the restorer still gets wrong: prints each differing stretch as "ref => hyp".

usage: restore_diff.py REF HYP [RAW]   (with RAW, also counts syllables RAW→HYP changed right/wrong)
"""
import sys, difflib, unicodedata

def toks(path):
    return unicodedata.normalize("NFC", open(path, encoding="utf-8").read()).split()

def canon(t):
    sys.path.insert(0, "/work/shared/tools")
    import vnscore
    return vnscore.canon_syllable(t)

def main():
    ref, hyp = toks(sys.argv[1]), toks(sys.argv[2])
    r, h = [canon(t) for t in ref], [canon(t) for t in hyp]
    sm = difflib.SequenceMatcher(None, r, h, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "equal":
            print(f"{' '.join(ref[i1:i2])}  =>  {' '.join(hyp[j1:j2])}")
    if len(sys.argv) > 3:
        # Syllables the restorer changed, judged against the reference: each RAW token aligned to
        # HYP 1:1 (restoration keeps token counts), then RAW to REF.
        raw = toks(sys.argv[3])
        if len(raw) != len(hyp):
            print(f"token counts differ raw {len(raw)} hyp {len(hyp)}", file=sys.stderr)
            return
        rr = [canon(t) for t in raw]
        ref_of = {}
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, rr, r, autojunk=False).get_opcodes():
            if op in ("equal", "replace") and i2 - i1 == j2 - j1:
                for k in range(i2 - i1):
                    ref_of[i1 + k] = r[j1 + k]
        right = wrong = bad = 0
        for k, (a, b) in enumerate(zip(rr, h)):
            if a == b:
                continue
            truth = ref_of.get(k)
            if truth == b:
                right += 1
            elif truth == a:
                bad += 1
                print(f"BROKE: {raw[k]} -> {hyp[k]}")
            else:
                wrong += 1
                print(f"STILL WRONG: {raw[k]} -> {hyp[k]} (ref {truth})")
        print(f"changed: {right} fixed, {bad} broke a correct syllable, {wrong} wrong before and after")

main()
