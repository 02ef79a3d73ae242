#!/usr/bin/python3
"""Renders a UTF-8 text file as scanned A4 pages: the project's own test-scan generator.

usage: make_page.py TEXT OUT.(png|jpg|tif|pdf) [--degrade 0|1|2] [--seal] [--urgency WORDS [--urgency-angle DEG]]
                    [--dpi 300] [--seed N] [--rotate DEGREES] [--document [--pen-digits DIR]]

Lines are set in Liberation Serif 13 pt (the metric twin of Times New Roman that Decree 30
prescribes). --degrade 1 adds a slight skew, blur and sensor noise; 2 a bad photocopy (more skew,
uneven light, speckles). --rotate turns each page by exactly DEGREES counter-clockwise about its
centre, keeping its size (a sheet laid askew on the scanner). --seal overprints a red round seal on the last lines, as on signed
dispatches. --urgency "HỎA TỐC" stamps page 1 with a red urgency stamp (Decree 30: bold capitals
in an 8 mm high frame, set by hand a little askew) at the right of the rows under "Số:".
Several pages go into one multi-page TIFF or PDF, or OUT_1.png, OUT_2.png …

With --document, TEXT is a JSON spec and the page is laid out as Decree 30/2020 prescribes instead of one line under another (see
render_document: header columns, type and subject, body, the closing's two columns, a round emblem
seal over the signer's title and name, red rubber-stamped title/name lines);
tools/make_issuer_docs.py writes such specs from corpus decrees. Its fill-ins ({…} in "number"
and "place_date") are typed in another font, or with --pen-digits DIR written by hand: each digit
a pen digit cut from a real scan (DIR/<digit>_*.png, ink white on black: tests/ocr/data/hand_digits)
pasted in blue-black ink at a pen's size, and "~" an illegible scribble.
"""
import argparse
import glob
import json
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


def add_urgency(page, words, rows, dpi, rnd, angle=None):
    mm = dpi / 25.4
    font = ImageFont.truetype(BOLD_FONT, int(14 * dpi / 72))
    w, h = int(max(20 * mm, font.getlength(words) + 8 * mm)), int(8 * mm)
    stamp = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(stamp)
    d.rectangle((0, 0, w - 1, h - 1), outline=RED_INK, width=max(2, int(0.4 * mm)))
    d.text((w / 2, h / 2), words, font=font, fill=RED_INK, anchor="mm")
    # Set by hand a little askew, or turned as far as `angle` (counter-clockwise degrees).
    tilt = angle if angle is not None else rnd.uniform(-2.5, 2.5)
    stamp = stamp.rotate(tilt, resample=Image.BICUBIC, expand=True, fillcolor="white")
    # Under the number row, right of the short "V/v" lines; the third row when there is no "Số:".
    number_rows = [y for line, y in rows if line.lstrip().startswith("Số")]
    top = (number_rows[0] if number_rows else rows[min(2, len(rows) - 1)][1]) + int(10 * mm)
    layer = Image.new("RGB", page.size, "white")
    layer.paste(stamp, (page.size[0] - int(dpi * 1.0) - stamp.size[0], top))
    return overprint(page, layer)


ITALIC_FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf"
BOLD_ITALIC_FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-BoldItalic.ttf"
FILL_IN_FONT = "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"
BLUE_INK = (40, 60, 160)


class Pen:
    """Sizes in points and millimetres at one resolution."""

    def __init__(self, dpi):
        self.dpi = dpi

    def font(self, path, pt):
        return ImageFont.truetype(path, int(pt * self.dpi / 72))

    def mm(self, value):
        return int(value * self.dpi / 25.4)


def wrap(text, font, width):
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and font.getlength(trial) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return lines + [line] if line else lines


def centred(draw, text, font, centre_x, y, fill="black"):
    draw.text((centre_x - font.getlength(text) / 2, y), text, font=font, fill=fill)
    return font.getlength(text)


