"""HTTP front: routes of the payment pages, the REST API, the embedded form's client and its
endpoints, the admin and its test controls (controls.py; README "Test controls"): the REST faults
are applied here, around the web service call, as they are about the transport."""

import json
import logging
import os
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import pages, rest, signature
from .answer import serialize
from .backoffice import Refused
from .controls import ControlError, RestFaults
from .engine import CardError, Platform
from .i18n import page_language
from .ipn import Notifier
from .krypton import Krypton
from .store import Store

log = logging.getLogger("sandbox.http")
MAX_BODY = 256 * 1024

# The JavaScript client and its theme, at the paths of https://static.systempay.fr/...
STATIC_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "static")
STATIC = {
    "/static/js/krypton-client/V4.0/stable/kr-payment-form.min.js": ("kr-payment-form.js", "application/javascript"),
    "/static/js/krypton-client/V4.0/ext/classic-reset.css": ("classic-reset.css", "text/css"),
    "/static/js/krypton-client/V4.0/ext/classic.css": ("classic.css", "text/css"),
    "/static/js/krypton-client/V4.0/ext/classic.js": ("classic.js", "application/javascript"),
}
KRYPTON_PREFIX = "/krypton/"
REST_PREFIX = "/api-payment/V4/"


class BadEncoding(Exception):
    pass


def parse_form(body: bytes) -> dict:
    """application/x-www-form-urlencoded, UTF-8, values exactly as sent (last one wins)."""
    try:
        text = body.decode("utf-8")
        pairs = urllib.parse.parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except (UnicodeDecodeError, ValueError) as ex:
        raise BadEncoding(str(ex))
    return dict(pairs)


