"""Tests of the sandbox's back-office operations (sandbox/README.md, "Back-office operations"):
Transaction/Get, Order/Get, Transaction/CancelOrRefund, Transaction/Update, Transaction/Validate,
the capture batch and the chargeback hook, on REST payments and on hosted-page payments, with the
notification each operation sends.

Run from the repository root:  python3 -m unittest discover -s sandbox/tests -v

The notifications are received by a fake shop on a free port and checked here with hashlib/hmac
(test_sandbox.ref_verify, test_rest.ref_hash), not with the sandbox's own code.
"""

import json
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from spsandbox.store import OverRefund, Store  # noqa: E402
from test_rest import ACCEPTED, PUBLIC_PW, PUBLIC_SITE, PW_PROD, PW_TEST, REFUSED, RestCase, ref_hash  # noqa: E402
from test_sandbox import KEY, SITE, WAIT, ref_verify  # noqa: E402

ISO_DATE = r"\A\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00\Z"


class BackOfficeCase(RestCase):
    """A sandbox with the demo shop's REST keys; helpers to pay both ways and to check notifications."""

    def setUp(self):
        super().setUp()
        self.seen = 0          # notifications already looked at

    # -- payments -----------------------------------------------------------
    def rest_paid(self, pan=ACCEPTED, **over):
        """A REST payment (embedded form); its PAY notification consumed. Returns its uuid."""
        r = self.pay(self.create(**over), pan)
        self.next_ipn()
        return json.loads(r["answer"])["transactions"][0]["uuid"]

    def hosted_paid(self, number=ACCEPTED, **over):
        """A hosted-page payment; returns its PAY notification's fields (vads_trans_uuid...)."""
        _, page = self.open_payment(**over)
        self.post_page("/vads-payment/card", {"token": page.token(), "card_number": number, "expiry_month": "12",
                                              "expiry_year": str(time.gmtime().tm_year + 2), "cvv": "123"})
        return self.next_ipn()

    # -- calls --------------------------------------------------------------
    def op(self, operation, body, code=None, password=PW_TEST, user=SITE):
        """A management call: its answer, or with `code` its refusal (errorCode checked)."""
        status, env = self.rest(operation, body, user=user, password=password)
        self.assertEqual(status, 200, env)
        self.assertEqual(env["webService"], operation)
        if code:
            self.assertEqual((env["status"], env["answer"]["errorCode"]), ("ERROR", code), env["answer"])
            self.assertEqual(env["answer"]["_type"], "V4/WebService/WebServiceError")
        else:
            self.assertEqual(env["status"], "SUCCESS", env["answer"])
        return env["answer"]

    def get(self, uuid):
        t = self.op("Transaction/Get", {"uuid": uuid})
        self.assertEqual(t["_type"], "V4/Transaction")
        return t

    def admin_post(self, path, body):
        status, _, data = self.http("POST", path, json.dumps(body).encode(), {"Content-Type": "application/json"})
        return status, json.loads(data)

    def capture(self, uuid=None):
        status, data = self.admin_post("/admin/api/capture", {"uuid": uuid} if uuid else {})
        self.assertEqual(status, 200, data)
        return data["captured"]

    # -- notifications ------------------------------------------------------
    def next_ipn(self):
        self.seen += 1
        return self.shop.wait_for(self.seen)[self.seen - 1]["fields"]

    def no_more_ipn(self):
        time.sleep(0.3)
        self.assertEqual(len(self.shop.requests), self.seen, [r["fields"] for r in self.shop.requests[self.seen:]])

    def rest_ipn(self, src="MERCH_BO", password=PW_TEST):
        """The next notification is a REST IPN hashed with the REST password: its transaction."""
        f = self.next_ipn()
        self.assertEqual(sorted(f), ["kr-answer", "kr-answer-type", "kr-hash", "kr-hash-algorithm", "kr-hash-key",
                                     "kr-src"])
        self.assertEqual((f["kr-src"], f["kr-hash-key"], f["kr-hash-algorithm"], f["kr-answer-type"]),
                         (src, "password", "sha256_hmac", "V4/Payment"))
        self.assertEqual(f["kr-hash"], ref_hash(f["kr-answer"], password))
        answer = json.loads(f["kr-answer"])
        self.assertEqual((answer["_type"], len(answer["transactions"])), ("V4/Payment", 1))
        return answer["transactions"][0], answer

    def form_ipn(self, src="BO"):
        """The next notification is a hosted-page IPN signed with the shop's key."""
        f = self.next_ipn()
        self.assertTrue(ref_verify(f, KEY), f)
        self.assertEqual(f["vads_url_check_src"], src)
        self.assertRegex(f["vads_hash"], r"\A[0-9a-f]{64}\Z")
        self.assertNotIn("kr-answer", f)
        return f


# ---------------------------------------------------------------------------- reading

