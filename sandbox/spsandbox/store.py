"""Persistent state in <data_dir>/sandbox.sqlite3 (stdlib sqlite3, WAL mode).

Shared by the server, its IPN worker and the CLI (separate processes)."""

import json
import os
import secrets
import sqlite3
import threading
import time
from datetime import datetime, timezone

SCHEMA = """
CREATE TABLE IF NOT EXISTS shops (
    site_id TEXT PRIMARY KEY,
    config_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS transactions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token TEXT NOT NULL UNIQUE,
    site_id TEXT NOT NULL,
    ctx_mode TEXT NOT NULL,
    trans_id TEXT NOT NULL,
    trans_id_norm TEXT NOT NULL,
    trans_day TEXT NOT NULL,
    order_id TEXT NOT NULL DEFAULT '',
    amount INTEGER NOT NULL,
    currency TEXT NOT NULL,
    state TEXT NOT NULL,              -- PAYMENT_PAGE, CHALLENGE, DONE
    status TEXT NOT NULL DEFAULT '',  -- vads_trans_status once decided
    result_code TEXT NOT NULL DEFAULT '',
    trans_uuid TEXT NOT NULL,
    ipn_hash TEXT NOT NULL,
    language TEXT NOT NULL,
    request_json TEXT NOT NULL,       -- every field the shop posted, as received
    pending_json TEXT NOT NULL DEFAULT '{}',  -- card data kept during the 3DS challenge
    result_json TEXT NOT NULL DEFAULT '{}',   -- unsigned result fields (no vads_hash / check_src)
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,                 -- more columns: ADDED_COLUMNS below
    UNIQUE (site_id, trans_day, trans_id_norm)
);
CREATE TABLE IF NOT EXISTS rest_tokens (
    form_token TEXT PRIMARY KEY,      -- Charge/CreatePayment answer.formToken
    site_id TEXT NOT NULL,
    mode TEXT NOT NULL,               -- TEST or PRODUCTION (the mode of the password used)
    order_id TEXT NOT NULL DEFAULT '',
    amount INTEGER NOT NULL,          -- minor units
    currency TEXT NOT NULL,           -- ISO 4217 alpha-3
    ipn_url TEXT NOT NULL DEFAULT '', -- ipnTargetUrl, or the shop's notification URL
    state TEXT NOT NULL,              -- OPEN (can be paid), PAID (a try was accepted), CLOSED (no tries left)
    paid_tx_id INTEGER,
    request_json TEXT NOT NULL,       -- the CreatePayment body as received
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tx_id INTEGER NOT NULL REFERENCES transactions(id),
    src TEXT NOT NULL,                -- PAY (payment), BO / MERCH_BO (operation, manual replay), BATCH_AUTO (capture)
    url TEXT NOT NULL,
    state TEXT NOT NULL,              -- PENDING, DELIVERED, FAILED; HELD (kept back by the hold test control)
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    next_at REAL NOT NULL,            -- epoch seconds of the next attempt
    created_at TEXT NOT NULL          -- more columns: ADDED_COLUMNS below
);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    notification_id INTEGER NOT NULL REFERENCES notifications(id),
    tx_id INTEGER NOT NULL,
    attempt_no INTEGER NOT NULL,
    src TEXT NOT NULL,                -- vads_url_check_src sent (PAY, RETRY, BO)
    at TEXT NOT NULL,
    url TEXT NOT NULL,
    http_code INTEGER,                -- NULL when no HTTP answer (connection refused, timeout)
    body TEXT NOT NULL DEFAULT '',    -- first 500 characters of the answer
    duration_ms INTEGER NOT NULL,
    error TEXT NOT NULL DEFAULT '',
    delivered INTEGER NOT NULL,
    fields_json TEXT NOT NULL         -- the signed fields posted
);
CREATE TABLE IF NOT EXISTS operations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    tx_id INTEGER NOT NULL,           -- the payment operated on
    result_tx_id INTEGER,             -- the transaction it changed or made (a refund: the new CREDIT)
    operation TEXT NOT NULL,          -- CANCEL, REFUND, UPDATE, VALIDATE, CAPTURE, CHARGEBACK
    origin TEXT NOT NULL,             -- the web service (Transaction/CancelOrRefund, ...) or admin
    amount INTEGER,                   -- minor units, when the operation has one
    error_code TEXT NOT NULL DEFAULT '',  -- '' when done, else the code of the refusal (PSP_*, INT_*)
    detail TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS form_errors (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    site_id TEXT NOT NULL DEFAULT '',
    trans_id TEXT NOT NULL DEFAULT '',
    code TEXT NOT NULL,
    field TEXT NOT NULL,
    message TEXT NOT NULL,
    fields_json TEXT NOT NULL
);
"""


