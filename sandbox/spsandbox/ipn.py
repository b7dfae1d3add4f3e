"""Instant payment notifications: building, sending and retrying (protocol.md section 3)."""

import http.client
import json
import logging
import ssl
import threading
import time
import urllib.parse

from . import answer, signature

log = logging.getLogger("sandbox.ipn")

SUCCESS_CODES = frozenset(list(range(200, 207)) + [301, 302, 303, 307, 308])
USER_AGENT = "Systempay-Sandbox/1.0"


def notification_fields(tx: dict, shop, src: str, escaped_slashes: bool = True) -> dict:
    """Form API: result fields + vads_hash + vads_url_check_src, signed over all vads_* fields.
    REST API: the try's kr-answer with kr-src, hashed with the REST password."""
    if tx.get("api") == "REST":
        kr_answer = answer.serialize(tx["result"], escaped_slashes)
        return answer.ipn_fields(kr_answer, shop, tx["ctx_mode"], src)
    fields = dict(tx["result"])
    fields["vads_hash"] = tx["ipn_hash"]
    fields["vads_url_check_src"] = src
    fields.pop("signature", None)
    fields["signature"] = signature.sign(fields, shop.key_for(tx["ctx_mode"]), shop.algorithm)
    return fields


def post_form(url: str, fields: dict, timeout: float):
    """POST the fields once; never follow redirects.
    Returns (http_code or None, body text (first 500 chars), error text, duration ms)."""
    body = urllib.parse.urlencode(list(fields.items()), encoding="utf-8").encode("ascii")
    t0 = time.monotonic()
    try:
        u = urllib.parse.urlsplit(url)
        if u.scheme not in ("http", "https") or not u.hostname:
            raise ValueError("not an http(s) URL: %r" % url)
        path = (u.path or "/") + ("?" + u.query if u.query else "")
        if u.scheme == "https":
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE   # local shops use self-signed certificates
            conn = http.client.HTTPSConnection(u.hostname, u.port or 443, timeout=timeout, context=ctx)
        else:
            conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=timeout)
        try:
            host = u.hostname + (":%d" % u.port if u.port else "")
            conn.request("POST", path, body=body, headers={
                "Host": host,
                "Content-Type": "application/x-www-form-urlencoded",
                "User-Agent": USER_AGENT,
                "Accept": "*/*",
                "Connection": "close",
            })
            resp = conn.getresponse()
            raw = resp.read(64 * 1024)
            code = resp.status
        finally:
            conn.close()
        text = raw.decode("utf-8", "replace")[:500]
        return code, text, "", int((time.monotonic() - t0) * 1000)
    except Exception as e:  # connection refused, timeout, bad URL...
        return None, "", "%s: %s" % (type(e).__name__, e), int((time.monotonic() - t0) * 1000)


