#!/usr/bin/python3
"""Renders a UTF-8 text file as scanned A4 pages: the project's own test-scan generator.

usage: make_page.py TEXT OUT.(png|jpg|tif|pdf) [--degrade 0|1|2] [--seal] [--urgency WORDS]
                    [--dpi 300] [--seed N]

Lines are set in Liberation Serif 13 pt (the metric twin of Times New Roman that Decree 30
prescribes). --degrade 1 adds a slight skew, blur and sensor noise; 2 a bad photocopy (more skew,
uneven light, speckles). --seal overprints a red round seal on the last lines, as on signed
dispatches. --urgency "HỎA TỐC" stamps page 1 with a red urgency stamp (Decree 30: bold capitals
in an 8 mm high frame, set by hand a little askew) at the right of the rows under "Số:".
Several pages go into one multi-page TIFF or PDF, or OUT_1.png, OUT_2.png …
"""
import argparse
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
BOLD_FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"
RED_INK = (225, 40, 45)


def layout(lines, dpi):
    """The pages, and where each line went on page 1: (text, top y)."""
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    font = ImageFont.truetype(FONT, int(13 * dpi / 72))
    line_height = int(font.size * 1.4)
    margin_x, margin_y = int(dpi * 1.0), int(dpi * 0.8)
    pages, page, y, first_page_rows = [], None, 0, []
    for line in lines:
        if page is None or y + line_height > height - margin_y:
            page = Image.new("RGB", (width, height), "white")
            pages.append(page)
            y = margin_y
        ImageDraw.Draw(page).text((margin_x, y), line, font=font, fill="black")
        if len(pages) == 1:
            first_page_rows.append((line, y))
        y += line_height if line.strip() else line_height // 2
    return pages, first_page_rows


def overprint(page, ink):
    # Red ink is multiplied over the print, as a real stamp sits on top of the toner.
    return Image.fromarray((np.asarray(page, np.float32) * np.asarray(ink, np.float32) / 255).astype(np.uint8))


def add_seal(page, rnd):
    w, h = page.size
    seal = Image.new("RGB", page.size, "white")
    d = ImageDraw.Draw(seal)
    cx, cy, r = int(w * rnd.uniform(0.45, 0.65)), int(h * rnd.uniform(0.15, 0.35)), int(w * 0.09)
    for k in range(3):
        d.ellipse((cx - r + 12 * k, cy - r + 12 * k, cx + r - 12 * k, cy + r - 12 * k), outline=RED_INK, width=9)
    d.regular_polygon((cx, cy, r // 3), 5, fill=RED_INK)
    return overprint(page, seal)


def add_urgency(page, words, rows, dpi, rnd):
    mm = dpi / 25.4
    font = ImageFont.truetype(BOLD_FONT, int(14 * dpi / 72))
    w, h = int(max(20 * mm, font.getlength(words) + 8 * mm)), int(8 * mm)
    stamp = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(stamp)
    d.rectangle((0, 0, w - 1, h - 1), outline=RED_INK, width=max(2, int(0.4 * mm)))
    d.text((w / 2, h / 2), words, font=font, fill=RED_INK, anchor="mm")
    stamp = stamp.rotate(rnd.uniform(-2.5, 2.5), resample=Image.BICUBIC, expand=True, fillcolor="white")
    # Under the number row, right of the short "V/v" lines; the third row when there is no "Số:".
    number_rows = [y for line, y in rows if line.lstrip().startswith("Số")]
    top = (number_rows[0] if number_rows else rows[min(2, len(rows) - 1)][1]) + int(10 * mm)
    layer = Image.new("RGB", page.size, "white")
    layer.paste(stamp, (page.size[0] - int(dpi * 1.0) - stamp.size[0], top))
    return overprint(page, layer)


def degrade(page, level, rnd):
    if level <= 0:
        return page
    page = page.rotate(rnd.uniform(-1.2, 1.2) * level, resample=Image.BICUBIC, fillcolor="white")
    page = page.filter(ImageFilter.GaussianBlur(0.5 + 0.35 * level))
    pixels = np.asarray(page, np.float32)
    if level >= 2:
        yy, xx = np.mgrid[0:pixels.shape[0], 0:pixels.shape[1]]
        pixels *= (0.88 + 0.12 * np.sin(xx / 650.0) * np.cos(yy / 820.0))[..., None]
        pixels[np.random.rand(*pixels.shape[:2]) < 0.001] = 0
    pixels += np.random.normal(0, 8 * level, pixels.shape)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("text")
    ap.add_argument("out")
    ap.add_argument("--degrade", type=int, default=0, choices=(0, 1, 2))
    ap.add_argument("--seal", action="store_true")
    ap.add_argument("--urgency", help='words of a red urgency stamp on page 1, e.g. "HỎA TỐC"')
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    np.random.seed(a.seed)
    lines = open(a.text, encoding="utf-8").read().splitlines()
    pages, first_page_rows = layout(lines, a.dpi)
    if a.seal:
        pages[-1] = add_seal(pages[-1], rnd)
    if a.urgency:
        pages[0] = add_urgency(pages[0], a.urgency, first_page_rows, a.dpi, rnd)
    pages = [degrade(p, a.degrade, rnd) for p in pages]
    if not (a.seal or a.urgency):
        pages = [p.convert("L") for p in pages]
    save = dict(dpi=(a.dpi, a.dpi))
    if a.out.endswith((".tif", ".tiff")):
        pages[0].save(a.out, save_all=True, append_images=pages[1:], compression="tiff_deflate", **save)
        return
    if a.out.endswith(".pdf"):
        pages[0].save(a.out, save_all=True, append_images=pages[1:], resolution=a.dpi, quality=60)
        return
    if a.out.endswith(".jpg"):
        save["quality"] = 60 if a.degrade >= 2 else 85
    for i, page in enumerate(pages):
        name = a.out if len(pages) == 1 else a.out.rsplit(".", 1)[0] + f"_{i + 1}." + a.out.rsplit(".", 1)[1]
        page.save(name, **save)


if __name__ == "__main__":
    main()