# Columns added after the first release, created on new data dirs and added to old ones at start.
ADDED_COLUMNS = {
    "transactions": (
        ("api", "TEXT NOT NULL DEFAULT 'FORM'"),           # FORM (hosted page) or REST (a formToken's try)
        ("form_token", "TEXT NOT NULL DEFAULT ''"),        # REST: the formToken this try paid with
        ("operation_type", "TEXT NOT NULL DEFAULT 'DEBIT'"),  # DEBIT (payment) or CREDIT (refund)
        ("parent_id", "INTEGER"),                          # CREDIT: the payment it refunds
        ("chargeback", "INTEGER NOT NULL DEFAULT 0"),      # 1: marked as charged back (refunds refused)
        ("captured_at", "TEXT NOT NULL DEFAULT ''"),       # when the capture batch captured it
    ),
    # the result as it was when the notification was made (a retry redelivers that event, not a newer one);
    # '' = the transaction's current result
    "notifications": (("result_json", "TEXT NOT NULL DEFAULT ''"),),
}


def random_legacy_trans_id() -> str:
    """Trans ids the platform gives (REST tries, refunds): 9xxxxx, so they never meet the
    hosted-page ids a shop sends (000000-899999)."""
    return "%06d" % (900000 + secrets.randbelow(100000))


def utc_now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"


class DuplicateTransId(Exception):
    pass


class OverRefund(Exception):
    """A refund that would take the sum of the refunds of a payment over its captured amount."""

    def __init__(self, left):
        super().__init__("only %d left to refund" % left)
        self.left = left