class Notifier:
    """Background worker delivering due notifications from the store.

    The hold (test control, README "Test controls") keeps the notifications made while it is on in
    state HELD, out of the worker's reach, so a test decides when the shop gets them: after the
    answer of its own web service call, for example. Releasing makes them PENDING and due now; the
    worker then delivers them in order, with the usual retries. The hold is in memory: a restarted
    server holds nothing and sends what a previous run left held."""

    def __init__(self, store, config):
        self.store = store
        self.config = config
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = None
        self._hold = False
        self._hold_lock = threading.Lock()     # a notification is held or not, never lost in between

    # -- scheduling ----------------------------------------------------------
    def url_for(self, tx: dict) -> str:
        """Form API: the shop's notification URL of the mode. REST: the formToken's ipnTargetUrl
        (or the shop's URL, recorded with the token when it was created). A refund goes where its
        payment went."""
        if tx.get("parent_id"):
            tx = self.store.transaction(tx["parent_id"]) or tx
        if tx.get("api") == "REST":
            token = self.store.rest_token(tx["form_token"])
            return token["ipn_url"] if token else ""
        shop = self.config.shop(tx["site_id"])
        return shop.ipn_url_for(tx["ctx_mode"]) if shop else ""

    def enqueue(self, tx: dict, src: str = "PAY", auto_retry: bool = True, delay: float = None,
                result: dict = None) -> int:
        """The notification of tx's state now (or of `result`): its retries redeliver that event,
        even after later operations changed the transaction."""
        nid, _ = self._add(tx, src, auto_retry, self.config.ipn_delay if delay is None else delay, result)
        self._wake.set()
        return nid

    def send_now(self, tx: dict, src: str = "PAY", auto_retry: bool = True) -> int:
        """Enqueue tx's notification and make its first attempt in this thread, now (the REST IPN
        reaches the shop before the browser's result); its retries are the worker's. A held one
        waits for its release instead."""
        nid, held = self._add(tx, src, auto_retry, 3600, None)     # due in an hour: not for the worker
        if not held:
            self.deliver(self.store.notification(nid))
        return nid

    def _add(self, tx, src, auto_retry, delay, result):
        url = self.url_for(tx)
        max_attempts = 1 + self.config.max_retries if auto_retry else 1
        with self._hold_lock:
            held = self._hold
            nid = self.store.add_notification(tx["id"], src, url, max_attempts, delay,
                                              tx["result"] if result is None else result, held=held)
        if held:
            log.info("IPN tx=%s src=%s held (notification %s)", tx["id"], src, nid)
        return nid, held

    # -- hold (test control) ---------------------------------------------------
    @property
    def holding(self) -> bool:
        return self._hold

    def hold(self, on: bool):
        """Start holding new notifications, or stop and release every held one. Returns the ids
        released."""
        with self._hold_lock:
            self._hold = on
            return [] if on else self._release()

    def release(self):
        """Deliver what is held, and go on holding new ones if the hold is on. Returns the ids."""
        with self._hold_lock:
            return self._release()

    def held(self):
        return self.store.held_notifications()

    def _release(self):
        ids = self.store.release_held(time.time())
        if ids:
            log.info("IPN hold: %d notification(s) released: %s", len(ids), ids)
        self._wake.set()
        return ids

    def start(self):
        # a hold does not survive a restart: what an earlier run kept back goes out now
        self.store.release_held(time.time())
        self._thread = threading.Thread(target=self._run, name="ipn-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0):
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout)

    def _run(self):
        while not self._stop.is_set():
            try:
                n = self.store.claim_due_notification(time.time())
                if n:
                    self.deliver(n)
                    continue
                nxt = self.store.next_due_at()
                wait = 1.0 if nxt is None else max(0.02, min(1.0, nxt - time.time()))
            except Exception:
                log.exception("IPN worker error")
                wait = 1.0
            self._wake.wait(wait)
            self._wake.clear()

    # -- one attempt -----------------------------------------------------------
    def deliver(self, n: dict):
        tx = self.store.transaction(n["tx_id"])
        shop = self.config.shop(tx["site_id"]) if tx else None
        attempt_no = n["attempts"] + 1
        # the first attempt says what happened (PAY, BO, MERCH_BO, BATCH_AUTO), the automatic retries
        # RETRY; a manual replay has a single attempt
        src = n["src"] if attempt_no == 1 else "RETRY"
        if tx is not None and n.get("result_json"):
            tx = dict(tx, result=json.loads(n["result_json"]))
        if tx is None or shop is None:
            self.store.record_attempt(n, attempt_no, src, n["url"], None, "", 0,
                                      "transaction or shop unknown", False, {}, None)
            return
        fields = notification_fields(tx, shop, src, getattr(self.config, "kr_answer_escaped_slashes", True))
        if not n["url"]:
            code, body, error, ms = None, "", "no notification URL configured", 0
        else:
            code, body, error, ms = post_form(n["url"], fields, self.config.ipn_timeout)
        delivered = code in SUCCESS_CODES
        next_at = None
        if not delivered and attempt_no < n["max_attempts"]:
            next_at = time.time() + self.config.retry_interval
        self.store.record_attempt(n, attempt_no, src, n["url"], code, body, ms, error, delivered, fields, next_at)
        log.info("IPN tx=%s trans_id=%s attempt=%d src=%s url=%s -> %s %s (%d ms)%s",
                 tx["id"], tx["trans_id"], attempt_no, src, n["url"], code if code is not None else "-",
                 body[:80].replace("\n", " "), ms, " error=" + error if error else "")
        return code
