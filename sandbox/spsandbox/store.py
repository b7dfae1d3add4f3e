"""Persistent state in <data_dir>/sandbox.sqlite3 (stdlib sqlite3, WAL mode).

Shared by the server, its IPN worker and the CLI (separate processes)."""

import json
import os
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
    updated_at TEXT NOT NULL,
    api TEXT NOT NULL DEFAULT 'FORM',         -- FORM (hosted page) or REST (one try of a formToken)
    form_token TEXT NOT NULL DEFAULT '',      -- REST: the formToken this try paid with
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
    src TEXT NOT NULL,                -- PAY (automatic) or BO (manual replay)
    url TEXT NOT NULL,
    state TEXT NOT NULL,              -- PENDING, DELIVERED, FAILED
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    next_at REAL NOT NULL,            -- epoch seconds of the next attempt
    created_at TEXT NOT NULL
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


def utc_now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"


class DuplicateTransId(Exception):
    pass


class Store:
    def __init__(self, data_dir: str):
        os.makedirs(data_dir, exist_ok=True)
        self.path = os.path.join(data_dir, "sandbox.sqlite3")
        self._lock = threading.Lock()
        with self._conn() as c:
            c.executescript(SCHEMA)
            # Data dirs made before the REST API: add its columns to the transactions table.
            cols = {r["name"] for r in c.execute("PRAGMA table_info(transactions)")}
            if "api" not in cols:
                c.execute("ALTER TABLE transactions ADD COLUMN api TEXT NOT NULL DEFAULT 'FORM'")
            if "form_token" not in cols:
                c.execute("ALTER TABLE transactions ADD COLUMN form_token TEXT NOT NULL DEFAULT ''")
            c.execute("CREATE INDEX IF NOT EXISTS transactions_form_token ON transactions(form_token)")

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
    def add_notification(self, tx_id: int, src: str, url: str, max_attempts: int, delay: float = 0.0) -> int:
        with self._conn() as c:
            cur = c.execute(
                "INSERT INTO notifications(tx_id, src, url, state, attempts, max_attempts, next_at, created_at) "
                "VALUES (?, ?, ?, 'PENDING', 0, ?, ?, ?)",
                (tx_id, src, url, max_attempts, time.time() + delay, utc_now_iso()))
            return cur.lastrowid

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
