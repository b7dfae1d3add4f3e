"""Tests of the sandbox's REST API V4 and embedded form (sandbox/README.md, "REST API and embedded form").

Run from the repository root:  python3 -m unittest discover -s sandbox/tests -v

The hashes are checked here with hashlib/hmac over the raw kr-answer strings, not with the sandbox's
own answer module. The browser tests (real headless chromium, skipped when it is not installed)
load the JavaScript client in a page of another origin, as a shop does.
"""

import base64
import hashlib
import hmac
import http.client
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
SANDBOX = os.path.dirname(HERE)
sys.path.insert(0, SANDBOX)
sys.path.insert(0, HERE)

from spsandbox.config import Config, Shop  # noqa: E402
from spsandbox.store import Store  # noqa: E402
from test_sandbox import SITE, WAIT, FakeShop, SandboxCase  # noqa: E402

# The demo shop's REST keys (README) and the seed's public test shop.
PW_TEST, PW_PROD = "testpassword_DEMO1234567890abcdef", "prodpassword_DEMO1234567890abcdef"
PK_TEST, PK_PROD = SITE + ":testpublickey_DEMO1234567890", SITE + ":prodpublickey_DEMO1234567890"
HMAC_TEST, HMAC_PROD = "DEMOHMACTESTKEY1234567890abcdef", "DEMOHMACPRODKEY1234567890abcdef"
PUBLIC_SITE = "73239078"
PUBLIC_PW = "testpassword_SbEbeOueaMDyg8Rtei1bSaiB5lms9V0ZDjzldGXGAnIwH"
PUBLIC_PK = "73239078:testpublickey_Zr3fXIKKx0mLY9YNBQEan42ano2QsdrLuyb2W54QWmUJQ"
PUBLIC_HMAC = "VgbDd550wI6W1rwODGy56QAUkUQwIEdwXG5ziDUUC72BS"

ACCEPTED, CHALLENGE, THREEDS_FAILED, REFUSED = ("4970100000000055", "4970100000000014", "4970100000000063",
                                                "4970100000000071")
NEXT_YEAR = str(datetime.now(timezone.utc).year + 1)
ISO_DATE = r"\A\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00\Z"


def ref_hash(kr_answer, key):
    """kr-hash as protocol.md section 4 says: lowercase hex HMAC-SHA-256 of the raw string."""
    return hmac.new(key.encode("utf-8"), kr_answer.encode("utf-8"), hashlib.sha256).hexdigest()


def payment_body(**over):
    body = {
        "amount": 1234, "currency": "EUR", "orderId": "ORD-42",
        "customer": {
            "email": "elodie@example.com", "reference": "7",
            "billingDetails": {"firstName": "Élodie", "lastName": "D'Arc", "address": "1 rue de l'Église",
                               "zipCode": "75001", "city": "Paris", "country": "FR", "phoneNumber": "0102030405",
                               "language": "fr"},
            "shippingDetails": {"firstName": "Jürgen", "lastName": "Groß", "address": "Hauptstraße 1/2",
                                "zipCode": "10115", "city": "Berlin", "country": "DE"},
        },
        "strongAuthentication": "AUTO",
        "transactionOptions": {"cardOptions": {"captureDelay": 0, "manualValidation": "NO"}},
        "metadata": {"session": "sess/abc", "module": "modified"},
        "formAction": "PAYMENT",
        "contrib": "modified3.3.0_1.0.0/8.2.0",
    }
    body.update(over)
    return body


class RestCase(SandboxCase):
    """The sandbox of test_sandbox.py, its demo shop with the demo REST keys, and the public shop."""

    def setUp(self):
        super().setUp()
        shop = self.cfg.shops[SITE]
        for k, v in (("rest_password_test", PW_TEST), ("rest_password_prod", PW_PROD), ("public_key_test", PK_TEST),
                     ("public_key_prod", PK_PROD), ("hmac_key_test", HMAC_TEST), ("hmac_key_prod", HMAC_PROD)):
            setattr(shop, k, v)
        self.cfg.shops[PUBLIC_SITE] = Shop(site_id=PUBLIC_SITE, rest_password_test=PUBLIC_PW,
                                           public_key_test=PUBLIC_PK, hmac_key_test=PUBLIC_HMAC,
                                           notification_url=self.shop.url)

    # -- HTTP ---------------------------------------------------------------
    def http(self, method, path, raw=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=WAIT)
        try:
            conn.request(method, path, body=raw, headers=headers or {})
            r = conn.getresponse()
            return r.status, dict(r.getheaders()), r.read()
        finally:
            conn.close()

    def rest(self, operation, body=None, user=SITE, password=PW_TEST, method="POST", raw=None):
        headers = {"Content-Type": "application/json"}
        if password is not None:
            headers["Authorization"] = "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()
        if raw is None and body is not None:
            raw = json.dumps(body).encode("utf-8")
        status, headers, data = self.http(method, "/api-payment/V4/" + operation, raw, headers)
        self.assertTrue(headers["Content-Type"].startswith("application/json"), headers)
        return status, json.loads(data)

    def create(self, password=PW_TEST, user=SITE, **over):
        status, env = self.rest("Charge/CreatePayment", payment_body(**over), user, password)
        self.assertEqual((status, env["status"]), (200, "SUCCESS"), env)
        return env["answer"]["formToken"]

    def kr(self, operation, body, origin="http://127.0.0.1:8190"):
        status, headers, data = self.http("POST", "/krypton/" + operation, json.dumps(body).encode(),
                                          {"Content-Type": "application/json", "Origin": origin})
        self.assertEqual(status, 200, data)
        self.assertEqual(headers.get("Access-Control-Allow-Origin"), origin)
        return json.loads(data)

    def pay(self, token, pan, key=PK_TEST, month="12", year=NEXT_YEAR, cvv="123", language="fr-FR"):
        return self.kr("pay", {"formToken": token, "publicKey": key, "pan": pan, "expiryMonth": month,
                               "expiryYear": year, "securityCode": cvv, "language": language})

    def challenge(self, token, challenge_id, outcome, key=PK_TEST):
        return self.kr("challenge", {"formToken": token, "publicKey": key, "challengeId": challenge_id,
                                     "outcome": outcome, "language": "fr-FR"})

    def admin(self, path):
        status, _, data = self.http("GET", path)
        self.assertEqual(status, 200)
        return json.loads(data)

    def tries(self, token):
        return sorted((tx for tx in self.admin("/admin/api/transactions") if tx.get("form_token") == token),
                      key=lambda tx: tx["id"])

    # -- checks -------------------------------------------------------------
    def check_browser_answer(self, r, hmac_key=HMAC_TEST, password=PW_TEST):
        """The fields the client posts to kr-post-url-*: hash with the HMAC key, over the raw string."""
        self.assertEqual((r["hashAlgorithm"], r["hashKey"], r["answerType"]), ("sha256_hmac", "sha256_hmac",
                                                                                 "V4/Payment"))
        self.assertEqual(r["hash"], ref_hash(r["answer"], hmac_key))
        self.assertNotEqual(r["hash"], ref_hash(r["answer"], password))
        return json.loads(r["answer"])

    def check_ipn(self, n, password=PW_TEST, src="PAY"):
        """The n-th request to the shop is a REST IPN hashed with the REST password."""
        req = self.shop.wait_for(n)[n - 1]
        f = req["fields"]
        self.assertTrue(req["headers"]["Content-Type"].startswith("application/x-www-form-urlencoded"))
        self.assertEqual(sorted(f), ["kr-answer", "kr-answer-type", "kr-hash", "kr-hash-algorithm", "kr-hash-key",
                                     "kr-src"])
        self.assertEqual((f["kr-src"], f["kr-hash-algorithm"], f["kr-hash-key"], f["kr-answer-type"]),
                         (src, "sha256_hmac", "password", "V4/Payment"))
        self.assertRegex(f["kr-hash"], r"\A[0-9a-f]{64}\Z")
        self.assertEqual(f["kr-hash"], ref_hash(f["kr-answer"], password))
        return f