class PenFillIns:
    """Digits a clerk writes into the blanks: real pen digits pasted at a pen's size (a third
    taller than the print), "~" a scribble nobody can read."""
    INK = (25, 35, 110)

    def __init__(self, folder, rnd):
        self.crops = {d: sorted(glob.glob(f"{folder}/{d}_*.png")) for d in "0123456789"}
        self.rnd = rnd

    @staticmethod
    def length(part, font):
        return len(part) * int(font.size * 0.8) + font.size // 2

    def draw(self, page, part, font, x, y):
        x += font.size // 4
        height = int(font.size * 1.3)
        for ch in part:
            if ch == "~":
                self.scribble(page, x, y, height)
            else:
                crop = Image.open(self.rnd.choice(self.crops[ch])).convert("L")
                width = min(int(crop.width * height / crop.height), int(font.size * 0.75))
                crop = crop.resize((max(1, width), height))
                page.paste(Image.new("RGB", crop.size, self.INK), (int(x), int(y - font.size * 0.15)), crop)
            x += int(font.size * 0.8)

    def scribble(self, page, x, y, height):
        points = [(x + self.rnd.uniform(0, height * 0.6), y + self.rnd.uniform(-0.1, 1.0) * height) for _ in range(9)]
        ImageDraw.Draw(page).line(points, fill=self.INK, width=max(3, height // 12), joint="curve")


def draw_with_fill_ins(page, text, font, fill_font, x, y, pen=None):
    """Draws `text`; parts in {braces} are filled into the blanks later, typed in another font or
    by `pen` (PenFillIns)."""
    draw = ImageDraw.Draw(page)
    for k, part in enumerate(text.replace("}", "{").split("{")):
        if k % 2 and pen is not None:
            pen.draw(page, part, font, x, y)
            x += pen.length(part, font)
            continue
        used = fill_font if k % 2 else font
        draw.text((x, y + (font.size - used.size) // 2), part, font=used, fill="black")
        x += used.getlength(part)


def fill_in_length(text, font, fill_font, pen=None):
    parts = text.replace("}", "{").split("{")
    return sum((pen.length(p, font) if pen else fill_font.getlength(p)) if k % 2 else font.getlength(p)
               for k, p in enumerate(parts))


def add_emblem_seal(page, centre, radius, ring_text, pen):
    """A round agency seal: two rings, the agency's name round the edge, a star emblem inside."""
    seal = Image.new("RGB", page.size, "white")
    d = ImageDraw.Draw(seal)
    cx, cy = centre
    width = max(3, pen.mm(0.6))
    d.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=RED_INK, width=width)
    inner = int(radius * 0.62)
    d.ellipse((cx - inner, cy - inner, cx + inner, cy + inner), outline=RED_INK, width=width)
    d.regular_polygon((cx, cy, int(inner * 0.55)), 5, fill=RED_INK)
    font = pen.font(BOLD_FONT, 8)
    letters = list(ring_text + " ★ ")
    text_radius = (radius + inner) / 2
    for k, letter in enumerate(letters):
        angle = 2 * np.pi * k / len(letters) - np.pi / 2
        glyph = Image.new("L", (font.size * 2, font.size * 2), 0)
        ImageDraw.Draw(glyph).text((font.size, font.size), letter, font=font, fill=255, anchor="mm")
        glyph = glyph.rotate(-np.degrees(angle) - 90, resample=Image.BICUBIC)
        x = int(cx + text_radius * np.cos(angle)) - font.size
        y = int(cy + text_radius * np.sin(angle)) - font.size
        seal.paste(Image.new("RGB", glyph.size, RED_INK), (x, y), glyph)
    return overprint(page, seal)


def add_red_line(page, text, font, centre_x, y, rnd):
    """A rubber-stamped line of letters: red, a little askew, ink uneven."""
    w, h = int(font.getlength(text)) + 20, int(font.size * 1.6)
    stamp = Image.new("L", (w, h), 0)
    ImageDraw.Draw(stamp).text((10, h * 0.15), text, font=font, fill=255)
    stamp = stamp.rotate(rnd.uniform(-1.5, 1.5), resample=Image.BICUBIC, expand=True)
    mask = np.asarray(stamp, np.float32) * np.random.uniform(0.75, 1.0, stamp.size[::-1])
    layer = Image.new("RGB", page.size, "white")
    layer.paste(Image.new("RGB", stamp.size, RED_INK), (int(centre_x - w / 2), int(y - h * 0.1)),
                Image.fromarray(mask.astype(np.uint8)))
    return overprint(page, layer)


def add_signature(page, box, rnd):
    """A blue scribble, as a pen leaves it between the title and the name."""
    x0, y0, x1, y1 = box
    d = ImageDraw.Draw(page)
    points = [(x0 + (x1 - x0) * t, (y0 + y1) / 2 + (y1 - y0) * 0.35 * np.sin(t * rnd.uniform(9, 14) + rnd.uniform(0, 3)))
              for t in np.linspace(0, 1, 40)]
    d.line(points, fill=BLUE_INK, width=4, joint="curve")


def render_document(doc, dpi, rnd, pen_digits=None):
    """One A4 page laid out as Decree 30/2020 prescribes, from a spec (see tools/make_issuer_docs.py):
    issuer lines (upper levels regular, the issuing body bold) and the national title in two
    header columns, the number and place/date lines under them ({…} = typed into a blank later),
    the type and subject, body paragraphs as far as the page holds them, then "Nơi nhận" left
    and the signer block right, with a round seal over the title and name and the lines named in
    `red_lines` rubber-stamped in red."""
    pen, g = Pen(dpi), doc["geometry"]
    page = Image.new("RGB", (int(8.27 * dpi), int(11.69 * dpi)), "white")
    draw = ImageDraw.Draw(page)
    left, right = pen.mm(g["margin_left_mm"]), page.size[0] - pen.mm(g["margin_right_mm"])
    split = left + int((right - left) * g["left_column"])
    left_centre, right_centre = (left + split) / 2, (split + right) / 2
    head_pt, body_pt = g["font_pt"] - 1, g["font_pt"]
    regular, bold = pen.font(FONT, head_pt), pen.font(BOLD_FONT, head_pt)
    step = int(regular.size * g["spacing"])
    top = pen.mm(g["margin_top_mm"])

    y = top
    for k, line in enumerate(doc["issuer"]):
        last_width = centred(draw, line, bold if k >= doc["issuer_bold_from"] else regular, left_centre, y)
        y += step
    rule = min(last_width, pen.mm(30)) / 2
    draw.line((left_centre - rule, y + step // 4, left_centre + rule, y + step // 4), fill="black", width=3)
    left_bottom = y + step // 2
    y = top
    for line in doc["national"]:
        last_width = centred(draw, line, bold, right_centre, y)
        y += step
    draw.line((right_centre - last_width / 2, y + step // 5, right_centre + last_width / 2, y + step // 5), fill="black", width=3)
    y = max(left_bottom, y + step // 2)
    fill_font = pen.font(FILL_IN_FONT, head_pt - 1)
    hand = PenFillIns(pen_digits, rnd) if pen_digits else None
    number_font = pen.font(FONT, head_pt)
    draw_with_fill_ins(page, doc["number"], number_font, fill_font,
                       left_centre - fill_in_length(doc["number"], number_font, fill_font, hand) / 2, y, hand)
    date_font = pen.font(ITALIC_FONT, head_pt)
    draw_with_fill_ins(page, doc["place_date"], date_font, fill_font,
                       right_centre - fill_in_length(doc["place_date"], date_font, fill_font, hand) / 2, y, hand)
    y += step * 2

    body_regular, body_bold = pen.font(FONT, body_pt), pen.font(BOLD_FONT, body_pt)
    body_step = int(body_regular.size * g["spacing"])
    centred(draw, doc["doc_type"], pen.font(BOLD_FONT, body_pt + 1), (left + right) / 2, y)
    y += body_step
    for line in doc.get("subject_intro", []):
        centred(draw, line, body_bold, (left + right) / 2, y)
        y += body_step
    for line in doc["subject_lines"]:
        last_width = centred(draw, line, body_bold, (left + right) / 2, y)
        y += body_step
    draw.line(((left + right) / 2 - pen.mm(20), y + body_step // 4, (left + right) / 2 + pen.mm(20), y + body_step // 4), fill="black", width=3)
    y += body_step

    cc_title, cc_font = pen.font(BOLD_ITALIC_FONT, 12), pen.font(FONT, 11)
    cc_step = int(cc_font.size * 1.25)
    closing_height = max(cc_step * (len(doc["cc"]) + 1), body_step * 4 + pen.mm(28))
    bottom = page.size[1] - pen.mm(20) - closing_height
    indent = pen.mm(10)
    for paragraph in doc["body"]:
        lines = wrap(paragraph, body_regular, right - left - indent)
        if y + body_step * len(lines) > bottom:
            break
        for k, line in enumerate(lines):
            draw.text((left + (indent if k == 0 else 0), y), line, font=body_regular, fill="black")
            y += body_step
    y += body_step // 2

    cc_top = y
    draw.text((left, y), "Nơi nhận:", font=cc_title, fill="black")
    y += cc_step
    for entry in doc["cc"]:
        for k, line in enumerate(wrap(entry, cc_font, split - left - pen.mm(2))):
            draw.text((left + (0 if k == 0 else pen.mm(2)), y), line, font=cc_font, fill="black")
            y += cc_step

    signer_font = pen.font(BOLD_FONT, body_pt)
    y = cc_top
    rows = {}
    for key in ("authority", "title"):
        for line in doc["signer"].get(key, []):
            rows.setdefault(key, y)
            if key not in doc["red_lines"]:
                centred(draw, line, signer_font, right_centre, y)
            y += body_step
    signature_top = y
    y += pen.mm(24)
    rows["name"] = y
    if "name" not in doc["red_lines"]:
        centred(draw, doc["signer"]["name"], signer_font, right_centre, y)
    add_signature(page, (right_centre - pen.mm(18), signature_top + pen.mm(4), right_centre + pen.mm(18),
                         signature_top + pen.mm(18)), rnd)
    for key in doc["red_lines"]:
        lines = doc["signer"][key] if key != "name" else [doc["signer"]["name"]]
        for k, line in enumerate(lines):
            page = add_red_line(page, line, signer_font, right_centre, rows[key] + k * body_step, rnd)
    if doc.get("seal"):
        radius = pen.mm(19)
        anchor = rows.get("title", rows.get("authority", signature_top))
        centre = (int(right_centre - pen.mm(rnd.uniform(12, 20))), int((anchor + rows["name"]) / 2 + pen.mm(rnd.uniform(-3, 3))))
        page = add_emblem_seal(page, centre, radius, doc["seal_text"], pen)
    return page


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
    ap.add_argument("--urgency-angle", type=float, help="turn the urgency stamp this many degrees counter-clockwise")
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--rotate", type=float, default=0, help="turn every page this many degrees counter-clockwise")
    ap.add_argument("--document", action="store_true", help="TEXT is a JSON spec of one page (render_document)")
    ap.add_argument("--pen-digits", help="folder of pen digit crops: the spec's fill-ins are handwritten")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    np.random.seed(a.seed)
    if a.document:
        with open(a.text, encoding="utf-8") as spec:
            pages, first_page_rows = [render_document(json.load(spec), a.dpi, rnd, a.pen_digits)], []
    else:
        pages, first_page_rows = layout(open(a.text, encoding="utf-8").read().splitlines(), a.dpi)
    if a.seal:
        pages[-1] = add_seal(pages[-1], rnd)
    if a.urgency:
        pages[0] = add_urgency(pages[0], a.urgency, first_page_rows, a.dpi, rnd, a.urgency_angle)
    pages = [degrade(p, a.degrade, rnd) for p in pages]
    if a.rotate:
        pages = [p.rotate(a.rotate, resample=Image.BICUBIC, fillcolor="white") for p in pages]
    if not (a.seal or a.urgency or a.document):
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
