#!/usr/bin/env python3
"""End-to-end tests of the Systempay module in a real browser.

Headless Debian Chromium driven by Selenium clicks through the test shop (Apache + mod_php + MariaDB,
tests/shop/) and the local platform sandbox (sandbox/), exactly as a buyer would: start a checkout,
choose Systempay, accept the terms, confirm, type a test card on the sandbox's payment page, pay,
come back to the shop. Every scenario then checks what the shop recorded in MariaDB (order status,
status history, the confirmation mail in test_mails) and the page the buyer ends on.

    e2e.py run [--only NAME[,NAME...]] [--list]   the scenarios (tests/e2e/run.sh starts the servers)
    e2e.py buy                                     one purchase, prints the order (scripts/demo.sh --buy)
    e2e.py screenshots DIR                         the README's pictures

The servers must be running: tests/e2e/run.sh and scripts/demo.sh start them. Ports come from
SHOP_HTTP_PORT (8090), SHOP_DB_PORT (3317) and SANDBOX_PORT (8095). On a failure, a screenshot, the
page HTML and the error are saved under build/e2e-failures/<scenario>/.
"""
import argparse
import decimal
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.error
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build"
RUN_DIR = BUILD / "run"
FAILURES = BUILD / "e2e-failures"
SHOP_PORT = os.environ.get("SHOP_HTTP_PORT") or "8090"
DB_PORT = os.environ.get("SHOP_DB_PORT") or "3317"
SANDBOX_PORT = os.environ.get("SANDBOX_PORT") or "8095"
SHOP = "http://127.0.0.1:%s" % SHOP_PORT
SANDBOX = "http://127.0.0.1:%s" % SANDBOX_PORT
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("E2E_CHROMEDRIVER", "/usr/bin/chromedriver")

WAIT = 15          # seconds for a page or element
IPN_WAIT = 25      # seconds for the sandbox's notification to arrive

# Test cards (sandbox/README.md, rows of the protocol's table).
CARD_CHALLENGE = "4970100000000014"     # row 1: 3DS challenge
CARD_FRICTIONLESS = "4970100000000055"  # row 2: accepted, frictionless
CARD_REFUSED = "4970100000000071"       # row 4: refused by the issuer

# Order statuses of the test shop (schema.sql) and the module's defaults.
PENDING, PROCESSING, CANCELED = 1, 2, 4

# The module settings every scenario starts from (scenarios change them, the next one restores).
BASE_CONFIG = {
    "MODULE_PAYMENT_SYSTEMPAY_RETURN_MODE": "GET",
    "MODULE_PAYMENT_SYSTEMPAY_REDIRECT_ENABLED": "False",
    "MODULE_PAYMENT_SYSTEMPAY_REDIRECT_SUCCESS_TIMEOUT": "5",
    "MODULE_PAYMENT_SYSTEMPAY_REDIRECT_ERROR_TIMEOUT": "5",
    "DOWN_FOR_MAINTENANCE": "false",
}