# ---------------------------------------------------------------------------- web services

class CreatePayment(RestCase):
    def test_success_envelope_and_stored_token(self):
        status, env = self.rest("Charge/CreatePayment", payment_body())
        self.assertEqual(status, 200)
        for k in ("webService", "version", "status", "answer", "ticket", "serverDate", "mode", "applicationProvider",
                  "applicationVersion", "serverUrl", "_type"):
            self.assertIn(k, env)
        self.assertEqual((env["webService"], env["version"], env["status"], env["mode"], env["_type"]),
                         ("Charge/CreatePayment", "V4", "SUCCESS", "TEST", "V4/WebService/Response"))
        self.assertRegex(env["ticket"], r"\A[0-9a-f]{32}\Z")
        self.assertRegex(env["serverDate"], ISO_DATE)
        self.assertEqual(env["serverUrl"], "http://127.0.0.1:%d" % self.server.port)
        token = env["answer"]["formToken"]
        self.assertEqual(env["answer"]["_type"], "V4/Charge/PaymentForm")
        self.assertRegex(token, r"\A[A-Za-z0-9_-]{50,}\Z")
        stored = {t["form_token"]: t for t in self.admin("/admin/api/form-tokens")}[token]
        self.assertEqual((stored["site_id"], stored["mode"], stored["amount"], stored["currency"], stored["order_id"],
                          stored["state"], stored["ipn_url"]), (SITE, "TEST", 1234, "EUR", "ORD-42", "OPEN",
                                                                self.shop.url))
        self.assertEqual(stored["request"], payment_body())     # everything kept, unknown fields too

    def test_mode_is_the_mode_of_the_password_and_ipn_target_url(self):
        status, env = self.rest("Charge/CreatePayment", payment_body(ipnTargetUrl="https://shop.example/ipn?x=1"),
                                password=PW_PROD)
        self.assertEqual((status, env["status"], env["mode"]), (200, "SUCCESS", "PRODUCTION"))
        stored = {t["form_token"]: t for t in self.admin("/admin/api/form-tokens")}[env["answer"]["formToken"]]
        self.assertEqual((stored["mode"], stored["ipn_url"]), ("PRODUCTION", "https://shop.example/ipn?x=1"))
        status, env = self.rest("Charge/CreatePayment", payment_body(), PUBLIC_SITE, PUBLIC_PW)
        self.assertEqual((status, env["status"], env["mode"]), (200, "SUCCESS", "TEST"))

    def test_authentication_refused(self):
        for user, password, mode, detail in (
                (SITE, "testpassword_wrong", "TEST", "wrong password"),
                (SITE, PW_TEST + " ", "TEST", "wrong password"),
                (SITE, "prodpassword_wrong", "PRODUCTION", "wrong password"),
                (SITE, PUBLIC_PW, "TEST", "wrong password"),                   # another shop's password
                ("99999999", PW_TEST, "TEST", "unknown shop"),
                (PUBLIC_SITE, "prodpassword_x", "PRODUCTION", "wrong password"),   # no PRODUCTION password
                (SITE, None, "TEST", "missing")):
            with self.subTest(user=user, password=password):
                status, env = self.rest("Charge/CreatePayment", payment_body(), user, password)
                self.assertEqual(status, 401)
                self.assertEqual((env["status"], env["mode"], env["webService"], env["_type"]),
                                 ("ERROR", mode, "Charge/CreatePayment", "V4/WebService/Response"))
                a = env["answer"]
                self.assertEqual((a["errorCode"], a["errorMessage"], a["_type"]),
                                 ("INT_902", "web-service authentication failed", "V4/WebService/WebServiceError"))
                self.assertIn(detail, a["detailedErrorMessage"])
        self.assertEqual(self.admin("/admin/api/form-tokens"), [])

    def test_invalid_fields(self):
        def bad(**over):
            return payment_body(**over)

        def customer(**over):
            c = payment_body()["customer"]
            c.update(over)
            return c

        def billing(**over):
            b = payment_body()["customer"]["billingDetails"]
            b.update(over)
            return customer(billingDetails=b)

        cases = [
            (bad(amount=0), "INT_009", "amount"), (bad(amount=-5), "INT_009", "amount"),
            (bad(amount=12.34), "INT_009", "amount"), (bad(amount="12.34"), "INT_009", "amount"),
            (bad(amount="0012"), "INT_009", "amount"), (bad(amount=True), "INT_009", "amount"),
            (bad(amount=10 ** 12), "INT_009", "amount"),
            ({k: v for k, v in payment_body().items() if k != "amount"}, "INT_009", "amount"),
            (bad(currency="XXX"), "INT_010", "currency"), (bad(currency="eur"), "INT_010", "currency"),
            (bad(currency=978), "INT_010", "currency"),
            ({k: v for k, v in payment_body().items() if k != "currency"}, "INT_010", "currency"),
            (bad(orderId="x" * 65), "INT_011", "orderId"), (bad(orderId=42), "INT_011", "orderId"),
            (bad(formAction="REGISTER_PAY"), "INT_012", "formAction"),
            (bad(customer="buyer@example.com"), "INT_014", "customer"),
            (bad(customer=customer(email="fake-email")), "INT_015", "customer.email"),
            (bad(customer=customer(email="a@b.c" + "x" * 150)), "INT_015", "customer.email"),
            (bad(customer=customer(reference="r" * 81)), "INT_016", "customer.reference"),
            (bad(customer=billing(country="fr")), "INT_017", "customer.billingDetails.country"),
            (bad(customer=billing(country="FRA")), "INT_017", "customer.billingDetails.country"),
            (bad(customer=billing(language="fra")), "INT_017", "customer.billingDetails.language"),
            (bad(customer=billing(firstName="x" * 64)), "INT_017", "customer.billingDetails.firstName"),
            (bad(customer=billing(zipCode={"a": 1})), "INT_017", "customer.billingDetails.zipCode"),
            (bad(customer=customer(shippingDetails={"lastName": "y" * 64})), "INT_018",
             "customer.shippingDetails.lastName"),
            (bad(customer=customer(shippingDetails="Berlin")), "INT_018", "customer.shippingDetails"),
            (bad(ipnTargetUrl="ftp://shop.example/ipn"), "INT_019", "ipnTargetUrl"),
            (bad(ipnTargetUrl="/callback/ipn.php"), "INT_019", "ipnTargetUrl"),
            (bad(strongAuthentication="MAYBE"), "INT_020", "strongAuthentication"),
            (bad(transactionOptions="x"), "INT_021", "transactionOptions"),
            (bad(transactionOptions={"cardOptions": {"captureDelay": -1}}), "INT_022",
             "transactionOptions.cardOptions.captureDelay"),
            (bad(transactionOptions={"cardOptions": {"captureDelay": "3d"}}), "INT_022",
             "transactionOptions.cardOptions.captureDelay"),
            (bad(transactionOptions={"cardOptions": {"manualValidation": "yes"}}), "INT_023",
             "transactionOptions.cardOptions.manualValidation"),
            (bad(metadata={"a": {"b": "c"}}), "INT_025", "metadata"), (bad(metadata="x"), "INT_025", "metadata"),
        ]
        for body, code, field in cases:
            with self.subTest(code=code, field=field, body=json.dumps(body)[:80]):
                status, env = self.rest("Charge/CreatePayment", body)
                self.assertEqual((status, env["status"], env["mode"]), (200, "ERROR", "TEST"))
                a = env["answer"]
                self.assertEqual((a["errorCode"], a["_type"]), (code, "V4/WebService/WebServiceError"))
                self.assertIn("[name=%s," % field, a["detailedErrorMessage"])
                for k in ("errorMessage", "detailedErrorCode"):
                    self.assertIn(k, a)
        self.assertEqual(self.admin("/admin/api/form-tokens"), [])
        status, _, page = self.http("GET", "/admin/")
        self.assertIn("INT_015", page.decode())                  # refused calls listed in the admin
        for raw, detail in ((b"{not json", "decode JSON"), (b"[1, 2]", "JSON object")):
            status, env = self.rest("Charge/CreatePayment", raw=raw)
            self.assertEqual((status, env["status"], env["answer"]["errorCode"]), (200, "ERROR", "INT_902"))
            self.assertIn(detail, env["answer"]["detailedErrorMessage"])

    def test_accepted_variants(self):
        """What PHP integrations send: digit strings, empty strings for unknown data, extra fields."""
        for body in (payment_body(amount="1234"), payment_body(orderId="", ipnTargetUrl="", strongAuthentication=""),
                     payment_body(transactionOptions={"cardOptions": {"captureDelay": "3", "manualValidation": "",
                                                                      "paymentSource": "EC", "retry": "2"}}),
                     payment_body(customer={"email": "", "reference": "", "billingDetails": {
                         "title": "", "firstName": "Ann", "country": "", "state": None, "category": "PRIVATE"},
                         "shoppingCart": {"cartItemInfo": []}}),
                     {"amount": 1, "currency": "JPY"}, {"amount": 999999999999, "currency": "KWD"},
                     payment_body(metadata={"n": 1, "flag": True, "none": None}),
                     payment_body(paymentMethods=["CB", "VISA"], strongAuthentication="CHALLENGE_MANDATE")):
            with self.subTest(body=json.dumps(body)[:100]):
                status, env = self.rest("Charge/CreatePayment", body)
                self.assertEqual((status, env["status"]), (200, "SUCCESS"), env["answer"])

    def test_sdk_test_get_and_unknown_operation(self):
        status, env = self.rest("Charge/SDKTest", {"value": "sdk test string value é/"})
        self.assertEqual((status, env["status"], env["webService"]), (200, "SUCCESS", "Charge/SDKTest"))
        self.assertEqual(env["answer"], {"value": "sdk test string value é/", "_type": "V4/Charge/SDKTest"})
        status, env = self.rest("Charge/SDKTest", {"value": "x"}, PUBLIC_SITE, PUBLIC_PW)
        self.assertEqual((status, env["answer"]["value"]), (200, "x"))
        self.assertEqual(self.rest("Charge/SDKTest", {"value": "x"}, password="nope")[0], 401)
        for op in ("Charge/CreatePayment", "Charge/SDKTest"):
            status, env = self.rest(op, method="GET")
            self.assertEqual((status, env["status"], env["_type"]), (405, "ERROR", "V4/WebService/Response"))
            self.assertEqual(env["answer"]["_type"], "V4/WebService/WebServiceError")
        status, env = self.rest("Charge/CreateToken", {"amount": 0, "currency": "EUR"})
        self.assertEqual((status, env["status"]), (501, "ERROR"))


