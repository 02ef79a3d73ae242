"""`vanban export`'s tables read back through Python's csv module: Vietnamese text intact, commas,
quotes and line breaks inside values kept, one row per document, a broken JSON reported while the
others are still exported. ctest sets VANBAN_SOURCE_DIR and VANBAN_CLI."""

import csv
import json
import os
import subprocess
import tempfile
import unittest

SOURCE = os.environ["VANBAN_SOURCE_DIR"]
CLI = os.environ["VANBAN_CLI"]

# A document JSON as `vanban ocr` writes it, with values that need quoting; review entries in
# the object form they are becoming.
QUANG_NGAI = {
    "source": "scans/574_UB.pdf",
    "pages": 2,
    "text": "…",
    "fields": {
        "issuer": "Ủy ban nhân dân tỉnh Quảng Ngãi",
        "number": "574/UBND-KTTH",
        "number_serial": "574",
        "number_notation": "UBND-KTTH",
        "doc_type": "Công văn",
        "place": "Quảng Ngãi",
        "date": "2025-02-07",
        "subject": 'triển khai "Kế hoạch số 12", năm 2025\nvà các việc liên quan',
        "recipients": ["Sở Tài chính", "UBND các huyện, thị xã, thành phố"],
        "signer_name": "Nguyễn Quốc Việt",
        "signer_title": "PHÓ CHỦ TỊCH",
        "signer_authority": "KT. CHỦ TỊCH",
        "cc": ["Như trên", "Lưu: VT, KTTH"],
        "urgency": "Khẩn",
        "references": [],
    },
    "confidence": {},
    "review": [{"field": "number", "reason": "handwritten", "page": 1, "box": [10, 20, 30, 40],
                "value": "574", "candidates": []}],
    "signature_stamp": None,
    "signatures": [],
    "page_results": [],
}


def rows(path, encoding):
    with open(path, newline="", encoding=encoding) as f:
        return list(csv.reader(f, strict=True))


class ExportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        out = os.path.join(cls.tmp.name, "out")
        os.makedirs(os.path.join(out, "kiengiang"))
        os.makedirs(os.path.join(out, "quangngai"))
        seed = os.path.join(SOURCE, "samples/kiengiang-2577-UBND-KGVX.gt.txt")
        with open(os.path.join(out, "kiengiang", "2577.json"), "wb") as f:
            subprocess.run([CLI, "extract", seed], stdout=f, check=True)
        with open(os.path.join(out, "quangngai", "574_UB.json"), "w", encoding="utf-8") as f:
            json.dump(QUANG_NGAI, f, ensure_ascii=False, indent=2)
        cls.broken = os.path.join(out, "quangngai", "575_UB.json")
        with open(cls.broken, "w", encoding="utf-8") as f:
            f.write('{"source": "scans/575_UB.pdf", "fields": {"issuer": "Ủy ban')
        cls.records = os.path.join(cls.tmp.name, "records.csv")
        cls.dc = os.path.join(cls.tmp.name, "metadata.csv")
        cls.export = subprocess.run([CLI, "export", out, "--csv", cls.records, "--dublin-core", cls.dc, "--excel"],
                                 capture_output=True, text=True)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_a_broken_json_exits_2_and_the_others_are_exported(self):
        self.assertEqual(self.export.returncode, 2)
        self.assertEqual(self.export.stderr.splitlines(),
                         [f"vanban: {self.broken}: truncated JSON ({os.path.getsize(self.broken)} bytes)"])
        self.assertEqual(len(rows(self.records, "utf-8-sig")), 3)
        self.assertEqual(len(rows(self.dc, "utf-8")), 3)

    def test_the_profile_table_round_trips(self):
        with open(self.records, "rb") as f:
            raw = f.read()
        self.assertTrue(raw.startswith(b"\xef\xbb\xbf"), "--excel writes a byte order mark")
        self.assertTrue(raw.endswith(b"\r\n"))
        header, kiengiang, quangngai = rows(self.records, "utf-8-sig")
        self.assertEqual(header, ["Số", "Ký hiệu", "Số và ký hiệu", "Ngày ban hành", "Loại văn bản", "Cơ quan ban hành",
                                  "Trích yếu", "Người ký", "Chức vụ", "Thẩm quyền ký", "Nơi nhận", "Nơi lưu/CC",
                                  "Mức độ khẩn", "Số trang", "Ngôn ngữ", "Tệp", "Cần kiểm tra"])
        row = dict(zip(header, quangngai))
        fields = QUANG_NGAI["fields"]
        self.assertEqual(row["Cơ quan ban hành"], "Ủy ban nhân dân tỉnh Quảng Ngãi")
        self.assertEqual(row["Người ký"], "Nguyễn Quốc Việt")
        self.assertEqual(row["Trích yếu"], fields["subject"])
        self.assertEqual(row["Nơi nhận"], "Sở Tài chính; UBND các huyện, thị xã, thành phố")
        self.assertEqual(row["Nơi lưu/CC"], "Như trên; Lưu: VT, KTTH")
        self.assertEqual((row["Số"], row["Ký hiệu"], row["Số và ký hiệu"]), ("574", "UBND-KTTH", "574/UBND-KTTH"))
        self.assertEqual((row["Số trang"], row["Ngôn ngữ"], row["Tệp"]), ("2", "vi", "scans/574_UB.pdf"))
        self.assertEqual(row["Cần kiểm tra"], "number")
        self.assertEqual(dict(zip(header, kiengiang))["Số và ký hiệu"], "2577/UBND-KGVX")

    def test_the_dublin_core_table_round_trips(self):
        with open(self.dc, "rb") as f:
            self.assertTrue(f.read().startswith(b"filename,"), "no byte order mark before Archivematica's filename")
        header, kiengiang, quangngai = rows(self.dc, "utf-8")
        row = dict(zip(header, quangngai))
        self.assertEqual(row["filename"], "objects/quangngai/574_UB.pdf")
        self.assertEqual(row["dc.title"], QUANG_NGAI["fields"]["subject"])
        self.assertEqual(row["dc.creator"], "Ủy ban nhân dân tỉnh Quảng Ngãi")
        self.assertEqual(row["dc.identifier"], "574/UBND-KTTH")
        self.assertEqual(row["dc.description"], "Người ký: Nguyễn Quốc Việt, PHÓ CHỦ TỊCH, KT. CHỦ TỊCH")
        self.assertEqual((row["dc.date"], row["dc.type"], row["dc.language"]), ("2025-02-07", "Công văn", "vi"))
        self.assertEqual(dict(zip(header, kiengiang))["filename"], "objects/kiengiang/kiengiang-2577-UBND-KGVX.gt.txt")


if __name__ == "__main__":
    unittest.main()