class Handler(BaseHTTPRequestHandler):
    server_version = "SystempaySandbox/1.0"
    protocol_version = "HTTP/1.1"

    @property
    def platform(self) -> Platform:
        return self.server.platform

    def log_message(self, fmt, *args):
        log.info("%s %s", self.address_string(), fmt % args)

    # -- helpers ---------------------------------------------------------------
    def send_body(self, status, body, ctype="text/html; charset=utf-8", headers=None):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def send_json(self, status, obj, headers=None):
        self.send_body(status, json.dumps(obj, ensure_ascii=False, indent=1), "application/json; charset=utf-8",
                       headers)

    def cors_headers(self):
        """The embedded form calls /krypton/ from the shop's page, another origin: allow it."""
        h = {"Access-Control-Allow-Origin": self.headers.get("Origin") or "*", "Vary": "Origin",
             "Access-Control-Allow-Methods": "POST, GET, OPTIONS",
             "Access-Control-Allow-Headers": self.headers.get("Access-Control-Request-Headers") or "Content-Type",
             "Access-Control-Max-Age": "600"}
        if self.headers.get("Access-Control-Request-Private-Network") == "true":
            h["Access-Control-Allow-Private-Network"] = "true"   # Chrome, shop on a non-loopback address
        return h

    def server_url(self):
        return "http://%s" % (self.headers.get("Host") or "%s:%d" % self.server.server_address[:2])

    def redirect(self, url, status=303):
        self.send_body(status, "", "text/plain", {"Location": url})

    def read_body(self) -> bytes:
        n = int(self.headers.get("Content-Length") or 0)
        if n > MAX_BODY:
            raise BadEncoding("request too large")
        return self.rfile.read(n) if n else b""

    def _dispatch(self, method):
        try:
            path = urllib.parse.urlsplit(self.path).path
            route = getattr(self, "route_" + method)
            route(path)
        except Exception:
            log.exception("error handling %s %s", method, self.path)
            try:
                self.send_body(500, pages.layout("Erreur", "fr", '<h1 id="error_title">Erreur 96 - '
                                                  'erreur technique</h1>'))
            except Exception:
                pass

    def do_GET(self):
        self._dispatch("GET")

    def do_HEAD(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_OPTIONS(self):
        self._dispatch("OPTIONS")

    def route_OPTIONS(self, path):
        """CORS preflight of the embedded form's calls."""
        self.send_body(204, "", "text/plain", self.cors_headers())

    def query(self):
        return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query, keep_blank_values=True))

    def session(self, token):
        tx = self.platform.store.transaction_by_token(token or "") if token else None
        if tx is None:
            self.send_body(200, pages.message_page(self.platform.config.default_language
                                                   if self.platform.config.default_language in ("fr", "en", "de", "es")
                                                   else "fr", "session_unknown"))
        return tx

    # -- routes ----------------------------------------------------------------
    def route_GET(self, path):
        p = self.platform
        if path in ("/", ""):
            return self.send_body(200, pages.layout("Systempay sandbox", "en",
                                  '<h1>Systempay sandbox</h1><p>POST the payment form to '
                                  '<code>/vads-payment/</code>.</p><p><a href="/admin/">Admin</a></p>'))
        if path == "/health":
            return self.send_json(200, {"status": "OK", "shops": sorted(p.config.shops)})
        if path in STATIC:
            name, ctype = STATIC[path]
            with open(os.path.join(STATIC_DIR, name), "rb") as f:
                return self.send_body(200, f.read(), ctype + "; charset=utf-8",
                                      {"Access-Control-Allow-Origin": "*"})
        if path == "/admin/api/form-tokens":
            return self.send_json(200, p.store.rest_tokens())
        if path in ("/vads-payment", "/vads-payment/"):
            lang = page_language(self.query().get("vads_language", ""), p.config.default_language)
            return self.send_body(200, pages.message_page(lang, "no_form", True))
        if path.startswith("/vads-payment/session/"):
            tx = self.session(path.rsplit("/", 1)[-1])
            if tx:
                self.render_state(tx)
            return
        if path in ("/admin", "/admin/"):
            txs = p.store.transactions()
            notes = {tx["id"]: p.store.notifications(tx["id"]) for tx in txs}
            return self.send_body(200, pages.admin_page(txs, notes, p.store.form_errors(), p.store.rest_tokens(),
                                                        p.store.operations()))
        if path.startswith("/admin/tx/"):
            tx = p.store.find_transaction("#" + path.rsplit("/", 1)[-1])
            if not tx:
                return self.send_body(404, "not found", "text/plain")
            related = [p.store.transaction(tx["parent_id"])] if tx.get("parent_id") else p.store.credits(tx["id"])
            return self.send_body(200, pages.admin_tx_page(tx, p.store.notifications(tx["id"]),
                                                           p.store.operations(tx["id"]), related))
        if path == "/admin/api/transactions":
            return self.send_json(200, [self.admin_tx(tx) for tx in p.store.transactions()])
        if path == "/admin/api/operations":
            return self.send_json(200, p.store.operations())
        if path.startswith("/admin/api/transactions/"):
            tx = p.store.find_transaction(urllib.parse.unquote(path.rsplit("/", 1)[-1]))
            if not tx:
                return self.send_json(404, {"error": "not found"})
            return self.send_json(200, self.admin_tx(tx))
        if path.startswith(REST_PREFIX):
            return self.rest_call("GET", path, b"")
        if path in CONTROLS_GET:
            return self.send_json(200, CONTROLS_GET[path](self.server))
        if path.startswith(KRYPTON_PREFIX):
            return self.send_json(405, {"status": "ERROR", "error": {"errorCode": "CLIENT_999",
                                                                     "errorMessage": "POST expected"}},
                                  self.cors_headers())
        self.send_body(404, "not found", "text/plain")

    def krypton(self, path, raw):
        """The embedded form's calls: JSON in, JSON out, CORS headers."""
        try:
            ctype = self.headers.get("Content-Type") or ""
            body = parse_form(raw) if ctype.startswith("application/x-www-form-urlencoded") else \
                json.loads(raw.decode("utf-8") or "{}")
            if not isinstance(body, dict):
                raise ValueError("JSON object expected")
        except (BadEncoding, UnicodeDecodeError, ValueError) as e:
            return self.send_json(400, {"status": "ERROR", "error": {
                "errorCode": "CLIENT_999", "errorMessage": "bad request: %s" % e}}, self.cors_headers())
        k = self.server.krypton
        client = {"ip": self.client_address[0], "user_agent": self.headers.get("User-Agent")}
        op = path[len(KRYPTON_PREFIX):]
        if op == "init":
            return self.send_json(200, k.init(body), self.cors_headers())
        if op == "pay":
            return self.send_json(200, k.pay(body, client), self.cors_headers())
        if op == "challenge":
            return self.send_json(200, k.challenge(body, client), self.cors_headers())
        return self.send_json(404, {"status": "ERROR", "error": {"errorCode": "CLIENT_999",
                                                                 "errorMessage": "unknown call"}},
                              self.cors_headers())

    def route_POST(self, path):
        p = self.platform
        try:
            raw = self.read_body()
        except BadEncoding:
            return self.send_body(413, "too large", "text/plain")
        if path.startswith(REST_PREFIX):
            return self.rest_call("POST", path, raw)
        if path.startswith(KRYPTON_PREFIX):
            return self.krypton(path, raw)
        if path in ("/admin/api/capture", "/admin/api/chargeback"):
            return self.admin_operation(path.rsplit("/", 1)[-1], raw)
        if path in CONTROLS_POST:
            return self.admin_control(CONTROLS_POST[path], raw)
        try:
            form = parse_form(raw)
        except BadEncoding:
            from .validation import FormError
            return self.send_body(200, pages.error_page(
                [FormError("99", "form", "bad_encoding")], p.config.default_language))
        if path in ("/vads-payment", "/vads-payment/"):
            return self.payment_form(form)
        if path == "/vads-payment/card":
            tx = self.session(form.get("token"))
            if not tx:
                return
            if tx["state"] != "PAYMENT_PAGE":
                return self.render_state(tx)
            try:
                tx = p.submit_card(tx, form)
            except CardError as ce:
                return self.send_body(200, pages.payment_page(tx, p.allowed_brands(tx), ce.text_key, form))
            return self.render_state(tx)
        if path == "/vads-payment/challenge":
            tx = self.session(form.get("token"))
            if not tx:
                return
            if tx["state"] == "CHALLENGE":
                tx = p.challenge(tx, form.get("outcome") == "ok")
            return self.render_state(tx)
        if path == "/vads-payment/cancel":
            tx = self.session(form.get("token"))
            if not tx:
                return
            if tx["state"] == "DONE":
                return self.render_state(tx)
            tx = p.cancel(tx)
            url, mode = p.return_target(tx)
            if not url:
                return self.render_state(tx)
            if mode == "POST":
                return self.send_body(200, pages.auto_post_page(tx, url, p.return_fields(tx)))
            return self.redirect(pages.build_get_url(url, p.return_fields(tx) if mode == "GET" else {}), 302)
        if path == "/admin/replay":
            tx = p.store.find_transaction("#" + form.get("tx", ""))
            if not tx:
                return self.send_body(404, "not found", "text/plain")
            try:
                p.replay(tx, form.get("src", "BO") if form.get("src") in ("BO", "RETRY", "MERCH_BO") else "BO")
            except ValueError as ve:
                return self.send_body(409, str(ve), "text/plain")
            return self.redirect("/admin/")
        if path in ("/admin/capture", "/admin/chargeback"):     # the admin page's buttons
            tx = p.store.find_transaction("#" + form.get("tx", ""))
            if not tx:
                return self.send_body(404, "not found", "text/plain")
            try:
                getattr(p.backoffice, path.rsplit("/", 1)[-1])(tx)
            except Refused as r:
                return self.send_body(409, "%s %s: %s" % (r.code, r.message, r.detail or ""), "text/plain")
            return self.redirect("/admin/")
        if path == "/admin/api/replay":
            tx = p.store.find_transaction(form.get("tx", ""))
            if not tx:
                return self.send_json(404, {"error": "not found"})
            try:
                nid = p.replay(tx, form.get("src") if form.get("src") in ("BO", "RETRY", "MERCH_BO") else "BO")
            except ValueError as ve:
                return self.send_json(409, {"error": str(ve)})
            return self.send_json(200, {"queued": nid, "tx": tx["id"]})
        self.send_body(404, "not found", "text/plain")

    def rest_call(self, method, path, raw):
        """A REST web service call, with the fault set by POST /admin/api/faults, if any: down (503,
        not performed), drop_answer (performed, then the connection closed with no answer at all),
        slow (performed, answered after the delay)."""
        fault = self.server.faults.take(path[len(REST_PREFIX):].strip("/"))
        if fault and fault.mode == "down":
            return self.send_body(503, "503 Service Unavailable (sandbox fault: the platform is down)\n",
                                  "text/plain; charset=utf-8")
        status, env, headers = rest.dispatch(self.platform, method, path[len(REST_PREFIX):], self.headers, raw,
                                             self.server_url())
        if fault and fault.mode == "drop_answer":
            log.warning("%s %s performed (%s), answer dropped: connection closed", method, path, env["status"])
            self.close_connection = True    # nothing was written: the client reads an empty reply
            return
        if fault and fault.mode == "slow":
            time.sleep(fault.delay)
            try:
                return self.send_json(status, env, headers)
            except (BrokenPipeError, ConnectionResetError):    # the shop's timeout was shorter: expected
                log.warning("%s %s: the client left before the slow answer", method, path)
                self.close_connection = True
                return
        self.send_json(status, env, headers)

    def admin_control(self, control, raw):
        """POST of a test control: a JSON object in (an empty body is {}), the control's state out;
        400 for a bad body, 404 for an unknown shop."""
        try:
            body = json.loads(raw.decode("utf-8") or "{}")
            if not isinstance(body, dict):
                raise ValueError("a JSON object is expected")
            state = control(self.server, body)
        except (UnicodeDecodeError, ValueError) as e:
            return self.send_json(400, {"error": "bad request: %s" % e})
        except ControlError as e:
            return self.send_json(e.status, {"error": e.message})
        self.send_json(200, state)

    def admin_tx(self, tx):
        """A transaction for the admin API: with its notifications and operations; a payment with
        its refunds, a refund with its payment; a REST try also with the exact kr-answer string the
        sandbox posts."""
        store = self.platform.store
        tx["notifications"] = store.notifications(tx["id"])
        tx["detailedStatus"] = tx["status"]
        tx["operations"] = store.operations(tx["id"])
        if tx.get("parent_id"):
            parent = store.transaction(tx["parent_id"])
            tx["parent_uuid"] = parent["trans_uuid"] if parent else None
        else:
            tx["refunds"] = [{"id": c["id"], "trans_uuid": c["trans_uuid"], "trans_id": c["trans_id"],
                              "amount": c["amount"], "status": c["status"]} for c in store.credits(tx["id"])]
            tx["refunded_amount"] = sum(c["amount"] for c in tx["refunds"] if c["status"] == "CAPTURED")
        if tx["api"] == "REST" and tx["state"] == "DONE":
            tx["kr_answer"] = serialize(tx["result"], self.platform.config.kr_answer_escaped_slashes)
        return tx

    def admin_operation(self, operation, raw):
        """POST /admin/api/capture and /admin/api/chargeback, JSON or form-encoded {uuid} (any
        transaction reference; a #id too). The capture without a uuid is the batch: every
        AUTHORISED payment whose expected capture date has come."""
        try:
            ctype = self.headers.get("Content-Type") or ""
            body = json.loads(raw.decode("utf-8") or "{}") if ctype.startswith("application/json") else parse_form(raw)
            if not isinstance(body, dict):
                raise ValueError("a JSON object is expected")
        except (BadEncoding, UnicodeDecodeError, ValueError) as e:
            return self.send_json(400, {"error": "bad request: %s" % e})
        p = self.platform
        ref = str(body.get("uuid") or body.get("tx") or "")
        if operation == "capture" and not ref:
            done = p.backoffice.capture_due()
        else:
            tx = p.store.find_transaction(ref) if ref else None
            if tx is None or tx["state"] != "DONE":
                return self.send_json(404, {"error": "no finished transaction %r" % ref})
            try:
                done = [getattr(p.backoffice, operation)(tx)]
            except Refused as r:
                return self.send_json(409, {"error": "%s %s" % (r.code, r.message), "errorCode": r.code,
                                            "detail": r.detail})
        key = "captured" if operation == "capture" else "charged_back"
        return self.send_json(200, {key: [{"id": t["id"], "trans_uuid": t["trans_uuid"], "trans_id": t["trans_id"],
                                           "status": t["status"], "amount": t["amount"]} for t in done]})

    def payment_form(self, form):
        p = self.platform
        errors, shop, tx = p.open_session(form)
        if errors:
            lang = page_language(form.get("vads_language", ""), p.config.default_language)
            hint = ""
            if errors[0].field == "signature" and shop and form.get("vads_ctx_mode") == "TEST":
                hint = signature.masked_signed_string(form, shop.key_for("TEST"))
            return self.send_body(200, pages.error_page(errors, lang, form.get("vads_ctx_mode") != "PRODUCTION",
                                                        hint))
        self.send_body(200, pages.payment_page(tx, p.allowed_brands(tx)))

    def render_state(self, tx):
        p = self.platform
        if tx["state"] == "PAYMENT_PAGE":
            return self.send_body(200, pages.payment_page(tx, p.allowed_brands(tx)))
        if tx["state"] == "CHALLENGE":
            return self.send_body(200, pages.challenge_page(tx))
        url, mode = p.return_target(tx)
        timeout, message = p.redirect_settings(tx)
        self.send_body(200, pages.result_page(tx, url, mode, p.return_fields(tx), timeout, message))


