"""Tests of the Systempay sandbox.

Run from the repository root:  python3 -m unittest discover -s sandbox/tests -v

Each test class starts the sandbox in-process on a free 127.0.0.1 port with a temporary data
dir, and a tiny HTTP server standing in for the shop's notification URL. The signatures of
the IPN and of the browser returns are checked with hashlib/hmac directly in this file, not
with the sandbox's own signature module.
"""

import base64
import hashlib
import hmac
import http.client
import itertools
import json
import logging
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
SANDBOX = os.path.dirname(HERE)
sys.path.insert(0, SANDBOX)

from spsandbox import signature  # noqa: E402
from spsandbox.app import SandboxServer  # noqa: E402
from spsandbox.config import Config, Shop  # noqa: E402

SITE = "12345678"
SITE_SHA1 = "87654321"
KEY = "1122334455667788"
PROD_KEY = "8877665544332211"
SHA1_KEY = "9999888877776666"
WAIT = 10.0  # upper bound of every wait in these tests (seconds)

# The in-process sandboxes log to a file, not to the terminal.
LOG_FILE = os.path.join(tempfile.gettempdir(), "sandbox-tests.log")
_handler = logging.FileHandler(LOG_FILE, mode="w", encoding="utf-8")
_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
logging.getLogger().addHandler(_handler)
logging.getLogger().setLevel(logging.INFO)


# ---------------------------------------------------------------------------- helpers

def ref_sign(fields, key, algorithm):
    """Reference signature written from protocol.md section 2, independent of the sandbox."""
    values = [fields[k] for k in sorted((k for k in fields if k.startswith("vads_")), key=lambda k: k.encode())]
    data = ("+".join(values + [key])).encode("utf-8")
    if algorithm == "SHA-1":
        return hashlib.sha1(data).hexdigest()
    return base64.b64encode(hmac.new(key.encode(), data, hashlib.sha256).digest()).decode()


def ref_verify(fields, key, algorithm="HMAC-SHA-256"):
    return hmac.compare_digest(ref_sign(fields, key, algorithm), fields.get("signature", ""))


