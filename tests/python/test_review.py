"""`vanban review` end to end. PageTest drives the page in Debian's headless chromium (through
chromium-driver and python3-selenium) with the keyboard alone, counting the keys it sends;
SecurityTest checks the token, the loopback-only socket and refused paths with plain HTTP.

ctest runs each class on its own (argument PageTest or SecurityTest) and sets VANBAN_CLI. PageTest exits 77 (a skip) when chromium is not installed; with
VANBAN_REVIEW_SCREENSHOT=path it also saves a screenshot of the page there (for README)."""

import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

from PIL import Image, ImageDraw, ImageFont

CLI = os.environ["VANBAN_CLI"]
FONTS = "/usr/share/fonts/truetype/liberation2/"
SKIP = 77

# Keys the page test sends, counted as a person would press them (a modifier chord is one).
keys_sent = 0


def box_of(draw, xy, text, font):
    left, top, right, bottom = draw.textbbox(xy, text, font=font)
    return [left, top, right - left, bottom - top]


def make_scan(path):
    """A dispatch header at 150 dpi whose serial and day were written in by pen (blue italic),
    and the boxes of what the JSON will name."""
    page = Image.new("RGB", (1240, 900), "white")
    draw = ImageDraw.Draw(page)
    printed = ImageFont.truetype(FONTS + "LiberationSerif-Regular.ttf", 34)
    bold = ImageFont.truetype(FONTS + "LiberationSerif-Bold.ttf", 34)
    pen = ImageFont.truetype(FONTS + "LiberationSerif-Italic.ttf", 44)
    boxes = {}
    draw.text((90, 70), "ỦY BAN NHÂN DÂN", font=bold, fill="black")
    draw.text((90, 115), "TỈNH KIÊN GIANG", font=bold, fill="black")
    boxes["issuer"] = [90, 70, 330, 85]
    draw.text((90, 190), "Số:", font=printed, fill="black")
    boxes["serial"] = box_of(draw, (150, 180), "574", pen)
    draw.text((150, 180), "574", font=pen, fill=(20, 40, 160))
    draw.text((220, 190), "/UBND-KTTH", font=printed, fill="black")
    boxes["number"] = [90, 180, 330, 55]
    draw.text((560, 190), "Kiên Giang, ngày", font=printed, fill="black")
    boxes["day"] = box_of(draw, (800, 180), "04", pen)
    draw.text((800, 180), "04", font=pen, fill=(20, 40, 160))
    draw.text((850, 190), "tháng 02 năm 2025", font=printed, fill="black")
    boxes["date"] = [560, 180, 560, 55]
    draw.text((90, 330), "V/v triển khai Kế hoạch chuyển đổi số", font=bold, fill="black")
    draw.text((90, 700), "Nơi nhận:", font=bold, fill="black")
    draw.text((90, 745), "- Sở Tài chính;", font=printed, fill="black")
    draw.text((90, 790), "- Sở Nội vụ;", font=printed, fill="black")
    boxes["recipients"] = [[90, 745, 260, 40], [90, 790, 220, 40]]
    page.save(path, dpi=(150, 150))
    return boxes


TEXT = ("ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG\nSố: 574/UBND-KTTH Kiên Giang, ngày 04 tháng 02 năm 2025\n"
        "V/v triển khai Kế hoạch chuyển đổi số\nNơi nhận:\n- Sở Tài chính;\n- Sở Nội vụ;\n")


def hocr_word(text, handwritten=False):
    source = "; x_source handwritten" if handwritten else ""
    return f'<span class="ocrx_word" title="bbox 0 0 1 1; x_wconf 90{source}">{text}</span>'


HOCR = ('<div class="ocr_page">\n<span class="ocr_line" title="bbox 0 0 1 1">' + hocr_word("Số:") + " " +
        hocr_word("574", True) + " " + hocr_word("/UBND-KTTH") + "</span>\n"
        '<span class="ocr_line" title="bbox 0 0 1 1">' + hocr_word("ngày") + " " + hocr_word("04", True) + " " +
        hocr_word("tháng") + "</span>\n</div>\n")


