#!/usr/bin/python3
"""Builds the multi-issuer generated dev set: pages of central bodies laid out by
tools/make_page.py (render_document) from real Công báo decrees and circulars, with their fields.

usage: make_issuer_docs.py specs [--corpus ../shared/corpus/legal/congbao_decrees_circulars.txt]
                                 [--out samples/truth3]
       make_issuer_docs.py render [--out samples/truth3] --images DIR

`specs` writes OUT/<split>/<kind>/<DOC>/{spec.json,fields.json}; `render` draws every spec as
DIR/<DOC>.png (colour, 300 dpi, the spec's degradation), which `vanban ocr` then reads like a
scan (tools/issuer_eval.sh). Subjects, "Căn cứ" lines and articles come from the corpus; the
issuer, notation, signer block, "Nơi nhận" and geometry from the templates below, so the truth
and the page come from one spec.

Splits: `tune` holds the first template of each kind with corpus documents from the first half of
the file; `report` the other templates (other issuers, signers, geometry) with documents from the
second half, and nothing was tuned on it.
"""
import argparse
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_page  # noqa: E402

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Ngọc", "Minh", "Quốc", "Thanh", "Đức", "Hồng", "Xuân", "Doãn", "Hữu", "Kim"]
GIVEN = ["Thưởng", "Long", "Hải", "Sơn", "Dũng", "Hùng", "Thắng", "Khải", "Nam", "Lan", "Hương", "Tuấn",
         "Chính", "Phớc", "Thanh", "Hòa", "Định", "Khuê"]

NATIONAL = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
GOVERNMENT_CC = [
    "Ban Bí thư Trung ương Đảng", "Thủ tướng, các Phó Thủ tướng Chính phủ",
    "Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ", "HĐND, UBND các tỉnh, thành phố trực thuộc trung ương",
    "Văn phòng Trung ương và các Ban của Đảng", "Văn phòng Tổng Bí thư", "Văn phòng Chủ tịch nước",
    "Hội đồng Dân tộc và các Ủy ban của Quốc hội", "Văn phòng Quốc hội", "Tòa án nhân dân tối cao",
    "Viện kiểm sát nhân dân tối cao", "Kiểm toán nhà nước",
    "VPCP: BTCN, các PCN, Trợ lý TTg, TGĐ Cổng TTĐT, các Vụ, Cục, đơn vị trực thuộc, Công báo"]

