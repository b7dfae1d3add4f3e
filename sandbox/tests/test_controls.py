"""Tests of the sandbox's test controls (sandbox/README.md, "Test controls"): a shop without the REST
back-office option (PSP_100), faults on the REST API (down, answer dropped, slow) and the hold of
the notifications; all three in memory, cleared by a restart.

Run from the repository root:  python3 -m unittest discover -s sandbox/tests -v
"""

import base64
import http.client
import json
import os
import socket
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from spsandbox.app import SandboxServer  # noqa: E402
from test_backoffice import BackOfficeCase  # noqa: E402
from test_rest import ACCEPTED, PUBLIC_PK, PUBLIC_PW, PUBLIC_SITE, PW_PROD, PW_TEST  # noqa: E402
from test_sandbox import SITE, WAIT  # noqa: E402

PSP_100_MESSAGE = "operation not allowed (the shop has no REST back-office option)"
CARD_UPDATE = {"amount": 1000, "currency": "EUR"}
FAULTS_NONE = {"rest": "none", "operations": None, "delay_seconds": None, "count": None, "left": None}


class ControlCase(BackOfficeCase):
    """Helpers for the admin controls, and a REST call read at the socket level."""

    def control(self, path, body, status=200):
        """POST a control (a dict is sent as JSON, bytes as they are); its JSON answer."""
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        code, headers, data = self.http("POST", path, raw, {"Content-Type": "application/json"})
        self.assertEqual(code, status, data)
        self.assertTrue(headers["Content-Type"].startswith("application/json"), headers)
        return json.loads(data)

    def refused_control(self, path, body, status=400):
        self.assertIsInstance(self.control(path, body, status)["error"], str)

    def raw_rest(self, operation, body, password=PW_TEST):
        """Every byte the server sends back for one REST call, read until it closes the connection."""
        data = json.dumps(body).encode()
        auth = base64.b64encode(("%s:%s" % (SITE, password)).encode()).decode()
        head = ("POST /api-payment/V4/%s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic %s\r\n"
                "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % (operation, auth, len(data)))
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=WAIT) as s:
            s.sendall(head.encode() + data)
            chunks = []
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    return b"".join(chunks)
                chunks.append(chunk)

    def restart(self):
        """A new server on the same data dir and configuration, as after stop.sh / start.sh."""
        self.server.stop()
        self.server = SandboxServer(self.cfg).start()

    def paid_public_shop(self):
        """A REST payment of the public test shop (its PAY notification consumed): its uuid."""
        r = self.pay(self.create(password=PUBLIC_PW, user=PUBLIC_SITE), ACCEPTED, key=PUBLIC_PK)
        self.next_ipn()
        return json.loads(r["answer"])["transactions"][0]["uuid"]


# ---------------------------------------------------------------------------- PSP_100

