"""ocr.py SCAN: the number and date of a scan, and its searchable PDF as SCAN.vanban.pdf, with
the installed Python module (PYTHONPATH=<prefix>/lib/python3/dist-packages outside /usr)."""
import json
import sys

import vanban

engine = vanban.Engine()
out = engine.render(sys.argv[1], ["json", "pdf"], progress=lambda done, pages: print(f"{done}/{pages}", file=sys.stderr))
fields = json.loads(out["json"])["fields"]
print(f"number: {fields['number']}\ndate: {fields['date']}")
with open(sys.argv[1] + ".vanban.pdf", "wb") as f:
    f.write(out["pdf"])