class TransactionAndOrderGet(BackOfficeCase):
    def test_rest_payment(self):
        uuid = self.rest_paid()
        t = self.get(uuid)
        self.assertEqual((t["uuid"], t["amount"], t["currency"], t["status"], t["detailedStatus"], t["operationType"],
                          t["shopId"]), (uuid, 1234, "EUR", "PAID", "AUTHORISED", "DEBIT", SITE))
        self.assertEqual(t["metadata"], {"session": "sess/abc", "module": "modified"})
        self.assertEqual((t["orderDetails"]["orderId"], t["orderDetails"]["mode"], t["orderDetails"]["_type"]),
                         ("ORD-42", "TEST", "V4/OrderDetails"))
        self.assertEqual(t["customer"]["email"], "elodie@example.com")
        card = t["transactionDetails"]["cardDetails"]
        self.assertRegex(card["legacyTransId"], r"\A9\d{5}\Z")
        self.assertEqual((card["pan"], card["effectiveBrand"]), ("497010XXXXXX0055", "CB"))
        self.assertEqual(card["captureResponse"]["refundAmount"], None)
        self.assertIsNone(t["transactionDetails"]["parentTransactionUuid"])

    def test_hosted_payment(self):
        f = self.hosted_paid(vads_order_id="HOSTED-1", vads_ext_info_session="s-1")
        t = self.get(f["vads_trans_uuid"])
        self.assertEqual((t["uuid"], t["amount"], t["currency"], t["detailedStatus"], t["status"], t["operationType"]),
                         (f["vads_trans_uuid"], 1234, "EUR", "AUTHORISED", "PAID", "DEBIT"))
        card = t["transactionDetails"]["cardDetails"]
        self.assertEqual((card["legacyTransId"], card["pan"], card["effectiveBrand"], card["expiryYear"]),
                         (f["vads_trans_id"], f["vads_card_number"], "CB", int(f["vads_expiry_year"])))
        self.assertEqual((t["orderDetails"]["orderId"], t["orderDetails"]["orderTotalAmount"]), ("HOSTED-1", 1234))
        self.assertEqual(t["metadata"], {"session": "s-1"})
        self.assertEqual(t["customer"]["email"], "buyer@example.com")
        self.assertRegex(t["creationDate"], ISO_DATE)
        order = self.op("Order/Get", {"orderId": "HOSTED-1"})
        self.assertEqual(order["_type"], "V4/OrderTransactions")
        self.assertEqual([x["uuid"] for x in order["transactions"]], [f["vads_trans_uuid"]])

    def test_not_found_other_mode_shop_and_bad_input(self):
        uuid = self.rest_paid()
        for body, password, user in (({"uuid": "0" * 32}, PW_TEST, SITE),
                                     ({"uuid": uuid}, PW_PROD, SITE),            # a TEST payment, PRODUCTION password
                                     ({"uuid": uuid}, PUBLIC_PW, PUBLIC_SITE)):  # another shop
            a = self.op("Transaction/Get", body, "PSP_010", password, user)
            self.assertEqual(a["errorMessage"], "transaction not found")
        for op in ("Transaction/Get", "Transaction/CancelOrRefund", "Transaction/Validate"):
            self.op(op, {"uuid": "0" * 32}, "PSP_010")
            for bad in ({}, {"uuid": ""}, {"uuid": 12}, {"uuid": "x" * 65}):
                a = self.op(op, bad, "INT_026")
                self.assertIn("name=uuid", a["detailedErrorMessage"])
        self.op("Order/Get", {"orderId": "NOPE"}, "PSP_010")
        self.op("Order/Get", {}, "INT_011")
        self.op("Order/Get", {"orderId": "ORD-42", "operationType": "BOTH"}, "INT_028")
        status, env = self.rest("Transaction/Get", {"uuid": uuid}, password="wrong")
        self.assertEqual((status, env["answer"]["errorCode"]), (401, "INT_902"))


# ---------------------------------------------------------------------------- cancel