class Failure(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def equal(actual, expected, what):
    if actual != expected:
        raise Failure("%s: expected %r, got %r" % (what, expected, actual))


def wait_until(predicate, timeout, what, interval=0.25):
    """Polls predicate() until it returns something truthy; bounded by timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise Failure("timed out after %ss waiting for %s" % (timeout, what))
        time.sleep(interval)


# ---------------------------------------------------------------------------------------- MariaDB

class Db:
    """The shop's database through the mariadb client (tab-separated batch output)."""

    @staticmethod
    def _run(sql):
        cmd = ["mariadb", "--no-defaults", "-h127.0.0.1", "-P" + DB_PORT, "-ushop", "-pshop",
               "--default-character-set=utf8mb4", "-B", "modified_test", "-e", sql]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        if done.returncode != 0:
            raise RuntimeError("mariadb: %s" % done.stderr.strip())
        return done.stdout

    @classmethod
    def rows(cls, sql):
        lines = cls._run(sql).splitlines()
        if not lines:
            return []
        names = lines[0].split("\t")
        out = []
        for line in lines[1:]:
            values = [None if v == "NULL" else v.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")
                      for v in line.split("\t")]
            out.append(dict(zip(names, values)))
        return out

    @classmethod
    def row(cls, sql):
        rows = cls.rows(sql)
        return rows[0] if rows else None

    @classmethod
    def value(cls, sql):
        row = cls.row(sql)
        return None if row is None else next(iter(row.values()))

    @classmethod
    def execute(cls, sql):
        cls._run(sql)

    @classmethod
    def set_config(cls, key, value):
        cls.execute("UPDATE configuration SET configuration_value = '%s' WHERE configuration_key = '%s'"
                    % (value.replace("'", "''"), key.replace("'", "''")))

    @classmethod
    def order(cls, oid):
        return cls.row("SELECT o.*, s.orders_status_name FROM orders o LEFT JOIN orders_status s "
                       "ON s.orders_status_id = o.orders_status AND s.language_id = 1 WHERE o.orders_id = %d" % oid)

    @classmethod
    def history(cls, oid):
        return cls.rows("SELECT orders_status_id, customer_notified, comments FROM orders_status_history "
                        "WHERE orders_id = %d ORDER BY orders_status_history_id" % oid)

    @classmethod
    def mails(cls, oid):
        return int(cls.value("SELECT COUNT(*) AS n FROM test_mails WHERE orders_id = %d" % oid))

    @classmethod
    def attempt(cls, oid):
        return cls.row("SELECT * FROM systempay_transaction WHERE orders_id = %d ORDER BY id DESC LIMIT 1" % oid)

    @classmethod
    def events(cls, oid):
        return cls.rows("SELECT source, status, decision, answer FROM systempay_event WHERE orders_id = %d ORDER BY id" % oid)


# ---------------------------------------------------------------------------------------- sandbox

def http_get(url, timeout=10):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


class Sandbox:
    @staticmethod
    def transaction(oid):
        """The sandbox's newest transaction for a shop order, with its notifications and attempts."""
        status, body = http_get(SANDBOX + "/admin/api/transactions")
        check(status == 200, "sandbox admin API answered %s" % status)
        matches = [tx for tx in json.loads(body) if tx.get("order_id") == str(oid)]
        if not matches:
            return None
        newest = max(matches, key=lambda tx: tx["id"])
        status, body = http_get(SANDBOX + "/admin/api/transactions/%%23%d" % newest["id"])
        check(status == 200, "sandbox admin API answered %s for #%d" % (status, newest["id"]))
        return json.loads(body)

    @classmethod
    def pay_attempts(cls, oid):
        tx = cls.transaction(oid)
        if tx is None:
            return []
        return [a for n in tx.get("notifications", []) if n["src"] == "PAY" for a in n.get("attempt_list", [])]

    @classmethod
    def wait_delivered(cls, oid, timeout=IPN_WAIT):
        """Waits for the first notification attempt of the order's payment; returns it."""
        attempts = wait_until(lambda: cls.pay_attempts(oid), timeout, "the IPN of order %d" % oid)
        first = attempts[0]
        check(first["delivered"], "IPN of order %d not delivered: HTTP %s %s %s"
              % (oid, first["http_code"], first["body"][:200], first["error"]))
        return first

    @staticmethod
    def restart(*extra):
        env = dict(os.environ)
        subprocess.run(["bash", str(ROOT / "sandbox/stop.sh")], env=env, check=True, capture_output=True, timeout=30)
        done = subprocess.run(["bash", str(ROOT / "sandbox/start.sh")] + list(extra), env=env,
                              capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise RuntimeError("sandbox/start.sh failed: %s %s" % (done.stdout, done.stderr))


# ---------------------------------------------------------------------------------------- browser

class Browser:
    """One buyer: a fresh headless Chromium with its own profile."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="e2e-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1100,900", "--lang=en-US",
                    "--user-data-dir=" + self.profile):
            options.add_argument(arg)
        # Service with an explicit path: Selenium Manager is never asked to fetch a driver or browser.
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER, log_output=str(RUN_DIR / "chromedriver.log")),
                                       options=options)
        self.driver.set_page_load_timeout(WAIT * 2)

    def quit(self):
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)

    # -- small helpers
    @property
    def url(self):
        return self.driver.current_url

    def get(self, url):
        self.driver.get(url)

    def el(self, element_id, timeout=WAIT):
        return WebDriverWait(self.driver, timeout).until(lambda d: d.find_element(By.ID, element_id),
                                                         "element #%s" % element_id)

    def has(self, element_id):
        try:
            self.driver.find_element(By.ID, element_id)
            return True
        except NoSuchElementException:
            return False

    def text(self, element_id):
        return self.el(element_id).text.strip()

    def click(self, element_id):
        self.el(element_id).click()

    def wait_url(self, fragment, timeout=WAIT):
        try:
            WebDriverWait(self.driver, timeout).until(lambda d: fragment in d.current_url)
        except TimeoutException:
            raise Failure("expected a page with %r in its URL within %ss, still on %s" % (fragment, timeout, self.url))

    def lang(self):
        return self.driver.find_element(By.TAG_NAME, "html").get_attribute("lang")

    def save_failure(self, folder):
        folder.mkdir(parents=True, exist_ok=True)
        try:
            self.driver.save_screenshot(str(folder / "screenshot.png"))
            (folder / "page.html").write_text(self.driver.page_source, encoding="utf-8")
            (folder / "url.txt").write_text(self.url + "\n", encoding="utf-8")
        except Exception as error:  # the browser may be gone (closed tab)
            (folder / "browser-error.txt").write_text(repr(error) + "\n", encoding="utf-8")

    # -- the buyer's path
    def checkout(self, language="en", currency="EUR", products="1:2"):
        """Start a checkout, choose Systempay, accept the terms, confirm; returns the order id shown
        on the sandbox's payment page."""
        self.get("%s/_test/checkout.php?language=%s&currency=%s&products=%s" % (SHOP, language, currency, products))
        self.wait_url("/checkout_payment.php")
        self.click("rd-systempay")
        conditions = self.el("conditions")
        if not conditions.is_selected():
            conditions.click()
        self.click("button_continue")
        self.wait_url("/checkout_confirmation.php")
        self.click("button_checkout_confirmation")
        # checkout_process.php creates the order and auto-submits the signed form to the platform.
        self.el("card_form")
        check(self.url.startswith(SANDBOX + "/vads-payment/"), "payment page not on the sandbox: %s" % self.url)
        check(self.has("test_banner"), "the TEST-mode banner is shown")
        return int(self.text("order_id"))

    def pay(self, card, challenge=None):
        self.el("card_number").send_keys(card)
        self.el("cvv").send_keys("123")
        self.click("pay")
        if challenge is not None:
            self.el("challenge_title")
            self.click("challenge_ok" if challenge else "challenge_fail")

    def result(self):
        """The sandbox's result page: its trans status."""
        return self.el("result_message").get_attribute("data-status")

    def back_to_shop(self, expect):
        self.click("return_to_shop")
        self.wait_url(SHOP + "/" + expect)


# ---------------------------------------------------------------------------------------- checks

def php_error_log():
    path = RUN_DIR / "php_errors.log"
    return path.read_text(errors="replace").strip() if path.exists() else ""


def truncate_php_error_log():
    path = RUN_DIR / "php_errors.log"
    if path.exists():
        with open(path, "w"):
            pass


def assert_paid(b, oid, mails=1):
    """Order paid: status Processing, exactly one Systempay AUTHORISED history row, one mail."""
    order = Db.order(oid)
    check(order is not None, "order %d exists" % oid)
    equal(int(order["orders_status"]), PROCESSING, "order %d status" % oid)
    equal(order["orders_status_name"], "Processing", "order %d status name" % oid)
    history = Db.history(oid)
    equal(int(history[0]["orders_status_id"]), PENDING, "first history row of order %d" % oid)
    paid_rows = [h for h in history if int(h["orders_status_id"]) == PROCESSING]
    equal(len(paid_rows), 1, "history rows with the paid status for order %d (%r)" % (oid, history))
    check("Systempay: AUTHORISED" in (paid_rows[0]["comments"] or ""),
          "history comment names the payment: %r" % paid_rows[0]["comments"])
    equal(int(history[-1]["orders_status_id"]), PROCESSING, "last history row of order %d" % oid)
    equal(Db.mails(oid), mails, "confirmation mails of order %d" % oid)
    attempt = Db.attempt(oid)
    equal(attempt["outcome"], "success", "module outcome of order %d" % oid)
    return order, history


def assert_not_paid(oid, status_word, outcome):
    order = Db.order(oid)
    equal(int(order["orders_status"]), CANCELED, "order %d status" % oid)
    equal(order["orders_status_name"], "Canceled", "order %d status name" % oid)
    history = Db.history(oid)
    equal(int(history[0]["orders_status_id"]), PENDING, "first history row of order %d" % oid)
    equal(int(history[-1]["orders_status_id"]), CANCELED, "last history row of order %d" % oid)
    check("Systempay: %s" % status_word in (history[-1]["comments"] or ""),
          "history comment names the result: %r" % history[-1]["comments"])
    equal(len([h for h in history if int(h["orders_status_id"]) == CANCELED]), 1, "cancelled history rows")
    equal(Db.mails(oid), 0, "confirmation mails of order %d" % oid)
    equal(Db.attempt(oid)["outcome"], outcome, "module outcome of order %d" % oid)


def assert_success_page(b, oid):
    b.wait_url(SHOP + "/checkout_success.php")
    equal(int(b.text("orders_id")), oid, "order number on the success page")


def assert_payment_choice_page(b, message):
    b.wait_url(SHOP + "/checkout_payment.php")
    error = b.text("payment_error")
    check(message in error, "payment selection shows %r, got %r" % (message, error))
    check(b.has("rd-systempay"), "Systempay can be chosen again")


# ---------------------------------------------------------------------------------------- scenarios

SCENARIOS = []


def scenario(fn):
    SCENARIOS.append(fn)
    return fn


@scenario
def accepted_frictionless(b):
    oid = b.checkout()
    b.pay(CARD_FRICTIONLESS)
    equal(b.result(), "AUTHORISED", "sandbox result")
    check("FRICTIONLESS" in b.text("threeds"), "frictionless 3DS")
    b.back_to_shop("checkout_success.php")
    assert_success_page(b, oid)
    Sandbox.wait_delivered(oid)
    _, history = assert_paid(b, oid)
    attempt = Db.attempt(oid)
    equal(attempt["card_number"], "497010XXXXXX0055", "masked card stored")
    equal(attempt["threeds_status"], "Y", "3DS status stored")
    equal(int(Db.value("SELECT COUNT(*) FROM customers_basket WHERE customers_id = 1")), 0, "cart emptied")


@scenario
def accepted_after_3ds_challenge(b):
    oid = b.checkout()
    b.pay(CARD_CHALLENGE, challenge=True)
    equal(b.result(), "AUTHORISED", "sandbox result")
    check("CHALLENGE" in b.text("threeds"), "3DS challenge recorded: %s" % b.text("threeds"))
    b.back_to_shop("checkout_success.php")
    assert_success_page(b, oid)
    Sandbox.wait_delivered(oid)
    assert_paid(b, oid)


@scenario
def challenge_failed(b):
    oid = b.checkout()
    b.pay(CARD_CHALLENGE, challenge=False)
    equal(b.result(), "REFUSED", "sandbox result")
    b.back_to_shop("checkout_payment.php")
    assert_payment_choice_page(b, "Your payment was refused")
    Sandbox.wait_delivered(oid)
    assert_not_paid(oid, "REFUSED", "failure")


@scenario
def refused(b):
    oid = b.checkout()
    b.pay(CARD_REFUSED)
    equal(b.result(), "REFUSED", "sandbox result")
    b.back_to_shop("checkout_payment.php")
    assert_payment_choice_page(b, "Your payment was refused")
    attempt = Sandbox.wait_delivered(oid)
    check(attempt["body"].startswith("OK-"), "IPN answer: %s" % attempt["body"])
    assert_not_paid(oid, "REFUSED", "failure")
    check(int(Db.value("SELECT COUNT(*) FROM customers_basket WHERE customers_id = 1")) > 0, "cart kept")


@scenario
def cancelled_by_buyer(b):
    oid = b.checkout()
    b.click("cancel")
    assert_payment_choice_page(b, "You cancelled the payment")
    Sandbox.wait_delivered(oid)
    assert_not_paid(oid, "ABANDONED", "cancelled")


@scenario
def cancelled_by_buyer_post_mode(b):
    Db.set_config("MODULE_PAYMENT_SYSTEMPAY_RETURN_MODE", "POST")
    oid = b.checkout()
    b.click("cancel")  # an auto-submitted POST form back to callback/systempay/return.php
    assert_payment_choice_page(b, "You cancelled the payment")
    Sandbox.wait_delivered(oid)
    assert_not_paid(oid, "ABANDONED", "cancelled")


@scenario
def tab_closed_after_paying(b):
    first = b.driver.current_window_handle
    b.driver.switch_to.new_window("tab")
    oid = b.checkout()
    b.pay(CARD_FRICTIONLESS)
    equal(b.result(), "AUTHORISED", "sandbox result")
    b.driver.close()  # the buyer closes the tab on the result page, never coming back
    b.driver.switch_to.window(first)
    equal(len(b.driver.window_handles), 1, "one tab left")
    check(not b.url.startswith(SHOP), "the remaining tab never saw the shop: %s" % b.url)
    wait_until(lambda: int(Db.order(oid)["orders_status"]) == PROCESSING, IPN_WAIT, "order %d paid by the IPN" % oid)
    attempt = Sandbox.wait_delivered(oid)
    equal(attempt["http_code"], 200, "IPN HTTP code")
    equal(attempt["body"], "OK-Accepted payment, order has been updated.", "IPN answer")
    _, history = assert_paid(b, oid)  # the notification sent the mail, once
    equal(history[-1]["customer_notified"], "1", "the paid history row notes the mail")
    equal([e["source"] for e in Db.events(oid)], ["IPN"], "only the notification reached the shop")


@scenario
def ipn_first_then_return(b):
    oid = b.checkout()
    b.pay(CARD_FRICTIONLESS)
    equal(b.result(), "AUTHORISED", "sandbox result")
    attempt = Sandbox.wait_delivered(oid)  # before the buyer clicks "return to the shop"
    equal(attempt["body"], "OK-Accepted payment, order has been updated.", "IPN answer")
    equal(int(Db.order(oid)["orders_status"]), PROCESSING, "paid by the IPN before the return")
    rows_after_ipn = len(Db.history(oid))
    b.back_to_shop("checkout_success.php")
    assert_success_page(b, oid)
    assert_paid(b, oid)
    equal(len(Db.history(oid)), rows_after_ipn, "the return adds no status change")
    equal([(e["source"], e["decision"]) for e in Db.events(oid)], [("IPN", "apply"), ("RETURN", "duplicate")],
          "IPN applied, return a duplicate")


@scenario
def return_first_then_ipn(b):
    Sandbox.restart("--ipn-delay", "8")
    try:
        oid = b.checkout()
        b.pay(CARD_FRICTIONLESS)
        equal(b.result(), "AUTHORISED", "sandbox result")
        b.back_to_shop("checkout_success.php")
        assert_success_page(b, oid)
        equal(Sandbox.pay_attempts(oid), [], "no IPN attempt yet when the buyer is back")
        equal(int(Db.order(oid)["orders_status"]), PROCESSING, "paid by the return")
        equal(Db.mails(oid), 1, "the return sent the mail")
        attempt = Sandbox.wait_delivered(oid)
        equal(attempt["http_code"], 200, "IPN HTTP code")
        equal(attempt["body"], "OK-Accepted payment, already registered.", "IPN answer")
        assert_paid(b, oid)
        equal([(e["source"], e["decision"]) for e in Db.events(oid)], [("RETURN", "apply"), ("IPN", "duplicate")],
              "return applied, IPN a duplicate")
    finally:
        Sandbox.restart()


@scenario
def return_mode_get(b):
    Db.set_config("MODULE_PAYMENT_SYSTEMPAY_RETURN_MODE", "GET")
    oid = b.checkout()
    b.pay(CARD_FRICTIONLESS)
    link = b.el("return_to_shop")
    equal(link.tag_name, "a", "GET mode returns with a link")
    check(link.get_attribute("href").startswith(SHOP + "/checkout_process.php?"), "GET return URL: %s" % link.get_attribute("href"))
    check("signature=" in link.get_attribute("href"), "signed fields in the query string")
    check(not b.has("return_form"), "no POST form in GET mode")
    b.back_to_shop("checkout_success.php")
    assert_success_page(b, oid)
    Sandbox.wait_delivered(oid)
    assert_paid(b, oid)


@scenario
def return_mode_post(b):
    Db.set_config("MODULE_PAYMENT_SYSTEMPAY_RETURN_MODE", "POST")
    log = RUN_DIR / "apache_access.log"
    start = log.stat().st_size if log.exists() else 0
    oid = b.checkout()
    equal(Sandbox.transaction(oid)["request"].get("vads_return_mode"), "POST", "vads_return_mode sent")
    b.pay(CARD_FRICTIONLESS)
    form = b.el("return_form")
    equal(form.get_attribute("method").lower(), "post", "return form method")
    equal(form.get_attribute("action"), SHOP + "/callback/systempay/return.php", "return form action")
    b.back_to_shop("checkout_success.php")
    assert_success_page(b, oid)
    with open(log, "rb") as handle:
        handle.seek(start)
        lines = handle.read().decode("utf-8", "replace")
    check('"POST /callback/systempay/return.php HTTP/1.1" 303' in lines, "the POST return was turned into a 303")
    Sandbox.wait_delivered(oid)
    assert_paid(b, oid)


@scenario
def automatic_redirection_on(b):
    for key, value in (("REDIRECT_ENABLED", "True"), ("REDIRECT_SUCCESS_TIMEOUT", "1"), ("REDIRECT_ERROR_TIMEOUT", "1")):
        Db.set_config("MODULE_PAYMENT_SYSTEMPAY_" + key, value)
    oid = b.checkout()
    request = Sandbox.transaction(oid)["request"]
    equal(request.get("vads_redirect_success_timeout"), "1", "vads_redirect_success_timeout")
    equal(request.get("vads_redirect_error_timeout"), "1", "vads_redirect_error_timeout")
    b.pay(CARD_FRICTIONLESS)
    # No click: the result page sends the buyer back by itself after 1 s.
    assert_success_page(b, oid)
    Sandbox.wait_delivered(oid)
    assert_paid(b, oid)


@scenario
def automatic_redirection_post_refused(b):
    """Redirection on in POST mode after a refusal: the error timeout, an auto-submitted POST form."""
    for key, value in (("REDIRECT_ENABLED", "True"), ("REDIRECT_SUCCESS_TIMEOUT", "1"), ("REDIRECT_ERROR_TIMEOUT", "1"),
                       ("RETURN_MODE", "POST")):
        Db.set_config("MODULE_PAYMENT_SYSTEMPAY_" + key, value)
    oid = b.checkout()
    b.pay(CARD_REFUSED)
    assert_payment_choice_page(b, "Your payment was refused")
    Sandbox.wait_delivered(oid)
    assert_not_paid(oid, "REFUSED", "failure")


@scenario
def automatic_redirection_off(b):
    oid = b.checkout()
    request = Sandbox.transaction(oid)["request"]
    check("vads_redirect_success_timeout" not in request, "no redirect timeout sent")
    b.pay(CARD_FRICTIONLESS)
    equal(b.result(), "AUTHORISED", "sandbox result")
    time.sleep(3)
    check(b.url.startswith(SANDBOX), "the buyer stays on the result page: %s" % b.url)
    check(not b.has("redirect_message"), "no redirect message")
    b.back_to_shop("checkout_success.php")
    assert_success_page(b, oid)
    Sandbox.wait_delivered(oid)
    assert_paid(b, oid)


def language_scenario(b, code, shop_language, pay_label, heading):
    oid = b.checkout(language=code)
    equal(b.lang(), code, "payment page language")
    equal(Sandbox.transaction(oid)["request"].get("vads_language"), code, "vads_language")
    equal(b.text("pay"), pay_label, "pay button text")
    b.pay(CARD_FRICTIONLESS)
    b.back_to_shop("checkout_success.php")
    assert_success_page(b, oid)
    h1 = b.driver.find_element(By.TAG_NAME, "h1").text
    equal(h1, heading, "success page heading")
    Sandbox.wait_delivered(oid)
    order, _ = assert_paid(b, oid)
    equal(order["language"], shop_language, "order language")


@scenario
def german_shop(b):
    language_scenario(b, "de", "german", "Bezahlen", "Vielen Dank für Ihre Bestellung")


@scenario
def french_shop(b):
    language_scenario(b, "fr", "french", "Valider", "Merci pour votre commande")


@scenario
def zero_decimal_currency_jpy(b):
    oid = b.checkout(currency="JPY")
    total = Db.value("SELECT value FROM orders_total WHERE orders_id = %d AND class = 'ot_total'" % oid)
    expected = decimal.Decimal(total).quantize(decimal.Decimal("1"), rounding=decimal.ROUND_HALF_UP)
    equal(b.text("currency"), "JPY", "currency shown")
    equal(b.text("amount"), str(expected), "amount shown (no decimals)")
    request = Sandbox.transaction(oid)["request"]
    equal(request["vads_amount"], str(expected), "vads_amount in yen")
    equal(request["vads_currency"], "392", "vads_currency")
    equal(Db.order(oid)["currency"], "JPY", "order currency")
    b.pay(CARD_FRICTIONLESS)
    b.back_to_shop("checkout_success.php")
    assert_success_page(b, oid)
    Sandbox.wait_delivered(oid)
    assert_paid(b, oid)


@scenario
def maintenance_mode_during_ipn(b):
    oid = b.checkout()
    Db.set_config("DOWN_FOR_MAINTENANCE", "true")
    try:
        status, _ = http_get(SHOP + "/index.php")
        equal(status, 503, "the shop is down for maintenance")
        b.pay(CARD_FRICTIONLESS)
        equal(b.result(), "AUTHORISED", "sandbox result")
        attempt = Sandbox.wait_delivered(oid)
        equal(attempt["http_code"], 200, "IPN HTTP code during maintenance (no 3xx)")
        equal(attempt["body"], "OK-Accepted payment, order has been updated.", "IPN answer")
        equal(len(Sandbox.pay_attempts(oid)), 1, "one attempt, no retry")
        equal(int(Db.order(oid)["orders_status"]), PROCESSING, "paid during maintenance")
    finally:
        Db.set_config("DOWN_FOR_MAINTENANCE", "false")
    b.back_to_shop("checkout_success.php")
    assert_success_page(b, oid)
    assert_paid(b, oid)


# ---------------------------------------------------------------------------------------- runner

def reset_settings():
    for key, value in BASE_CONFIG.items():
        Db.set_config(key, value)


def run(selected):
    passed, failed = [], []
    for fn in selected:
        name = fn.__name__
        reset_settings()
        truncate_php_error_log()
        started = time.monotonic()
        browser = None
        try:
            browser = Browser()
            fn(browser)
            log = php_error_log()
            check(log == "", "the PHP error log stays empty under E_ALL:\n" + log[:2000])
            passed.append(name)
            print("PASS %-36s %5.1fs" % (name, time.monotonic() - started), flush=True)
        except Exception as error:  # any error fails this scenario only
            failed.append(name)
            folder = FAILURES / name
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "error.txt").write_text(traceback.format_exc(), encoding="utf-8")
            if browser is not None:
                browser.save_failure(folder)
            print("FAIL %-36s %5.1fs  %s" % (name, time.monotonic() - started, str(error).splitlines()[0] if str(error) else repr(error)), flush=True)
            print("     screenshot, page HTML and error: %s" % folder, flush=True)
        finally:
            if browser is not None:
                browser.quit()
    reset_settings()
    return passed, failed


def buy():
    """One purchase as in the demo: prints the order id, its final status and history."""
    reset_settings()
    b = Browser()
    try:
        started = time.monotonic()
        print("buyer: %s/_test/checkout.php -> Systempay -> terms -> confirm" % SHOP, flush=True)
        oid = b.checkout()
        print("sandbox payment page: order %d, %s %s; paying with test card %s"
              % (oid, b.text("amount"), b.text("currency"), CARD_FRICTIONLESS), flush=True)
        b.pay(CARD_FRICTIONLESS)
        print("sandbox result: %s (%s)" % (b.result(), b.text("card")), flush=True)
        b.back_to_shop("checkout_success.php")
        print("back in the shop: %s" % b.url, flush=True)
        attempt = Sandbox.wait_delivered(oid)
        print("IPN: HTTP %s %s" % (attempt["http_code"], attempt["body"]), flush=True)
        order = Db.order(oid)
        print("order %d: status %s (%s), %d confirmation mail(s), %.1fs"
              % (oid, order["orders_status_name"], order["orders_status"], Db.mails(oid), time.monotonic() - started))
        print("history:")
        for row in Db.rows("SELECT h.date_added, s.orders_status_name, h.customer_notified, h.comments "
                           "FROM orders_status_history h LEFT JOIN orders_status s ON s.orders_status_id = h.orders_status_id "
                           "AND s.language_id = 1 WHERE h.orders_id = %d ORDER BY h.orders_status_history_id" % oid):
            print("  %s  %-10s  notified=%s  %s" % (row["date_added"], row["orders_status_name"],
                                                     row["customer_notified"], row["comments"] or ""))
        return 0 if int(order["orders_status"]) == PROCESSING else 1
    except Exception:
        folder = FAILURES / "demo-buy"
        b.save_failure(folder)
        traceback.print_exc()
        print("demo purchase failed; screenshot and page HTML: %s" % folder, file=sys.stderr)
        return 1
    finally:
        b.quit()


def screenshots(target):
    """The payment page of the sandbox and the admin order panel, as PNG files for the README."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    reset_settings()
    b = Browser()

    def viewport(width, height):
        b.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                 {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    try:
        oid = b.checkout(language="en")
        b.el("card_number").send_keys(CARD_FRICTIONLESS)
        b.el("cvv").send_keys("123")
        viewport(760, b.driver.execute_script("return document.documentElement.scrollHeight") + 10)
        b.driver.save_screenshot(str(target / "sandbox-payment-page.png"))
        viewport(1100, 900)
        b.click("pay")
        b.back_to_shop("checkout_success.php")
        Sandbox.wait_delivered(oid)
        b.get(SHOP + "/_test/admin_login.php")
        b.get("%s/admin/orders.php?oID=%d&action=edit" % (SHOP, oid))
        viewport(1280, b.driver.execute_script("return document.documentElement.scrollHeight") + 10)
        height = b.driver.execute_script(
            "var p = document.getElementById('systempay-panel').getBoundingClientRect(); return Math.ceil(p.bottom) + 12;")
        viewport(1280, height)
        b.driver.save_screenshot(str(target / "admin-order-panel.png"))
        print("wrote %s and %s" % (target / "sandbox-payment-page.png", target / "admin-order-panel.png"))
        return 0
    finally:
        b.quit()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run_parser = sub.add_parser("run")
    run_parser.add_argument("--only", default="", help="comma-separated scenario names")
    run_parser.add_argument("--list", action="store_true")
    sub.add_parser("buy")
    shots = sub.add_parser("screenshots")
    shots.add_argument("dir")
    args = parser.parse_args()
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager reach the network
    RUN_DIR.mkdir(parents=True, exist_ok=True)

    if args.command == "buy":
        return buy()
    if args.command == "screenshots":
        return screenshots(args.dir)
    if args.list:
        for fn in SCENARIOS:
            print(fn.__name__)
        return 0
    wanted = [n for n in args.only.split(",") if n]
    unknown = set(wanted) - {fn.__name__ for fn in SCENARIOS}
    if unknown:
        print("unknown scenario(s): %s" % ", ".join(sorted(unknown)), file=sys.stderr)
        return 2
    selected = [fn for fn in SCENARIOS if not wanted or fn.__name__ in wanted]
    passed, failed = run(selected)
    if failed:
        print("failed: %s" % ", ".join(failed))
    print("%d passed, %d failed" % (len(passed), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