class Page(HTMLParser):
    """Collects elements with an id (tag, attrs, text) and forms with their inputs."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.ids, self.forms, self.meta = {}, [], []
        self._open = []
        self.html = html
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action"), "method": a.get("method"), "id": a.get("id"),
                               "inputs": []})
        if tag in ("input", "button") and self.forms and a.get("name"):
            self.forms[-1]["inputs"].append((a["name"], a.get("value", "")))
        if tag == "meta":
            self.meta.append(a)
        if "id" in a:
            self.ids[a["id"]] = {"tag": tag, "attrs": a, "text": ""}
            if tag not in ("input", "meta", "br", "img"):
                self._open.append(a["id"])

    def handle_endtag(self, tag):
        if self._open and self.ids[self._open[-1]]["tag"] == tag:
            self._open.pop()

    def handle_data(self, data):
        for i in self._open:
            self.ids[i]["text"] += data

    def text(self, element_id):
        return self.ids[element_id]["text"].strip()

    def form_with(self, element_id):
        for f in self.forms:
            if f["id"] == element_id:
                return f
        raise KeyError(element_id)

    def token(self):
        for f in self.forms:
            for k, v in f["inputs"]:
                if k == "token":
                    return v
        raise AssertionError("no token in page")


class FakeShop:
    """The shop's notification URL: records every request, answers from a script."""

    def __init__(self):
        self.requests = []
        self.script = []           # list of (code, body, headers); when empty: default
        self.default = (200, "OK-Accepted payment, order has been updated.", {})
        self.page = None           # HTML served on GET
        self.cond = threading.Condition()
        shop = self

        class H(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_GET(self):
                # the shop's page (test_rest.py's browser tests put the embedded form in it)
                data = (shop.page or "").encode("utf-8")
                self.send_response(200 if shop.page else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                n = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(n)
                with shop.cond:
                    code, body, headers = shop.script.pop(0) if shop.script else shop.default
                    shop.requests.append({
                        "path": self.path, "headers": dict(self.headers), "raw": raw,
                        "fields": dict(urllib.parse.parse_qsl(raw.decode("utf-8"), keep_blank_values=True)),
                        "t": time.monotonic()})
                    shop.cond.notify_all()
                data = body.encode()
                self.send_response(code)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        self.url = "http://127.0.0.1:%d/callback/systempay/process.php" % self.httpd.server_address[1]

    def wait_for(self, count, timeout=WAIT):
        deadline = time.monotonic() + timeout
        with self.cond:
            while len(self.requests) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("expected %d notifications, got %d" % (count, len(self.requests)))
                self.cond.wait(left)
            return list(self.requests)

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


_trans_ids = itertools.count(random.randint(1000, 400000))


def utc_now_str(delta=timedelta()):
    return (datetime.now(timezone.utc) + delta).strftime("%Y%m%d%H%M%S")


def make_form(key=KEY, algorithm="HMAC-SHA-256", drop=(), sign=True, **over):
    f = {
        "vads_action_mode": "INTERACTIVE", "vads_amount": "1234", "vads_ctx_mode": "TEST",
        "vads_currency": "978", "vads_page_action": "PAYMENT", "vads_payment_config": "SINGLE",
        "vads_site_id": SITE, "vads_trans_date": utc_now_str(), "vads_trans_id": "%06d" % next(_trans_ids),
        "vads_version": "V2", "vads_order_id": "ORD-%d" % random.randint(1, 10 ** 6),
        "vads_language": "fr", "vads_url_return": "http://127.0.0.1:1/shop/checkout_process.php?x=1",
        "vads_return_mode": "GET", "vads_cust_email": "buyer@example.com",
        "vads_cust_first_name": "Élodie", "vads_cust_last_name": "D'Arc",
        "vads_ext_info_session": "sess-abc", "vads_contrib": "modified3.3.0_1.0.0/8.2.0",
    }
    for k in drop:
        f.pop(k, None)
    f.update(over)
    if sign:
        f["signature"] = ref_sign(f, key, algorithm)
    return f


class SandboxCase(unittest.TestCase):
    notify_cancel = True
    retry_interval = 0.3
    max_retries = 4

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sandbox-test-")
        self.shop = FakeShop()
        self.cfg = Config(host="127.0.0.1", port=0, data_dir=self.tmp, retry_interval=self.retry_interval,
                          max_retries=self.max_retries, ipn_timeout=3)
        self.cfg.shops[SITE] = Shop(site_id=SITE, test_key=KEY, prod_key=PROD_KEY, algorithm="HMAC-SHA-256",
                                    notification_url=self.shop.url, notify_cancel=self.notify_cancel)
        self.cfg.shops[SITE_SHA1] = Shop(site_id=SITE_SHA1, test_key=SHA1_KEY, algorithm="SHA-1",
                                         notification_url=self.shop.url)
        self.server = SandboxServer(self.cfg).start()

    def tearDown(self):
        self.server.stop()
        self.shop.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- HTTP ---------------------------------------------------------------
    def request(self, method, path, fields=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=WAIT)
        try:
            body = urllib.parse.urlencode(fields, encoding="utf-8") if fields is not None else None
            headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            return r.status, dict(r.getheaders()), r.read().decode("utf-8")
        finally:
            conn.close()

    def post_page(self, path, fields):
        status, headers, body = self.request("POST", path, fields)
        self.assertEqual(status, 200, body)
        self.assertNotIn("Traceback", body)
        return Page(body)

    def open_payment(self, **over):
        form = make_form(**over)
        page = self.post_page("/vads-payment/", form)
        self.assertIn("card_number", page.ids, page.html)
        return form, page

    def pay(self, number, page, brand=None, year=None):
        fields = {"token": page.token(), "card_number": number, "expiry_month": "12",
                  "expiry_year": year or str(datetime.now(timezone.utc).year + 2), "cvv": "123"}
        if brand:
            fields["brand"] = brand
        return self.post_page("/vads-payment/card", fields)

    def challenge(self, page, ok=True):
        self.assertIn("challenge_ok", page.ids, page.html)
        return self.post_page("/vads-payment/challenge", {"token": page.token(), "outcome": "ok" if ok else "fail"})

    def return_fields_get(self, page):
        href = page.ids["return_to_shop"]["attrs"]["href"]
        q = urllib.parse.urlsplit(href).query
        return href, dict(urllib.parse.parse_qsl(q, keep_blank_values=True))

    def assert_error(self, form, field, code=None):
        page = self.post_page("/vads-payment/", form)
        self.assertIn("error_title", page.ids, "no error page for %s: %s" % (field, page.html[:300]))
        fields = [x.split("data-field=\"")[1].split("\"")[0] for x in page.html.split("<li")[1:]]
        self.assertIn(field, fields, page.text("error_title"))
        if code:
            self.assertEqual(page.text("error_code"), code)
        return page


# ---------------------------------------------------------------------------- signature

class SignatureVectors(unittest.TestCase):
    BASE = {"vads_action_mode": "INTERACTIVE", "vads_ctx_mode": "TEST", "vads_currency": "978",
            "vads_page_action": "PAYMENT", "vads_payment_config": "SINGLE", "vads_site_id": "12345678",
            "vads_version": "V2"}

    def test_sha1_vector(self):
        f = dict(self.BASE, vads_amount="1524", vads_trans_date="20090501193530", vads_trans_id="654321")
        self.assertEqual(signature.signed_string(f, KEY),
                         "INTERACTIVE+1524+TEST+978+PAYMENT+SINGLE+12345678+20090501193530+654321+V2+"
                         "1122334455667788")
        self.assertEqual(signature.sign(f, KEY, "SHA-1"), "606b369759fac4f0864144c803c73676cbe470ff")
        self.assertEqual(ref_sign(f, KEY, "SHA-1"), "606b369759fac4f0864144c803c73676cbe470ff")

    def test_hmac_sha256_vector(self):
        f = dict(self.BASE, vads_amount="5124", vads_trans_date="20170129130025", vads_trans_id="123456")
        self.assertEqual(signature.signed_string(f, KEY),
                         "INTERACTIVE+5124+TEST+978+PAYMENT+SINGLE+12345678+20170129130025+123456+V2+"
                         "1122334455667788")
        self.assertEqual(signature.sign(f, KEY, "HMAC-SHA-256"), "ycA5Do5tNvsnKdc/eP1bj2xa19z9q3iWPy9/rpesfS0=")
        self.assertEqual(ref_sign(f, KEY, "HMAC-SHA-256"), "ycA5Do5tNvsnKdc/eP1bj2xa19z9q3iWPy9/rpesfS0=")

    def test_rules(self):
        f = {"vads_b": "2", "vads_a": "", "signature": "x", "kr-answer": "y", "VADS_c": "z", "other": "o"}
        self.assertEqual(signature.signed_string(f, "  k  "), "+2+k")     # empty value kept, key trimmed
        self.assertTrue(signature.verify(f, "k", "SHA-1", signature.sign(f, "k", "SHA-1")))
        good = signature.sign(f, "k", "SHA-1")
        for bad in ("", None, good.upper(), good[:-1], good + "0"):
            self.assertFalse(signature.verify(f, "k", "SHA-1", bad), bad)
        good = signature.sign(f, "k", "HMAC-SHA-256")
        for bad in ("", good.rstrip("="), good[:-2], good.lower()):
            self.assertFalse(signature.verify(f, "k", "HMAC-SHA-256", bad), bad)


# ---------------------------------------------------------------------------- validation

class FormValidation(SandboxCase):
    MANDATORY = {"vads_site_id": "02", "vads_ctx_mode": "11", "vads_trans_id": "03", "vads_trans_date": "04",
                 "vads_amount": "09", "vads_currency": "10", "vads_action_mode": "47", "vads_page_action": "46",
                 "vads_payment_config": "07", "vads_version": "01"}

    def test_valid_form_shows_payment_page(self):
        form, page = self.open_payment()
        self.assertEqual(page.text("shop_id"), SITE)
        self.assertEqual(page.text("order_id"), form["vads_order_id"])
        self.assertEqual(page.text("trans_id"), form["vads_trans_id"])
        for i in ("card_number", "expiry_month", "expiry_year", "cvv", "pay", "cancel", "test_banner", "test_cards"):
            self.assertIn(i, page.ids)
        # The test cards, as the platform lists them in TEST mode: the frictionless accepted one among them.
        self.assertIn("4970100000000055", page.text("test_cards"))
        self.assertIn("4970100000000071", page.text("test_cards"))

    def test_each_mandatory_field_missing(self):
        for field, code in self.MANDATORY.items():
            with self.subTest(field=field):
                self.assert_error(make_form(drop=(field,)), field, code)
                self.assert_error(make_form(**{field: ""}), field, code)

    def test_malformed_fields(self):
        cases = [
            ("vads_site_id", "1234567", "02"), ("vads_site_id", "99999999", "02"),
            ("vads_ctx_mode", "test", "11"), ("vads_trans_id", "900000", "03"), ("vads_trans_id", "12345", "03"),
            ("vads_trans_id", "1234567", "03"), ("vads_trans_id", "abc123", "03"),
            ("vads_trans_date", "2024-01-01 10:00", "04"), ("vads_trans_date", "20241341000000", "04"),
            ("vads_trans_date", utc_now_str(timedelta(days=-2)), "04"),
            ("vads_trans_date", utc_now_str(timedelta(days=2)), "04"),
            ("vads_amount", "12.34", "09"), ("vads_amount", "0", "09"), ("vads_amount", "-5", "09"),
            ("vads_amount", "0100", "09"), ("vads_amount", "1e3", "09"),
            ("vads_currency", "EUR", "10"), ("vads_currency", "999", "10"),
            ("vads_action_mode", "SILENT", "47"), ("vads_page_action", "REGISTER", "46"),
            ("vads_payment_config", "MULTI:first=1;count=3;period=30", "07"), ("vads_version", "V1", "01"),
            ("vads_order_id", "order 1", "13"), ("vads_order_id", "x" * 65, "13"),
            ("vads_language", "FR", "12"), ("vads_language", "fra", "12"),
            ("vads_return_mode", "get", "48"), ("vads_url_return", "http://x/" + "a" * 1020, "28"),
            ("vads_url_return", "javascript:alert(1)", "28"), ("vads_url_success", "ftp://x/", "24"),
            ("vads_redirect_success_timeout", "301", "34"), ("vads_redirect_error_timeout", "-1", "36"),
            ("vads_validation_mode", "2", "05"), ("vads_capture_delay", "x", "06"),
            ("vads_payment_cards", "VISA;FOO", "08"), ("vads_cust_email", "not-an-email", "15"),
            ("vads_cust_country", "fr", "22"), ("vads_threeds_mpi", "9", "99"),
            ("vads_cust_first_name", "x" * 64, "99"),
        ]
        for field, value, code in cases:
            with self.subTest(field=field, value=value):
                self.assert_error(make_form(**{field: value}), field, code)

    def test_signature_errors(self):
        form = make_form()
        form["signature"] = form["signature"][:-2]
        page = self.assert_error(form, "signature", "00")
        self.assertIn("signature", page.text("error_title"))
        self.assertIn("signed_string", page.ids)            # TEST mode help
        self.assertNotIn(KEY, page.html)                     # key never shown
        self.assert_error(make_form(drop=("signature",), sign=False), "signature", "00")
        form = make_form()
        form["vads_amount"] = "1235"                          # tampered after signing
        self.assert_error(form, "signature", "00")
        self.assert_error(make_form(key=PROD_KEY), "signature", "00")   # key of the other mode
        self.assert_error(make_form(algorithm="SHA-1"), "signature", "00")  # wrong algorithm
        # value altered by an input filter (accent turned into an entity) after signing
        form = make_form()
        form["vads_cust_first_name"] = "&Eacute;lodie"
        self.assert_error(form, "signature", "00")

    def test_sha1_shop(self):
        form, page = self.open_payment(vads_site_id=SITE_SHA1, key=SHA1_KEY, algorithm="SHA-1")
        form = make_form(vads_site_id=SITE_SHA1, key=SHA1_KEY, algorithm="SHA-1")
        form["signature"] = form["signature"].upper()       # uppercase hex is not valid
        self.assert_error(form, "signature", "00")

    def test_production_mode_uses_production_key(self):
        form, page = self.open_payment(vads_ctx_mode="PRODUCTION", key=PROD_KEY)
        self.assertNotIn("test_banner", page.ids)
        self.assertNotIn("test_cards", page.ids, "no test cards in PRODUCTION")
        self.assert_error(make_form(vads_ctx_mode="PRODUCTION", key=KEY), "signature", "00")

    def test_repeated_trans_id_refused(self):
        form, _ = self.open_payment()
        again = make_form(vads_trans_id=form["vads_trans_id"], vads_order_id="OTHER")
        page = self.assert_error(again, "vads_trans_id", "03")
        self.assertIn("existante", page.text("error_title"))
        # another shop may use the same id; the same shop may on another UTC day
        self.open_payment(vads_site_id=SITE_SHA1, key=SHA1_KEY, algorithm="SHA-1",
                          vads_trans_id=form["vads_trans_id"])
        other_day = utc_now_str(timedelta(hours=-23, minutes=-59))
        if other_day[:8] != form["vads_trans_date"][:8]:
            self.open_payment(vads_trans_id=form["vads_trans_id"], vads_trans_date=other_day)

    def test_error_page_language_and_no_form(self):
        page = self.assert_error(make_form(vads_language="de", vads_amount="1,00"), "vads_amount", "09")
        self.assertIn("Fehler 09", page.text("error_title"))
        status, _, body = self.request("GET", "/vads-payment/")
        self.assertEqual(status, 200)
        self.assertIn("error_title", Page(body).ids)
        status, _, body = self.request("POST", "/vads-payment/", {})
        self.assertIn("vads_site_id", Page(body).text("error_title"))

    def test_refused_forms_listed_in_admin(self):
        self.assert_error(make_form(vads_amount="abc"), "vads_amount")
        status, _, body = self.request("GET", "/admin/")
        self.assertEqual(status, 200)
        self.assertIn("vads_amount", Page(body).ids["form_errors"]["text"])


# ---------------------------------------------------------------------------- payments

ROWS = {
    1: ("4970100000000014", "5970100300000018", "5000550000000029", "4917480000000008"),
    2: ("4970100000000055", "5970100300000067", "5000550000000052", "4917480000000057"),
    3: ("4970100000000063", "5970100300000075", "5000550000000060", "4917480000000065"),
    4: ("4970100000000071", "5970100300000083", "5000550000000078", "4917480000000073"),
}
BRANDS = ("CB", "MASTERCARD", "MAESTRO", "VISA_ELECTRON")


class Payments(SandboxCase):
    def check_ipn(self, n, form, status, result, src="PAY"):
        ipn = self.shop.wait_for(n)[n - 1]
        f = ipn["fields"]
        self.assertTrue(ipn["headers"]["Content-Type"].startswith("application/x-www-form-urlencoded"))
        self.assertTrue(ref_verify(f, KEY), f)
        self.assertEqual(f["vads_trans_status"], status)
        self.assertEqual(f["vads_result"], result)
        self.assertEqual(f["vads_url_check_src"], src)
        self.assertRegex(f["vads_hash"], r"\A[0-9a-f]{64}\Z")
        self.assertRegex(f["vads_trans_uuid"], r"\A[0-9a-f]{32}\Z")
        for k in ("vads_order_id", "vads_trans_id", "vads_trans_date", "vads_amount", "vads_currency",
                  "vads_site_id", "vads_ctx_mode", "vads_language", "vads_version", "vads_page_action",
                  "vads_action_mode", "vads_payment_config", "vads_contrib", "vads_ext_info_session",
                  "vads_cust_email", "vads_cust_first_name", "vads_cust_last_name"):
            self.assertEqual(f[k], form[k], k)
        self.assertNotIn("vads_url_return", f)
        self.assertEqual(f["vads_operation_type"], "DEBIT")
        self.assertEqual(f["vads_effective_amount"], form["vads_amount"])
        self.assertEqual(f["vads_effective_currency"], form["vads_currency"])
        return f

    def check_get_return(self, page, ipn_fields):
        href, r = self.return_fields_get(page)
        self.assertTrue(href.startswith("http://127.0.0.1:1/shop/checkout_process.php?x=1&"), href)
        self.assertTrue(ref_verify(r, KEY), r)
        self.assertNotIn("vads_hash", r)
        self.assertNotIn("vads_url_check_src", r)
        for k in ("vads_trans_status", "vads_result", "vads_trans_uuid", "vads_card_number", "vads_order_id"):
            self.assertEqual(r.get(k), ipn_fields.get(k), k)
        return r

    def test_row1_challenge_then_accepted(self):
        for number, brand in zip(ROWS[1], BRANDS):
            with self.subTest(number=number):
                n = len(self.shop.requests) + 1
                form, page = self.open_payment()
                page = self.pay(number, page)
                self.assertIn("challenge_fail", page.ids)
                self.assertEqual(page.ids["challenge_ok"]["tag"], "button")
                page = self.challenge(page, ok=True)
                self.assertEqual(page.ids["result_message"]["attrs"]["data-status"], "AUTHORISED")
                f = self.check_ipn(n, form, "AUTHORISED", "00")
                self.assertEqual(f["vads_auth_result"], "00")
                self.assertEqual(f["vads_threeds_status"], "Y")
                self.assertEqual(f["vads_threeds_auth_type"], "CHALLENGE")
                self.assertEqual(f["vads_card_brand"], brand)
                self.assertEqual(f["vads_card_number"], number[:6] + "XXXXXX" + number[-4:])
                self.assertEqual(f["vads_expiry_month"], "12")
                self.assertEqual(f["vads_expiry_year"], str(datetime.now(timezone.utc).year + 2))
                self.check_get_return(page, f)

    def test_row1_challenge_failed(self):
        form, page = self.open_payment()
        page = self.challenge(self.pay(ROWS[1][0], page), ok=False)
        self.assertEqual(page.ids["result_message"]["attrs"]["data-status"], "REFUSED")
        f = self.check_ipn(1, form, "REFUSED", "05")
        self.assertEqual(f["vads_threeds_status"], "N")

    def test_row2_frictionless_accepted(self):
        for number, brand in zip(ROWS[2], BRANDS):
            with self.subTest(number=number):
                n = len(self.shop.requests) + 1
                form, page = self.open_payment()
                page = self.pay(number, page)
                self.assertEqual(page.ids["result_message"]["attrs"]["data-status"], "AUTHORISED")
                f = self.check_ipn(n, form, "AUTHORISED", "00")
                self.assertEqual((f["vads_threeds_status"], f["vads_threeds_auth_type"]), ("Y", "FRICTIONLESS"))
                self.assertEqual(f["vads_card_brand"], brand)
                self.check_get_return(page, f)

    def test_row3_threeds_failed(self):
        for number in ROWS[3]:
            with self.subTest(number=number):
                n = len(self.shop.requests) + 1
                form, page = self.open_payment()
                page = self.pay(number, page)
                self.assertEqual(page.ids["result_message"]["attrs"]["data-status"], "REFUSED")
                f = self.check_ipn(n, form, "REFUSED", "05")
                self.assertEqual(f["vads_threeds_status"], "N")
                self.check_get_return(page, f)

    def test_row4_refused_by_issuer(self):
        for number in ROWS[4]:
            with self.subTest(number=number):
                n = len(self.shop.requests) + 1
                form, page = self.open_payment()
                page = self.pay(number, page)
                self.assertEqual(page.ids["result_message"]["attrs"]["data-status"], "REFUSED")
                f = self.check_ipn(n, form, "REFUSED", "05")
                self.assertEqual(f["vads_auth_result"], "05")
                self.assertEqual(f["vads_threeds_status"], "Y")
                self.check_get_return(page, f)

    def test_other_public_cards_and_unknown_number(self):
        cases = [("4970110000000013", False, "AUTHORISED", "00"), ("4970110000000021", True, "AUTHORISED", "00"),
                 ("4970110000000401", False, "REFUSED", "05"), ("4970100000000048", False, "AUTHORISED", "00"),
                 ("4111111111111111", False, "REFUSED", "05"), ("5555555555554444", False, "REFUSED", "05")]
        for number, challenge, status, result in cases:
            with self.subTest(number=number):
                n = len(self.shop.requests) + 1
                form, page = self.open_payment()
                page = self.pay(number, page)
                if challenge:
                    page = self.challenge(page)
                self.assertEqual(page.ids["result_message"]["attrs"]["data-status"], status)
                self.check_ipn(n, form, status, result)

    def test_frictionless_requested_skips_challenge(self):
        form, page = self.open_payment(vads_threeds_mpi="2")
        page = self.pay(ROWS[1][0], page)
        self.assertNotIn("challenge_ok", page.ids)
        f = self.check_ipn(1, form, "AUTHORISED", "00")
        self.assertEqual(f["vads_threeds_auth_type"], "FRICTIONLESS")

    def test_manual_validation(self):
        form, page = self.open_payment(vads_validation_mode="1")
        page = self.pay(ROWS[2][0], page)
        f = self.check_ipn(1, form, "AUTHORISED_TO_VALIDATE", "00")
        self.assertEqual(f["vads_validation_mode"], "1")

    def test_post_return(self):
        form, page = self.open_payment(vads_return_mode="POST", vads_url_success="http://127.0.0.1:1/ok.php")
        page = self.pay(ROWS[2][0], page)
        f = self.check_ipn(1, form, "AUTHORISED", "00")
        rf = page.form_with("return_form")
        self.assertEqual(rf["method"], "post")
        self.assertEqual(rf["action"], "http://127.0.0.1:1/ok.php")
        fields = dict(rf["inputs"])
        self.assertTrue(ref_verify(fields, KEY))
        self.assertNotIn("vads_hash", fields)
        self.assertNotIn("vads_url_check_src", fields)
        self.assertEqual(fields["vads_trans_uuid"], f["vads_trans_uuid"])
        self.assertEqual(fields["vads_cust_first_name"], "Élodie")
        self.assertEqual(page.ids["return_to_shop"]["tag"], "button")

    def test_none_return_and_refused_url(self):
        form, page = self.open_payment(vads_return_mode="NONE", vads_url_refused="http://127.0.0.1:1/ko.php")
        page = self.pay(ROWS[4][0], page)
        self.assertEqual(page.ids["return_to_shop"]["attrs"]["href"], "http://127.0.0.1:1/ko.php")

    def test_redirect_after_timeout(self):
        form, page = self.open_payment(vads_redirect_success_timeout="5",
                                       vads_redirect_success_message="Redirection vers la boutique")
        page = self.pay(ROWS[2][0], page)
        self.assertEqual(page.text("redirect_message"), "Redirection vers la boutique")
        refresh = [m for m in page.meta if m.get("http-equiv") == "refresh"]
        self.assertEqual(len(refresh), 1)
        content = refresh[0]["content"]
        self.assertTrue(content.startswith("5;url=http://127.0.0.1:1/shop/checkout_process.php?x=1&"), content)
        self.assertIn("setTimeout", page.html)
        # error timeout does not apply to a success, and vice versa
        form, page = self.open_payment(vads_redirect_error_timeout="0", vads_redirect_error_message="Echec")
        page = self.pay(ROWS[4][0], page)
        self.assertEqual(page.text("redirect_message"), "Echec")

    def test_brand_not_allowed_refused_on_page(self):
        form, page = self.open_payment(vads_payment_cards="VISA;MASTERCARD")
        self.assertIn("brand_VISA", page.ids)
        self.assertIn("brand_MASTERCARD", page.ids)
        self.assertNotIn("brand_CB", page.ids)
        self.assertNotIn("brand_MAESTRO", page.ids)
        page2 = self.pay(ROWS[2][2], page)                  # a MAESTRO card
        self.assertIn("error", page2.ids)
        self.assertIn("card_number", page2.ids)             # still on the payment page
        page3 = self.pay(ROWS[2][0], page2)                 # CB/VISA card: processed as VISA
        f = self.check_ipn(1, form, "AUTHORISED", "00")
        self.assertEqual(f["vads_card_brand"], "VISA")
        self.assertEqual(page3.ids["result_message"]["attrs"]["data-status"], "AUTHORISED")
        form, page = self.open_payment()
        page = self.pay(ROWS[2][0], page, brand="MAESTRO")  # chosen brand does not match the number
        self.assertIn("error", page.ids)

    def test_card_form_errors(self):
        form, page = self.open_payment()
        for fields in ({"card_number": "abc"}, {"expiry_year": "2001"}, {"cvv": "1"}):
            data = {"token": page.token(), "card_number": ROWS[2][0], "expiry_month": "12",
                    "expiry_year": str(datetime.now(timezone.utc).year + 1), "cvv": "123"}
            data.update(fields)
            p = self.post_page("/vads-payment/card", data)
            self.assertIn("error", p.ids, fields)
        p = self.post_page("/vads-payment/card", {"token": "nope"})
        self.assertIn("error_title", p.ids)
        time.sleep(self.retry_interval)
        self.assertEqual(self.shop.requests, [])

    def test_double_submit_has_one_result(self):
        form, page = self.open_payment()
        token = page.token()
        p1 = self.pay(ROWS[2][0], page)
        p2 = self.post_page("/vads-payment/card", {"token": token, "card_number": ROWS[4][0], "expiry_month": "12",
                                                   "expiry_year": "2099", "cvv": "123"})
        self.assertEqual(p2.ids["result_message"]["attrs"]["data-status"], "AUTHORISED")
        self.assertEqual(p1.text("trans_uuid"), p2.text("trans_uuid"))
        self.shop.wait_for(1)
        time.sleep(0.5)
        self.assertEqual(len(self.shop.requests), 1)

    def test_cancel_abandoned(self):
        form, page = self.open_payment(vads_url_cancel="http://127.0.0.1:1/cancel.php")
        status, headers, body = self.request("POST", "/vads-payment/cancel", {"token": page.token()})
        self.assertEqual(status, 302)
        loc = headers["Location"]
        self.assertTrue(loc.startswith("http://127.0.0.1:1/cancel.php?"), loc)
        r = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(loc).query, keep_blank_values=True))
        self.assertTrue(ref_verify(r, KEY))
        self.assertEqual((r["vads_trans_status"], r["vads_result"]), ("ABANDONED", "17"))
        self.assertNotIn("vads_hash", r)
        f = self.check_ipn(1, form, "ABANDONED", "17")
        self.assertEqual(f["vads_trans_uuid"], r["vads_trans_uuid"])
        # POST return mode: auto-submitted form
        form, page = self.open_payment(vads_return_mode="POST")
        p = self.post_page("/vads-payment/cancel", {"token": page.token()})
        fields = dict(p.form_with("return_form")["inputs"])
        self.assertEqual(fields["vads_trans_status"], "ABANDONED")
        self.assertTrue(ref_verify(fields, KEY))
        self.assertIn("submit()", p.html)