def hold_state(server, released=()):
    """The notification hold as the admin API shows it."""
    n = server.platform.notifier
    return {"hold": n.holding, "released": list(released), "held": n.held()}


def set_hold(server, body):
    if set(body) != {"hold"} or not isinstance(body["hold"], bool):
        raise ControlError(400, 'a JSON object {"hold": true|false} is expected')
    return hold_state(server, server.platform.notifier.hold(body["hold"]))


def release_held(server, body):
    if body:
        raise ControlError(400, "no body expected (or {})")
    return hold_state(server, server.platform.notifier.release())


# The test controls' admin routes: state shown by GET, changed by POST (JSON).
CONTROLS_GET = {
    "/admin/api/shop-options": lambda server: server.platform.shop_options.as_json(),
    "/admin/api/faults": lambda server: server.faults.as_json(),
    "/admin/api/notifications/held": hold_state,
}
CONTROLS_POST = {
    "/admin/api/shop-options": lambda server, body: server.platform.shop_options.update(body),
    "/admin/api/faults": lambda server, body: server.faults.set(body),
    "/admin/api/notifications/hold": set_hold,
    "/admin/api/notifications/release": release_held,
}


class SandboxServer:
    """The whole sandbox: HTTP server + IPN worker. Usable in-process (tests) or from server.py."""

    def __init__(self, config):
        self.config = config
        self.store = Store(config.data_dir)
        self.store.save_shops({k: vars(v) for k, v in config.shops.items()})
        self.notifier = Notifier(self.store, config)
        self.platform = Platform(config, self.store, self.notifier)
        self.httpd = ThreadingHTTPServer((config.host, config.port), Handler)
        self.httpd.daemon_threads = True
        self.httpd.platform = self.platform
        self.krypton = Krypton(config, self.store, self.notifier)
        self.httpd.krypton = self.krypton
        self.httpd.faults = RestFaults(rest.HANDLERS)     # test control, in memory like the others
        self._thread = None

    @property
    def port(self):
        return self.httpd.server_address[1]

    @property
    def base_url(self):
        return "http://%s:%d" % (self.config.host, self.port)

    def serve_forever(self):
        self.notifier.start()
        self.httpd.serve_forever(poll_interval=0.2)

    def start(self):
        self._thread = threading.Thread(target=self.serve_forever, name="sandbox-http", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self.notifier.stop()
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread:
            self._thread.join(5)