class ShopWithoutBackOfficeOption(ControlCase):
    def refused(self, operation, body, password=PW_TEST):
        a = self.op(operation, body, "PSP_100", password)
        self.assertEqual((a["errorMessage"], a["shopId"], a["detailedErrorCode"]), (PSP_100_MESSAGE, SITE, None))
        self.assertIn(operation, a["detailedErrorMessage"])

    def test_changing_calls_refused_reading_calls_and_payments_work(self):
        uuid = self.rest_paid()
        hosted = self.hosted_paid(vads_order_id="NO-BO-1")["vads_trans_uuid"]
        public = self.paid_public_shop()
        self.assertEqual(self.control("/admin/api/shop-options", {"site_id": SITE, "back_office_operations": False}),
                         {"site_id": SITE, "back_office_operations": False})
        self.assertEqual(self.admin("/admin/api/shop-options"), {"shops": [
            {"site_id": SITE, "back_office_operations": False},
            {"site_id": "73239078", "back_office_operations": True},
            {"site_id": "87654321", "back_office_operations": True}]})
        for ref in (uuid, hosted):
            self.refused("Transaction/CancelOrRefund", {"uuid": ref})
            self.refused("Transaction/CancelOrRefund", {"uuid": ref, "amount": 100, "resolutionMode": "REFUND_ONLY"})
            self.refused("Transaction/Update", {"uuid": ref, "cardUpdate": CARD_UPDATE})
            self.refused("Transaction/Validate", {"uuid": ref})
        self.refused("Transaction/CancelOrRefund", {"uuid": uuid}, PW_PROD)     # every mode of the shop
        self.refused("Transaction/CancelOrRefund", {})                          # before its input is read
        self.refused("Transaction/Update", {"uuid": "0" * 32})
        # nothing changed, nothing notified, nothing in the operations log
        self.assertEqual(self.get(uuid)["detailedStatus"], "AUTHORISED")
        self.assertEqual(self.get(hosted)["amount"], 1234)
        self.assertEqual([t["uuid"] for t in self.op("Order/Get", {"orderId": "NO-BO-1"})["transactions"]], [hosted])
        self.assertEqual(self.admin("/admin/api/operations"), [])
        self.no_more_ipn()
        # payments and the other web services go on
        self.assertEqual(self.rest("Charge/SDKTest", {"value": "ping"})[1]["answer"]["value"], "ping")
        second = self.rest_paid()
        self.assertEqual(self.get(second)["detailedStatus"], "AUTHORISED")
        # the capture batch is the platform's, not a web service call: not concerned
        self.capture(second)
        self.rest_ipn("BATCH_AUTO")
        # another shop keeps its option
        self.op("Transaction/CancelOrRefund", {"uuid": public}, password=PUBLIC_PW, user=PUBLIC_SITE)
        self.rest_ipn(password=PUBLIC_PW)
        # true restores it
        self.assertEqual(self.control("/admin/api/shop-options", {"site_id": SITE, "back_office_operations": True}),
                         {"site_id": SITE, "back_office_operations": True})
        self.assertEqual(self.op("Transaction/CancelOrRefund", {"uuid": uuid})["detailedStatus"], "CANCELLED")
        self.rest_ipn()
        self.no_more_ipn()

    def test_bad_requests(self):
        self.assertEqual(self.control("/admin/api/shop-options", {"site_id": "99999999",
                                                                  "back_office_operations": False}, 404),
                         {"error": "unknown shop '99999999'"})
        for body in ({"back_office_operations": False}, {"site_id": 12345678, "back_office_operations": False},
                     {"site_id": SITE, "back_office_operations": "false"},
                     {"site_id": SITE, "back_office_operations": 0},
                     {"site_id": SITE, "back_office_operation": False},       # misspelt: refused, not ignored
                     [SITE], b"site_id=12345678", b"\xff"):
            with self.subTest(body=body):
                self.refused_control("/admin/api/shop-options", body)
        self.assertEqual(self.control("/admin/api/shop-options", {"site_id": SITE}),    # no change: the state
                         {"site_id": SITE, "back_office_operations": True})
        self.op("Transaction/Validate", {"uuid": "0" * 32}, "PSP_010")


# ---------------------------------------------------------------------------- REST faults