class CancelNotNotified(SandboxCase):
    notify_cancel = False

    def test_cancel_without_notification(self):
        form, page = self.open_payment()
        status, headers, _ = self.request("POST", "/vads-payment/cancel", {"token": page.token()})
        self.assertEqual(status, 302)
        time.sleep(0.6)
        self.assertEqual(self.shop.requests, [])
        form, page = self.open_payment()
        self.pay(ROWS[2][0], page)
        self.assertEqual(self.shop.wait_for(1)[0]["fields"]["vads_trans_status"], "AUTHORISED")


# ---------------------------------------------------------------------------- IPN delivery

class NotificationDelivery(SandboxCase):
    retry_interval = 0.4

    def txs(self):
        status, _, body = self.request("GET", "/admin/api/transactions")
        self.assertEqual(status, 200)
        return json.loads(body)

    def wait_attempts(self, count):
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            tx = self.txs()[0]
            attempts = [a for n in tx["notifications"] for a in n["attempt_list"]]
            if len(attempts) >= count:
                return tx, attempts
            time.sleep(0.05)
        raise AssertionError("expected %d attempts" % count)

    def test_retry_after_503_then_200(self):
        self.shop.script = [(503, "KO-Database unavailable", {})]
        form, page = self.open_payment()
        self.pay(ROWS[2][0], page)
        reqs = self.shop.wait_for(2)
        self.assertEqual(reqs[0]["fields"]["vads_url_check_src"], "PAY")
        self.assertEqual(reqs[1]["fields"]["vads_url_check_src"], "RETRY")
        self.assertTrue(ref_verify(reqs[1]["fields"], KEY))
        self.assertEqual(reqs[0]["fields"]["vads_hash"], reqs[1]["fields"]["vads_hash"])
        self.assertGreaterEqual(reqs[1]["t"] - reqs[0]["t"], self.retry_interval * 0.9)
        tx, attempts = self.wait_attempts(2)
        self.assertEqual([a["http_code"] for a in attempts], [503, 200])
        self.assertEqual(attempts[0]["body"], "KO-Database unavailable")
        self.assertEqual(attempts[1]["body"], "OK-Accepted payment, order has been updated.")
        self.assertIsInstance(attempts[0]["duration_ms"], int)
        self.assertTrue(attempts[0]["at"])
        self.assertEqual(tx["notifications"][0]["state"], "DELIVERED")
        time.sleep(self.retry_interval * 2)
        self.assertEqual(len(self.shop.requests), 2)

    def test_no_retry_after_302(self):
        self.shop.script = [(302, "", {"Location": "http://127.0.0.1:1/maintenance.php"})]
        form, page = self.open_payment()
        self.pay(ROWS[2][0], page)
        self.shop.wait_for(1)
        time.sleep(self.retry_interval * 3)
        self.assertEqual(len(self.shop.requests), 1)       # redirect = delivered, not followed
        tx, attempts = self.wait_attempts(1)
        self.assertEqual(attempts[0]["http_code"], 302)
        self.assertTrue(attempts[0]["delivered"])

    def test_gives_up_after_four_retries_and_long_body_truncated(self):
        self.shop.default = (500, "x" * 2000, {})
        form, page = self.open_payment()
        self.pay(ROWS[2][0], page)
        self.shop.wait_for(5)
        time.sleep(self.retry_interval * 2.5)
        self.assertEqual(len(self.shop.requests), 5)
        tx, attempts = self.wait_attempts(5)
        self.assertEqual([a["src"] for a in attempts], ["PAY", "RETRY", "RETRY", "RETRY", "RETRY"])
        self.assertEqual(len(attempts[0]["body"]), 500)
        self.assertEqual(tx["notifications"][0]["state"], "FAILED")

    def test_admin_replay(self):
        form, page = self.open_payment()
        self.pay(ROWS[2][0], page)
        self.shop.wait_for(1)
        tx = self.txs()[0]
        status, _, body = self.request("GET", "/admin/")
        p = Page(body)
        self.assertIn("replay_%d" % tx["id"], p.ids)
        self.assertIn(form["vads_order_id"], p.ids["tx_%d" % tx["id"]]["text"])
        self.shop.script = [(503, "KO", {})]
        status, headers, _ = self.request("POST", "/admin/replay", {"tx": str(tx["id"])})
        self.assertEqual(status, 303)
        reqs = self.shop.wait_for(2)
        self.assertEqual(reqs[1]["fields"]["vads_url_check_src"], "BO")
        self.assertTrue(ref_verify(reqs[1]["fields"], KEY))
        time.sleep(self.retry_interval * 2.5)              # a manual replay is not retried
        self.assertEqual(len(self.shop.requests), 2)
        status, _, body = self.request("GET", "/admin/tx/%d" % tx["id"])
        self.assertEqual(status, 200)


