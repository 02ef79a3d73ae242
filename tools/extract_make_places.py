#!/usr/bin/env python3
"""Derives dictionaries/places.txt (the place names a "Place, ngày … tháng … năm …" line or an
agency name may carry) from the administrative-unit lists in ../shared/wordlists: the unit
prefix (Tỉnh, Huyện, Xã, …) is dropped, numbered wards are skipped, and provinces and cities come
first so that the extractor prefers them when a skeleton is ambiguous.

Usage: tools/extract_make_places.py [SHARED_DIR] > dictionaries/places.txt
"""
import sys
import unicodedata
from pathlib import Path

PREFIXES = ["Thành phố", "Thị trấn", "Thị xã", "Đặc khu", "Tỉnh", "Huyện", "Quận", "Phường", "Xã"]
TOP_LEVEL = ("Tỉnh", "Thành phố")


def split_unit(line):
    for prefix in PREFIXES:
        if line.lower().startswith(prefix.lower() + " "):
            return prefix, line[len(prefix) + 1:].strip()
    return None, line.strip()


def main():
    shared = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent.parent / "shared")
    words = shared / "wordlists"
    top, rest = [], []
    for name in ("admin_unit_names_2025.txt", "admin_unit_names_pre2025.txt"):
        for raw in (words / name).read_text(encoding="utf-8").splitlines():
            line = unicodedata.normalize("NFC", raw.strip())
            if not line:
                continue
            prefix, place = split_unit(line)
            if not place or place[0].isdigit():
                continue
            (top if prefix in TOP_LEVEL or prefix is None else rest).append(place)
    seen = set()
    print("# Place names derived by tools/extract_make_places.py from ../shared/wordlists")
    print("# (administrative units before and after the 2025 reform, unit prefix removed).")
    print("# Provinces and cities first.")
    for place in top + sorted(rest):
        if place not in seen:
            seen.add(place)
            print(place)


if __name__ == "__main__":
    main()