class RestFaults(ControlCase):
    def set_fault(self, **body):
        state = self.control("/admin/api/faults", body)
        self.assertEqual(state, self.admin("/admin/api/faults"))
        return state

    def faults(self):
        state = self.admin("/admin/api/faults")
        return {k: v for k, v in state.items() if k != "applied"}, state["applied"]

    def test_down(self):
        uuid = self.rest_paid()
        self.assertEqual(self.faults(), (FAULTS_NONE, 0))
        self.assertEqual(self.set_fault(rest="down", operations=["Transaction/CancelOrRefund"]),
                         dict(FAULTS_NONE, rest="down", operations=["Transaction/CancelOrRefund"], applied=0))
        status, headers, body = self.http("POST", "/api-payment/V4/Transaction/CancelOrRefund",
                                          json.dumps({"uuid": uuid}).encode(), {"Content-Type": "application/json"})
        self.assertEqual(status, 503)
        self.assertTrue(headers["Content-Type"].startswith("text/plain"), headers)
        self.assertIn(b"Service Unavailable", body)
        self.assertLess(len(body), 200)
        # not performed; the other web services answer
        self.assertEqual(self.get(uuid)["detailedStatus"], "AUTHORISED")
        self.assertEqual(self.admin("/admin/api/operations"), [])
        self.no_more_ipn()
        self.assertEqual(self.faults()[1], 1)
        # every web service by default, for `count` calls, then back to none
        self.set_fault(rest="down", count=2)
        self.assertEqual(self.http("POST", "/api-payment/V4/Charge/CreatePayment", b"{}")[0], 503)
        self.assertEqual(self.faults(), (dict(FAULTS_NONE, rest="down", count=2, left=1), 1))
        self.assertEqual(self.http("GET", "/api-payment/V4/Transaction/Get")[0], 503)
        self.assertEqual(self.faults(), (FAULTS_NONE, 2))
        self.assertEqual(self.get(uuid)["detailedStatus"], "AUTHORISED")
        # the admin, the payment page and the embedded form's calls are not the REST API
        self.set_fault(rest="down")
        self.assertEqual(self.http("GET", "/health")[0], 200)
        self.assertEqual(self.hosted_paid()["vads_trans_status"], "AUTHORISED")
        self.assertEqual(self.set_fault(rest="none"), dict(FAULTS_NONE, applied=0))
        self.assertEqual(self.op("Transaction/CancelOrRefund", {"uuid": uuid})["detailedStatus"], "CANCELLED")
        self.rest_ipn()
        self.no_more_ipn()

    def test_drop_answer_performs_the_call_and_sends_nothing(self):
        uuid = self.rest_paid()
        self.set_fault(rest="drop_answer", operations=["Transaction/CancelOrRefund"], count=2)
        self.assertEqual(self.raw_rest("Transaction/CancelOrRefund", {"uuid": uuid}), b"")     # not one byte
        t, _ = self.rest_ipn("MERCH_BO")                                   # performed and notified
        self.assertEqual((t["uuid"], t["detailedStatus"]), (uuid, "CANCELLED"))
        self.assertEqual(self.get(uuid)["detailedStatus"], "CANCELLED")
        self.assertEqual([(o["operation"], o["error_code"]) for o in self.admin("/admin/api/operations")],
                         [("CANCEL_OR_REFUND", "")])
        # an HTTP client sees the connection closed with no answer (curl: error 52, empty reply)
        with self.assertRaises(http.client.RemoteDisconnected):
            self.rest("Transaction/CancelOrRefund", {"uuid": uuid})
        self.assertEqual(self.faults(), (FAULTS_NONE, 2))                  # count used up
        # the second was performed too (refused: already cancelled); the next one is answered
        self.assertEqual([(o["operation"], o["error_code"]) for o in self.admin("/admin/api/operations")],
                         [("CANCEL_OR_REFUND", "PSP_105"), ("CANCEL_OR_REFUND", "")])
        self.op("Transaction/CancelOrRefund", {"uuid": uuid}, "PSP_105")
        # a refund dropped: made once, the shop's retry then sees it in Order/Get
        paid = self.rest_paid(orderId="DROP-2")
        self.capture(paid)
        self.rest_ipn("BATCH_AUTO")
        self.set_fault(rest="drop_answer", operations=["Transaction/CancelOrRefund"])
        self.assertEqual(self.raw_rest("Transaction/CancelOrRefund", {"uuid": paid, "amount": 500}), b"")
        credit, _ = self.rest_ipn()
        self.assertEqual((credit["operationType"], credit["amount"]), ("CREDIT", 500))
        order = self.op("Order/Get", {"orderId": "DROP-2", "operationType": "CREDIT"})["transactions"]
        self.assertEqual([c["uuid"] for c in order], [credit["uuid"]])
        self.set_fault(rest="none")
        self.no_more_ipn()

    def test_slow_performs_then_waits(self):
        uuid = self.rest_paid()
        self.set_fault(rest="slow", delay_seconds=0.6, operations=["Transaction/CancelOrRefund", "Transaction/Get"],
                       count=2)
        t0 = time.monotonic()
        a = self.op("Transaction/CancelOrRefund", {"uuid": uuid})
        answered = time.monotonic()
        self.assertGreaterEqual(answered - t0, 0.6)
        self.assertEqual(a["detailedStatus"], "CANCELLED")
        self.rest_ipn()
        self.assertLess(self.shop.requests[-1]["t"], answered)        # notified while the answer waited
        self.assertEqual(self.faults(), (dict(FAULTS_NONE, rest="slow", delay_seconds=0.6, count=2, left=1,
                                              operations=["Transaction/CancelOrRefund", "Transaction/Get"]), 1))
        t0 = time.monotonic()
        self.op("Order/Get", {"orderId": "ORD-42"})                       # not in operations: at once
        self.assertLess(time.monotonic() - t0, 0.5)
        t0 = time.monotonic()
        self.get(uuid)
        self.assertGreaterEqual(time.monotonic() - t0, 0.6)
        self.assertEqual(self.faults(), (FAULTS_NONE, 2))
        t0 = time.monotonic()
        self.get(uuid)
        self.assertLess(time.monotonic() - t0, 0.5)
        self.no_more_ipn()

    def test_bad_requests_leave_the_setting(self):
        self.set_fault(rest="down", operations=["Charge/SDKTest"])
        for body in ({}, {"rest": "bogus"}, {"rest": None}, {"rest": "down", "operations": []},
                     {"rest": "down", "operations": "Transaction/Get"}, {"rest": "down", "operations": ["Nope/Get"]},
                     {"rest": "down", "operations": [1]}, {"rest": "slow"}, {"rest": "slow", "delay_seconds": -1},
                     {"rest": "slow", "delay_seconds": 601}, {"rest": "slow", "delay_seconds": "2"},
                     {"rest": "slow", "delay_seconds": True}, {"rest": "down", "delay_seconds": 2},
                     {"rest": "down", "count": 0}, {"rest": "down", "count": -1}, {"rest": "down", "count": "2"},
                     {"rest": "down", "count": 1.5}, {"rest": "down", "count": True}, {"rest": "down", "ops": []},
                     [], b"rest=down", b"{"):
            with self.subTest(body=body):
                self.refused_control("/admin/api/faults", body)
        self.assertEqual(self.faults(), (dict(FAULTS_NONE, rest="down", operations=["Charge/SDKTest"]), 0))
        self.assertEqual(self.set_fault(rest="slow", delay_seconds=0, operations=["/Transaction/Get/"])["operations"],
                         ["Transaction/Get"])
        self.set_fault(rest="none")