# ---------------------------------------------------------------------------- embedded form

class EmbeddedForm(RestCase):
    def test_init_language_amount_and_cors(self):
        token = self.create()
        for language, label in (("fr-FR", "Payer 12,34 €"), ("de-DE", "Bezahlen 12,34 €"), ("en-EN", "Pay 12.34 €"),
                                ("es-ES", "Pagar 12,34 €"), ("it-IT", "Payer 12,34 €"), ("", "Payer 12,34 €")):
            with self.subTest(language=language):     # unknown: the billing language (fr) is used
                r = self.kr("init", {"formToken": token, "publicKey": PK_TEST, "language": language})
                self.assertEqual((r["status"], r["payLabel"], r["mode"], r["amount"], r["currency"]),
                                 ("READY", label, "TEST", 1234, "EUR"))
                for k in ("pan", "expiry", "security_code", "pay", "challenge_ok", "ACQ_001", "CLIENT_301"):
                    self.assertIn(k, r["texts"])
        r = self.kr("init", {"formToken": self.create(amount=1234, currency="JPY", customer={}), "publicKey": PK_TEST,
                             "language": "en"})
        self.assertEqual(r["payLabel"], "Pay 1234 ¥")
        status, headers, _ = self.http("OPTIONS", "/krypton/pay", headers={
            "Origin": "http://shop.example:8190", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type"})
        self.assertEqual(status, 204)
        self.assertEqual(headers["Access-Control-Allow-Origin"], "http://shop.example:8190")
        self.assertIn("POST", headers["Access-Control-Allow-Methods"])
        self.assertEqual(headers["Access-Control-Allow-Headers"], "content-type")

    def test_frictionless_accepted_answer_hashes_and_ipn(self):
        token = self.create()
        r = self.pay(token, ACCEPTED)
        self.assertEqual(r["status"], "ACCEPTED")
        # the first IPN attempt is made before the browser gets the result, as on the platform
        self.assertEqual(len(self.shop.requests), 1)
        a = self.check_browser_answer(r)
        raw = r["answer"]
        self.assertIn('"_type":"V4\\/Payment"', raw)                  # "/" written "\/"
        self.assertIn("Élodie", raw)                                   # UTF-8 left raw
        self.assertIn("sess\\/abc", raw)
        self.assertNotIn("\\u00c9", raw)
        self.assertNotIn(": ", raw)                                    # compact
        reencoded = json.dumps(json.loads(raw), separators=(",", ":"))  # what a re-encoding shop would hash
        self.assertNotEqual(ref_hash(reencoded, HMAC_TEST), r["hash"])
        self.assertEqual((a["shopId"], a["orderCycle"], a["orderStatus"], a["_type"]),
                         (SITE, "CLOSED", "PAID", "V4/Payment"))
        self.assertRegex(a["serverDate"], ISO_DATE)
        self.assertEqual(a["orderDetails"], {"orderTotalAmount": 1234, "orderEffectiveAmount": 1234,
                                             "orderCurrency": "EUR", "mode": "TEST", "orderId": "ORD-42",
                                             "metadata": None, "_type": "V4/OrderDetails"})
        c = a["customer"]
        self.assertEqual((c["email"], c["reference"], c["_type"]), ("elodie@example.com", "7", "V4/Customer/Customer"))
        self.assertEqual((c["billingDetails"]["firstName"], c["billingDetails"]["language"],
                          c["billingDetails"]["country"], c["billingDetails"]["title"]), ("Élodie", "FR", "FR", None))
        self.assertEqual((c["shippingDetails"]["lastName"], c["shippingDetails"]["address"]), ("Groß",
                                                                                               "Hauptstraße 1/2"))
        self.assertEqual(len(a["transactions"]), 1)
        t = a["transactions"][0]
        self.assertRegex(t["uuid"], r"\A[0-9a-f]{32}\Z")
        self.assertRegex(t["creationDate"], ISO_DATE)
        self.assertEqual((t["shopId"], t["amount"], t["currency"], t["paymentMethodType"], t["status"],
                          t["detailedStatus"], t["operationType"], t["effectiveStrongAuthentication"], t["errorCode"],
                          t["errorMessage"], t["detailedErrorCode"], t["detailedErrorMessage"], t["metadata"],
                          t["_type"]),
                         (SITE, 1234, "EUR", "CARD", "PAID", "AUTHORISED", "DEBIT", "ENABLED", None, None, None, None,
                          {"session": "sess/abc", "module": "modified"}, "V4/PaymentTransaction"))
        d = t["transactionDetails"]
        self.assertEqual((d["liabilityShift"], d["effectiveAmount"], d["effectiveCurrency"], d["creationContext"],
                          d["sequenceNumber"], d["parentTransactionUuid"], d["_type"]),
                         ("YES", 1234, "EUR", "CHARGE", 1, None, "V4/TransactionDetails"))
        cd = d["cardDetails"]
        self.assertEqual((cd["paymentSource"], cd["manualValidation"], cd["effectiveBrand"], cd["pan"],
                          cd["expiryMonth"], cd["expiryYear"], cd["country"]),
                         ("EC", "NO", "CB", "497010XXXXXX0055", 12, int(NEXT_YEAR), "FR"))
        self.assertRegex(cd["legacyTransId"], r"\A9\d{5}\Z")
        self.assertRegex(cd["legacyTransDate"], ISO_DATE)
        self.assertEqual(cd["expectedCaptureDate"], t["creationDate"])
        self.assertEqual((cd["authorizationResponse"]["authorizationResult"], cd["authorizationResponse"]["amount"]),
                         ("0", 1234))
        auth = cd["threeDSResponse"]["authenticationResultData"]
        self.assertEqual((auth["transStatus"], auth["status"], auth["enrolled"]), ("Y", "SUCCESS", "YES"))
        self.assertEqual(cd["authenticationResponse"]["value"]["authenticationType"], "FRICTIONLESS")

        f = self.check_ipn(1)
        self.assertEqual(f["kr-answer"], raw)                           # the same exact string
        self.assertNotEqual(f["kr-hash"], r["hash"])
        self.assertIn(b"%5C%2F", self.shop.requests[0]["raw"])           # "\/" travels as is
        tx = self.tries(token)[0]
        self.assertEqual((tx["api"], tx["detailedStatus"], tx["trans_uuid"], tx["trans_id"], tx["order_id"],
                          tx["kr_answer"]), ("REST", "AUTHORISED", t["uuid"], cd["legacyTransId"], "ORD-42", raw))
        self.assertEqual(tx["notifications"][0]["attempt_list"][0]["fields"]["kr-src"], "PAY")
        self.assertEqual({t["form_token"]: t for t in self.admin("/admin/api/form-tokens")}[token]["state"], "PAID")

    def test_refused_then_accepted_with_the_same_token(self):
        token = self.create()
        r = self.pay(token, REFUSED)
        self.assertEqual((r["status"], r["retry"], r["error"]["errorCode"], r["error"]["detailedErrorCode"]),
                         ("REFUSED", True, "ACQ_001", "05"))
        self.assertEqual(r["message"], "Le paiement est refusé. Essayez de payer avec une autre carte.")
        a = self.check_browser_answer(r)
        t = a["transactions"][0]
        self.assertEqual((a["orderCycle"], a["orderStatus"], t["status"], t["detailedStatus"], t["errorCode"],
                          t["errorMessage"], t["transactionDetails"]["cardDetails"]["authorizationResponse"][
                              "authorizationResult"]),
                         ("OPEN", "UNPAID", "UNPAID", "REFUSED", "ACQ_001", "payment refused", "05"))
        refused_ipn = json.loads(self.check_ipn(1)["kr-answer"])
        self.assertEqual(refused_ipn["transactions"][0]["detailedStatus"], "REFUSED")
        r2 = self.pay(token, ACCEPTED, language="de-DE")
        self.assertEqual(r2["status"], "ACCEPTED")
        t2 = self.check_browser_answer(r2)["transactions"][0]
        self.assertNotEqual(t2["uuid"], t["uuid"])                     # each try is a new transaction
        self.assertNotEqual(t2["transactionDetails"]["cardDetails"]["legacyTransId"],
                            t["transactionDetails"]["cardDetails"]["legacyTransId"])
        self.assertEqual(json.loads(self.check_ipn(2)["kr-answer"])["transactions"][0]["uuid"], t2["uuid"])
        self.assertEqual([x["detailedStatus"] for x in self.tries(token)], ["REFUSED", "AUTHORISED"])

    def test_challenge_ok_and_fail(self):
        for outcome, status, trans_status in (("ok", "ACCEPTED", "Y"), ("fail", "REFUSED", "N")):
            with self.subTest(outcome=outcome):
                n = len(self.shop.requests)
                token = self.create()
                r = self.pay(token, CHALLENGE)
                self.assertEqual((r["status"], r["card"]), ("CHALLENGE", "CB 497010XXXXXX0014"))
                self.assertEqual(len(self.shop.requests), n)              # nothing final yet: no IPN
                self.assertEqual(self.tries(token)[0]["state"], "CHALLENGE")
                r = self.challenge(token, r["challengeId"], outcome)
                self.assertEqual(r["status"], status)
                t = self.check_browser_answer(r)["transactions"][0]
                cd = t["transactionDetails"]["cardDetails"]
                self.assertEqual(cd["threeDSResponse"]["authenticationResultData"]["transStatus"], trans_status)
                self.assertEqual(cd["authenticationResponse"]["value"]["authenticationType"], "CHALLENGE")
                if outcome == "fail":
                    self.assertEqual((t["errorCode"], r["retry"], cd["authorizationResponse"]["authorizationResult"]),
                                     ("PSP_003", True, None))
                    self.assertIn("3-D Secure", r["message"])
                self.check_ipn(n + 1)
                again = self.challenge(token, "nope", "ok")            # an unknown / finished challenge
                self.assertEqual((again["status"], again["error"]["errorCode"]), ("ERROR", "CLIENT_999"))

    def test_other_cards(self):
        for pan, status, code, liability, trans_status in (
                (THREEDS_FAILED, "REFUSED", "PSP_003", None, "N"),
                ("4970100000000048", "ACCEPTED", None, "NO", "A"),       # not enrolled
                ("4970110000000013", "ACCEPTED", None, "YES", "Y"),
                ("4970110000000401", "REFUSED", "ACQ_001", None, "Y"),
                ("5970100300000067", "ACCEPTED", None, "YES", "Y"),       # MASTERCARD row 2
                ("4111111111111111", "REFUSED", "ACQ_001", None, "U")):   # not a test card
            with self.subTest(pan=pan):
                r = self.pay(self.create(), pan)
                self.assertEqual(r["status"], status)
                t = self.check_browser_answer(r)["transactions"][0]
                d = t["transactionDetails"]
                self.assertEqual((t["errorCode"], d["liabilityShift"],
                                  d["cardDetails"]["threeDSResponse"]["authenticationResultData"]["transStatus"]),
                                 (code, liability, trans_status))
        brand = self.check_browser_answer(self.pay(self.create(), "5970100300000067"))
        self.assertEqual(brand["transactions"][0]["transactionDetails"]["cardDetails"]["effectiveBrand"], "MASTERCARD")

    def test_card_entry_checked(self):
        token = self.create()
        for pan, month, year, cvv, code in ((ACCEPTED[:-6], "12", NEXT_YEAR, "123", "CLIENT_301"),
                                            ("4970 1000 0000 0x55", "12", NEXT_YEAR, "123", "CLIENT_301"),
                                            (ACCEPTED, "13", NEXT_YEAR, "123", "CLIENT_302"),
                                            (ACCEPTED, "1", "2001", "123", "CLIENT_302"),
                                            (ACCEPTED, "12", NEXT_YEAR, "12", "CLIENT_303")):
            with self.subTest(code=code, pan=pan, month=month):
                r = self.pay(token, pan, month=month, year=year, cvv=cvv)
                self.assertEqual((r["status"], r["error"]["errorCode"], r["retry"]), ("ERROR", code, True))
        self.assertEqual(self.tries(token), [])                          # no transaction for these
        self.assertEqual(self.pay(token, "4970 1000 0000 0055", year=NEXT_YEAR[2:])["status"], "ACCEPTED")

    def test_public_key_must_match_shop_and_mode(self):
        test_token, prod_token = self.create(), self.create(password=PW_PROD)
        for token, key in ((test_token, PK_PROD), (prod_token, PK_TEST), (test_token, PUBLIC_PK), (test_token, ""),
                           (test_token, PK_TEST + "x")):
            with self.subTest(key=key):
                for r in (self.kr("init", {"formToken": token, "publicKey": key, "language": "en"}),
                          self.pay(token, ACCEPTED, key=key, language="en")):
                    self.assertEqual((r["status"], r["error"]["errorCode"], r["retry"]), ("ERROR", "PSP_001", False))
                    self.assertEqual(r["message"], "This form cannot be used with this public key.")
        self.assertEqual(self.tries(test_token) + self.tries(prod_token), [])
        self.assertEqual(len(self.shop.requests), 0)
        r = self.pay(prod_token, ACCEPTED, key=PK_PROD)
        self.assertEqual(r["status"], "ACCEPTED")
        a = self.check_browser_answer(r, HMAC_PROD, PW_PROD)
        self.assertEqual(a["orderDetails"]["mode"], "PRODUCTION")
        self.assertNotEqual(r["hash"], ref_hash(r["answer"], HMAC_TEST))
        self.check_ipn(1, password=PW_PROD)
        r = self.pay(self.create(PUBLIC_PW, PUBLIC_SITE), ACCEPTED, key=PUBLIC_PK)
        self.assertEqual(self.check_browser_answer(r, PUBLIC_HMAC, PUBLIC_PW)["shopId"], PUBLIC_SITE)
        self.check_ipn(2, password=PUBLIC_PW)

    def test_token_single_use_and_unknown(self):
        token = self.create()
        self.assertEqual(self.pay(token, ACCEPTED)["status"], "ACCEPTED")
        for r in (self.pay(token, ACCEPTED), self.pay(token, REFUSED), self.kr("init", {
                "formToken": token, "publicKey": PK_TEST, "language": "fr"})):
            self.assertEqual((r["status"], r["error"]["errorCode"], r["retry"]), ("ERROR", "PSP_016", False))
            self.assertEqual(r["message"], "Cette commande a déjà été payée.")
        token2 = self.create()
        pending = self.pay(token2, CHALLENGE)["challengeId"]           # a challenge left open...
        self.assertEqual(self.pay(token2, ACCEPTED)["status"], "ACCEPTED")
        r = self.challenge(token2, pending, "ok")                      # ...cannot pay it a second time
        self.assertEqual(r["error"]["errorCode"], "PSP_016")
        self.assertEqual(len(self.shop.requests), 2)
        for r in (self.pay("SBunknown", ACCEPTED), self.kr("init", {"formToken": "", "publicKey": PK_TEST})):
            self.assertEqual((r["status"], r["error"]["errorCode"]), ("ERROR", "PSP_108"))

    def test_options_manual_validation_capture_delay_strong_auth_retry(self):
        r = self.pay(self.create(transactionOptions={"cardOptions": {"manualValidation": "YES", "captureDelay": 3}}),
                     ACCEPTED)
        a = self.check_browser_answer(r)
        t = a["transactions"][0]
        cd = t["transactionDetails"]["cardDetails"]
        self.assertEqual((a["orderStatus"], t["status"], t["detailedStatus"], cd["manualValidation"]),
                         ("RUNNING", "RUNNING", "AUTHORISED_TO_VALIDATE", "YES"))
        created = datetime.strptime(t["creationDate"], "%Y-%m-%dT%H:%M:%S+00:00")
        self.assertEqual(cd["expectedCaptureDate"], (created + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%S+00:00"))
        self.assertEqual(self.pay(self.create(strongAuthentication="DISABLED"), CHALLENGE)["status"], "ACCEPTED")
        self.assertEqual(self.pay(self.create(strongAuthentication="NO_CHALLENGE_REQUESTED"), CHALLENGE)["status"],
                         "ACCEPTED")
        self.assertEqual(self.pay(self.create(strongAuthentication="CHALLENGE_REQUESTED"), ACCEPTED)["status"],
                         "CHALLENGE")
        token = self.create(transactionOptions={"cardOptions": {"retry": 1}})
        first, second = self.pay(token, REFUSED), self.pay(token, THREEDS_FAILED)
        self.assertEqual((first["retry"], json.loads(first["answer"])["orderCycle"]), (True, "OPEN"))
        self.assertEqual((second["retry"], json.loads(second["answer"])["orderCycle"]), (False, "CLOSED"))
        r = self.pay(token, ACCEPTED)
        self.assertEqual((r["status"], r["error"]["errorCode"]), ("ERROR", "PSP_099"))
        self.assertEqual(len(self.tries(token)), 2)


class RawSlashes(RestCase):
    def setUp(self):
        super().setUp()
        self.cfg.kr_answer_escaped_slashes = False

    def test_raw_slashes_option(self):
        r = self.pay(self.create(), ACCEPTED)
        self.assertIn('"_type":"V4/Payment"', r["answer"])
        self.assertNotIn("\\/", r["answer"])
        self.check_browser_answer(r)
        self.assertEqual(self.check_ipn(1)["kr-answer"], r["answer"])


# ---------------------------------------------------------------------------- REST IPN

class RestNotifications(RestCase):
    retry_interval = 0.4

    def test_retries_until_200(self):
        self.shop.script = [(503, "KO-Database unavailable", {}), (500, "KO", {})]
        token = self.create()
        r = self.pay(token, ACCEPTED)
        self.assertEqual(r["status"], "ACCEPTED")                        # the browser is not kept waiting
        reqs = self.shop.wait_for(3)
        self.assertEqual([q["fields"]["kr-src"] for q in reqs], ["PAY", "RETRY", "RETRY"])
        for i in range(3):
            self.check_ipn(i + 1, src=reqs[i]["fields"]["kr-src"])
            self.assertEqual(reqs[i]["fields"]["kr-answer"], r["answer"])
        self.assertGreaterEqual(reqs[1]["t"] - reqs[0]["t"], self.retry_interval * 0.9)
        time.sleep(self.retry_interval * 2.5)
        self.assertEqual(len(self.shop.requests), 3)                     # delivered: no more attempts
        tx = self.tries(token)[0]
        n = tx["notifications"][0]
        self.assertEqual((n["state"], [a["http_code"] for a in n["attempt_list"]]), ("DELIVERED", [503, 500, 200]))
        self.assertEqual(n["attempt_list"][0]["body"], "KO-Database unavailable")

    def test_ipn_delay_lets_the_browser_go_first(self):
        self.cfg.ipn_delay = 0.5
        r = self.pay(self.create(), ACCEPTED)
        self.assertEqual((r["status"], len(self.shop.requests)), ("ACCEPTED", 0))
        self.check_ipn(1)

    def test_default_url_and_replay(self):
        token = self.create(ipnTargetUrl=self.shop.url + "?target=1")
        r = self.pay(token, REFUSED)
        self.assertEqual(self.shop.wait_for(1)[0]["path"], "/callback/systempay/process.php?target=1")
        tx = self.tries(token)[0]
        status, _, page = self.http("GET", "/admin/")
        page = page.decode()
        self.assertIn('id="tx_%d" data-api="REST"' % tx["id"], page)
        self.assertIn(token, page)
        self.assertIn(tx["trans_uuid"], page)
        self.assertIn('id="replay_%d"' % tx["id"], page)
        self.assertIn("REFUSED", page)
        self.assertEqual(self.http("GET", "/admin/tx/%d" % tx["id"])[0], 200)
        # replay through the admin API (by uuid, then by formToken) and the admin page's button
        for ref, src in ((tx["trans_uuid"], "BO"), (token, "RETRY")):
            status, _, data = self.http("POST", "/admin/api/replay", urllib.parse.urlencode(
                {"tx": ref, "src": src}).encode(), {"Content-Type": "application/x-www-form-urlencoded"})
            self.assertEqual(status, 200, data)
        self.assertEqual(self.http("POST", "/admin/replay", b"tx=%d" % tx["id"],
                                   {"Content-Type": "application/x-www-form-urlencoded"})[0], 303)
        reqs = self.shop.wait_for(4)
        self.assertEqual([q["fields"]["kr-src"] for q in reqs], ["PAY", "BO", "RETRY", "BO"])
        for i in range(4):
            f = self.check_ipn(i + 1, src=reqs[i]["fields"]["kr-src"])
            self.assertEqual(f["kr-answer"], r["answer"])
            self.assertEqual(reqs[i]["path"], "/callback/systempay/process.php?target=1")
        # no ipnTargetUrl: the shop's notification URL
        self.pay(self.create(), ACCEPTED)
        self.assertEqual(self.shop.wait_for(5)[4]["path"], "/callback/systempay/process.php")


# ---------------------------------------------------------------------------- client files

class ClientFiles(RestCase):
    def test_javascript_client_and_theme_served(self):
        status, headers, data = self.http("GET", "/static/js/krypton-client/V4.0/stable/kr-payment-form.min.js")
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("application/javascript"), headers)
        js = data.decode("utf-8")
        for name in ("onSubmit", "onError", "onFormReady", "setFormConfig", "kr-public-key", "kr-post-url-success",
                     "kr-post-url-refused", "kr-language", "kr-form-token", "kr-popin", "kr-embedded", "kr-pan",
                     "kr-expiry", "kr-security-code", "kr-payment-button", "kr-form-error", "kr-challenge-ok",
                     "kr-challenge-fail", "clientAnswer", "rawClientAnswer", "kr-hash", "/krypton/",
                     "document.currentScript"):
            self.assertIn(name, js)
        for path, ctype in (("/static/js/krypton-client/V4.0/ext/classic-reset.css", "text/css"),
                            ("/static/js/krypton-client/V4.0/ext/classic.css", "text/css"),
                            ("/static/js/krypton-client/V4.0/ext/classic.js", "application/javascript")):
            status, headers, _ = self.http("GET", path)
            self.assertEqual(status, 200, path)
            self.assertTrue(headers["Content-Type"].startswith(ctype), path)
        node = shutil.which("node") or shutil.which("nodejs")
        if node:   # syntax only; the behaviour is tested in a real browser below
            for name in ("kr-payment-form.js", "classic.js"):
                done = subprocess.run([node, "--check", os.path.join(SANDBOX, "spsandbox", "static", name)],
                                      capture_output=True, text=True, timeout=30)
                self.assertEqual(done.returncode, 0, done.stderr)


CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)


@unittest.skipUnless(CHROMIUM, "no chromium: the browser tests of the JavaScript client are skipped")
class BrowserEmbeddedForm(RestCase):
    """The JavaScript client in headless chromium, in a page of the fake shop (another origin than
    the sandbox). The page drives the form itself and reports what it sees to the shop (POST /log);
    the client's final POST to kr-post-url-success arrives at the shop like a real browser's."""

    PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>checkout</title>
<script src="%(sandbox)s/static/js/krypton-client/V4.0/stable/kr-payment-form.min.js"
        kr-public-key="%(key)s" kr-post-url-success="/paid?order=42" kr-language="%(lang)s"></script>
<link rel="stylesheet" href="%(sandbox)s/static/js/krypton-client/V4.0/ext/classic-reset.css">
<script src="%(sandbox)s/static/js/krypton-client/V4.0/ext/classic.js"></script>
<script>
var seq = 0;
function report(what) {   // numbered (fetches may arrive out of order), kept alive across the navigation
  var e = document.getElementById('kr-form-error');
  fetch('/log', {method: 'POST', keepalive: true, body: JSON.stringify({seq: seq++, what: what,
    code: e && e.getAttribute('data-error-code'),
    text: e && e.textContent, pan: document.getElementById('kr-pan').value,
    state: document.querySelector('.kr-embedded').getAttribute('data-kr-state'),
    button: document.getElementById('kr-payment-button').textContent})});
}
function type(pan) {
  document.getElementById('kr-pan').value = pan;
  document.getElementById('kr-expiry').value = '12/%(yy)s';
  document.getElementById('kr-security-code').value = '123';
}
var cards = %(cards)s;
KR.onError(function (e) {
  report('error ' + e.errorCode);
  if (cards.length) { setTimeout(function () { type(cards.shift()); KR.submit(); }, 0); }
});
KR.onSubmit(function (answer) { report('submit ' + answer.clientAnswer.orderStatus + ' ' + answer.hashKey); });
KR.onFormReady(function () {
  report('ready');
  %(open)s
  type(cards.shift());
  document.getElementById('kr-payment-button').click();
  var wait = setInterval(function () {
    var ok = document.getElementById('kr-challenge-ok');
    if (ok) {
      clearInterval(wait);
      report('challenge ' + document.getElementById('kr-challenge-card').textContent);
      ok.click();
    }
  }, 50);
});
</script></head><body><h1>Checkout</h1>
<div class="kr-embedded"%(popin)s kr-form-token="%(token)s"></div></body></html>"""

    def browse(self, token, cards, popin=False, lang="fr-FR", key=PK_TEST, until=None):
        """Opens the page in chromium until the client has posted to /paid, or until(logs) is true, or
        2 x WAIT; returns the shop's requests."""
        self.shop.page = self.PAGE % dict(
            sandbox="http://127.0.0.1:%d" % self.server.port, key=key, lang=lang, token=token,
            yy=NEXT_YEAR[2:], cards=json.dumps(cards), popin=" kr-popin" if popin else "",
            open="document.getElementById('kr-popin-button').click(); report('popin ' + "
                 "getComputedStyle(document.getElementById('kr-popin-wrapper')).display);" if popin else "")
        url = self.shop.url.replace("/callback/systempay/process.php", "/checkout")
        profile = tempfile.mkdtemp(prefix="sandbox-chromium-")
        proc = subprocess.Popen([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                                 "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                                 url], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        def finished():
            if until:
                return until(self.logs(self.shop.requests))
            return any(q["path"].startswith("/paid") for q in self.shop.requests)
        try:
            deadline = time.monotonic() + WAIT * 2
            while time.monotonic() < deadline and not finished():
                time.sleep(0.1)
            time.sleep(0.5)          # the last reports (keepalive fetches) may follow the navigation
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
            shutil.rmtree(profile, ignore_errors=True)
        return list(self.shop.requests)

    @staticmethod
    def logs(requests):
        return sorted((json.loads(q["raw"]) for q in list(requests) if q["path"] == "/log"), key=lambda x: x["seq"])

    def paid(self, requests):
        posts = [q for q in requests if q["path"].startswith("/paid")]
        self.assertEqual(len(posts), 1, [q["path"] for q in requests])
        post = posts[0]
        self.assertEqual(post["path"], "/paid?order=42")
        self.assertTrue(post["headers"]["Content-Type"].startswith("application/x-www-form-urlencoded"))
        f = post["fields"]
        self.assertEqual(sorted(f), ["kr-answer", "kr-answer-type", "kr-hash", "kr-hash-algorithm", "kr-hash-key"])
        self.assertEqual((f["kr-hash-algorithm"], f["kr-hash-key"], f["kr-answer-type"]),
                         ("sha256_hmac", "sha256_hmac", "V4/Payment"))
        self.assertEqual(f["kr-hash"], ref_hash(f["kr-answer"], HMAC_TEST))   # over what the browser posted
        self.assertIn("Élodie", f["kr-answer"])
        self.assertIn("\\/", f["kr-answer"])
        return json.loads(f["kr-answer"])

    def test_refused_then_accepted_in_the_page(self):
        token = self.create()
        requests = self.browse(token, [REFUSED, ACCEPTED])
        answer = self.paid(requests)
        self.assertEqual(answer["transactions"][0]["detailedStatus"], "AUTHORISED")
        logs = self.logs(requests)
        self.assertEqual(logs[0]["what"], "ready")
        self.assertEqual(logs[0]["button"], "Payer 12,34 €")
        refusal = [x for x in logs if x["what"] == "error ACQ_001"][0]
        self.assertEqual((refusal["code"], refusal["state"], refusal["pan"]), ("ACQ_001", "ready", ""))
        self.assertEqual(refusal["text"], "Le paiement est refusé. Essayez de payer avec une autre carte.")
        self.assertIn("submit PAID sha256_hmac", [x["what"] for x in logs])
        ipns = [q for q in requests if q["path"].startswith("/callback/")]
        self.assertEqual([json.loads(q["fields"]["kr-answer"])["transactions"][0]["detailedStatus"] for q in ipns],
                         ["REFUSED", "AUTHORISED"])
        self.assertEqual(self.tries(token)[1]["result"]["customer"]["extraDetails"]["browserUserAgent"].split("/")[0],
                         "Mozilla")

    def test_popin_and_challenge_in_the_page(self):
        token = self.create()
        requests = self.browse(token, [CHALLENGE], popin=True, lang="de-DE")
        answer = self.paid(requests)
        cd = answer["transactions"][0]["transactionDetails"]["cardDetails"]
        self.assertEqual(cd["authenticationResponse"]["value"]["authenticationType"], "CHALLENGE")
        what = [x["what"] for x in self.logs(requests)]
        self.assertEqual(what[:3], ["ready", "popin flex", "challenge CB 497010XXXXXX0014"])

    def test_wrong_public_key_shows_the_error(self):
        token = self.create()
        requests = self.browse(token, [ACCEPTED], key=PK_PROD, lang="en-EN", until=lambda logs: logs)
        self.assertFalse(any(q["path"].startswith("/paid") for q in requests))
        # no "ready": the form shows the error and stays disabled
        log = self.logs(requests)
        self.assertEqual(log[0]["what"], "error PSP_001")
        self.assertEqual((log[0]["state"], log[0]["text"]), ("error", "This form cannot be used with this public key."))


# ---------------------------------------------------------------------------- configuration, store, processes

class RestConfiguration(unittest.TestCase):
    def test_flags_defaults_and_validation(self):
        from spsandbox import config
        cfg = config.load(["--site-id", "12345678", "--test-key", "k"])
        shop = cfg.shops["12345678"]
        self.assertEqual((shop.rest_password_test, shop.rest_password_prod, shop.public_key_test, shop.public_key_prod,
                          shop.hmac_key_test, shop.hmac_key_prod),
                         (PW_TEST, PW_PROD, PK_TEST, PK_PROD, HMAC_TEST, HMAC_PROD))
        self.assertEqual(cfg.shops[PUBLIC_SITE].rest_modes(), ["TEST"])
        self.assertEqual((cfg.shops[PUBLIC_SITE].public_key_test, cfg.shops[PUBLIC_SITE].hmac_key_test),
                         (PUBLIC_PK, PUBLIC_HMAC))
        self.assertTrue(cfg.kr_answer_escaped_slashes)
        cfg = config.load(["--site-id", "11112222", "--test-key", "k", "--rest-password-test", "testpassword_x",
                           "--public-key-test", "11112222:testpublickey_x", "--hmac-key-test", "h",
                           "--kr-answer-raw-slashes"])
        shop = cfg.shops["11112222"]
        self.assertEqual((shop.rest_password_test, shop.public_key_test, shop.public_key_prod),
                         ("testpassword_x", "11112222:testpublickey_x", "11112222:prodpublickey_DEMO1234567890"))
        self.assertFalse(cfg.kr_answer_escaped_slashes)
        with self.assertRaises(SystemExit):      # a public key of another shop
            config.load(["--site-id", "12345678", "--test-key", "k", "--public-key-test", "87654321:testpublickey_x"])
        with self.assertRaises(ValueError):      # a REST password without its public / HMAC key
            Config.from_json({"shops": [{"site_id": "12345678", "test_key": "k", "rest_password_test": "p"}]})

    def test_store_migrates_an_old_data_dir(self):
        tmp = tempfile.mkdtemp(prefix="sandbox-migrate-")
        try:
            c = sqlite3.connect(os.path.join(tmp, "sandbox.sqlite3"))
            c.execute("CREATE TABLE transactions (id INTEGER PRIMARY KEY AUTOINCREMENT, token TEXT NOT NULL UNIQUE, "
                      "site_id TEXT NOT NULL, ctx_mode TEXT NOT NULL, trans_id TEXT NOT NULL, trans_id_norm TEXT NOT "
                      "NULL, trans_day TEXT NOT NULL, order_id TEXT NOT NULL DEFAULT '', amount INTEGER NOT NULL, "
                      "currency TEXT NOT NULL, state TEXT NOT NULL, status TEXT NOT NULL DEFAULT '', result_code TEXT "
                      "NOT NULL DEFAULT '', trans_uuid TEXT NOT NULL, ipn_hash TEXT NOT NULL, language TEXT NOT NULL, "
                      "request_json TEXT NOT NULL, pending_json TEXT NOT NULL DEFAULT '{}', result_json TEXT NOT NULL "
                      "DEFAULT '{}', created_at TEXT NOT NULL, updated_at TEXT NOT NULL, UNIQUE (site_id, trans_day, "
                      "trans_id_norm))")
            c.execute("INSERT INTO transactions(token, site_id, ctx_mode, trans_id, trans_id_norm, trans_day, amount, "
                      "currency, state, trans_uuid, ipn_hash, language, request_json, created_at, updated_at) VALUES "
                      "('t', '12345678', 'TEST', '000001', '000001', '20240101', 1, '978', 'DONE', 'u', 'h', 'fr', "
                      "'{}', 'x', 'x')")
            c.commit()
            c.close()
            tx = Store(tmp).transactions()[0]
            self.assertEqual((tx["api"], tx["form_token"]), ("FORM", ""))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


class RestServerProcess(unittest.TestCase):
    """start.sh passes the SANDBOX_* REST keys; cli.py shows and replays a REST try."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sandbox-rest-proc-")
        self.shop = FakeShop()
        import socket
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        self.env = dict(os.environ, SANDBOX_PORT=str(self.port), SANDBOX_DATA_DIR=os.path.join(self.tmp, "data"),
                        SANDBOX_RUN_DIR=os.path.join(self.tmp, "run"), SANDBOX_NOTIFICATION_URL=self.shop.url,
                        SANDBOX_RETRY_INTERVAL="0.3", SANDBOX_START_TIMEOUT="15",
                        SANDBOX_REST_PASSWORD_TEST="testpassword_env",
                        SANDBOX_PUBLIC_KEY_TEST="12345678:testpublickey_env",
                        SANDBOX_HMAC_KEY_TEST="hmac_env")
        for k in ("SANDBOX_CONFIG", "SANDBOX_REST_PASSWORD_PROD", "SANDBOX_PUBLIC_KEY_PROD", "SANDBOX_HMAC_KEY_PROD"):
            self.env.pop(k, None)
        self.root = os.path.dirname(SANDBOX)

    def tearDown(self):
        subprocess.run([os.path.join(SANDBOX, "stop.sh")], env=self.env, cwd=self.root, timeout=30, capture_output=True)
        self.shop.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def post(self, path, body, password=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=WAIT)
        headers = {"Content-Type": "application/json"}
        if password:
            headers["Authorization"] = "Basic " + base64.b64encode(("12345678:" + password).encode()).decode()
        try:
            conn.request("POST", path, json.dumps(body), headers)
            r = conn.getresponse()
            return r.status, json.loads(r.read())
        finally:
            conn.close()

    def test_env_keys_and_cli(self):
        r = subprocess.run([os.path.join(SANDBOX, "start.sh")], env=self.env, cwd=self.root, timeout=30,
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(self.post("/api-payment/V4/Charge/CreatePayment", payment_body(), PW_TEST)[0], 401)
        status, env = self.post("/api-payment/V4/Charge/CreatePayment", payment_body(), PW_PROD)   # default
        self.assertEqual((status, env["mode"]), (200, "PRODUCTION"))
        status, env = self.post("/api-payment/V4/Charge/CreatePayment", payment_body(), "testpassword_env")
        self.assertEqual((status, env["mode"]), (200, "TEST"))
        token = env["answer"]["formToken"]
        status, r = self.post("/krypton/pay", {"formToken": token, "publicKey": "12345678:testpublickey_env",
                                               "pan": ACCEPTED, "expiryMonth": "12", "expiryYear": NEXT_YEAR,
                                               "securityCode": "123"})
        self.assertEqual(r["hash"], ref_hash(r["answer"], "hmac_env"))
        self.assertEqual(self.shop.wait_for(1)[0]["fields"]["kr-hash"], ref_hash(r["answer"], "testpassword_env"))
        subprocess.run([os.path.join(SANDBOX, "stop.sh")], env=self.env, cwd=self.root, timeout=30, capture_output=True)
        cli = [sys.executable, os.path.join(SANDBOX, "cli.py"), "--data-dir", self.env["SANDBOX_DATA_DIR"]]
        out = subprocess.run(cli + ["show", token], capture_output=True, text=True, timeout=30)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertIn("REST try of formToken " + token, out.stdout)
        self.assertIn("AUTHORISED", out.stdout)
        out = subprocess.run(cli + ["replay", token], capture_output=True, text=True, timeout=30)   # server down
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        f = self.shop.wait_for(2)[1]["fields"]
        self.assertEqual((f["kr-src"], f["kr-answer"]), ("BO", r["answer"]))
        self.assertEqual(f["kr-hash"], ref_hash(r["answer"], "testpassword_env"))


if __name__ == "__main__":
    unittest.main()
