#!/usr/bin/python3
"""Letter-token accuracy of restored stripped text, exactly as vnscore.py --aligned counts it,
without vnscore's whole-text edit distances (too slow for held-out sets of 100k+ tokens).
usage: restore_token_acc.py REF HYP [--errors N]"""
import os, re, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../shared/tools"))
from vnscore import canon

ref = canon(open(sys.argv[1], encoding="utf-8").read())
hyp = canon(open(sys.argv[2], encoding="utf-8").read())
if len(ref) != len(hyp):
    sys.exit(f"token counts differ: {len(ref)} vs {len(hyp)}")
pairs = [(r, h) for r, h in zip(ref, hyp) if re.search(r"[^\W\d_]", r)]
ok = sum(r == h for r, h in pairs)
print(f"token_acc={ok / max(1, len(pairs)):.4f} tokens={len(pairs)} errors={len(pairs) - ok}")
if "--errors" in sys.argv:
    from collections import Counter
    errs = Counter((r, h) for r, h in pairs if r != h)
    for (r, h), n in errs.most_common(int(sys.argv[sys.argv.index("--errors") + 1])):
        print(n, r, "->", h)