# ---------------------------------------------------------------------------- notification hold

class NotificationHold(ControlCase):
    def held(self):
        state = self.admin("/admin/api/notifications/held")
        self.assertEqual(state["released"], [])
        return state["hold"], state["held"]

    def test_held_until_released_then_in_order(self):
        self.assertEqual(self.held(), (False, []))
        self.assertEqual(self.control("/admin/api/notifications/hold", {"hold": True}),
                         {"hold": True, "released": [], "held": []})
        # a REST payment (its IPN is normally sent before the browser's answer), a hosted one, a capture
        r = self.pay(self.create(orderId="HOLD-1"), ACCEPTED)
        self.assertEqual(r["status"], "ACCEPTED")
        uuid = json.loads(r["answer"])["transactions"][0]["uuid"]
        _, page = self.open_payment(vads_order_id="HOLD-2")
        self.post_page("/vads-payment/card", {"token": page.token(), "card_number": ACCEPTED, "expiry_month": "12",
                                              "expiry_year": str(time.gmtime().tm_year + 2), "cvv": "123"})
        self.capture(uuid)
        self.no_more_ipn()
        hold, held = self.held()
        self.assertTrue(hold)
        self.assertEqual([(n["order_id"], n["src"]) for n in held],
                         [("HOLD-1", "PAY"), ("HOLD-2", "PAY"), ("HOLD-1", "BATCH_AUTO")])
        self.assertEqual(held[0]["trans_uuid"], uuid)
        tx = self.admin("/admin/api/transactions/" + uuid)
        self.assertEqual(held[0]["tx_id"], tx["id"])
        self.assertEqual(held[0]["trans_id"], tx["trans_id"])
        self.assertEqual([(n["id"], n["state"], n["attempt_list"]) for n in tx["notifications"]],
                         [(held[0]["id"], "HELD", []), (held[2]["id"], "HELD", [])])
        # release: delivered in order, new ones still held
        state = self.control("/admin/api/notifications/release", b"")
        self.assertEqual(state, {"hold": True, "released": [n["id"] for n in held], "held": []})
        t, _ = self.rest_ipn("PAY")
        self.assertEqual((t["uuid"], t["detailedStatus"]), (uuid, "AUTHORISED"))
        self.assertEqual(self.form_ipn("PAY")["vads_order_id"], "HOLD-2")
        self.assertEqual(self.rest_ipn("BATCH_AUTO")[0]["detailedStatus"], "CAPTURED")
        # the answer of the shop's own call first, its notification when the test says so
        credit = self.op("Transaction/CancelOrRefund", {"uuid": uuid, "amount": 200})
        self.no_more_ipn()
        self.assertEqual([(n["trans_uuid"], n["src"]) for n in self.held()[1]], [(credit["uuid"], "MERCH_BO")])
        state = self.control("/admin/api/notifications/hold", {"hold": False})
        self.assertEqual((state["hold"], len(state["released"]), state["held"]), (False, 1, []))
        t, _ = self.rest_ipn("MERCH_BO")
        self.assertEqual((t["uuid"], t["operationType"], t["amount"]), (credit["uuid"], "CREDIT", 200))
        # back to normal
        self.op("Transaction/CancelOrRefund", {"uuid": uuid, "amount": 100})
        self.rest_ipn("MERCH_BO")
        self.assertEqual(self.held(), (False, []))
        self.no_more_ipn()

    def test_released_ones_use_the_worker_retries_and_replays_are_held_too(self):
        self.control("/admin/api/notifications/hold", {"hold": True})
        uuid = json.loads(self.pay(self.create(), ACCEPTED)["answer"])["transactions"][0]["uuid"]
        self.op("Transaction/CancelOrRefund", {"uuid": uuid})
        code, _, data = self.http("POST", "/admin/api/replay", b"tx=" + uuid.encode(),
                                  {"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(code, 200, data)
        self.assertEqual([n["src"] for n in self.held()[1]], ["PAY", "MERCH_BO", "BO"])
        self.no_more_ipn()
        self.shop.script = [(503, "KO-Database unavailable", {})]
        self.control("/admin/api/notifications/hold", {"hold": False})
        srcs = [q["fields"]["kr-src"] for q in self.shop.wait_for(4)]
        self.assertEqual(srcs[:3], ["PAY", "MERCH_BO", "BO"])     # the 503 PAY is retried after its interval
        self.assertEqual(srcs[3], "RETRY")
        retried = json.loads(self.shop.requests[3]["fields"]["kr-answer"])["transactions"][0]
        self.assertEqual(retried["detailedStatus"], "AUTHORISED")           # the PAY event, as held
        self.seen = 4
        self.no_more_ipn()

    def test_bad_requests(self):
        for body in ({}, {"hold": "yes"}, {"hold": 1}, {"hold": None}, {"hold": True, "release": True}, [True],
                     b"hold=true"):
            with self.subTest(body=body):
                self.refused_control("/admin/api/notifications/hold", body)
        self.refused_control("/admin/api/notifications/release", {"hold": False})
        self.assertEqual(self.control("/admin/api/notifications/release", {}), {"hold": False, "released": [],
                                                                                 "held": []})
        self.assertEqual(self.held(), (False, []))


# ---------------------------------------------------------------------------- restart

class RestartClearsControls(ControlCase):
    def test_restart_clears_every_control_and_sends_what_was_held(self):
        uuid = self.rest_paid()
        self.control("/admin/api/shop-options", {"site_id": SITE, "back_office_operations": False})
        self.control("/admin/api/notifications/hold", {"hold": True})
        self.capture(uuid)                                               # its BATCH_AUTO notification held
        self.control("/admin/api/faults", {"rest": "down"})
        self.no_more_ipn()
        self.restart()
        self.assertEqual(self.admin("/admin/api/faults"), dict(FAULTS_NONE, applied=0))
        self.assertEqual(self.admin("/admin/api/notifications/held"), {"hold": False, "released": [], "held": []})
        self.assertIn({"site_id": SITE, "back_office_operations": True}, self.admin("/admin/api/shop-options")["shops"])
        self.assertEqual(self.rest_ipn("BATCH_AUTO")[0]["uuid"], uuid)   # the held one went out at start
        credit = self.op("Transaction/CancelOrRefund", {"uuid": uuid, "amount": 300}, password=PW_TEST)
        self.assertEqual(self.rest_ipn()[0]["uuid"], credit["uuid"])
        self.no_more_ipn()


if __name__ == "__main__":
    unittest.main()
