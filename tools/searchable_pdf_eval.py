#!/usr/bin/python3
"""Measures vanban's searchable PDFs against their input PDFs (README, "The searchable PDF").

usage: searchable_pdf_eval.py OUTDIR INPUT.pdf... [--baseline OUTDIR2]

For each input, OUTDIR/<name>.pdf, .txt and .json are vanban's outputs (vanban ocr … --format
txt,json,pdf). Prints a row per document and the totals:
- sizes: every page's MediaBox, CropBox and /Rotate equal to the input's (qpdf --json);
- images: every image stream of the input in the output with the same raw bytes;
- size: output bytes / input bytes, and the bytes over the input per character of text;
- found: the share of the document's text words (its .txt) that `pdftotext` gives back from the
  PDF (multiset of whitespace-separated words); with --baseline, the same for the other output
  folder (an older vanban), on its own .txt;
- check: `qpdf --check` exit status 0;
- pdfa: the catalog has XMP with pdfaid:part 2, an output intent, and every font is embedded;
- signatures: entries of the JSON's "signatures" against the signed fields pdfsig lists.
"""
import base64
import collections
import hashlib
import json
import os
import re
import subprocess
import sys


def qpdf_json(path):
    out = subprocess.run(["qpdf", "--json", "--json-stream-data=inline", "--decode-level=none", path],
                         capture_output=True, check=False).stdout
    return json.loads(out.decode("utf-8", "replace"))


def objects(doc):
    return doc["qpdf"][1]


def resolve(objs, value):
    while isinstance(value, str) and value.endswith(" R"):
        value = objs.get("obj:" + value, {}).get("value", objs.get("obj:" + value, {}).get("stream", {}).get("dict"))
    return value


def page_boxes(doc):
    objs = objects(doc)
    boxes = []
    for page in doc["pages"]:
        obj = objs["obj:" + page["object"]]["value"]
        boxes.append(tuple(json.dumps(resolve(objs, obj.get(k))) for k in ("/MediaBox", "/CropBox", "/Rotate")))
    return boxes


def image_hashes(doc):
    hashes = collections.Counter()
    for key, obj in objects(doc).items():
        stream = obj.get("stream") if isinstance(obj, dict) else None
        if stream and stream["dict"].get("/Subtype") == "/Image" and "data" in stream:
            hashes[hashlib.sha1(base64.b64decode(stream["data"])).hexdigest()] += 1
    return hashes


def words_found(pdf, txt):
    if not os.path.exists(pdf) or not os.path.exists(txt):
        return 0, 0
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True, check=False).stdout.decode()
    want = collections.Counter(open(txt, encoding="utf-8").read().split())
    got = collections.Counter(text.split())
    return sum((want & got).values()), sum(want.values())


def pdfa_parts(doc):
    objs = objects(doc)
    catalog = next((o["value"] for o in objs.values() if isinstance(o, dict) and isinstance(o.get("value"), dict)
                    and o["value"].get("/Type") == "/Catalog"), {})
    xmp = ""
    meta = catalog.get("/Metadata")
    if isinstance(meta, str):
        stream = objs.get("obj:" + meta, {}).get("stream", {})
        xmp = base64.b64decode(stream.get("data", "")).decode("utf-8", "replace")
    fonts_embedded = True
    for o in objs.values():
        value = o.get("value") if isinstance(o, dict) else None
        if isinstance(value, dict) and value.get("/Type") == "/FontDescriptor":
            fonts_embedded &= any(k in value for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return (bool(re.search(r"pdfaid:part(>|=[\"'])2", xmp)), "/OutputIntents" in catalog, fonts_embedded)


def signed_fields(path):
    out = subprocess.run(["pdfsig", path], capture_output=True, check=False).stdout.decode("utf-8", "replace")
    return out.count("Signature Field Name")


def main():
    args = sys.argv[1:]
    baseline = None
    if "--baseline" in args:
        i = args.index("--baseline")
        baseline = args[i + 1]
        del args[i:i + 2]
    outdir, inputs = args[0], args[1:]
    totals = collections.Counter()
    print("document | pages same | images kept | size ratio | B/char over | found | found baseline | check | pdfa xmp/intent/fonts | signatures json/pdfsig")
    for path in inputs:
        name = os.path.splitext(os.path.basename(path))[0]
        out_pdf = os.path.join(outdir, name + ".pdf")
        src, dst = qpdf_json(path), qpdf_json(out_pdf)
        same_pages = page_boxes(src) == page_boxes(dst)
        src_images, dst_images = image_hashes(src), image_hashes(dst)
        kept = sum((src_images & dst_images).values())
        size_in, size_out = os.path.getsize(path), os.path.getsize(out_pdf)
        text = open(os.path.join(outdir, name + ".txt"), encoding="utf-8").read()
        found, words = words_found(out_pdf, os.path.join(outdir, name + ".txt"))
        base = words_found(os.path.join(baseline, name + ".pdf"), os.path.join(baseline, name + ".txt")) if baseline else (0, 0)
        check = subprocess.run(["qpdf", "--check", out_pdf], capture_output=True, check=False).returncode
        pdfa = pdfa_parts(dst)
        signatures = len(json.load(open(os.path.join(outdir, name + ".json"), encoding="utf-8")).get("signatures", []))
        pdfsig = signed_fields(path)
        print(f"{name} | {same_pages} | {kept}/{sum(src_images.values())} | {size_out / size_in:.3f} | "
              f"{(size_out - size_in) / max(1, len(text)):.1f} | {found}/{words} | {base[0]}/{base[1]} | {check} | "
              f"{'/'.join(str(p) for p in pdfa)} | {signatures}/{pdfsig}")
        totals.update(docs=1, same_pages=int(same_pages), kept=kept, images=sum(src_images.values()), size_in=size_in,
                      size_out=size_out, chars=len(text), found=found, words=words, base_found=base[0],
                      base_words=base[1], check_ok=int(check == 0), xmp=int(pdfa[0]), intent=int(pdfa[1]), fonts=int(pdfa[2]),
                      signatures=signatures, pdfsig=pdfsig, signatures_match=int(signatures == pdfsig))
    t = totals
    print(f"TOTAL {t['docs']} documents: page boxes equal {t['same_pages']}/{t['docs']}; images kept "
          f"{t['kept']}/{t['images']}; size {t['size_out']} / {t['size_in']} B = {t['size_out'] / t['size_in']:.4f} "
          f"({(t['size_out'] - t['size_in']) / max(1, t['chars']):.1f} B over per character of text); found "
          f"{t['found']}/{t['words']} = {t['found'] / max(1, t['words']):.4f}"
          + (f" (baseline {t['base_found']}/{t['base_words']} = {t['base_found'] / max(1, t['base_words']):.4f})"
             if baseline else "")
          + f"; qpdf --check clean {t['check_ok']}/{t['docs']}; XMP pdfaid {t['xmp']}, output intent {t['intent']}, "
          f"all fonts embedded {t['fonts']}; signatures {t['signatures']} listed / {t['pdfsig']} signed fields "
          f"(documents matching {t['signatures_match']}/{t['docs']})")


if __name__ == "__main__":
    main()