class Cancel(BackOfficeCase):
    def test_cancel_rest_payment(self):
        uuid = self.rest_paid()
        a = self.op("Transaction/CancelOrRefund", {"uuid": uuid, "comment": "customer changed their mind"})
        self.assertEqual((a["_type"], a["uuid"], a["detailedStatus"], a["status"], a["operationType"], a["amount"]),
                         ("V4/Transaction", uuid, "CANCELLED", "UNPAID", "DEBIT", 1234))
        t, answer = self.rest_ipn("MERCH_BO")
        self.assertEqual((t["uuid"], t["detailedStatus"], t["status"], t["operationType"]),
                         (uuid, "CANCELLED", "UNPAID", "DEBIT"))
        self.assertEqual((answer["orderStatus"], answer["orderDetails"]["orderId"]), ("UNPAID", "ORD-42"))
        self.assertEqual(self.get(uuid)["detailedStatus"], "CANCELLED")
        # nothing more can happen to it
        self.op("Transaction/CancelOrRefund", {"uuid": uuid}, "PSP_105")
        self.op("Transaction/CancelOrRefund", {"uuid": uuid, "resolutionMode": "REFUND_ONLY"}, "PSP_105")
        self.op("Transaction/Update", {"uuid": uuid, "cardUpdate": {"amount": 100, "currency": "EUR"}}, "PSP_105")
        self.op("Transaction/Validate", {"uuid": uuid}, "PSP_105")
        status, data = self.admin_post("/admin/api/capture", {"uuid": uuid})
        self.assertEqual((status, data["errorCode"]), (409, "PSP_011"))
        self.no_more_ipn()

    def test_cancel_hosted_payment(self):
        f = self.hosted_paid()
        uuid = f["vads_trans_uuid"]
        self.op("Transaction/CancelOrRefund", {"uuid": uuid, "resolutionMode": "REFUND_ONLY"}, "PSP_076")
        a = self.op("Transaction/CancelOrRefund", {"uuid": uuid, "amount": 1000}, "PSP_103")   # not a partial cancel
        self.assertIn("Transaction/Update", a["detailedErrorMessage"])
        self.op("Transaction/CancelOrRefund", {"uuid": uuid, "currency": "USD"}, "INT_010")
        a = self.op("Transaction/CancelOrRefund", {"uuid": uuid, "resolutionMode": "CANCELLATION_ONLY",
                                                   "amount": 1234, "currency": "EUR"})
        self.assertEqual((a["uuid"], a["detailedStatus"], a["status"]), (uuid, "CANCELLED", "UNPAID"))
        c = self.form_ipn("BO")
        self.assertEqual((c["vads_trans_status"], c["vads_trans_id"], c["vads_trans_uuid"], c["vads_operation_type"],
                          c["vads_order_id"], c["vads_amount"]),
                         ("CANCELLED", f["vads_trans_id"], uuid, "DEBIT", f["vads_order_id"], "1234"))
        self.no_more_ipn()

    def test_refused_payment_and_a_refund_cannot_be_operated_on(self):
        token = self.create()
        r = self.pay(token, REFUSED)
        self.next_ipn()
        uuid = json.loads(r["answer"])["transactions"][0]["uuid"]
        self.assertEqual(self.get(uuid)["detailedStatus"], "REFUSED")
        a = self.op("Transaction/CancelOrRefund", {"uuid": uuid}, "PSP_011")
        self.assertIn("REFUSED", a["detailedErrorMessage"])
        self.op("Transaction/Update", {"uuid": uuid, "cardUpdate": {"amount": 100, "currency": "EUR"}}, "PSP_110")
        self.op("Transaction/Validate", {"uuid": uuid}, "PSP_011")
        f = self.hosted_paid(number=REFUSED)
        self.op("Transaction/CancelOrRefund", {"uuid": f["vads_trans_uuid"]}, "PSP_011")
        # a refund (CREDIT) is not operated on either
        paid = self.rest_paid()
        self.capture(paid)
        self.rest_ipn("BATCH_AUTO")
        credit = self.op("Transaction/CancelOrRefund", {"uuid": paid, "amount": 100})
        self.rest_ipn()
        self.op("Transaction/CancelOrRefund", {"uuid": credit["uuid"]}, "PSP_011")
        self.op("Transaction/Validate", {"uuid": credit["uuid"]}, "PSP_011")
        self.no_more_ipn()


# ---------------------------------------------------------------------------- capture and refunds