# kind → templates; the first template of a kind is the tuning one.
TEMPLATES = {
    "central": [
        dict(issuer=["CHÍNH PHỦ"], bold_from=0, type="NGHỊ ĐỊNH", notation="{n}/{y}/NĐ-CP",
             authority=["TM. CHÍNH PHỦ"], title=["THỦ TƯỚNG"], seal="CHÍNH PHỦ NƯỚC CỘNG HÒA XHCN VIỆT NAM",
             cc=GOVERNMENT_CC[:5] + ["Lưu: VT, KTTH (3b)"]),
        dict(issuer=["THỦ TƯỚNG CHÍNH PHỦ"], bold_from=0, type="QUYẾT ĐỊNH", notation="{n}/QĐ-TTg",
             authority=["KT. THỦ TƯỚNG"], title=["PHÓ THỦ TƯỚNG"],
             seal="THỦ TƯỚNG CHÍNH PHỦ", cc=GOVERNMENT_CC[2:4] + GOVERNMENT_CC[-1:] + ["Lưu: VT, KGVX (2b)"]),
        dict(issuer=["CHÍNH PHỦ"], bold_from=0, type="NGHỊ ĐỊNH", notation="{n}/{y}/NĐ-CP",
             authority=["TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG"], title=["PHÓ THỦ TƯỚNG"],
             seal="CHÍNH PHỦ NƯỚC CỘNG HÒA XHCN VIỆT NAM", cc=GOVERNMENT_CC[6:12] + ["Lưu: VT, PL (2)"]),
    ],
    "ministry": [
        dict(issuer=["BỘ GIÁO DỤC VÀ ĐÀO TẠO"], bold_from=0, type="THÔNG TƯ", notation="{n}/{y}/TT-BGDĐT",
             authority=["KT. BỘ TRƯỞNG"], title=["THỨ TRƯỞNG THƯỜNG TRỰC"],
             seal="BỘ GIÁO DỤC VÀ ĐÀO TẠO",
             cc=["Văn phòng Chính phủ", "Ban Tuyên giáo và Dân vận Trung ương", "Các Bộ, cơ quan ngang Bộ",
                 "Cục Kiểm tra VBQPPL (Bộ Tư pháp)", "Công báo", "Như Điều 3", "Lưu: VT, Vụ PC, Vụ GDĐH"]),
        dict(issuer=["BỘ TÀI CHÍNH"], bold_from=0, type="THÔNG TƯ", notation="{n}/{y}/TT-BTC",
             authority=["KT. BỘ TRƯỞNG"], title=["THỨ TRƯỞNG"], seal="BỘ TÀI CHÍNH",
             cc=["Văn phòng Trung ương Đảng", "Viện Kiểm sát nhân dân tối cao", "Kiểm toán nhà nước",
                 "Sở Tài chính, Kho bạc nhà nước các tỉnh, thành phố", "Công báo; Cổng TTĐT Chính phủ",
                 "Lưu: VT, Vụ NSNN (250b)"]),
        dict(issuer=["BỘ TÀI CHÍNH", "CỤC THUẾ"], bold_from=1, type="QUYẾT ĐỊNH", notation="{n}/QĐ-CT",
             authority=["KT. CỤC TRƯỞNG"], title=["PHÓ CỤC TRƯỞNG"], seal="CỤC THUẾ",
             cc=["Như Điều 3", "Bộ Tài chính (để b/c)", "Thuế các tỉnh, thành phố (t/h)", "Lưu: VT, PC (3b)"]),
        dict(issuer=["BỘ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"], bold_from=0, type="THÔNG TƯ",
             notation="{n}/{y}/TT-BLĐTBXH", authority=[], title=["BỘ TRƯỞNG"],
             seal="BỘ LAO ĐỘNG THƯƠNG BINH VÀ XÃ HỘI",
             cc=["Thủ tướng Chính phủ và các Phó Thủ tướng", "Văn phòng Quốc hội", "Các Bộ, cơ quan ngang Bộ",
                 "Sở LĐTBXH các tỉnh, thành phố trực thuộc trung ương", "Lưu: VT, Vụ PC, TCGDNN"]),
    ],
    "bank": [
        dict(issuer=["NGÂN HÀNG NHÀ NƯỚC", "VIỆT NAM"], bold_from=0, type="THÔNG TƯ", notation="{n}/{y}/TT-NHNN",
             authority=["KT. THỐNG ĐỐC"], title=["PHÓ THỐNG ĐỐC"],
             seal="NGÂN HÀNG NHÀ NƯỚC VIỆT NAM",
             cc=["Như Điều 3", "Ban lãnh đạo NHNN", "Văn phòng Chính phủ", "Bộ Tư pháp (để kiểm tra)",
                 "Công báo", "Lưu: VP, PC, TTGSNH5"]),
        dict(issuer=["NGÂN HÀNG NHÀ NƯỚC", "VIỆT NAM"], bold_from=0, type="QUYẾT ĐỊNH", notation="{n}/QĐ-NHNN",
             authority=[], title=["THỐNG ĐỐC"], seal="NGÂN HÀNG NHÀ NƯỚC VIỆT NAM",
             cc=["Như Điều 3", "Ban lãnh đạo NHNN (để b/c)", "Lưu: VP, TCCB, CSTT"]),
    ],
    "justice": [
        dict(issuer=["VIỆN KIỂM SÁT NHÂN DÂN", "TỐI CAO"], bold_from=0, type="QUYẾT ĐỊNH", notation="{n}/QĐ-VKSTC",
             authority=["KT. VIỆN TRƯỞNG"], title=["PHÓ VIỆN TRƯỞNG"],
             seal="VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO",
             cc=["Như Điều 3", "Đ/c Viện trưởng VKSND tối cao (để b/c)", "Các đồng chí Phó Viện trưởng",
                 "VKSND cấp cao 1, 2, 3", "VKSND các tỉnh, thành phố", "Lưu: VT, V14"]),
        dict(issuer=["TÒA ÁN NHÂN DÂN TỐI CAO"], bold_from=0, type="QUYẾT ĐỊNH", notation="{n}/QĐ-TANDTC",
             authority=["KT. CHÁNH ÁN"], title=["PHÓ CHÁNH ÁN"], seal="TÒA ÁN NHÂN DÂN TỐI CAO",
             cc=["Như Điều 3", "Chánh án TANDTC (để b/c)", "Các TAND cấp cao", "TAND các tỉnh, thành phố",
                 "Cổng TTĐT TANDTC", "Lưu: VT, Vụ TCCB"]),
        dict(issuer=["TÒA ÁN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"], bold_from=0, type="QUYẾT ĐỊNH",
             notation="{n}/QĐ-TA", authority=[], title=["CHÁNH ÁN"],
             seal="TÒA ÁN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", place="Thành phố Hồ Chí Minh",
             cc=["Như Điều 3", "TAND tối cao (b/c)", "VKSND Thành phố", "Lưu: VT, TCCB"]),
    ],
    "party": [
        dict(issuer=["BAN CHẤP HÀNH TRUNG ƯƠNG", "*"], bold_from=0, type="CHỈ THỊ", notation="{n}-CT/TW",
             number_label="Số", national=["ĐẢNG CỘNG SẢN VIỆT NAM"], intro=["CỦA BAN BÍ THƯ"],
             authority=["T/M BAN BÍ THƯ"], title=[], seal="BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG CỘNG SẢN VIỆT NAM",
             cc=["Các tỉnh ủy, thành ủy", "Các ban đảng, ban cán sự đảng, đảng đoàn, đảng ủy trực thuộc Trung ương",
                 "Các đảng ủy đơn vị sự nghiệp Trung ương", "Lưu Văn phòng Trung ương Đảng"]),
        dict(issuer=["BAN CHẤP HÀNH TRUNG ƯƠNG", "*"], bold_from=0, type="KẾT LUẬN", notation="{n}-KL/TW",
             number_label="Số", national=["ĐẢNG CỘNG SẢN VIỆT NAM"], intro=["CỦA BỘ CHÍNH TRỊ"],
             authority=["T/M BỘ CHÍNH TRỊ"], title=[], seal="BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG CỘNG SẢN VIỆT NAM",
             cc=["Các tỉnh ủy, thành ủy", "Các đảng ủy trực thuộc Trung ương", "Các đồng chí Ủy viên Ban Chấp hành Trung ương Đảng",
                 "Lưu Văn phòng Trung ương Đảng"]),
    ],
    "university": [
        dict(issuer=["BỘ CÔNG THƯƠNG", "TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG", "THÀNH PHỐ HỒ CHÍ MINH"], bold_from=1,
             type="QUYẾT ĐỊNH", notation="{n}/QĐ-DCT", authority=["KT. HIỆU TRƯỞNG"],
             title=["PHÓ HIỆU TRƯỞNG"], red_lines=["title", "name"], place="Thành phố Hồ Chí Minh",
             seal="TRƯỜNG ĐẠI HỌC CÔNG THƯƠNG TP. HỒ CHÍ MINH",
             cc=["Như Điều 3", "Ban Giám hiệu (b/c)", "Các khoa, phòng (t/h)", "Lưu: VT, P.ĐT"]),
        dict(issuer=["BỘ GIÁO DỤC VÀ ĐÀO TẠO", "TRƯỜNG ĐẠI HỌC SƯ PHẠM HÀ NỘI"], bold_from=1, type="QUYẾT ĐỊNH",
             notation="{n}/QĐ-ĐHSPHN", authority=[], title=["HIỆU TRƯỞNG"], red_lines=["name"],
             seal="TRƯỜNG ĐẠI HỌC SƯ PHẠM HÀ NỘI",
             cc=["Như Điều 3", "Bộ GD&ĐT (để b/c)", "Hội đồng trường", "Lưu: VT, TCCB"]),
        dict(issuer=["ĐẠI HỌC QUỐC GIA", "THÀNH PHỐ HỒ CHÍ MINH", "TRƯỜNG ĐẠI HỌC BÁCH KHOA"], bold_from=2,
             type="QUYẾT ĐỊNH", notation="{n}/QĐ-ĐHBK", authority=["KT. HIỆU TRƯỞNG"],
             title=["PHÓ HIỆU TRƯỞNG"], red_lines=["title", "name"], place="Thành phố Hồ Chí Minh",
             seal="ĐẠI HỌC QUỐC GIA TP. HỒ CHÍ MINH TRƯỜNG ĐẠI HỌC BÁCH KHOA",
             cc=["Như Điều 3", "ĐHQG-HCM (để b/c)", "Các đơn vị (t/h)", "Lưu: VT, ĐTSĐH"]),
    ],
}