# ---------------------------------------------------------------------------- pages

class PageContents(SandboxCase):
    def test_amount_formatting(self):
        for currency, amount, lang, text, alpha in (
                ("978", "1234", "fr", "12,34", "EUR"), ("978", "5", "en", "0.05", "EUR"),
                ("392", "1234", "fr", "1234", "JPY"), ("414", "1234", "fr", "1,234", "KWD"),
                ("414", "1234", "en", "1.234", "KWD"), ("840", "100000", "de", "1000,00", "USD")):
            with self.subTest(currency=currency, amount=amount, lang=lang):
                _, page = self.open_payment(vads_currency=currency, vads_amount=amount, vads_language=lang)
                self.assertEqual(page.text("amount"), text)
                self.assertEqual(page.text("currency"), alpha)

    def test_languages(self):
        for lang, word in (("fr", "Numéro de carte"), ("de", "Kartennummer"), ("en", "Card number"),
                           ("es", "Número de tarjeta"), ("it", "Numéro de carte"), ("", "Numéro de carte")):
            with self.subTest(lang=lang):
                _, page = self.open_payment(vads_language=lang)
                self.assertIn(word, page.html)
                self.assertIn('<html lang="%s">' % (lang if lang in ("fr", "de", "en", "es") else "fr"), page.html)
        form, page = self.open_payment(vads_language="de")
        page = self.pay(ROWS[2][0], page)
        self.assertEqual(page.text("result_message"), "Ihre Zahlung wurde angenommen.")
        self.assertEqual(self.shop.wait_for(1)[0]["fields"]["vads_language"], "de")

    def test_html_escaping(self):
        _, page = self.open_payment(vads_order_id="A_1-b")
        self.assertEqual(page.text("order_id"), "A_1-b")
        form = make_form(vads_cust_last_name="<script>x</script>", vads_amount="zz")
        page = self.assert_error(form, "vads_amount")
        self.assertNotIn("<script>x</script>", page.html)

    def test_rest_operation_not_implemented(self):
        status, _, body = self.request("POST", "/api-payment/V4/Charge/CreateToken", {})
        self.assertEqual(status, 501)
        self.assertEqual(json.loads(body)["status"], "ERROR")