def write_outputs(root):
    """OUTDIR/a/574.json (three review items, the current form, with provenance) beside its
    .txt and .hocr, and OUTDIR/b/575.json (the old form, its input missing), under root."""
    os.makedirs(os.path.join(root, "scans"))
    boxes = make_scan(os.path.join(root, "scans", "574.png"))
    fields = {"issuer": "ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", "number": "574/UBND-KTTH", "number_serial": "574",
              "number_notation": "UBND-KTTH", "doc_type": "Công văn", "place": "Kiên Giang", "date": "2025-02-04",
              "subject": "triển khai Kế hoạch chuyển đổi số", "recipients": ["Sở Tài chính", "Sở Nội vụ"],
              "signer_name": None, "signer_title": None, "signer_authority": None, "cc": [], "urgency": None,
              "references": []}
    doc = {"source": "scans/574.png", "pages": 1, "text": TEXT, "fields": fields,
           "confidence": {"number": 0.6, "date": 0.6, "recipients": 0.5},
           "review": [
               {"field": "number", "reason": "handwritten", "page": 1, "box": boxes["serial"],
                "value": "574/UBND-KTTH", "candidates": ["574/UBND-KTTH", "514/UBND-KTTH"]},
               {"field": "date", "reason": "handwritten", "page": 1, "box": boxes["day"], "value": "2025-02-04",
                "candidates": []},
               {"field": "recipients", "reason": "low_ocr_confidence", "page": 1, "box": boxes["recipients"][0],
                "value": fields["recipients"], "candidates": []}],
           "provenance": {"issuer": {"page": 1, "boxes": [boxes["issuer"]], "ocr": "UY BAN", "restored": "ỦY BAN",
                                     "word_confidence": 0.93},
                          "number": {"page": 1, "boxes": [boxes["number"]]},
                          "date": {"page": 1, "boxes": [boxes["date"]]},
                          "recipients": [{"page": 1, "boxes": [b]} for b in boxes["recipients"]]},
           "signature_stamp": None, "signatures": [],
           "page_results": [{"page": 1, "mean_word_confidence": 88.0, "restored_tokens": 3, "blank": False}]}
    out = os.path.join(root, "out")
    os.makedirs(os.path.join(out, "a"))
    os.makedirs(os.path.join(out, "b"))
    with open(os.path.join(out, "a", "574.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
    with open(os.path.join(out, "a", "574.txt"), "w", encoding="utf-8") as f:
        f.write(TEXT)
    with open(os.path.join(out, "a", "574.hocr"), "w", encoding="utf-8") as f:
        f.write(HOCR)
    old = dict(doc, source="scans/575.pdf", review=["subject"])
    del old["provenance"]
    with open(os.path.join(out, "b", "575.json"), "w", encoding="utf-8") as f:
        json.dump(old, f, ensure_ascii=False, indent=2)
    return out


class Review:
    """`vanban review OUT --inputs ROOT --port 0 --no-browser` for the duration of a test."""

    def __init__(self, root, out):
        self.process = subprocess.Popen([CLI, "review", out, "--inputs", root, "--port", "0", "--no-browser"],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.url = self.process.stdout.readline().strip()
        if not self.url.startswith("http://127.0.0.1:"):
            raise AssertionError("no URL on the first line: %r %s" % (self.url, self.process.stderr.read()))
        parsed = urllib.parse.urlparse(self.url)
        self.port = parsed.port
        self.token = urllib.parse.parse_qs(parsed.query)["token"][0]

    def stop(self):
        """Ctrl-C; the exit code."""
        self.process.send_signal(signal.SIGINT)
        self.process.communicate(timeout=20)
        return self.process.returncode


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class PageTest(unittest.TestCase):
    def setUp(self):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        self.root = tempfile.mkdtemp(prefix="vanban-review-")
        self.out = write_outputs(self.root)
        self.server = Review(self.root, self.out)
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium")
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1400,860"):
            options.add_argument(argument)
        self.browser = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)

    def tearDown(self):
        self.browser.quit()
        self.assertEqual(self.server.stop(), 0)
        shutil.rmtree(self.root)

    def wait(self, condition, what, seconds=30):
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                value = condition()
                if value:
                    return value
            except Exception:  # the page is still being drawn
                pass
            time.sleep(0.1)
        self.fail("timed out waiting for " + what)

    def press(self, *keys):
        global keys_sent
        self.browser.switch_to.active_element.send_keys(*keys)
        keys_sent += len(keys)

    def focused_field(self):
        return self.browser.switch_to.active_element.get_attribute("aria-label")

    def test_correct_a_handwritten_number_with_the_keyboard(self):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys
        b = self.browser
        b.get(self.server.url)
        self.wait(lambda: b.find_elements(By.CSS_SELECTOR, "#documents a"), "the list of documents")
        self.assertEqual(b.find_element(By.ID, "summary").text, "2 to review, 0 done")
        self.assertNotIn("token", b.current_url)  # out of the address bar once the cookie holds it

        self.press(Keys.ENTER)  # the first document is focused in the list
        self.wait(lambda: self.focused_field() == "number", "the first item focused")
        self.wait(lambda: b.execute_script("return document.getElementById('page-image').naturalWidth") == 1240,
                  "the page image")
        self.assertEqual(len(b.find_elements(By.CSS_SELECTOR, "#overlay rect.review-box")), 3)
        self.assertEqual(len(b.find_elements(By.CSS_SELECTOR, "#overlay rect.field-box")), 5)
        opened = keys_sent

        self.press("5", "1", "4")  # the serial is selected: typing replaces it
        self.assertEqual(b.switch_to.active_element.get_attribute("value"), "514/UBND-KTTH")
        if os.environ.get("VANBAN_REVIEW_SCREENSHOT"):
            b.save_screenshot(os.environ["VANBAN_REVIEW_SCREENSHOT"])
        self.press(Keys.ENTER)
        self.wait(lambda: self.focused_field() == "date", "the date focused")
        self.press(Keys.ENTER)  # accepted as it is
        self.wait(lambda: self.focused_field() == "recipients", "the recipients focused")
        self.press(Keys.ENTER)  # the last item: saves and opens the next document
        self.wait(lambda: self.focused_field() == "subject", "the next document")
        per_item = (keys_sent - opened) / 3
        print(f"\nkeystrokes: {keys_sent - opened} for the 3 items of a/574.json ({per_item:.1f} per item), "
              f"{opened} to open it from the list", file=sys.stderr)

        saved = read_json(os.path.join(self.out, "a", "574.json"))
        self.assertEqual(saved["fields"]["number"], "514/UBND-KTTH")
        self.assertEqual(saved["fields"]["number_serial"], "514")
        self.assertEqual(saved["fields"]["number_notation"], "UBND-KTTH")
        self.assertEqual(saved["review"], [])
        self.assertEqual([c["field"] for c in saved["corrections"]], ["number", "date", "recipients"])
        self.assertEqual(saved["corrections"][0]["original"], "574/UBND-KTTH")
        self.assertRegex(saved["corrections"][0]["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertEqual(saved["confidence"]["number"], 1.0)
        self.assertIn("Số: 514/UBND-KTTH", saved["text"])
        with open(os.path.join(self.out, "a", "574.txt"), encoding="utf-8") as f:
            self.assertIn("Số: 514/UBND-KTTH", f.read())
        with open(os.path.join(self.out, "a", "574.hocr"), encoding="utf-8") as f:
            hocr = f.read()
        self.assertIn("handwritten\">514</span>", hocr)
        self.assertIn("handwritten\">04</span>", hocr)  # the day was accepted unchanged

        # The second document's input is missing: the page says so and the items still work.
        self.assertIn("not found", b.find_element(By.ID, "page-error").text)
        # Rewritten on disk while open (vanban ocr again, another tab): its save is refused, said,
        # and the item reloaded from the file as it is now.
        path = os.path.join(self.out, "b", "575.json")
        rewritten = read_json(path)
        rewritten["fields"]["subject"] = "triển khai Kế hoạch chuyển đổi số năm 2025"
        with open(path, "w", encoding="utf-8") as f:
            json.dump(rewritten, f, ensure_ascii=False)
        self.press(Keys.ENTER)
        self.wait(lambda: "changed on disk" in b.find_element(By.ID, "message").text, "the conflict told")
        self.wait(lambda: b.switch_to.active_element.get_attribute("value").endswith("năm 2025"), "the item reloaded")
        self.assertEqual(read_json(path)["review"], ["subject"])
        self.press(Keys.ENTER)
        self.wait(lambda: b.find_element(By.ID, "summary").text == "0 to review, 2 done", "the list, all done")
        self.assertEqual(read_json(path)["corrections"][0]["value"], "triển khai Kế hoạch chuyển đổi số năm 2025")


class SecurityTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="vanban-review-")
        cls.out = write_outputs(cls.root)
        cls.server = Review(cls.root, cls.out)

    @classmethod
    def tearDownClass(cls):
        assert cls.server.stop() == 0, "Ctrl-C did not stop the server cleanly"
        shutil.rmtree(cls.root)

    def request(self, path, token=None, headers=None, method="GET", body=None):
        if token is not None:
            path += ("&" if "?" in path else "?") + "token=" + token
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response, data

    def test_requests_without_the_token_are_forbidden(self):
        token = self.server.token
        for path in ("/", "/api/documents", "/api/document?path=a/574.json", "/review.js"):
            self.assertEqual(self.request(path)[0].status, 403, path)
            self.assertEqual(self.request(path, token="0" * len(token))[0].status, 403, path)
            self.assertEqual(self.request(path, token=token[:-1])[0].status, 403, path)
        self.assertEqual(self.request("/api/documents", token=token)[0].status, 200)
        # A page of another site resolved to 127.0.0.1 (DNS rebinding) names itself in Host.
        self.assertEqual(self.request("/api/documents", token=token, headers={"Host": "evil.example"})[0].status, 403)

    def test_the_first_page_load_sets_a_cookie_that_stands_for_the_token(self):
        response, _ = self.request("/", token=self.server.token)
        self.assertEqual(response.status, 200)
        cookie = response.getheader("Set-Cookie")
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Strict", cookie)
        self.assertEqual(self.request("/api/documents", headers={"Cookie": cookie.split(";")[0]})[0].status, 200)

    def test_it_listens_on_loopback_only(self):
        listening = []
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            with open(table) as f:
                for line in f.readlines()[1:]:
                    local, state = line.split()[1], line.split()[3]
                    if state == "0A" and int(local.split(":")[-1], 16) == self.server.port:
                        listening.append(local.split(":")[0])
        self.assertEqual(listening, ["0100007F"])  # 127.0.0.1, and no IPv6 or wildcard socket

    def test_paths_outside_the_output_folder_are_refused(self):
        token = self.server.token
        for path in ("../scans/574.png", "a/../../out/a/574.json", "/etc/passwd", "a/574.txt"):
            quoted = urllib.parse.quote(path, safe="")
            for api in ("/api/document?path=", "/api/page?page=1&path="):
                response, data = self.request(api + quoted, token=token)
                self.assertEqual(response.status, 404, api + path)
                self.assertIn("error", json.loads(data))
        self.assertEqual(self.request("/api/page?page=1&path=a/574.json", token=token)[0].getheader("Content-Type"),
                         "image/png")

    def test_a_document_read_from_a_file_a_page_shows_each_page_from_its_file(self):
        second = os.path.join(self.root, "scans", "574_2.png")
        Image.new("RGB", (300, 200), "white").save(second)
        joined = read_json(os.path.join(self.out, "a", "574.json"))
        joined.update({"pages": 2, "source_files": ["scans/574.png", "scans/574_2.png"]})
        with open(os.path.join(self.out, "b", "joined.json"), "w", encoding="utf-8") as f:
            json.dump(joined, f, ensure_ascii=False)
        sizes = []
        for page in (1, 2):
            response, data = self.request(f"/api/page?page={page}&path=b/joined.json", token=self.server.token)
            self.assertEqual(response.status, 200, data)
            path = os.path.join(self.root, f"page{page}.png")
            with open(path, "wb") as f:
                f.write(data)
            sizes.append(Image.open(path).size)
        self.assertEqual(sizes, [(1240, 900), (300, 200)])
        self.assertEqual(self.request("/api/page?page=3&path=b/joined.json", token=self.server.token)[0].status, 404)

    def test_a_save_from_an_old_revision_is_a_conflict(self):
        token = self.server.token
        _, data = self.request("/api/document?path=a/574.json", token=token)
        body = json.dumps({"path": "a/574.json", "revision": "0" * 64,
                           "answers": [{"field": "number", "value": "1/X"}]})
        response, data = self.request("/api/save", token=token, method="POST", body=body,
                                      headers={"Content-Type": "application/json"})
        self.assertEqual(response.status, 409)
        self.assertEqual(json.loads(data)["document"]["items"][0]["field"], "number")
        # A form of another site cannot post JSON.
        response, _ = self.request("/api/save", token=token, method="POST", body=body,
                                   headers={"Content-Type": "text/plain"})
        self.assertEqual(response.status, 415)
        self.assertEqual(read_json(os.path.join(self.out, "a", "574.json"))["fields"]["number"], "574/UBND-KTTH")


if __name__ == "__main__":
    if "PageTest" in sys.argv[1:] and not (shutil.which("chromium") and shutil.which("chromedriver")):
        print("chromium or chromedriver is not installed: skipped", file=sys.stderr)
        sys.exit(SKIP)
    unittest.main()