def corpus_documents(path):
    """(date, subject, paragraphs after the subject) of each document dated "Hà Nội, ngày …"."""
    lines = open(path, encoding="utf-8", errors="replace").read().split("\n")
    dated = re.compile(r"^Hà Nội, ngày (\d+) tháng (\d+) năm (\d{4})$")
    docs = []
    for i, line in enumerate(lines):
        m = dated.match(line)
        if not m or i + 12 >= len(lines):
            continue
        subject = lines[i + 1].split(" Căn cứ ")[0]
        rest = [lines[i + 1][len(subject) + 1:]] if " Căn cứ " in lines[i + 1] else []
        j = i + 2
        while j < len(lines) and lines[j] and not lines[j].startswith("Căn cứ") and lines[j] != lines[j].upper():
            subject += " " + lines[j].split(" Căn cứ ")[0]
            j += 1
        while j < len(lines) and lines[j] == lines[j].upper():
            j += 1
        body = [p for p in rest + lines[j:j + 16] if len(p) >= 40 and not p.startswith(("Cơ quan:", "Ký bởi"))]
        if not body or not body[0].startswith("Căn cứ") or not 40 <= len(subject) <= 230 or "…" in subject:
            continue
        day, month, year = (int(x) for x in m.groups())
        docs.append(dict(day=day, month=month, year=year, subject=subject, body=body, line=i + 1))
    return docs