class Store:
    def __init__(self, data_dir: str):
        os.makedirs(data_dir, exist_ok=True)
        self.path = os.path.join(data_dir, "sandbox.sqlite3")
        self._lock = threading.Lock()
        self._tx_locks = {}
        with self._conn() as c:
            c.executescript(SCHEMA)
            # Data dirs made by older versions: add the columns they lack.
            for table, columns in ADDED_COLUMNS.items():
                have = {r["name"] for r in c.execute("PRAGMA table_info(%s)" % table)}
                for name, definition in columns:
                    if name not in have:
                        c.execute("ALTER TABLE %s ADD COLUMN %s %s" % (table, name, definition))
            c.execute("CREATE INDEX IF NOT EXISTS transactions_form_token ON transactions(form_token)")
            c.execute("CREATE INDEX IF NOT EXISTS transactions_uuid ON transactions(trans_uuid)")
            c.execute("CREATE INDEX IF NOT EXISTS transactions_order ON transactions(site_id, order_id)")
            c.execute("CREATE INDEX IF NOT EXISTS transactions_parent ON transactions(parent_id)")

    def _conn(self):
        c = sqlite3.connect(self.path, timeout=15, isolation_level=None)
        c.row_factory = sqlite3.Row
        c.execute("PRAGMA journal_mode=WAL")
        c.execute("PRAGMA busy_timeout=15000")
        return _Closing(c)

    # -- shops -------------------------------------------------------------
    def save_shops(self, shops: dict):
        with self._conn() as c:
            for site_id, cfg in shops.items():
                c.execute("INSERT OR REPLACE INTO shops(site_id, config_json) VALUES (?, ?)",
                          (site_id, json.dumps(cfg)))

    def shops(self) -> dict:
        with self._conn() as c:
            return {r["site_id"]: json.loads(r["config_json"]) for r in c.execute("SELECT * FROM shops")}

    # -- transactions ------------------------------------------------------
    def create_transaction(self, **kw) -> int:
        now = utc_now_iso()
        kw = dict(kw, created_at=now, updated_at=now)
        kw["request_json"] = json.dumps(kw.pop("request"), ensure_ascii=False)
        cols = ", ".join(kw)
        qs = ", ".join("?" for _ in kw)
        try:
            with self._conn() as c:
                cur = c.execute("INSERT INTO transactions(%s) VALUES (%s)" % (cols, qs), tuple(kw.values()))
                return cur.lastrowid
        except sqlite3.IntegrityError as e:
            if "trans_id_norm" in str(e) or "UNIQUE" in str(e):
                raise DuplicateTransId() from e
            raise

    def update_transaction(self, tx_id: int, **kw):
        kw["updated_at"] = utc_now_iso()
        for k in ("pending", "result"):
            if k in kw:
                kw[k + "_json"] = json.dumps(kw.pop(k), ensure_ascii=False)
        sets = ", ".join("%s = ?" % k for k in kw)
        with self._conn() as c:
            c.execute("UPDATE transactions SET %s WHERE id = ?" % sets, tuple(kw.values()) + (tx_id,))

    def finish_transaction(self, tx_id: int, from_states, result: dict, status=None, result_code=None) -> bool:
        """Atomically move a session to DONE (only once: a double click does nothing).
        status / result_code default to the form result's vads_trans_status / vads_result."""
        q = ",".join("?" for _ in from_states)
        status = result.get("vads_trans_status", "") if status is None else status
        result_code = result.get("vads_result", "") if result_code is None else result_code
        with self._conn() as c:
            cur = c.execute(
                "UPDATE transactions SET state='DONE', status=?, result_code=?, result_json=?, "
                "pending_json='{}', updated_at=? WHERE id=? AND state IN (%s)" % q,
                (status, result_code, json.dumps(result, ensure_ascii=False), utc_now_iso(), tx_id)
                + tuple(from_states))
            return cur.rowcount == 1

    @staticmethod
    def _tx(row):
        if row is None:
            return None
        d = dict(row)
        for k in ("request", "pending", "result"):
            d[k] = json.loads(d.pop(k + "_json") or "{}")
        return d

    def transaction_by_token(self, token: str):
        with self._conn() as c:
            return self._tx(c.execute("SELECT * FROM transactions WHERE token = ?", (token,)).fetchone())

    def transaction(self, tx_id: int):
        with self._conn() as c:
            return self._tx(c.execute("SELECT * FROM transactions WHERE id = ?", (tx_id,)).fetchone())

    def find_transaction(self, ref: str):
        """By internal id ('#12' or '12' when no trans id matches), trans id (newest), uuid, order id
        or REST formToken (newest try)."""
        with self._conn() as c:
            for q, arg in (
                ("SELECT * FROM transactions WHERE trans_uuid = ?", ref),
                ("SELECT * FROM transactions WHERE trans_id_norm = ? ORDER BY id DESC", ref.lower()),
                ("SELECT * FROM transactions WHERE order_id = ? ORDER BY id DESC", ref),
                ("SELECT * FROM transactions WHERE form_token = ? AND form_token != '' ORDER BY id DESC", ref),
            ):
                if ref.startswith("#"):
                    break
                row = c.execute(q, (arg,)).fetchone()
                if row:
                    return self._tx(row)
            num = ref.lstrip("#")
            if num.isdigit():
                return self._tx(c.execute("SELECT * FROM transactions WHERE id = ?", (int(num),)).fetchone())
        return None

    def transaction_by_uuid(self, site_id: str, mode: str, trans_uuid: str):
        """A finished transaction (payment or refund) of that shop and mode, by its uuid."""
        with self._conn() as c:
            return self._tx(c.execute(
                "SELECT * FROM transactions WHERE trans_uuid = ? AND site_id = ? AND ctx_mode = ? AND state = 'DONE' "
                "ORDER BY id LIMIT 1", (trans_uuid, site_id, mode)).fetchone())

    def order_transactions(self, site_id: str, mode: str, order_id: str):
        """Every finished transaction (payments, refused tries, refunds) of an order id, oldest first."""
        with self._conn() as c:
            return [self._tx(r) for r in c.execute(
                "SELECT * FROM transactions WHERE site_id = ? AND ctx_mode = ? AND order_id = ? AND state = 'DONE' "
                "ORDER BY id", (site_id, mode, order_id)).fetchall()]

    def credits(self, parent_id: int):
        """The refunds (CREDIT transactions) of a payment, oldest first."""
        with self._conn() as c:
            return [self._tx(r) for r in c.execute(
                "SELECT * FROM transactions WHERE parent_id = ? AND operation_type = 'CREDIT' ORDER BY id",
                (parent_id,)).fetchall()]

    def refunded_amount(self, parent_id: int) -> int:
        with self._conn() as c:
            return self._refunded(c, parent_id)

    @staticmethod
    def _refunded(c, parent_id):
        return c.execute("SELECT COALESCE(SUM(amount), 0) AS s FROM transactions WHERE parent_id = ? AND "
                         "operation_type = 'CREDIT' AND status = 'CAPTURED'", (parent_id,)).fetchone()["s"]

    def authorised_payments(self):
        """Payments waiting for the capture batch (AUTHORISED debits), oldest first."""
        with self._conn() as c:
            return [self._tx(r) for r in c.execute(
                "SELECT * FROM transactions WHERE state = 'DONE' AND status = 'AUTHORISED' AND "
                "operation_type = 'DEBIT' ORDER BY id").fetchall()]

    def tx_lock(self, tx_id: int) -> threading.Lock:
        """One operation at a time per payment (cancel, refund, update, validate, capture)."""
        with self._lock:
            return self._tx_locks.setdefault(tx_id, threading.Lock())

    def add_credit(self, parent_id: int, captured: int, amount: int, build) -> int:
        """Insert a refund (CREDIT) of parent_id, unless the refunds would then exceed `captured`.
        The check and the insert are one write transaction (BEGIN IMMEDIATE), so two concurrent
        refunds, even from two processes, never both pass. build(trans_id) gives the row's columns;
        the trans id is a free 9xxxxx one. Raises OverRefund."""
        with self._conn() as c:
            c.execute("BEGIN IMMEDIATE")
            try:
                left = captured - self._refunded(c, parent_id)
                if amount > left:
                    raise OverRefund(left)
                for _ in range(50):
                    kw = build(random_legacy_trans_id())
                    now = utc_now_iso()
                    kw = dict(kw, created_at=now, updated_at=now, parent_id=parent_id, operation_type="CREDIT")
                    for k in ("request", "result"):
                        kw[k + "_json"] = json.dumps(kw.pop(k), ensure_ascii=False)
                    try:
                        cur = c.execute("INSERT INTO transactions(%s) VALUES (%s)" % (
                            ", ".join(kw), ", ".join("?" for _ in kw)), tuple(kw.values()))
                    except sqlite3.IntegrityError:
                        continue          # trans id taken today: only this statement failed, try another
                    c.execute("COMMIT")
                    return cur.lastrowid
                raise RuntimeError("no free trans id today for the refund of transaction %d" % parent_id)
            except BaseException:
                c.execute("ROLLBACK")
                raise

    def transactions(self, limit: int = 200):
        with self._conn() as c:
            rows = c.execute("SELECT * FROM transactions ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
            return [self._tx(r) for r in rows]

    def rest_tries(self, form_token: str):
        """Every try (transaction) of a formToken, oldest first."""
        with self._conn() as c:
            return [self._tx(r) for r in c.execute(
                "SELECT * FROM transactions WHERE form_token = ? ORDER BY id", (form_token,)).fetchall()]

    # -- REST form tokens --------------------------------------------------
    def create_rest_token(self, form_token: str, site_id: str, mode: str, order_id: str, amount: int,
                          currency: str, ipn_url: str, request: dict):
        now = utc_now_iso()
        with self._conn() as c:
            c.execute("INSERT INTO rest_tokens(form_token, site_id, mode, order_id, amount, currency, ipn_url, "
                      "state, request_json, created_at, updated_at) VALUES (?,?,?,?,?,?,?, 'OPEN', ?,?,?)",
                      (form_token, site_id, mode, order_id, amount, currency, ipn_url,
                       json.dumps(request, ensure_ascii=False), now, now))

    @staticmethod
    def _token(row):
        if row is None:
            return None
        d = dict(row)
        d["request"] = json.loads(d.pop("request_json"))
        return d

    def rest_token(self, form_token: str):
        with self._conn() as c:
            return self._token(c.execute("SELECT * FROM rest_tokens WHERE form_token = ?",
                                         (form_token,)).fetchone())

    def rest_tokens(self, limit: int = 200):
        with self._conn() as c:
            return [self._token(r) for r in c.execute(
                "SELECT * FROM rest_tokens ORDER BY created_at DESC, rowid DESC LIMIT ?", (limit,))]

    def close_rest_token(self, form_token: str, state: str, paid_tx_id=None) -> bool:
        """OPEN -> PAID (a try was accepted) or CLOSED (no tries left). Only once."""
        with self._conn() as c:
            cur = c.execute("UPDATE rest_tokens SET state = ?, paid_tx_id = ?, updated_at = ? "
                            "WHERE form_token = ? AND state = 'OPEN'",
                            (state, paid_tx_id, utc_now_iso(), form_token))
            return cur.rowcount == 1

    # -- notifications -----------------------------------------------------
    def add_notification(self, tx_id: int, src: str, url: str, max_attempts: int, delay: float = 0.0,
                         result=None, held: bool = False) -> int:
        """result: the transaction's result to notify, kept for the retries (notifications made by
        older versions have none: their attempts use the transaction's current result).
        held: state HELD, which the worker never takes, until release_held."""
        with self._conn() as c:
            cur = c.execute(
                "INSERT INTO notifications(tx_id, src, url, state, attempts, max_attempts, next_at, created_at, "
                "result_json) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)",
                (tx_id, src, url, "HELD" if held else "PENDING", max_attempts, time.time() + delay, utc_now_iso(),
                 "" if result is None else json.dumps(result, ensure_ascii=False)))
            return cur.lastrowid

    def release_held(self, now: float):
        """Every HELD notification becomes PENDING, due now: the worker then takes them in the order
        they were made (same next_at, then id). Returns their ids, oldest first."""
        with self._conn() as c:
            c.execute("BEGIN IMMEDIATE")
            try:
                ids = [r["id"] for r in c.execute("SELECT id FROM notifications WHERE state = 'HELD' ORDER BY id")]
                c.execute("UPDATE notifications SET state = 'PENDING', next_at = ? WHERE state = 'HELD'", (now,))
                c.execute("COMMIT")
            except Exception:
                c.execute("ROLLBACK")
                raise
            return ids

    def held_notifications(self):
        """The HELD notifications, oldest first, with what identifies their transaction."""
        with self._conn() as c:
            return [dict(r) for r in c.execute(
                "SELECT n.id, n.tx_id, t.trans_uuid, t.trans_id, t.order_id, t.api, t.operation_type, n.src, n.url, "
                "n.created_at FROM notifications n JOIN transactions t ON t.id = n.tx_id WHERE n.state = 'HELD' "
                "ORDER BY n.id").fetchall()]

    def claim_due_notification(self, now: float):
        """Take one due notification, pushing its next_at forward so no other worker takes it."""
        with self._lock, self._conn() as c:
            c.execute("BEGIN IMMEDIATE")
            try:
                row = c.execute("SELECT * FROM notifications WHERE state='PENDING' AND next_at <= ? "
                                "ORDER BY next_at, id LIMIT 1", (now,)).fetchone()
                if row:
                    c.execute("UPDATE notifications SET next_at = ? WHERE id = ?", (now + 3600, row["id"]))
                c.execute("COMMIT")
            except Exception:
                c.execute("ROLLBACK")
                raise
            return dict(row) if row else None

    def notification(self, nid: int):
        with self._conn() as c:
            r = c.execute("SELECT * FROM notifications WHERE id = ?", (nid,)).fetchone()
            return dict(r) if r else None

    def next_due_at(self):
        with self._conn() as c:
            r = c.execute("SELECT MIN(next_at) AS t FROM notifications WHERE state='PENDING'").fetchone()
            return r["t"]

    def record_attempt(self, notification: dict, attempt_no: int, src: str, url: str, http_code, body: str,
                       duration_ms: int, error: str, delivered: bool, fields: dict, next_at):
        with self._conn() as c:
            c.execute("BEGIN IMMEDIATE")
            c.execute(
                "INSERT INTO attempts(notification_id, tx_id, attempt_no, src, at, url, http_code, body, "
                "duration_ms, error, delivered, fields_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (notification["id"], notification["tx_id"], attempt_no, src, utc_now_iso(), url, http_code,
                 body, duration_ms, error, 1 if delivered else 0, json.dumps(fields, ensure_ascii=False)))
            if delivered:
                state = "DELIVERED"
            elif next_at is None:
                state = "FAILED"
            else:
                state = "PENDING"
            c.execute("UPDATE notifications SET attempts = ?, state = ?, next_at = ? WHERE id = ?",
                      (attempt_no, state, next_at if next_at is not None else 0, notification["id"]))
            c.execute("COMMIT")

    def notifications(self, tx_id: int):
        with self._conn() as c:
            c.execute("BEGIN")   # one consistent snapshot for the notifications and their attempts
            out = []
            for n in c.execute("SELECT * FROM notifications WHERE tx_id = ? ORDER BY id", (tx_id,)).fetchall():
                n = dict(n)
                n["attempt_list"] = [self._attempt(a) for a in c.execute(
                    "SELECT * FROM attempts WHERE notification_id = ? ORDER BY id", (n["id"],)).fetchall()]
                out.append(n)
            c.execute("COMMIT")
            return out

    def attempts(self, tx_id: int):
        with self._conn() as c:
            return [self._attempt(a) for a in c.execute(
                "SELECT * FROM attempts WHERE tx_id = ? ORDER BY id", (tx_id,)).fetchall()]

    @staticmethod
    def _attempt(row):
        d = dict(row)
        d["fields"] = json.loads(d.pop("fields_json"))
        d["delivered"] = bool(d["delivered"])
        return d

    # -- back-office operations log ---------------------------------------
    def add_operation(self, tx_id, operation, origin, amount=None, error_code="", detail="", result_tx_id=None):
        with self._conn() as c:
            c.execute("INSERT INTO operations(at, tx_id, result_tx_id, operation, origin, amount, error_code, detail) "
                      "VALUES (?,?,?,?,?,?,?,?)",
                      (utc_now_iso(), tx_id, result_tx_id, operation, origin, amount, error_code, detail))

    def operations(self, tx_id=None, limit: int = 200):
        """The operations on a payment (or on its refunds), or the newest of all."""
        with self._conn() as c:
            if tx_id is None:
                rows = c.execute("SELECT * FROM operations ORDER BY id DESC LIMIT ?", (limit,))
            else:
                rows = c.execute("SELECT * FROM operations WHERE tx_id = ? OR result_tx_id = ? ORDER BY id",
                                 (tx_id, tx_id))
            return [dict(r) for r in rows.fetchall()]

    # -- rejected forms ----------------------------------------------------
    def add_form_error(self, site_id, trans_id, code, field, message, fields):
        with self._conn() as c:
            c.execute("INSERT INTO form_errors(at, site_id, trans_id, code, field, message, fields_json) "
                      "VALUES (?,?,?,?,?,?,?)",
                      (utc_now_iso(), site_id or "", trans_id or "", code, field, message,
                       json.dumps(fields, ensure_ascii=False)))

    def form_errors(self, limit: int = 50):
        with self._conn() as c:
            return [dict(r) for r in c.execute("SELECT * FROM form_errors ORDER BY id DESC LIMIT ?", (limit,))]


class _Closing:
    """Context manager closing the connection (sqlite3's own only commits)."""

    def __init__(self, conn):
        self.conn = conn

    def __enter__(self):
        return self.conn

    def __exit__(self, *exc):
        self.conn.close()
        return False