# ---------------------------------------------------------------------------- processes

class ServerProcessAndCli(unittest.TestCase):
    """server.py as a subprocess (via start.sh / stop.sh), restart persistence, cli.py."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sandbox-proc-")
        self.shop = FakeShop()
        import socket
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        self.env = dict(os.environ, SANDBOX_PORT=str(self.port), SANDBOX_DATA_DIR=os.path.join(self.tmp, "data"),
                        SANDBOX_RUN_DIR=os.path.join(self.tmp, "run"), SANDBOX_NOTIFICATION_URL=self.shop.url,
                        SANDBOX_RETRY_INTERVAL="0.3", SANDBOX_START_TIMEOUT="15")
        self.root = os.path.dirname(SANDBOX)

    def tearDown(self):
        subprocess.run([os.path.join(SANDBOX, "stop.sh")], env=self.env, cwd=self.root, timeout=30,
                       capture_output=True)
        self.shop.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def sh(self, name):
        r = subprocess.run([os.path.join(SANDBOX, name)], env=self.env, cwd=self.root, timeout=30,
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        return r.stdout

    def cli(self, *args):
        r = subprocess.run([sys.executable, os.path.join(SANDBOX, "cli.py"), "--data-dir", self.env["SANDBOX_DATA_DIR"]]
                           + list(args), timeout=30, capture_output=True, text=True)
        return r.returncode, r.stdout + r.stderr

    def post(self, path, fields):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=WAIT)
        try:
            conn.request("POST", path, urllib.parse.urlencode(fields),
                         {"Content-Type": "application/x-www-form-urlencoded"})
            return Page(conn.getresponse().read().decode())
        finally:
            conn.close()

    def test_start_pay_restart_cli_stop(self):
        out = self.sh("start.sh")
        self.assertIn("started", out)
        self.assertIn("already running", self.sh("start.sh"))
        form = make_form()
        page = self.post("/vads-payment/", form)
        page = self.post("/vads-payment/card", {"token": page.token(), "card_number": ROWS[2][0],
                                                "expiry_month": "12", "expiry_year": "2099", "cvv": "123"})
        self.assertEqual(page.ids["result_message"]["attrs"]["data-status"], "AUTHORISED")
        self.shop.wait_for(1)
        self.assertIn("stopped", self.sh("stop.sh"))
        self.assertEqual(self.sh("stop.sh").strip(), "sandbox not running (no %s/sandbox.pid)" % self.env["SANDBOX_RUN_DIR"])
        with open(os.path.join(self.env["SANDBOX_RUN_DIR"], "sandbox.log"), encoding="utf-8") as f:
            log = f.read()
        self.assertIn("result tx=1", log)

        rc, out = self.cli("list")
        self.assertEqual(rc, 0, out)
        self.assertIn(form["vads_trans_id"], out)
        self.assertIn("AUTHORISED", out)
        self.assertIn("PAY:200", out)
        rc, out = self.cli("show", form["vads_trans_id"])
        self.assertEqual(rc, 0, out)
        self.assertIn("vads_order_id = %s" % form["vads_order_id"], out)
        self.assertIn("HTTP 200", out)
        rc, out = self.cli("show", form["vads_trans_id"], "--json")
        self.assertEqual(json.loads(out)["status"], "AUTHORISED")
        rc, out = self.cli("replay", form["vads_trans_id"])           # server down: sent directly
        self.assertEqual(rc, 0, out)
        self.assertIn("replayed directly: DELIVERED", out)
        reqs = self.shop.wait_for(2)
        self.assertEqual(reqs[1]["fields"]["vads_url_check_src"], "BO")
        self.assertTrue(ref_verify(reqs[1]["fields"], KEY))

        # restart: state is kept, the same trans id is still refused today
        self.sh("start.sh")
        page = self.post("/vads-payment/", make_form(vads_trans_id=form["vads_trans_id"]))
        self.assertEqual(page.text("error_code"), "03")
        rc, out = self.cli("replay", "#1")                             # through the running server
        self.assertEqual(rc, 0, out)
        self.assertIn("queued on the running server", out)
        reqs = self.shop.wait_for(3)
        self.assertEqual(reqs[2]["fields"]["vads_url_check_src"], "BO")



class ConfigLoading(unittest.TestCase):
    def test_example_config_and_flags(self):
        from spsandbox import config
        cfg = config.load(["--config", os.path.join(SANDBOX, "config.example.json"), "--retry-interval", "2"])
        self.assertEqual(cfg.retry_interval, 2)
        self.assertEqual(set(cfg.shops), {"12345678", "73239078"})
        self.assertEqual(cfg.shops["73239078"].algorithm, "HMAC-SHA-256")
        cfg = config.load(["--site-id", "12345678", "--shop-key", "TEST:1122334455667788",
                           "--shop-key-prod", "PRODUCTION:abc", "--algorithm", "SHA-1", "--no-notify-cancel"])
        shop = cfg.shops["12345678"]
        self.assertEqual((shop.test_key, shop.prod_key, shop.algorithm, shop.notify_cancel),
                         ("1122334455667788", "abc", "SHA-1", False))
        with self.assertRaises(SystemExit):
            config.load(["--host", "0.0.0.0", "--site-id", "12345678", "--test-key", "k"])


if __name__ == "__main__":
    unittest.main()
