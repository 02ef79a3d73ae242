#!/usr/bin/python3
"""Turns a clean 300 dpi page image into a scan-like one, reproducibly, for held-out OCR tests.

usage: degrade_page.py IN.png OUT.{png,jpg} --mode degraded|curled [--seed N]

degraded: an office scan gone wrong: a slight skew (0.5-2 degrees either way), blur, grain,
          uneven lighting, saved as a mid-quality JPEG when OUT ends in .jpg.
curled:   a book-like curl: every column is shifted down by a smooth bow that grows towards the
          right edge (as a page lifting off the glass bends), plus the mild blur and grain of a
          scan; no skew, so what it tests is the curl alone.
The random draws depend only on --seed and the input's file name, so every page gets its own
but repeatable damage.
"""
import argparse, os, zlib
import numpy as np
from PIL import Image, ImageFilter

ap = argparse.ArgumentParser()
ap.add_argument("src"); ap.add_argument("out")
ap.add_argument("--mode", choices=["degraded", "curled"], required=True)
ap.add_argument("--seed", type=int, default=1)
a = ap.parse_args()
rng = np.random.default_rng([a.seed, zlib.crc32(os.path.basename(a.src).encode())])
img = Image.open(a.src).convert("RGB")  # colour kept: red seals stay red, as on a colour scan
dpi = 300


def grain(arr, sigma):
    return arr + rng.normal(0, sigma, arr.shape)


def curl(im):
    # Row shift dy = depth * (x/W)^2 * (0.4 + 0.6 sin(pi y/H)): strongest at the right edge and
    # mid-page; a line bows by depth/4 off its chord (20-34 px at 300 dpi, half a line pitch).
    arr = np.asarray(im).astype(np.float32)
    h, w = arr.shape[:2]
    depth = rng.uniform(0.25, 0.45) * dpi
    xx = np.arange(w) / w
    yy = np.arange(h) / h
    dy = depth * (xx[None, :] ** 2) * (0.4 + 0.6 * np.sin(np.pi * yy[:, None]))
    src_y = np.clip(np.arange(h)[:, None] - dy, 0, h - 1)
    y0 = np.floor(src_y).astype(int)
    y1 = np.minimum(y0 + 1, h - 1)
    f = src_y - y0
    cols = np.arange(w)[None, :]
    f = f[..., None]
    out = arr[y0, cols] * (1 - f) + arr[y1, cols] * f
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))


if a.mode == "degraded":
    angle = rng.uniform(0.5, 2.0) * rng.choice([-1, 1])
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(255, 255, 255))
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.7, 1.1)))
    arr = np.asarray(img).astype(np.float32)
    yy, xx = np.mgrid[0:arr.shape[0], 0:arr.shape[1]]
    phase = rng.uniform(0, 2 * np.pi)
    light = 0.8 + 0.2 * np.sin(xx / 650.0 + phase) * np.cos(yy / 850.0)  # lamp falloff, shadow
    arr = arr * light[..., None]
    img = Image.fromarray(np.clip(grain(arr, 8), 0, 255).astype(np.uint8))
else:
    img = curl(img).filter(ImageFilter.GaussianBlur(0.7))
    img = Image.fromarray(np.clip(grain(np.asarray(img).astype(np.float32), 5), 0, 255).astype(np.uint8))

if a.out.endswith(".jpg"):
    img.save(a.out, quality=60, dpi=(dpi, dpi))
else:
    img.save(a.out, dpi=(dpi, dpi))
