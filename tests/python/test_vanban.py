"""The Python module `vanban` from the build tree (ctest sets PYTHONPATH=<build>/python,
VANBAN_SOURCE_DIR and VANBAN_CLI): ocr and render from a path and from bytes, the same JSON as
`vanban ocr`, progress and cancel, errors, and one engine shared by threads."""

import json
import os
import re
import subprocess
import tempfile
import threading
import unittest

import jsonschema

import vanban

SOURCE = os.environ["VANBAN_SOURCE_DIR"]
SCAN_PDF = os.path.join(SOURCE, "samples/scans/kiengiang-2577-scan.pdf")  # 2 pages
SCAN_TIF = os.path.join(SOURCE, "samples/scans/kiengiang-2577-clean.tif")


def checked(command, data):
    """Runs `command` on `data` (bytes) and says whether it exits 0, with what it printed."""
    with tempfile.NamedTemporaryFile() as f:
        f.write(data)
        f.flush()
        run = subprocess.run(command + [f.name], capture_output=True, text=True)
    return run.returncode == 0, run.stdout + run.stderr


class VanbanTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.engine = vanban.Engine()

    def test_version_is_major_minor_patch(self):
        self.assertRegex(vanban.version(), r"^\d+\.\d+\.\d+$")

    def test_restore_and_extract_text(self):
        self.assertEqual(self.engine.restore("Chi thi so 28-CT/TW cua Bo Chinh tri"),
                         "Chỉ thị số 28-CT/TW của Bộ Chính trị")
        fields = self.engine.extract("Số: 299/UBND-TTHC\nQuảng Ngãi, ngày 15 tháng 01 năm 2025\n")["fields"]
        self.assertEqual(fields["number"], "299/UBND-TTHC")
        self.assertEqual(fields["date"], "2025-01-15")

    def test_ocr_of_a_path_or_its_bytes_is_the_json_vanban_ocr_writes(self):
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([os.environ["VANBAN_CLI"], "ocr", SCAN_PDF, SCAN_TIF, "-o", out, "--format", "json",
                            "--progress", "none"], check=True)
            for scan in (SCAN_PDF, SCAN_TIF):
                name = os.path.basename(scan)
                with open(os.path.join(out, os.path.splitext(name)[0] + ".json"), encoding="utf-8") as f:
                    written = json.load(f)
                self.assertEqual(self.engine.ocr(scan), written, scan)
                with open(scan, "rb") as f:
                    from_bytes = self.engine.ocr(f.read(), name=scan)
                self.assertEqual(from_bytes, written, scan)
                with open(os.path.join(SOURCE, "schema/document.schema.json"), encoding="utf-8") as f:
                    jsonschema.validate(written, json.load(f), cls=jsonschema.Draft202012Validator)
        self.assertEqual(written["fields"]["number"], "2577/UBND-KGVX")

    def test_render_of_bytes_reads_the_chosen_pages_once_in_every_format(self):
        with open(SCAN_PDF, "rb") as f:
            data = f.read()
        calls = []
        out = self.engine.render(data, ["txt", "alto", "pdf"], last_page=1, name="upload.pdf",
                                 progress=lambda done, pages: calls.append((done, pages)))
        self.assertEqual(calls, [(1, 1)])
        self.assertIn("2577", out["txt"].decode())
        self.assertTrue(out["alto"].startswith(b"<?xml"))
        self.assertEqual(checked(["xmllint", "--noout"], out["alto"]), (True, ""))
        self.assertTrue(out["pdf"].startswith(b"%PDF-"))
        ok, said = checked(["qpdf", "--check"], out["pdf"])
        self.assertTrue(ok, said)
        self.assertEqual(len(re.findall(rb"/Type\s*/Page\b", out["pdf"])), 1)  # page 1 only
        doc = self.engine.ocr(data, first_page=2, restore=False)
        self.assertEqual(doc["source"], "-")
        self.assertEqual([page["page"] for page in doc["page_results"]], [2])
        self.assertEqual(doc["page_results"][0]["restored_tokens"], 0)

    def test_progress_returning_false_cancels(self):
        with self.assertRaises(vanban.Cancelled) as caught:
            self.engine.ocr(SCAN_PDF, progress=lambda done, pages: False)
        self.assertEqual(caught.exception.code, vanban.CANCELLED)

    def test_an_exception_in_progress_reaches_the_caller(self):
        def fail(done, pages):
            raise KeyError("from the callback")
        with self.assertRaises(KeyError):
            self.engine.ocr(SCAN_TIF, progress=fail)

    def test_errors_carry_their_code(self):
        cases = [
            (lambda: self.engine.ocr("/nonexistent/scan.pdf"), vanban.NOT_FOUND),
            (lambda: self.engine.ocr(b"not an image at all"), vanban.CORRUPT_INPUT),
            (lambda: self.engine.ocr(SCAN_TIF, pages=3), vanban.INVALID_ARGUMENT),
            (lambda: self.engine.ocr(SCAN_TIF, dpi="300"), vanban.INVALID_ARGUMENT),
            (lambda: self.engine.ocr(SCAN_TIF, first_page=5), vanban.INVALID_ARGUMENT),
            (lambda: self.engine.render(SCAN_TIF, ["docx"]), vanban.INVALID_ARGUMENT),
            (lambda: self.engine.restore("x", mode="loud"), vanban.INVALID_ARGUMENT),
        ]
        for call, code in cases:
            with self.assertRaises(vanban.Error) as caught:
                call()
            self.assertEqual(caught.exception.code, code, caught.exception.message)
        # The engine keeps working after them.
        self.assertEqual(self.engine.ocr(SCAN_TIF, last_page=1)["fields"]["number"], "2577/UBND-KGVX")

    def test_threads_share_one_engine(self):
        results = {}

        def read(name, source):
            results[name] = self.engine.ocr(source)["fields"]["number"]

        with open(SCAN_TIF, "rb") as f:
            data = f.read()
        threads = [threading.Thread(target=read, args=("path", SCAN_TIF)),
                   threading.Thread(target=read, args=("bytes", data))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(results, {"path": "2577/UBND-KGVX", "bytes": "2577/UBND-KGVX"})


if __name__ == "__main__":
    unittest.main()
