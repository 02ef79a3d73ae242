"""schema/document.schema.json (JSON Schema 2020-12) holds for what vanban writes, and refuses
what breaks the contract. ctest sets VANBAN_SOURCE_DIR and VANBAN_CLI; the documents come from
`vanban extract` over the sample texts (scans are checked in test_vanban.py)."""

import copy
import glob
import json
import os
import subprocess
import unittest

import jsonschema

SOURCE = os.environ["VANBAN_SOURCE_DIR"]
CLI = os.environ["VANBAN_CLI"]


def extracted(text):
    run = subprocess.run([CLI, "extract", "-"], input=text.encode(), capture_output=True, check=True)
    return json.loads(run.stdout)


class SchemaTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(os.path.join(SOURCE, "schema/document.schema.json"), encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        cls.validator = jsonschema.Draft202012Validator(schema)
        cls.seed = extracted(open(os.path.join(SOURCE, "samples/kiengiang-2577-UBND-KGVX.gt.txt"), encoding="utf-8").read())

    def test_what_vanban_writes_is_valid(self):
        texts = [open(path, encoding="utf-8", errors="replace").read()
                 for path in sorted(glob.glob(os.path.join(SOURCE, "samples/*.txt")))]
        texts += ["", "\f\f", "Số: 12/QĐ-UBND\nHà Nội, ngày 31 tháng 12 năm 2024\nKHẨN\nNơi nhận:\n- Lưu: VT."]
        for text in texts:
            doc = extracted(text)
            errors = [e.message for e in self.validator.iter_errors(doc)]
            self.assertEqual(errors, [], text[:60])
        self.assertEqual(self.seed["fields"]["number"], "2577/UBND-KGVX")

    def test_a_broken_contract_is_refused(self):
        breaks = [
            ("date", lambda d: d["fields"].update(date="20/11/2024")),
            ("confidence", lambda d: d["confidence"].update(number=1.5)),
            ("urgency", lambda d: d["fields"].update(urgency="Gấp")),
            ("missing field", lambda d: d["fields"].pop("signer_name")),
            ("extra key", lambda d: d.update(fields_v2={})),
            ("empty entry", lambda d: d["fields"]["cc"].append("")),
            ("review", lambda d: d["review"].append("number")),
            ("review reason", lambda d: d["review"].append(dict(field="number", reason="looks odd", page=1, box=None,
                                                                 value=None, candidates=[]))),
            ("provenance box", lambda d: d["provenance"].update(issuer=dict(page=1, boxes=[[1, 2, 3]], ocr="", restored="",
                                                                           word_confidence=1, restore_confidence=1))),
            ("restore confidence", lambda d: d["provenance"]["number"].update(restore_confidence=1.2)),
        ]
        for name, damage in breaks:
            doc = copy.deepcopy(self.seed)
            damage(doc)
            self.assertFalse(self.validator.is_valid(doc), name)


if __name__ == "__main__":
    unittest.main()