def subject_lines(text, width_chars):
    """The subject broken as a typist breaks it: lines of about `width_chars`."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width_chars:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + [line]


def make_spec(kind, template, source, rnd, tuning):
    serial = rnd.randint(1, 399)
    number = template["notation"].format(n=serial, y=source["year"])
    place = template.get("place", "Hà Nội")
    fill_in = not tuning and rnd.random() < 0.25
    day = f"{source['day']:02d}" if source["day"] < 10 or rnd.random() < 0.5 else str(source["day"])
    typed_serial = "{" + str(serial) + "}" if fill_in else str(serial)
    typed_day = "{" + day + "}" if fill_in else day
    label = template.get("number_label", "Số:")
    number_line = f"{label} {typed_serial}{number[len(str(serial)):]}"
    place_date = f"{place}, ngày {typed_day} tháng {source['month']} năm {source['year']}"
    subject = source["subject"]
    if template["type"] == "QUYẾT ĐỊNH" and not subject.startswith("Về"):
        subject = "Về việc " + subject[0].lower() + subject[1:]
    if kind == "party":
        subject = "về " + subject[0].lower() + subject[1:]
    name = f"{rnd.choice(SURNAMES)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"
    geometry = dict(margin_left_mm=round(rnd.uniform(25, 32), 1), margin_right_mm=round(rnd.uniform(14, 20), 1),
                    margin_top_mm=round(rnd.uniform(15, 22), 1), font_pt=rnd.choice([13, 13.5, 14]),
                    left_column=round(rnd.uniform(0.38, 0.47), 3), spacing=round(rnd.uniform(1.15, 1.35), 2))
    spec = dict(issuer=template["issuer"], issuer_bold_from=template["bold_from"],
                national=template.get("national", NATIONAL), number=number_line, place_date=place_date,
                doc_type=template["type"], subject_intro=template.get("intro", []),
                subject_lines=subject_lines(subject, rnd.randint(55, 75)), body=source["body"],
                cc=[f"- {entry};" for entry in template["cc"][:-1]] + [f"- {template['cc'][-1]}."],
                signer=dict(authority=template["authority"], title=template["title"], name=name),
                red_lines=template.get("red_lines", []), seal=True, seal_text=template["seal"],
                geometry=geometry, degrade=0 if tuning else rnd.choice([0, 1]),
                source=f"congbao_decrees_circulars.txt line {source['line']}")
    issuer = " ".join(line for line in template["issuer"] if line != "*")
    fields = dict(issuer=issuer, number=number, doc_type=template["type"].capitalize(),
                  place=place, date=f"{source['year']:04d}-{source['month']:02d}-{source['day']:02d}",
                  subject=subject, recipients=[], signer_name=name,
                  signer_title=" ".join(template["title"]) or None,
                  signer_authority=" ".join(template["authority"]) or None, cc=template["cc"], urgency=None,
                  handwritten=["number", "date"] if fill_in else [], pages=1, kind=kind,
                  notes="Generated by tools/make_issuer_docs.py; number and day typed into the blanks after "
                        "signing (scored apart, like handwritten fill-ins)." if fill_in else
                        "Generated by tools/make_issuer_docs.py.")
    return spec, fields


def write_json(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        json.dump(value, out, ensure_ascii=False, indent=2)
        out.write("\n")


def specs(args):
    docs = corpus_documents(args.corpus)
    half = len(docs) // 2
    rnd = random.Random(19)
    for kind, templates in TEMPLATES.items():
        for t, template in enumerate(templates):
            tuning = t == 0
            pool = docs[:half] if tuning else docs[half:]
            for k in range(2 if tuning else 2):
                source = pool[rnd.randrange(len(pool))]
                spec, fields = make_spec(kind, template, source, rnd, tuning)
                doc = f"{kind}{t}{chr(ord('a') + k)}"
                fields = dict(doc=doc, **fields)
                folder = os.path.join(args.out, "tune" if tuning else "report", kind, doc)
                write_json(os.path.join(folder, "spec.json"), spec)
                write_json(os.path.join(folder, "fields.json"), fields)


def render(args):
    os.makedirs(args.images, exist_ok=True)
    for root, _, files in sorted(os.walk(args.out)):
        if "spec.json" not in files:
            continue
        doc = os.path.basename(root)
        with open(os.path.join(root, "spec.json"), encoding="utf-8") as f:
            spec = json.load(f)
        seed = sum(map(ord, doc))
        rnd = random.Random(seed)
        make_page.np.random.seed(seed)
        page = make_page.degrade(make_page.render_document(spec, 300, rnd), spec["degrade"], rnd)
        if args.grey:
            # As a grey scanner gives it back: the red seal and stamps as dark as the print.
            page = page.convert("L")
        page.save(os.path.join(args.images, doc + ".png"), dpi=(300, 300))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("command", choices=("specs", "render"))
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--corpus", default=os.path.join(here, "../../shared/corpus/legal/congbao_decrees_circulars.txt"))
    ap.add_argument("--out", default=os.path.join(here, "../samples/truth3"))
    ap.add_argument("--images")
    ap.add_argument("--grey", action="store_true", help="render: save the pages in grey (luminance)")
    args = ap.parse_args()
    if args.command == "render" and not args.images:
        ap.error("render needs --images DIR")
    (specs if args.command == "specs" else render)(args)


if __name__ == "__main__":
    main()
