#!/usr/bin/python3
"""Renders scanned PDFs as archives and phones would hand them over: proxies for measuring.

usage: make_proxy_scans.py grey|bitonal|photo OUT_DIR PDF...

grey:    each page at 200 dpi in grey (pdftoppm -gray): a red seal is dark ink, not colour.
bitonal: the grey page thresholded at 140 into 1 bit (CCITT in the PDF), as an archive's
         black-and-white scanner gives it (a threshold, not dithering).
photo:   each page at 200 dpi on a dark table, seen at a slant (the far edge 2-6 % narrower,
         turned up to 1.5 %), JPEG 85: a phone photo of the sheet.
One PDF per input, of the same name, at 200 dpi. The photo's slant depends only on the file name.
Needs poppler-utils and PIL (python3-pil); the sources are the inputs, nothing is downloaded.
"""
import glob, os, subprocess, sys, tempfile, zlib

import numpy as np
from PIL import Image


def pages_of(pdf, directory, grey):
    subprocess.run(['pdftoppm', '-r', '200', '-gray' if grey else '-png', pdf, directory + '/p'], check=True)
    return sorted(glob.glob(directory + '/p*'))


def perspective(src, dst):
    """PIL's PERSPECTIVE coefficients taking output points `dst` to input points `src`."""
    a, b = [], []
    for (x, y), (u, v) in zip(dst, src):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y]); b.append(u)
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y]); b.append(v)
    return np.linalg.solve(np.array(a, float), np.array(b, float)).tolist()


def photo(page, rng):
    w, h = page.size
    big_w, big_h = int(w * 1.14), int(h * 1.1)
    x0, y0 = (big_w - w) // 2, (big_h - h) // 2
    table = Image.new('RGB', (big_w, big_h), (70, 62, 55))
    table.paste(page, (x0, y0))
    keystone, turn = rng.uniform(0.02, 0.06) * w, rng.uniform(-0.015, 0.015) * h
    flat = [(x0, y0), (x0 + w, y0), (x0 + w, y0 + h), (x0, y0 + h)]
    if rng.random() < 0.7:  # usually the top edge is the far one
        seen = [(x0 + keystone, y0 + turn), (x0 + w - keystone, y0 - turn), (x0 + w, y0 + h - turn), (x0, y0 + h + turn)]
    else:
        seen = [(x0, y0 + turn), (x0 + w, y0 - turn), (x0 + w - keystone, y0 + h - turn), (x0 + keystone, y0 + h + turn)]
    return table.transform((big_w, big_h), Image.PERSPECTIVE, perspective(flat, seen), Image.BICUBIC,
                           fillcolor=(70, 62, 55))


def main():
    mode, out, pdfs = sys.argv[1], sys.argv[2], sys.argv[3:]
    if mode not in ('grey', 'bitonal', 'photo') or not pdfs:
        sys.exit(__doc__)
    os.makedirs(out, exist_ok=True)
    for pdf in pdfs:
        name = os.path.basename(pdf)
        rng = np.random.default_rng(zlib.crc32(name.encode()))
        with tempfile.TemporaryDirectory() as directory:
            images = []
            for path in pages_of(pdf, directory, mode != 'photo'):
                page = Image.open(path)
                if mode == 'bitonal':
                    page = page.convert('L').point(lambda v: 255 if v > 140 else 0).convert('1', dither=Image.Dither.NONE)
                elif mode == 'photo':
                    jpeg = path + '.jpg'
                    photo(page.convert('RGB'), rng).save(jpeg, quality=85)
                    page = Image.open(jpeg)
                else:
                    page = page.convert('L')
                images.append(page)
            images[0].save(os.path.join(out, name), save_all=True, append_images=images[1:], resolution=200)


if __name__ == '__main__':
    main()