class CaptureAndRefund(BackOfficeCase):
    def test_rest_partial_refunds_add_up(self):
        uuid = self.rest_paid()
        self.op("Transaction/CancelOrRefund", {"uuid": uuid, "resolutionMode": "REFUND_ONLY"}, "PSP_076")
        captured = self.capture(uuid)
        self.assertEqual([(c["trans_uuid"], c["status"]) for c in captured], [(uuid, "CAPTURED")])
        t, answer = self.rest_ipn("BATCH_AUTO")
        self.assertEqual((t["uuid"], t["detailedStatus"], t["status"], answer["orderStatus"]),
                         (uuid, "CAPTURED", "PAID", "PAID"))
        self.assertRegex(t["transactionDetails"]["cardDetails"]["captureResponse"]["captureDate"], ISO_DATE)
        self.op("Transaction/CancelOrRefund", {"uuid": uuid, "resolutionMode": "CANCELLATION_ONLY"}, "PSP_075")
        self.op("Transaction/Update", {"uuid": uuid, "cardUpdate": {"amount": 100, "currency": "EUR"}}, "PSP_110")
        parent = self.get(uuid)
        first = self.op("Transaction/CancelOrRefund", {"uuid": uuid, "amount": 300, "currency": "EUR",
                                                       "resolutionMode": "REFUND_ONLY", "comment": "one item"})
        self.assertEqual((first["_type"], first["operationType"], first["detailedStatus"], first["status"],
                          first["amount"], first["currency"]), ("V4/Transaction", "CREDIT", "CAPTURED", "PAID", 300,
                                                                "EUR"))
        self.assertNotEqual(first["uuid"], uuid)
        self.assertRegex(first["uuid"], r"\A[0-9a-f]{32}\Z")
        details = first["transactionDetails"]
        self.assertEqual((details["parentTransactionUuid"], details["effectiveAmount"]), (uuid, 300))
        legacy = details["cardDetails"]["legacyTransId"]
        self.assertRegex(legacy, r"\A9\d{5}\Z")
        self.assertNotEqual(legacy, parent["transactionDetails"]["cardDetails"]["legacyTransId"])
        self.assertEqual(first["metadata"], parent["metadata"])
        self.assertEqual(first["orderDetails"]["orderId"], "ORD-42")
        t, answer = self.rest_ipn("MERCH_BO")
        self.assertEqual((t["uuid"], t["operationType"], t["amount"], t["detailedStatus"], t["metadata"],
                          t["transactionDetails"]["parentTransactionUuid"]),
                         (first["uuid"], "CREDIT", 300, "CAPTURED", parent["metadata"], uuid))
        self.assertEqual(answer["orderDetails"]["orderId"], "ORD-42")
        second = self.op("Transaction/CancelOrRefund", {"uuid": uuid, "amount": "400"})   # a digit string too
        self.assertEqual(self.rest_ipn()[0]["uuid"], second["uuid"])
        self.assertEqual(self.get(uuid)["transactionDetails"]["cardDetails"]["captureResponse"]["refundAmount"], 700)
        # refusals: over what is left, over the captured amount, bad input
        a = self.op("Transaction/CancelOrRefund", {"uuid": uuid, "amount": 600}, "PSP_511")
        self.assertIn("534 left", a["detailedErrorMessage"])
        self.op("Transaction/CancelOrRefund", {"uuid": uuid, "amount": 2000}, "PSP_510")
        self.op("Transaction/CancelOrRefund", {"uuid": uuid, "amount": 100, "currency": "USD"}, "INT_010")
        for bad in (0, -5, "abc", 1.5, True, "012"):
            self.op("Transaction/CancelOrRefund", {"uuid": uuid, "amount": bad}, "INT_009")
        self.op("Transaction/CancelOrRefund", {"uuid": uuid, "currency": "EURO"}, "INT_010")
        self.op("Transaction/CancelOrRefund", {"uuid": uuid, "resolutionMode": "BOTH"}, "INT_027")
        self.op("Transaction/CancelOrRefund", {"uuid": uuid, "comment": {"x": 1}}, "INT_029")
        # no amount: what is left
        last = self.op("Transaction/CancelOrRefund", {"uuid": uuid})
        self.assertEqual(last["amount"], 534)
        self.assertEqual(self.rest_ipn()[0]["amount"], 534)
        self.op("Transaction/CancelOrRefund", {"uuid": uuid}, "PSP_104")
        self.op("Transaction/CancelOrRefund", {"uuid": uuid, "amount": 1}, "PSP_104")
        self.no_more_ipn()
        # Order/Get and Transaction/Get reflect every operation
        order = self.op("Order/Get", {"orderId": "ORD-42"})["transactions"]
        self.assertEqual([(x["operationType"], x["amount"], x["detailedStatus"]) for x in order],
                         [("DEBIT", 1234, "CAPTURED"), ("CREDIT", 300, "CAPTURED"), ("CREDIT", 400, "CAPTURED"),
                          ("CREDIT", 534, "CAPTURED")])
        self.assertEqual(sum(x["amount"] for x in order if x["operationType"] == "CREDIT"), 1234)
        self.assertTrue(all(x["transactionDetails"]["parentTransactionUuid"] == uuid for x in order[1:]))
        self.assertEqual(len({x["uuid"] for x in order}), 4)
        self.assertEqual(len({x["transactionDetails"]["cardDetails"]["legacyTransId"] for x in order}), 4)
        debits = self.op("Order/Get", {"orderId": "ORD-42", "operationType": "DEBIT"})["transactions"]
        self.assertEqual([x["uuid"] for x in debits], [uuid])
        credits = self.op("Order/Get", {"orderId": "ORD-42", "operationType": "CREDIT"})["transactions"]
        self.assertEqual([x["uuid"] for x in credits], [first["uuid"], second["uuid"], last["uuid"]])
        p = self.get(uuid)
        self.assertEqual((p["detailedStatus"], p["transactionDetails"]["cardDetails"]["captureResponse"]
                          ["refundAmount"]), ("CAPTURED", 1234))
        self.assertEqual(self.get(first["uuid"])["operationType"], "CREDIT")

    def test_hosted_payment_refund(self):
        f = self.hosted_paid(vads_order_id="H-REFUND")
        uuid = f["vads_trans_uuid"]
        captured = self.capture()                    # the batch: every due payment (capture delay 0)
        self.assertEqual([c["trans_uuid"] for c in captured], [uuid])
        c = self.form_ipn("BATCH_AUTO")
        self.assertEqual((c["vads_trans_status"], c["vads_trans_uuid"], c["vads_trans_id"]),
                         ("CAPTURED", uuid, f["vads_trans_id"]))
        self.assertEqual(self.capture(), [])         # nothing left to capture
        credit = self.op("Transaction/CancelOrRefund", {"uuid": uuid, "amount": 500, "currency": "EUR",
                                                        "resolutionMode": "REFUND_ONLY"})
        self.assertEqual((credit["operationType"], credit["amount"], credit["detailedStatus"],
                          credit["transactionDetails"]["parentTransactionUuid"]), ("CREDIT", 500, "CAPTURED", uuid))
        r = self.form_ipn("BO")
        self.assertEqual((r["vads_operation_type"], r["vads_trans_uuid"], r["vads_amount"], r["vads_effective_amount"],
                          r["vads_trans_status"], r["vads_order_id"], r["vads_currency"], r["vads_result"]),
                         ("CREDIT", credit["uuid"], "500", "500", "CAPTURED", "H-REFUND", "978", "00"))
        self.assertRegex(r["vads_trans_id"], r"\A9\d{5}\Z")
        self.assertNotEqual(r["vads_trans_id"], f["vads_trans_id"])
        self.assertEqual(r["vads_trans_id"], credit["transactionDetails"]["cardDetails"]["legacyTransId"])
        self.assertEqual(r["vads_card_number"], f["vads_card_number"])
        self.assertNotEqual(r["vads_hash"], c["vads_hash"])
        order = self.op("Order/Get", {"orderId": "H-REFUND"})["transactions"]
        self.assertEqual([(x["uuid"], x["operationType"]) for x in order],
                         [(uuid, "DEBIT"), (credit["uuid"], "CREDIT")])
        self.assertEqual(order[0]["transactionDetails"]["cardDetails"]["captureResponse"]["refundAmount"], 500)
        self.op("Transaction/CancelOrRefund", {"uuid": uuid, "amount": 800}, "PSP_511")
        self.no_more_ipn()

    def test_capture_batch_takes_due_payments_only(self):
        now_uuid = self.rest_paid()
        later_uuid = self.rest_paid(transactionOptions={"cardOptions": {"captureDelay": 3}})
        f = self.hosted_paid(vads_capture_delay="2")
        self.assertEqual([c["trans_uuid"] for c in self.capture()], [now_uuid])
        self.rest_ipn("BATCH_AUTO")
        self.assertEqual(self.get(later_uuid)["detailedStatus"], "AUTHORISED")
        self.assertEqual(self.get(f["vads_trans_uuid"])["detailedStatus"], "AUTHORISED")
        # by uuid: captured whatever its date
        self.assertEqual(self.capture(later_uuid)[0]["status"], "CAPTURED")
        self.rest_ipn("BATCH_AUTO")
        self.capture(f["vads_trans_uuid"])
        self.form_ipn("BATCH_AUTO")
        status, data = self.admin_post("/admin/api/capture", {"uuid": now_uuid})        # already captured
        self.assertEqual((status, data["errorCode"]), (409, "PSP_011"))
        status, data = self.admin_post("/admin/api/capture", {"uuid": "0" * 32})
        self.assertEqual(status, 404)
        # the form-encoded way works too
        uuid = self.rest_paid()
        status, _, data = self.http("POST", "/admin/api/capture", urllib.parse.urlencode({"uuid": uuid}).encode(),
                                    {"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 200, data)
        self.rest_ipn("BATCH_AUTO")
        self.no_more_ipn()

    def test_chargeback(self):
        uuid = self.rest_paid()
        status, data = self.admin_post("/admin/api/chargeback", {"uuid": uuid})     # not captured yet
        self.assertEqual((status, data["errorCode"]), (409, "PSP_011"))
        self.capture(uuid)
        self.rest_ipn("BATCH_AUTO")
        status, data = self.admin_post("/admin/api/chargeback", {"uuid": uuid})
        self.assertEqual((status, data["charged_back"][0]["trans_uuid"]), (200, uuid))
        a = self.op("Transaction/CancelOrRefund", {"uuid": uuid, "amount": 100}, "PSP_083")
        self.assertIn("chargeback", a["errorMessage"])
        self.op("Transaction/CancelOrRefund", {"uuid": uuid, "resolutionMode": "REFUND_ONLY"}, "PSP_083")
        self.no_more_ipn()
        f = self.hosted_paid()
        self.capture(f["vads_trans_uuid"])
        self.form_ipn("BATCH_AUTO")
        self.admin_post("/admin/api/chargeback", {"uuid": f["vads_trans_uuid"]})
        self.op("Transaction/CancelOrRefund", {"uuid": f["vads_trans_uuid"]}, "PSP_083")
        self.no_more_ipn()

    def test_operation_notifications_are_retried_with_their_own_state(self):
        self.shop.script = [(503, "KO-Database unavailable", {})]
        uuid = self.rest_paid()                    # the PAY IPN gets the 503; its retry comes later
        self.capture(uuid)
        self.op("Transaction/CancelOrRefund", {"uuid": uuid, "amount": 200})
        reqs = self.shop.wait_for(4)
        by_src = {}
        for q in reqs:
            by_src.setdefault(q["fields"]["kr-src"], []).append(json.loads(q["fields"]["kr-answer"]))
        self.assertEqual(sorted(by_src), ["BATCH_AUTO", "MERCH_BO", "PAY", "RETRY"])
        retried = by_src["RETRY"][0]["transactions"][0]
        self.assertEqual((retried["uuid"], retried["detailedStatus"]), (uuid, "AUTHORISED"))   # the PAY event
        capture = by_src["BATCH_AUTO"][0]["transactions"][0]
        self.assertEqual((capture["detailedStatus"], capture["transactionDetails"]["cardDetails"]["captureResponse"]
                          ["refundAmount"]), ("CAPTURED", None))
        for q in reqs:
            self.assertEqual(q["fields"]["kr-hash"], ref_hash(q["fields"]["kr-answer"], PW_TEST))


# ---------------------------------------------------------------------------- update and validate

class UpdateAndValidate(BackOfficeCase):
    def test_update_rest_payment(self):
        uuid = self.rest_paid()
        card = {"amount": 1000, "currency": "EUR"}
        for body, code in (({"uuid": uuid}, "INT_030"), ({"uuid": uuid, "cardUpdate": "x"}, "INT_030"),
                           ({"uuid": uuid, "cardUpdate": {"currency": "EUR"}}, "INT_009"),
                           ({"uuid": uuid, "cardUpdate": {"amount": 0, "currency": "EUR"}}, "INT_009"),
                           ({"uuid": uuid, "cardUpdate": {"amount": 1000}}, "INT_010"),
                           ({"uuid": uuid, "cardUpdate": dict(card, currency="USD")}, "INT_010"),
                           ({"uuid": uuid, "cardUpdate": dict(card, expectedCaptureDate="tomorrow")}, "INT_031"),
                           ({"uuid": uuid, "cardUpdate": dict(card, manualValidation="MAYBE")}, "INT_023"),
                           ({"uuid": uuid, "cardUpdate": dict(card, amount=1235)}, "PSP_546"),
                           ({"uuid": "0" * 32, "cardUpdate": card}, "PSP_010")):
            self.op("Transaction/Update", body, code)
        a = self.op("Transaction/Update", {"uuid": uuid, "cardUpdate": dict(
            card, expectedCaptureDate="2031-09-09T07:46:06+00:00"), "comment": "one item out of stock"})
        self.assertEqual((a["uuid"], a["amount"], a["detailedStatus"], a["status"], a["operationType"],
                          a["transactionDetails"]["effectiveAmount"]),
                         (uuid, 1000, "AUTHORISED", "PAID", "DEBIT", 1000))
        self.assertEqual(a["transactionDetails"]["cardDetails"]["expectedCaptureDate"], "2031-09-09T07:46:06+00:00")
        self.assertEqual(a["orderDetails"]["orderEffectiveAmount"], 1000)
        t, answer = self.rest_ipn("MERCH_BO")
        self.assertEqual((t["uuid"], t["amount"], t["detailedStatus"]), (uuid, 1000, "AUTHORISED"))
        self.op("Transaction/Update", {"uuid": uuid, "cardUpdate": card})    # the same amount: accepted
        self.rest_ipn()
        self.op("Transaction/Update", {"uuid": uuid, "cardUpdate": dict(card, amount=1100)}, "PSP_546")
        self.assertEqual(self.capture(), [])        # its capture date is in 2031
        self.capture(uuid)
        self.assertEqual(self.rest_ipn("BATCH_AUTO")[0]["amount"], 1000)
        credit = self.op("Transaction/CancelOrRefund", {"uuid": uuid})     # what is left: the captured 1000
        self.assertEqual(credit["amount"], 1000)
        self.rest_ipn()
        self.no_more_ipn()

    def test_update_hosted_payment_and_manual_validation(self):
        f = self.hosted_paid()
        uuid = f["vads_trans_uuid"]
        a = self.op("Transaction/Update", {"uuid": uuid, "cardUpdate": {"amount": "900", "currency": "EUR",
                                                                         "manualValidation": "YES"}})
        self.assertEqual((a["amount"], a["detailedStatus"], a["status"]), (900, "AUTHORISED_TO_VALIDATE", "RUNNING"))
        self.assertEqual(a["transactionDetails"]["cardDetails"]["manualValidation"], "YES")
        u = self.form_ipn("BO")
        self.assertEqual((u["vads_trans_status"], u["vads_amount"], u["vads_effective_amount"], u["vads_trans_id"],
                          u["vads_trans_uuid"], u["vads_validation_mode"], u["vads_operation_type"]),
                         ("AUTHORISED_TO_VALIDATE", "900", "900", f["vads_trans_id"], uuid, "1", "DEBIT"))
        self.op("Transaction/CancelOrRefund", {"uuid": uuid, "resolutionMode": "REFUND_ONLY"}, "PSP_076")
        status, data = self.admin_post("/admin/api/capture", {"uuid": uuid})     # waiting for its validation
        self.assertEqual((status, data["errorCode"]), (409, "PSP_011"))
        a = self.op("Transaction/Validate", {"uuid": uuid, "comment": "checked"})
        self.assertEqual((a["detailedStatus"], a["status"], a["amount"]), ("AUTHORISED", "PAID", 900))
        v = self.form_ipn("BO")
        self.assertEqual((v["vads_trans_status"], v["vads_amount"]), ("AUTHORISED", "900"))
        self.op("Transaction/Validate", {"uuid": uuid}, "PSP_011")
        # a plain update keeps the status: the notification says AUTHORISED with the new amount
        self.op("Transaction/Update", {"uuid": uuid, "cardUpdate": {"amount": 800, "currency": "EUR"}})
        u = self.form_ipn("BO")
        self.assertEqual((u["vads_trans_status"], u["vads_amount"]), ("AUTHORISED", "800"))
        self.capture(uuid)
        self.assertEqual(self.form_ipn("BATCH_AUTO")["vads_amount"], "800")
        self.op("Transaction/Update", {"uuid": uuid, "cardUpdate": {"amount": 700, "currency": "EUR"}}, "PSP_110")
        self.no_more_ipn()

    def test_validate_rest_payment_in_manual_validation(self):
        uuid = self.rest_paid(transactionOptions={"cardOptions": {"manualValidation": "YES"}})
        t = self.get(uuid)
        self.assertEqual((t["detailedStatus"], t["status"]), ("AUTHORISED_TO_VALIDATE", "RUNNING"))
        self.assertEqual(self.capture(), [])                           # not captured before its validation
        self.op("Transaction/CancelOrRefund", {"uuid": uuid, "resolutionMode": "REFUND_ONLY"}, "PSP_076")
        a = self.op("Transaction/Validate", {"uuid": uuid})
        self.assertEqual((a["detailedStatus"], a["status"]), ("AUTHORISED", "PAID"))
        t, answer = self.rest_ipn("MERCH_BO")
        self.assertEqual((t["uuid"], t["detailedStatus"], answer["orderStatus"]), (uuid, "AUTHORISED", "PAID"))
        self.op("Transaction/Validate", {"uuid": uuid}, "PSP_011")
        self.assertEqual([c["trans_uuid"] for c in self.capture()], [uuid])
        self.rest_ipn("BATCH_AUTO")
        self.op("Transaction/Validate", {"uuid": uuid}, "PSP_011")
        # cancelling one waiting for its validation
        other = self.rest_paid(transactionOptions={"cardOptions": {"manualValidation": "YES"}})
        self.assertEqual(self.op("Transaction/CancelOrRefund", {"uuid": other})["detailedStatus"], "CANCELLED")
        self.rest_ipn()
        self.no_more_ipn()


# ---------------------------------------------------------------------------- concurrency

class Concurrency(BackOfficeCase):
    def race(self, body, n):
        """n identical CancelOrRefund calls at the same moment: their answers."""
        barrier = threading.Barrier(n)
        answers = [None] * n

        def call(i):
            barrier.wait(WAIT)
            answers[i] = self.rest("Transaction/CancelOrRefund", body)[1]
        threads = [threading.Thread(target=call, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(WAIT * 2)
        return answers

    def test_concurrent_refunds_never_exceed_what_is_left(self):
        uuid = self.rest_paid()
        self.capture(uuid)
        self.rest_ipn("BATCH_AUTO")
        answers = self.race({"uuid": uuid, "amount": 700, "resolutionMode": "REFUND_ONLY"}, 6)
        ok = [a for a in answers if a["status"] == "SUCCESS"]
        self.assertEqual(len(ok), 1, answers)
        self.assertEqual(sorted(a["answer"]["errorCode"] for a in answers if a["status"] == "ERROR"), ["PSP_511"] * 5)
        answers = self.race({"uuid": uuid, "amount": 300}, 6)           # 534 left: one fits
        self.assertEqual(sum(a["status"] == "SUCCESS" for a in answers), 1, answers)
        answers = self.race({"uuid": uuid}, 6)                          # the rest, by six at once
        self.assertEqual(sum(a["status"] == "SUCCESS" for a in answers), 1, answers)
        self.assertEqual(sorted(a["answer"]["errorCode"] for a in answers if a["status"] == "ERROR"), ["PSP_104"] * 5)
        credits = self.op("Order/Get", {"orderId": "ORD-42", "operationType": "CREDIT"})["transactions"]
        self.assertEqual(sorted(c["amount"] for c in credits), [234, 300, 700])
        for _ in credits:
            self.rest_ipn()
        self.no_more_ipn()

    def test_concurrent_cancellations_of_a_hosted_payment(self):
        f = self.hosted_paid()
        answers = self.race({"uuid": f["vads_trans_uuid"]}, 5)
        self.assertEqual(sum(a["status"] == "SUCCESS" for a in answers), 1, answers)
        self.assertEqual(sorted(a["answer"]["errorCode"] for a in answers if a["status"] == "ERROR"), ["PSP_105"] * 4)
        self.assertEqual(self.form_ipn()["vads_trans_status"], "CANCELLED")
        self.no_more_ipn()

    def test_store_guard_holds_across_processes(self):
        """Two Store objects on one data dir (two processes): the sqlite write transaction alone keeps
        the refunds within the captured amount."""
        stores = [Store(self.tmp), Store(self.tmp)]
        stores[0].create_transaction(token="guard", site_id=SITE, ctx_mode="TEST", trans_id="000001",
                                     trans_id_norm="000001", trans_day="20240101", order_id="G", amount=1000,
                                     currency="978", state="DONE", status="CAPTURED", trans_uuid="g" * 32,
                                     ipn_hash="h", language="fr", request={})
        parent = stores[0].find_transaction("g" * 32)
        results, barrier = [], threading.Barrier(8)

        def refund(store, n):
            barrier.wait(WAIT)
            row = dict(token="credit-%d" % n, site_id=SITE, ctx_mode="TEST", trans_day="20240101", order_id="G",
                       amount=400, currency="978", state="DONE", status="CAPTURED", trans_uuid="c%031d" % n,
                       ipn_hash="h", language="fr", request={}, result={})
            try:
                results.append(store.add_credit(parent["id"], 1000, 400,
                                                lambda trans_id: dict(row, trans_id=trans_id, trans_id_norm=trans_id)))
            except OverRefund as e:
                results.append(e)
        threads = [threading.Thread(target=refund, args=(stores[i % 2], i)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(WAIT * 2)
        self.assertEqual(sum(isinstance(r, int) for r in results), 2, results)
        self.assertEqual(stores[1].refunded_amount(parent["id"]), 800)
        self.assertEqual({e.left for e in results if isinstance(e, OverRefund)}, {200})


# ---------------------------------------------------------------------------- admin

class Admin(BackOfficeCase):
    def test_pages_and_api_show_refunds_and_operations(self):
        uuid = self.rest_paid()
        self.op("Transaction/CancelOrRefund", {"uuid": uuid, "resolutionMode": "REFUND_ONLY"}, "PSP_076")
        payment = [t for t in self.admin("/admin/api/transactions") if t["trans_uuid"] == uuid][0]
        # the admin page's capture button
        status, _, _ = self.http("POST", "/admin/capture", b"tx=%d" % payment["id"],
                                 {"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 303)
        self.rest_ipn("BATCH_AUTO")
        credit = self.op("Transaction/CancelOrRefund", {"uuid": uuid, "amount": 234, "comment": "returned"})
        self.rest_ipn()
        txs = {t["trans_uuid"]: t for t in self.admin("/admin/api/transactions")}
        p, c = txs[uuid], txs[credit["uuid"]]
        self.assertEqual((p["operation_type"], p["detailedStatus"], p["refunded_amount"]), ("DEBIT", "CAPTURED", 234))
        self.assertEqual([(r["trans_uuid"], r["amount"]) for r in p["refunds"]], [(credit["uuid"], 234)])
        self.assertEqual((c["operation_type"], c["parent_id"], c["parent_uuid"], c["amount"], c["status"]),
                         ("CREDIT", p["id"], uuid, 234, "CAPTURED"))
        self.assertEqual(json.loads(c["kr_answer"].replace("\\/", "/"))["transactions"][0]["operationType"], "CREDIT")
        self.assertEqual([n["src"] for n in c["notifications"]], ["MERCH_BO"])
        self.assertEqual([(o["operation"], o["error_code"]) for o in p["operations"]],
                         [("REFUND_ONLY", "PSP_076"), ("CAPTURE", ""), ("CANCEL_OR_REFUND", "")])
        self.assertIn("returned", p["operations"][-1]["detail"])
        self.assertEqual(p["operations"][-1]["result_tx_id"], c["id"])
        self.assertEqual(len(self.admin("/admin/api/operations")), 3)
        self.assertEqual(self.admin("/admin/api/transactions/" + credit["uuid"])["parent_uuid"], uuid)
        status, _, page = self.http("GET", "/admin/")
        page = page.decode()
        self.assertIn('id="tx_%d" data-api="REST" data-operation="CREDIT"' % c["id"], page)
        self.assertIn('CREDIT of <a href="/admin/tx/%d">#%d</a>' % (p["id"], p["id"]), page)
        self.assertIn('id="operations"', page)
        self.assertIn('data-operation="REFUND_ONLY" data-error="PSP_076"', page)
        self.assertIn('id="chargeback_%d"' % p["id"], page)
        status, _, page = self.http("GET", "/admin/tx/%d" % p["id"])
        self.assertEqual(status, 200)
        self.assertIn('id="related_%d"' % c["id"], page.decode())
        status, _, page = self.http("GET", "/admin/tx/%d" % c["id"])
        self.assertIn('id="related_%d"' % p["id"], page.decode())
        # a manual replay of the refund's notification goes to the payment's URL, hashed the same way
        status, _, data = self.http("POST", "/admin/api/replay",
                                    urllib.parse.urlencode({"tx": credit["uuid"]}).encode(),
                                    {"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(status, 200, data)
        t, _ = self.rest_ipn("BO")
        self.assertEqual((t["uuid"], t["operationType"]), (credit["uuid"], "CREDIT"))
        self.no_more_ipn()

    def test_old_data_dir_gets_the_new_columns(self):
        tmp = tempfile.mkdtemp(prefix="sandbox-migrate-")
        try:
            c = sqlite3.connect(os.path.join(tmp, "sandbox.sqlite3"))
            c.execute("CREATE TABLE notifications (id INTEGER PRIMARY KEY AUTOINCREMENT, tx_id INTEGER NOT NULL, "
                      "src TEXT NOT NULL, url TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT "
                      "0, max_attempts INTEGER NOT NULL, next_at REAL NOT NULL, created_at TEXT NOT NULL)")
            c.execute("INSERT INTO notifications(tx_id, src, url, state, max_attempts, next_at, created_at) VALUES "
                      "(1, 'PAY', 'http://x', 'DELIVERED', 5, 0, 'x')")
            c.commit()
            c.close()
            store = Store(tmp)
            self.assertEqual(store.notification(1)["result_json"], "")
            with sqlite3.connect(os.path.join(tmp, "sandbox.sqlite3")) as c:
                cols = {r[1] for r in c.execute("PRAGMA table_info(transactions)")}
            self.assertLessEqual({"operation_type", "parent_id", "chargeback", "captured_at", "api"}, cols)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
