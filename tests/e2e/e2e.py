#!/usr/bin/env python3
"""End-to-end tests of the Systempay module in a real browser, in the real modified eCommerce 3.3.0 shop.

Headless Debian Chromium driven by Selenium clicks through the real shop that tests/realshop/start.sh
installed (its own installer, template tpl_modified_nova, Apache + mod_php + MariaDB) and through the
local platform sandbox (sandbox/), exactly as a buyer would: log in on login.php, put the product in
the cart on its product page, choose the flat-rate shipping, choose Systempay, confirm, type a test
card on the sandbox's payment page, pay, come back to the shop. Every scenario then checks what the
shop recorded in MariaDB (order status, status history, the module's tables), the messages that left
the shop (the mail catcher's .eml files: the buyer's confirmation and the shop owner's copy), the page
the buyer ends on, and that neither the shop's own log/mod_*.log files nor PHP's error log got a line
from a module file.

    e2e.py run [--only NAME[,NAME...]] [--list]   the scenarios (tests/e2e/run.sh starts the servers)
    e2e.py buy                                     one purchase, prints the order, its history, its mails
    e2e.py screenshots DIR                         the README's pictures

The servers must be running (tests/e2e/run.sh starts them). Ports and folders, as tests/realshop/env.sh:
REALSHOP_HTTP_PORT (8190), REALSHOP_DB_PORT (3417), REALSHOP_DIR (build/realshop-<REALSHOP_PROFILE>),
SANDBOX_PORT (8095); the sandbox's files under the instance folder (SANDBOX_RUN_DIR, SANDBOX_DATA_DIR).
On a failure, a screenshot, the page HTML and the error are saved under build/e2e-failures/<scenario>/.
"""
import argparse
import decimal
import email
import email.policy
import json
import os
import re
import secrets
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
from selenium.common.exceptions import NoSuchElementException, TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build"
PROFILE = os.environ.get("REALSHOP_PROFILE") or "innodb"
INSTANCE = Path(os.environ.get("REALSHOP_DIR") or BUILD / ("realshop-" + PROFILE))
SHOP_DIR = INSTANCE / "shop"
RUN_DIR = INSTANCE / "run"
MAILS = RUN_DIR / "mails"
FAILURES = Path(os.environ.get("E2E_FAILURES") or BUILD / "e2e-failures")
SHOP_PORT = os.environ.get("REALSHOP_HTTP_PORT") or "8190"
DB_PORT = os.environ.get("REALSHOP_DB_PORT") or "3417"
SANDBOX_PORT = os.environ.get("SANDBOX_PORT") or "8095"
SHOP = "http://127.0.0.1:%s" % SHOP_PORT     # never "localhost": the installer stored this as HTTP_SERVER
SANDBOX = "http://127.0.0.1:%s" % SANDBOX_PORT
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("E2E_CHROMEDRIVER", "/usr/bin/chromedriver")
# The sandbox as tests/e2e/run.sh starts it (Sandbox.restart() starts it again with the same settings).
SANDBOX_ENV = {
    "SANDBOX_RUN_DIR": str(INSTANCE / "sandbox-run"),
    "SANDBOX_DATA_DIR": str(INSTANCE / "sandbox"),
    "SANDBOX_NOTIFICATION_URL": SHOP + "/callback/systempay/process.php",
    "SANDBOX_RETRY_INTERVAL": "5",
}
# A browser-like User-Agent: the shop gives no session to clients that look like bots (CHECK_CLIENT_AGENT).
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) systempay-e2e"

WAIT = 15          # seconds for a page or element
IPN_WAIT = 25      # seconds for the sandbox's notification to arrive

# Test cards (sandbox/README.md, rows of the protocol's table).
CARD_CHALLENGE = "4970100000000014"     # row 1: 3DS challenge
CARD_FRICTIONLESS = "4970100000000055"  # row 2: accepted, frictionless
CARD_REFUSED = "4970100000000071"       # row 4: refused by the issuer

# Order statuses of the real shop (table orders_status, language 1 = English) and the module's defaults.
PENDING, PROCESSING, CANCELED = 1, 2, 4
BUYER_PASSWORD = "Buyer-Pass-123"
ADMIN_EMAIL, ADMIN_PASSWORD = "admin@shop.example", "Admin-Pass-123"   # created by the shop's installer
PRODUCT_ID = 1

# The settings every scenario starts from (scenarios change them, the next one restores).
BASE_CONFIG = {
    "MODULE_PAYMENT_SYSTEMPAY_PAYMENT_FORM": "HOSTED",
    "MODULE_PAYMENT_SYSTEMPAY_FORM_LOOK": "EMBEDDED",
    "MODULE_PAYMENT_SYSTEMPAY_RETURN_MODE": "GET",
    "MODULE_PAYMENT_SYSTEMPAY_REDIRECT_ENABLED": "False",
    "MODULE_PAYMENT_SYSTEMPAY_REDIRECT_SUCCESS_TIMEOUT": "5",
    "MODULE_PAYMENT_SYSTEMPAY_REDIRECT_ERROR_TIMEOUT": "5",
    "MODULE_PAYMENT_SYSTEMPAY_VALIDATION_MODE": "",
}
BASE_SHOP_CONFIG = {"SHOP_OFFLINE": ""}   # maintenance mode off ('checked' = on)


class Failure(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def equal(actual, expected, what):
    if actual != expected:
        raise Failure("%s: expected %r, got %r" % (what, expected, actual))


def wait_until(predicate, timeout, what, interval=0.2):
    """Polls predicate() until it returns something truthy; bounded by timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise Failure("timed out after %ss waiting for %s" % (timeout, what))
        time.sleep(interval)


def sql_string(value):
    return "'" + str(value).replace("\\", "\\\\").replace("'", "''") + "'"


# ---------------------------------------------------------------------------------------- MariaDB

class Db:
    """The real shop's database through the mariadb client (tab-separated batch output)."""

    @staticmethod
    def _run(sql):
        cmd = ["mariadb", "--no-defaults", "-h127.0.0.1", "-P" + DB_PORT, "-ushop", "-pshop",
               "--default-character-set=utf8mb4", "-B", "modified", "-e", sql]
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
    def config(cls, key):
        return cls.value("SELECT configuration_value FROM configuration WHERE configuration_key = %s" % sql_string(key))

    @classmethod
    def set_config(cls, key, value):
        cls.execute("UPDATE configuration SET configuration_value = %s WHERE configuration_key = %s"
                    % (sql_string(value), sql_string(key)))

    @classmethod
    def set_shop_config(cls, key, value):
        """shop_configuration: where 3.x keeps SHOP_OFFLINE (maintenance mode)."""
        cls.execute("UPDATE shop_configuration SET configuration_value = %s WHERE configuration_key = %s"
                    % (sql_string(value), sql_string(key)))

    @classmethod
    def new_buyer(cls):
        """A new customer account with a German address, as create_account.php stores it (the password
        in the pre-2.0 md5 form that the shop rehashes at the first login). Returns (id, e-mail)."""
        address = "buyer.%s@example.com" % secrets.token_hex(5)
        row = cls.row(
            "INSERT INTO customers (customers_status, customers_gender, customers_firstname, customers_lastname,"
            " customers_email_address, customers_default_address_id, customers_telephone, customers_password,"
            " customers_date_added, customers_last_modified, account_type, customers_cid, customers_vat_id,"
            " customers_warning, customers_fax, password_request_key, payment_unallowed, shipping_unallowed)"
            " VALUES (2, 'f', 'Erika', 'Müller', %s, 0, '+49 30 1234567', MD5(%s), now(), now(), 0, '', '', '', '', '', '', '');"
            " SET @customer = LAST_INSERT_ID();"
            " INSERT INTO address_book (customers_id, entry_gender, entry_company, entry_firstname, entry_lastname,"
            " entry_street_address, entry_suburb, entry_postcode, entry_city, entry_state, entry_country_id, entry_zone_id,"
            " address_date_added, address_last_modified)"
            " VALUES (@customer, 'f', '', 'Erika', 'Müller', 'Königstraße 12', '', '70173', 'Stuttgart', '', 81, 0, now(), now());"
            " UPDATE customers SET customers_default_address_id = LAST_INSERT_ID() WHERE customers_id = @customer;"
            " INSERT INTO customers_info (customers_info_id, customers_info_number_of_logons, customers_info_date_account_created)"
            " VALUES (@customer, 0, now());"
            " SELECT @customer AS id" % (sql_string(address), sql_string(BUYER_PASSWORD)))
        return int(row["id"]), address

    @classmethod
    def order(cls, oid):
        return cls.row("SELECT o.*, s.orders_status_name FROM orders o LEFT JOIN orders_status s "
                       "ON s.orders_status_id = o.orders_status AND s.language_id = 1 WHERE o.orders_id = %d" % oid)

    @classmethod
    def status(cls, oid):
        return int(cls.value("SELECT orders_status FROM orders WHERE orders_id = %d" % oid))

    @classmethod
    def history(cls, oid):
        return cls.rows("SELECT orders_status_id, customer_notified, comments FROM orders_status_history "
                        "WHERE orders_id = %d ORDER BY orders_status_history_id" % oid)

    @classmethod
    def attempt(cls, oid):
        return cls.row("SELECT * FROM systempay_transaction WHERE orders_id = %d ORDER BY id DESC LIMIT 1" % oid)

    @classmethod
    def events(cls, oid):
        return cls.rows("SELECT source, status, decision, answer FROM systempay_event WHERE orders_id = %d ORDER BY id" % oid)

    @classmethod
    def basket_size(cls, customer_id):
        return int(cls.value("SELECT COUNT(*) FROM customers_basket WHERE customers_id = %d" % customer_id))


# ---------------------------------------------------------------------------------------- mails and logs

class Mails:
    """The messages that left the shop: tests/realshop/catch_mail.py stores each as one .eml file."""

    @staticmethod
    def all():
        out = []
        for path in sorted(MAILS.glob("*.eml")):
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            out.append({"file": path.name, "to": str(message.get("To", "")), "subject": str(message.get("Subject", ""))})
        return out

    @classmethod
    def for_order(cls, oid):
        """The order mails of an order: the shop's subject names its number ("Your order 12 from …")."""
        pattern = re.compile(r"\b(order|Bestellung)\s+(Nr\.\s*)?%d\b" % oid, re.I)
        return [m for m in cls.all() if pattern.search(m["subject"])]

    @staticmethod
    def per_paid_order():
        """The buyer's confirmation, plus the shop owner's copy when the shop is set to send one."""
        return 2 if (Db.config("ORDER_EMAIL_SEND_COPY_TO_ADMIN") or "").lower() == "true" else 1


# A line comes from the module when it names one of the module's files (or its callback URLs).
MODULE_FILE = re.compile(r"includes/modules/payment/systempay\.php|includes/external/systempay/|callback/systempay/"
                         r"|orders_info_blocks/systempay\.php|lang/[^/\s]+/modules/payment/systempay\.php", re.I)
# The stock shop's own noise (../shared/docs/real-shop.md), never the module's.
STOCK_NOISE = re.compile(r"Smarty_CacheResource_Phpfastcache::\$prefix|/templates_c/|Could not reach external host")
SHOP_LOG_LINE = re.compile(r"^\[([^\]]*)\]\t\[[^\]]*\]\t\[[^\]]*\]\t\[pid:(\d+)\]\t(.*)$")


class Logs:
    """New lines in the shop's log/mod_*.log files and PHP's error log since mark()."""

    def __init__(self):
        self.offsets = {}

    @staticmethod
    def files():
        return sorted((SHOP_DIR / "log").glob("mod_*.log")) + [RUN_DIR / "php_errors.log"]

    def mark(self):
        self.offsets = {str(p): p.stat().st_size for p in self.files() if p.exists()}

    def new_lines(self):
        out = []
        for path in self.files():
            if not path.exists():
                continue
            start = self.offsets.get(str(path), 0)
            if path.stat().st_size < start:
                start = 0  # emptied meanwhile
            with open(path, "rb") as handle:
                handle.seek(start)
                text = handle.read().decode("utf-8", "replace")
            out.extend((path.name, line) for line in text.splitlines() if line.strip())
        return out

    def findings(self):
        """(module, other, stock): the entries that come from a module file, the rest that is not stock
        noise, and how many lines were stock noise. A shop log entry is the group of lines one request
        (pid) wrote after its "ERROR found for URL" header."""
        groups = []
        for name, line in self.new_lines():
            parsed = SHOP_LOG_LINE.match(line)
            key = (name, parsed.group(2)) if parsed else (name, None)
            if groups and groups[-1][0] == key and not (parsed and parsed.group(3).startswith("ERROR found for URL")):
                groups[-1][1].append(line)
            else:
                groups.append((key, [line]))
        module, other, stock = [], [], 0
        for (name, _), lines in groups:
            content = [l for l in lines if not STOCK_NOISE.search(l)]
            if not [l for l in content if "ERROR found for URL" not in l]:
                stock += len(lines)
                continue  # only stock noise (and its header)
            target = module if any(MODULE_FILE.search(l) for l in lines) else other
            target.extend("%s: %s" % (name, l) for l in content)
        return module, other, stock


# ---------------------------------------------------------------------------------------- sandbox

def http_get(url, timeout=10):
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def http_post_json(url, body, timeout=30):
    request = urllib.request.Request(url, data=json.dumps(body).encode("utf-8"), method="POST",
                                     headers={"User-Agent": USER_AGENT, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, json.loads(answer.read().decode("utf-8") or "null")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


class Sandbox:
    @staticmethod
    def capture(oid):
        """The platform's capture batch for the order's payment (what happens at the day's end)."""
        uuid = Db.attempt(oid)["trans_uuid"]
        status, answer = http_post_json(SANDBOX + "/admin/api/capture", {"uuid": uuid})
        check(status == 200, "sandbox capture answered %s %s" % (status, answer))
        wait_until(lambda: Db.attempt(oid)["status"] == "CAPTURED", IPN_WAIT, "the capture notification of order %d" % oid)
        return uuid

    @staticmethod
    def refunded(uuid):
        status, body = http_get(SANDBOX + "/admin/api/transactions/" + uuid)
        check(status == 200, "sandbox admin API answered %s for %s" % (status, uuid))
        return json.loads(body)["refunded_amount"]

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
    """One person at the keyboard: a fresh headless Chromium with its own profile. A buyer is a new
    customer account of its own (own cart, own orders); customer=None is the shop's admin or nobody."""

    def __init__(self, buyer=True):
        self.customer_id, self.email = Db.new_buyer() if buyer else (0, "")
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

    def next_person(self, buyer=True):
        """The same browser for the next scenario (warm cache, no start-up): one tab on a blank page, no
        cookie of the shop or the platform left (so a new session), and a new buyer account."""
        handles = self.driver.window_handles
        for handle in handles[1:]:
            self.driver.switch_to.window(handle)
            self.driver.close()
        self.driver.switch_to.window(handles[0])
        self.driver.get("about:blank")
        self.driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
        for origin in (SHOP, SANDBOX):
            self.driver.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        self.customer_id, self.email = Db.new_buyer() if buyer else (0, "")

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
        self.driver.get(url if url.startswith("http") else SHOP + "/" + url)

    def el(self, element_id, timeout=WAIT):
        return self.css("#" + element_id, timeout)

    def css(self, selector, timeout=WAIT):
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(lambda d: d.find_element(By.CSS_SELECTOR, selector))
        except TimeoutException:
            raise Failure("no element %s within %ss on %s" % (selector, timeout, self.url))

    def has(self, element_id):
        return self.has_css("#" + element_id)

    def has_css(self, selector):
        try:
            self.driver.find_element(By.CSS_SELECTOR, selector)
            return True
        except NoSuchElementException:
            return False

    def text(self, element_id):
        return self.el(element_id).text.strip()

    def click(self, element_id):
        self.el(element_id).click()

    def submit(self, selector):
        """Clicks a form's submit button and waits until the next page replaced this one."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        self.css(selector).click()
        def replaced(_driver):
            try:
                page.is_enabled()
                return False
            except WebDriverException:
                # Stale, or Chromium's "Node with given id does not belong to the document" while the
                # old page is being torn down: either way the next page has replaced it.
                return True

        try:
            WebDriverWait(self.driver, WAIT, poll_frequency=0.05).until(replaced)
        except TimeoutException:
            raise Failure("clicking %s on %s led nowhere within %ss" % (selector, self.url, WAIT))

    def wait_url(self, fragment, timeout=WAIT):
        try:
            WebDriverWait(self.driver, timeout, poll_frequency=0.05).until(lambda d: fragment in d.current_url)
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

    # -- the shop's real pages
    def login(self, address, password, language="en", currency="EUR"):
        """The storefront's login page (form #login), as the buyer and the shop's admin log in."""
        self.get("login.php?language=%s&currency=%s" % (language, currency))
        form = self.css("form#login")
        form.find_element(By.NAME, "email_address").send_keys(address)
        form.find_element(By.NAME, "password").send_keys(password)
        self.submit("form#login button[type=submit]")
        check("login.php" not in self.url, "login of %s refused: still on %s" % (address, self.url))

    def add_to_cart(self, product_id, quantity):
        self.get("product_info.php?products_id=%d" % product_id)
        qty = self.css("form#cart_quantity input[name=products_qty]")
        qty.clear()
        qty.send_keys(str(quantity))
        self.submit("form#cart_quantity button[type=submit]")

    def to_payment_choice(self, language="en", currency="EUR", products=((PRODUCT_ID, 2),)):
        """Logs the buyer in, fills the cart on the product page and takes the flat-rate shipping:
        the buyer is then on checkout_payment.php."""
        check(self.customer_id, "a buyer account")
        self.login(self.email, BUYER_PASSWORD, language, currency)
        for product_id, quantity in products:
            self.add_to_cart(product_id, quantity)
        self.get("checkout_shipping.php")
        self.wait_url("/checkout_shipping.php")
        self.submit("form#checkout_address button[type=submit]")
        self.wait_url("/checkout_payment.php")

    def choose_systempay(self):
        """On checkout_payment.php: the Systempay radio (styled, so its label is clicked) and the terms box."""
        radio = self.css("form#checkout_payment input[name=payment][value=systempay]")
        if not radio.is_selected():
            radio.find_element(By.XPATH, "./following-sibling::label").click()
        check(radio.is_selected(), "Systempay chosen")
        for box in self.driver.find_elements(By.CSS_SELECTOR, "form#checkout_payment input[name=conditions]"):
            if not box.is_selected():
                box.click()

    def confirm(self):
        """Payment choice -> checkout_confirmation.php -> "Buy": checkout_process.php creates the order and
        the module auto-submits its signed form to the platform; returns the order id the platform shows."""
        self.submit("form#checkout_payment button[type=submit]")
        self.wait_url("/checkout_confirmation.php")
        self.click("button_checkout_confirmation")
        self.el("card_form")
        check(self.url.startswith(SANDBOX + "/vads-payment/"), "payment page not on the sandbox: %s" % self.url)
        check(self.has("test_banner"), "the TEST-mode banner is shown")
        return int(self.text("order_id"))

    def checkout(self, language="en", currency="EUR", products=((PRODUCT_ID, 2),)):
        self.to_payment_choice(language, currency, products)
        self.choose_systempay()
        return self.confirm()

    # -- the embedded form (inside the shop's checkout_payment_iframe.php)
    def confirm_embedded(self):
        """Payment choice -> confirmation -> "Buy": the shop creates the order and shows its own
        checkout_payment_iframe.php with the embedded form; the driver is then inside the form's frame."""
        self.submit("form#checkout_payment button[type=submit]")
        self.wait_url("/checkout_confirmation.php")
        self.click("button_checkout_confirmation")
        self.wait_url("/checkout_payment_iframe.php")
        frame = self.css("iframe[src*='callback/systempay/form.php']")
        self.driver.switch_to.frame(frame)
        self.css(".kr-embedded")
        return int(Db.value("SELECT MAX(orders_id) FROM orders WHERE customers_id = %d" % self.customer_id))

    def checkout_embedded(self, language="en", currency="EUR"):
        self.to_payment_choice(language, currency)
        self.choose_systempay()
        return self.confirm_embedded()

    def pay_embedded(self, card, challenge=None):
        """Types the card in the embedded form (inside its frame) and pays; a challenge is answered."""
        form = self.css(".kr-embedded")
        wait_until(lambda: form.get_attribute("data-kr-state") in ("ready", "refused"), WAIT, "the embedded form ready")
        for element_id, value in (("kr-pan", card), ("kr-expiry", "12/30"), ("kr-security-code", "123")):
            field = self.el(element_id)
            field.clear()
            field.send_keys(value)
        self.click("kr-payment-button")
        if challenge is not None:
            self.el("kr-challenge")
            self.click("kr-challenge-ok" if challenge else "kr-challenge-fail")

    def embedded_refusal(self):
        """Still on the form after a refusal: the platform's message and its code."""
        error = self.el("kr-form-error")
        wait_until(lambda: error.text.strip(), WAIT, "the refusal shown in the form")
        form = self.css(".kr-embedded")
        wait_until(lambda: form.get_attribute("data-kr-state") == "ready", WAIT, "the form ready for another card")
        return error.text.strip(), error.get_attribute("data-error-code")

    def left_frame_for(self, fragment):
        """After an acceptance the whole window goes to the shop's checkout_process.php."""
        self.driver.switch_to.default_content()
        self.wait_url(SHOP + "/" + fragment)

    # -- the platform's pages
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

def assert_mails(b, oid, expected):
    mails = Mails.for_order(oid)
    summary = ["%s -> %s" % (m["subject"], m["to"]) for m in mails]
    equal(len(mails), expected, "messages sent for order %d (%r)" % (oid, summary))
    if expected:
        check(any(b.email in m["to"] for m in mails), "one message goes to the buyer %s: %r" % (b.email, summary))
    return mails


def assert_paid(b, oid, cart_emptied=True):
    """Order paid: status Processing, exactly one Systempay AUTHORISED history row, the buyer's mail and
    the shop owner's copy, each sent once; the buyer's cart emptied (by the shop, when the buyer is back)."""
    order = Db.order(oid)
    check(order is not None, "order %d exists" % oid)
    equal(int(order["orders_status"]), PROCESSING, "order %d status" % oid)
    equal(order["orders_status_name"], "Processing", "order %d status name" % oid)
    equal(order["payment_method"], "systempay", "order %d payment method" % oid)
    equal(int(order["customers_id"]), b.customer_id, "order %d customer" % oid)
    history = Db.history(oid)
    equal(int(history[0]["orders_status_id"]), PENDING, "first history row of order %d" % oid)
    paid_rows = [h for h in history if int(h["orders_status_id"]) == PROCESSING]
    equal(len(paid_rows), 1, "history rows with the paid status for order %d (%r)" % (oid, history))
    check("Systempay: AUTHORISED" in (paid_rows[0]["comments"] or ""),
          "history comment names the payment: %r" % paid_rows[0]["comments"])
    equal(int(history[-1]["orders_status_id"]), PROCESSING, "last history row of order %d" % oid)
    check(not [h for h in history if int(h["orders_status_id"]) == CANCELED], "never cancelled: %r" % history)
    attempt = Db.attempt(oid)
    equal(attempt["outcome"], "success", "module outcome of order %d" % oid)
    assert_mails(b, oid, Mails.per_paid_order())
    mail_events = [e["decision"] for e in Db.events(oid) if e["source"] == "MAIL"]
    equal(mail_events.count("sent"), 1, "the module's log notes one order mail sent (%r)" % mail_events)
    if cart_emptied:
        equal(Db.basket_size(b.customer_id), 0, "the buyer's cart is emptied")
    return order, history


def assert_not_paid(b, oid, status_word, outcome):
    order = Db.order(oid)
    equal(int(order["orders_status"]), CANCELED, "order %d status" % oid)
    equal(order["orders_status_name"], "Canceled", "order %d status name" % oid)
    history = Db.history(oid)
    equal(int(history[0]["orders_status_id"]), PENDING, "first history row of order %d" % oid)
    equal(int(history[-1]["orders_status_id"]), CANCELED, "last history row of order %d" % oid)
    check("Systempay: %s" % status_word in (history[-1]["comments"] or ""),
          "history comment names the result: %r" % history[-1]["comments"])
    equal(len([h for h in history if int(h["orders_status_id"]) == CANCELED]), 1, "cancelled history rows")
    equal(Db.attempt(oid)["outcome"], outcome, "module outcome of order %d" % oid)
    assert_mails(b, oid, 0)
    check(Db.basket_size(b.customer_id) > 0, "the buyer's cart is kept")


def assert_success_page(b, oid):
    """checkout_success.php of this order: its print link and the module's payment details."""
    b.wait_url(SHOP + "/checkout_success.php")
    links = [a.get_attribute("href") for a in b.driver.find_elements(By.CSS_SELECTOR, "a[href*='print_order.php?oID=']")]
    check(any(re.search(r"oID=%d$" % oid, href or "") for href in links), "success page of order %d (print links %r)" % (oid, links))
    info = b.css("table.paymentinfotable.systempay").text
    attempt = Db.attempt(oid)
    check(attempt["trans_id"] in info, "the payment details show transaction %s: %r" % (attempt["trans_id"], info))


def assert_payment_choice_page(b, message):
    b.wait_url(SHOP + "/checkout_payment.php")
    error = b.css(".errormessage").text.strip()
    check(message in error, "payment selection shows %r, got %r" % (message, error))
    check(b.has_css("form#checkout_payment input[name=payment][value=systempay]"), "Systempay can be chosen again")


def assert_events(oid, expected):
    """The module's event log of the order: the return and the notification, in the order they came."""
    equal([(e["source"], e["decision"]) for e in Db.events(oid) if e["source"] != "MAIL"], expected,
          "the module's events of order %d" % oid)


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
    assert_paid(b, oid)
    attempt = Db.attempt(oid)
    equal(attempt["card_number"], "497010XXXXXX0055", "masked card stored")
    equal(attempt["threeds_status"], "Y", "3DS status stored")


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
    assert_not_paid(b, oid, "REFUSED", "failure")


@scenario
def refused(b):
    oid = b.checkout()
    b.pay(CARD_REFUSED)
    equal(b.result(), "REFUSED", "sandbox result")
    b.back_to_shop("checkout_payment.php")
    assert_payment_choice_page(b, "Your payment was refused")
    attempt = Sandbox.wait_delivered(oid)
    check(attempt["body"].startswith("OK-"), "IPN answer: %s" % attempt["body"])
    assert_not_paid(b, oid, "REFUSED", "failure")


@scenario
def cancelled_by_buyer(b):
    oid = b.checkout()
    b.click("cancel")
    assert_payment_choice_page(b, "You cancelled the payment")
    Sandbox.wait_delivered(oid)
    assert_not_paid(b, oid, "ABANDONED", "cancelled")


@scenario
def cancelled_by_buyer_post_mode(b):
    Db.set_config("MODULE_PAYMENT_SYSTEMPAY_RETURN_MODE", "POST")
    oid = b.checkout()
    b.click("cancel")  # an auto-submitted POST form back to callback/systempay/return.php
    assert_payment_choice_page(b, "You cancelled the payment")
    Sandbox.wait_delivered(oid)
    assert_not_paid(b, oid, "ABANDONED", "cancelled")


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
    wait_until(lambda: Db.status(oid) == PROCESSING, IPN_WAIT, "order %d paid by the IPN" % oid)
    attempt = Sandbox.wait_delivered(oid)
    equal(attempt["http_code"], 200, "IPN HTTP code")
    equal(attempt["body"], "OK-Accepted payment, order has been updated.", "IPN answer")
    # The notification sent the mails, once. The cart: the shop empties it when the buyer's session
    # finishes checkout_process.php, which never happens here (a logged-in buyer finds it again).
    _, history = assert_paid(b, oid, cart_emptied=False)
    equal(history[-1]["customer_notified"], "1", "the paid history row notes the mail")
    assert_events(oid, [("IPN", "apply")])


@scenario
def ipn_first_then_return(b):
    oid = b.checkout()
    b.pay(CARD_FRICTIONLESS)
    equal(b.result(), "AUTHORISED", "sandbox result")
    attempt = Sandbox.wait_delivered(oid)  # before the buyer clicks "return to the shop"
    equal(attempt["body"], "OK-Accepted payment, order has been updated.", "IPN answer")
    equal(Db.status(oid), PROCESSING, "paid by the IPN before the return")
    rows_after_ipn = len(Db.history(oid))
    b.back_to_shop("checkout_success.php")
    assert_success_page(b, oid)
    assert_paid(b, oid)
    equal(len(Db.history(oid)), rows_after_ipn, "the return adds no status change")
    assert_events(oid, [("IPN", "apply"), ("RETURN", "duplicate")])


@scenario
def return_first_then_ipn(b):
    Sandbox.restart("--ipn-delay", "5")
    try:
        oid = b.checkout()
        b.pay(CARD_FRICTIONLESS)
        equal(b.result(), "AUTHORISED", "sandbox result")
        b.back_to_shop("checkout_success.php")
        assert_success_page(b, oid)
        equal(Sandbox.pay_attempts(oid), [], "no IPN attempt yet when the buyer is back")
        equal(Db.status(oid), PROCESSING, "paid by the return")
        assert_mails(b, oid, Mails.per_paid_order())  # the return sent them
        attempt = Sandbox.wait_delivered(oid)
        equal(attempt["http_code"], 200, "IPN HTTP code")
        equal(attempt["body"], "OK-Accepted payment, already registered.", "IPN answer")
        assert_paid(b, oid)
        assert_events(oid, [("RETURN", "apply"), ("IPN", "duplicate")])
    finally:
        Sandbox.restart()


@scenario
def simultaneous_return_and_ipn(b):
    """The IPN leaves the platform as the result page shows (no delay) and the buyer clicks back at once:
    the two reach the shop together; whichever wins, the order is paid once and mailed once."""
    oid = b.checkout()
    b.pay(CARD_FRICTIONLESS)
    b.click("return_to_shop")  # no wait for anything in between
    b.wait_url(SHOP + "/checkout_success.php")
    assert_success_page(b, oid)
    attempt = Sandbox.wait_delivered(oid)
    equal(attempt["http_code"], 200, "IPN HTTP code")
    check(attempt["body"] in ("OK-Accepted payment, order has been updated.", "OK-Accepted payment, already registered."),
          "IPN answer: %r" % attempt["body"])
    assert_paid(b, oid)
    decisions = sorted((e["source"], e["decision"]) for e in Db.events(oid) if e["source"] != "MAIL")
    check(decisions in ([("IPN", "apply"), ("RETURN", "duplicate")], [("IPN", "duplicate"), ("RETURN", "apply")]),
          "one of the two applied the payment, the other was a duplicate: %r" % decisions)


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
    assert_not_paid(b, oid, "REFUSED", "failure")


@scenario
def automatic_redirection_off(b):
    oid = b.checkout()
    request = Sandbox.transaction(oid)["request"]
    check("vads_redirect_success_timeout" not in request, "no redirect timeout sent")
    b.pay(CARD_FRICTIONLESS)
    equal(b.result(), "AUTHORISED", "sandbox result")
    time.sleep(2)
    check(b.url.startswith(SANDBOX), "the buyer stays on the result page: %s" % b.url)
    check(not b.has("redirect_message"), "no redirect message")
    b.back_to_shop("checkout_success.php")
    assert_success_page(b, oid)
    Sandbox.wait_delivered(oid)
    assert_paid(b, oid)


def language_scenario(b, code, shop_language, pay_label, success_heading, refused_message=None):
    """The shop's language reaches the platform's page and the shop's own pages; with refused_message,
    a refused card first (the error on the payment choice in that language), then the second try pays."""
    oid = b.checkout(language=code)
    equal(b.lang(), code, "payment page language")
    equal(Sandbox.transaction(oid)["request"].get("vads_language"), code, "vads_language")
    equal(b.text("pay"), pay_label, "pay button text")
    refused_oid = None
    if refused_message is not None:
        b.pay(CARD_REFUSED)
        b.back_to_shop("checkout_payment.php")
        assert_payment_choice_page(b, refused_message)
        Sandbox.wait_delivered(oid)
        refused_oid, oid = oid, None
        b.choose_systempay()
        oid = b.confirm()
        check(oid != refused_oid, "a new order for the second try")
    b.pay(CARD_FRICTIONLESS)
    b.back_to_shop("checkout_success.php")
    assert_success_page(b, oid)
    heading = b.css(".dm_checkout .contentbox .subline").text.strip()
    equal(heading, success_heading, "success page heading")
    Sandbox.wait_delivered(oid)
    order, _ = assert_paid(b, oid)
    equal(order["language"], shop_language, "order language")
    if refused_oid is not None:
        equal(Db.status(refused_oid), CANCELED, "the refused first order stays cancelled")
        assert_mails(b, refused_oid, 0)


@scenario
def german_shop(b):
    language_scenario(b, "de", "german", "Bezahlen", "Ihre Bestellung wurde erfolgreich ausgeführt!",
                      "Ihre Zahlung wurde abgelehnt")


@scenario
def english_shop(b):
    language_scenario(b, "en", "english", "Pay", "Your order has been completed sucessfully.")


def currency_scenario(b, currency, numeric, decimals):
    oid = b.checkout(currency=currency)
    total = Db.value("SELECT value FROM orders_total WHERE orders_id = %d AND class = 'ot_total'" % oid)
    minor = int((decimal.Decimal(total) * 10 ** decimals).quantize(decimal.Decimal("1"), rounding=decimal.ROUND_HALF_UP))
    shown = str(minor) if decimals == 0 else "%d.%0*d" % (minor // 10 ** decimals, decimals, minor % 10 ** decimals)
    equal(b.text("currency"), currency, "currency shown")
    equal(b.text("amount"), shown, "amount shown (%d decimals)" % decimals)
    request = Sandbox.transaction(oid)["request"]
    equal(request["vads_amount"], str(minor), "vads_amount in minor units of %s" % currency)
    equal(request["vads_currency"], numeric, "vads_currency")
    equal(Db.order(oid)["currency"], currency, "order currency")
    b.pay(CARD_FRICTIONLESS)
    b.back_to_shop("checkout_success.php")
    assert_success_page(b, oid)
    Sandbox.wait_delivered(oid)
    assert_paid(b, oid)
    equal(Db.attempt(oid)["amount_minor"], str(minor), "amount stored by the module")


@scenario
def zero_decimal_currency_jpy(b):
    currency_scenario(b, "JPY", "392", 0)


@scenario
def three_decimal_currency_kwd(b):
    currency_scenario(b, "KWD", "414", 3)


@scenario
def maintenance_mode_during_ipn(b):
    oid = b.checkout()
    Db.set_shop_config("SHOP_OFFLINE", "checked")
    try:
        status, body = http_get(SHOP + "/")
        equal(status, 503, "the storefront is down for maintenance")
        b.pay(CARD_FRICTIONLESS)
        equal(b.result(), "AUTHORISED", "sandbox result")
        attempt = Sandbox.wait_delivered(oid)
        equal(attempt["http_code"], 200, "IPN HTTP code during maintenance (no 3xx)")
        equal(attempt["body"], "OK-Accepted payment, order has been updated.", "IPN answer")
        equal(len(Sandbox.pay_attempts(oid)), 1, "one attempt, no retry")
        equal(Db.status(oid), PROCESSING, "paid during maintenance")
    finally:
        Db.set_shop_config("SHOP_OFFLINE", "")
    b.back_to_shop("checkout_success.php")
    assert_success_page(b, oid)
    assert_paid(b, oid)


def wait_rest_notification(oid, answer="OK-Accepted payment, order has been updated."):
    """The sandbox's REST notification of the order, as the module logged it."""
    return wait_until(lambda: [e for e in Db.events(oid) if e["source"] == "IPN" and e["answer"] == answer], IPN_WAIT,
                      "the REST notification of order %d answered %r" % (oid, answer))


@scenario
def embedded_form_accepted(b):
    Db.set_config("MODULE_PAYMENT_SYSTEMPAY_PAYMENT_FORM", "EMBEDDED")
    oid = b.checkout_embedded()
    equal(Db.status(oid), PENDING, "the order waits for the payment")
    check("TEST" in b.css("body").text, "the TEST-mode notice in the form")
    b.pay_embedded(CARD_FRICTIONLESS)
    b.left_frame_for("checkout_success.php")
    assert_success_page(b, oid)
    wait_rest_notification(oid)
    assert_paid(b, oid)
    attempt = Db.attempt(oid)
    equal(attempt["channel"], "REST", "an embedded-form attempt")
    equal(attempt["card_number"], "497010XXXXXX0055", "masked card stored")
    equal(attempt["flagged"], "0", "nothing to review")


@scenario
def embedded_form_refused_then_accepted(b):
    Db.set_config("MODULE_PAYMENT_SYSTEMPAY_PAYMENT_FORM", "EMBEDDED")
    oid = b.checkout_embedded()
    stock = int(Db.value("SELECT products_quantity FROM products WHERE products_id = %d" % PRODUCT_ID))
    b.pay_embedded(CARD_REFUSED)
    message, code = b.embedded_refusal()
    check(message, "the platform's message is shown (%r, %r)" % (message, code))
    check("/checkout_payment_iframe.php" in b.driver.execute_script("return window.top.location.href"), "still in the shop's payment page")
    wait_rest_notification(oid, "OK-Refused try recorded, the buyer may try again; order unchanged.")
    equal(Db.status(oid), PENDING, "a refused try leaves the order open")
    equal(int(Db.value("SELECT products_quantity FROM products WHERE products_id = %d" % PRODUCT_ID)), stock, "no restock between tries")
    b.pay_embedded(CARD_FRICTIONLESS)
    b.left_frame_for("checkout_success.php")
    assert_success_page(b, oid)
    wait_rest_notification(oid)
    assert_paid(b, oid)
    equal(Db.attempt(oid)["flagged"], "0", "a second card is not an incident")
    equal(len([m for m in Mails.all() if m["subject"].startswith("Systempay: order %d " % oid)]), 0, "no alert to the owner")


@scenario
def embedded_form_3ds_challenge_in_a_popin(b):
    Db.set_config("MODULE_PAYMENT_SYSTEMPAY_PAYMENT_FORM", "EMBEDDED")
    Db.set_config("MODULE_PAYMENT_SYSTEMPAY_FORM_LOOK", "POPIN")
    oid = b.checkout_embedded()
    b.click("kr-popin-button")
    b.pay_embedded(CARD_CHALLENGE, challenge=True)
    b.left_frame_for("checkout_success.php")
    assert_success_page(b, oid)
    wait_rest_notification(oid)
    assert_paid(b, oid)
    equal(Db.attempt(oid)["threeds_status"], "Y", "3DS status stored")


@scenario
def admin_switches_between_hosted_and_embedded(b):
    """The shop's admin, in the browser, switches the payment form; buyers pay with each in turn."""
    admin = Browser(buyer=False)
    def switch(to):
        admin.get("admin/modules.php?set=payment&module=systempay&action=edit")
        radio = admin.css("input[name='configuration[MODULE_PAYMENT_SYSTEMPAY_PAYMENT_FORM]'][value='%s']" % to)
        admin.css("label[for='%s']" % radio.get_attribute("id")).click()
        admin.submit("form[name=modules] input[type=submit]")
        equal(Db.config("MODULE_PAYMENT_SYSTEMPAY_PAYMENT_FORM"), to, "payment form saved by the admin")
    try:
        admin.login(ADMIN_EMAIL, ADMIN_PASSWORD)
        switch("EMBEDDED")
        oid = b.checkout_embedded()
        b.pay_embedded(CARD_FRICTIONLESS)
        b.left_frame_for("checkout_success.php")
        wait_rest_notification(oid)
        assert_paid(b, oid)
        switch("HOSTED")
        b.next_person()
        oid = b.checkout()
        b.pay(CARD_FRICTIONLESS)
        b.back_to_shop("checkout_success.php")
        Sandbox.wait_delivered(oid)
        assert_paid(b, oid)
    finally:
        admin.quit()


def admin_operate(admin, oid, kind, amount=None, reason=""):
    """On the admin's order page: the form of the operation (refund, cancel, lower, validate), its
    confirmation, then the outcome the page shows (as a person clicks)."""
    admin.get("admin/orders.php?oID=%d&action=edit" % oid)
    attempt_id = Db.attempt(oid)["id"]
    form = admin.css("form#systempay_%s_%s" % (kind, attempt_id))
    if amount is not None:
        field = form.find_element(By.NAME, "systempay_amount")
        field.clear()
        field.send_keys(amount)
    form.find_element(By.NAME, "systempay_comment").send_keys(reason)
    admin.click("systempay_%s_%s_ask" % (kind, attempt_id))
    confirm = admin.el("systempay_op_confirm")
    equal(confirm.get_attribute("data-kind"), kind, "the confirmation asked")
    question = confirm.find_element(By.TAG_NAME, "p").text
    admin.click("systempay_op_confirm_button")
    result = admin.el("systempay_op_result")
    equal(result.get_attribute("data-state"), "done", "the outcome of the %s (%s)" % (kind, result.text))
    return question, result.text


def admin_refund(admin, oid, amount=None, reason=""):
    return admin_operate(admin, oid, "refund", amount, reason)


@scenario
def admin_refunds_partially_then_fully_from_the_order_page(b):
    """A paid, captured order refunded from the admin's order page: 20.00 first, then the rest."""
    oid = b.checkout()
    b.pay(CARD_FRICTIONLESS)
    b.back_to_shop("checkout_success.php")
    Sandbox.wait_delivered(oid)
    uuid = Sandbox.capture(oid)
    total = int(Db.attempt(oid)["amount_minor"])
    admin = Browser(buyer=False)
    try:
        admin.login(ADMIN_EMAIL, ADMIN_PASSWORD)
        admin_refund(admin, oid, "20,00", "one item sent back")
        equal(Sandbox.refunded(uuid), 2000, "refunded at the platform after the first refund")
        equal(str(Db.status(oid)), Db.config("MODULE_PAYMENT_SYSTEMPAY_ORDER_STATUS_ID"), "a partial refund keeps the order paid")
        left = admin.css("form#systempay_refund_%s input[name=systempay_amount]" % Db.attempt(oid)["id"]).get_attribute("value")
        equal(left, "%d.%02d" % divmod(total - 2000, 100), "the rest offered by default")
        admin_refund(admin, oid)
        equal(Sandbox.refunded(uuid), total, "refunded at the platform in all")
        check(admin.has("systempay_op_none"), "nothing left to do on the payment")
        refunded_status = next(v for v in (Db.config("MODULE_PAYMENT_SYSTEMPAY_REFUNDED_STATUS_ID"),
                                           Db.config("MODULE_PAYMENT_SYSTEMPAY_CANCELLED_STATUS_ID"), "4") if v not in (None, "", "0"))
        equal(str(Db.status(oid)), refunded_status, "the fully refunded order's status")
        comments = [h["comments"] for h in Db.history(oid) if (h["comments"] or "").startswith("Systempay: CAPTURED (refund")]
        equal(len(comments), 2, "one history row per refund")
        check("one item sent back" in comments[0], "the admin's reason in the history")
        # The platform's notifications of both refunds follow: nothing more is recorded.
        wait_until(lambda: len([e for e in Db.events(oid) if e["source"] == "IPN" and e["answer"] == "OK-Refund already registered."]) == 2,
                   IPN_WAIT, "the refund notifications of order %d" % oid)
        equal(int(Db.value("SELECT COUNT(*) FROM systempay_refund WHERE orders_id = %d" % oid)), 2, "refunds recorded")
    finally:
        admin.quit()


# ---------------------------------------------------------------------------------------- runner

def reset_settings():
    for key, value in BASE_CONFIG.items():
        Db.set_config(key, value)
    for key, value in BASE_SHOP_CONFIG.items():
        Db.set_shop_config(key, value)


def check_environment():
    """The module must be installed and offered: tests/e2e/run.sh (setup.php module) does it."""
    installed = Db.config("MODULE_PAYMENT_INSTALLED") or ""
    if "systempay.php" not in installed or not Db.config("MODULE_PAYMENT_SYSTEMPAY_SITE_ID"):
        raise SystemExit("Systempay is not installed in the shop at %s (run tests/e2e/run.sh, or php tests/realshop/setup.php module)" % SHOP)


def run(selected):
    passed, failed, noise, stock = [], [], [], 0
    logs = Logs()
    browser = None  # one Chromium for all the scenarios, a new one after a failure
    for fn in selected:
        name = fn.__name__
        reset_settings()
        logs.mark()
        started = time.monotonic()
        error = None
        try:
            if browser is None:
                browser = Browser()
            else:
                browser.next_person()
            fn(browser)
        except Exception as caught:  # any error fails this scenario only
            error = caught
            trace = traceback.format_exc()
        module_lines, other_lines, stock_lines = logs.findings()
        noise.extend((name, line) for line in other_lines)
        stock += stock_lines
        if error is None and module_lines:
            error = Failure("the shop's logs got %d line(s) from a module file:\n%s" % (len(module_lines), "\n".join(module_lines)[:3000]))
            trace = str(error)
        if error is None:
            passed.append(name)
            print("PASS %-36s %5.1fs" % (name, time.monotonic() - started), flush=True)
        else:
            failed.append(name)
            folder = FAILURES / name
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "error.txt").write_text(trace + ("\nmodule lines in the shop's logs:\n" + "\n".join(module_lines) if module_lines else ""),
                                              encoding="utf-8")
            if browser is not None:
                browser.save_failure(folder)
            print("FAIL %-36s %5.1fs  %s" % (name, time.monotonic() - started, str(error).splitlines()[0] if str(error) else repr(error)), flush=True)
            if module_lines and "from a module file" not in str(error):
                print("     and %d log line(s) from a module file, e.g. %s" % (len(module_lines), module_lines[0][:300]), flush=True)
            print("     screenshot, page HTML and error: %s" % folder, flush=True)
            if browser is not None:
                browser.quit()
                browser = None
    if browser is not None:
        browser.quit()
    reset_settings()
    print("shop logs (log/mod_*.log, PHP error log): %d new line(s) from the shop itself, %d of its known stock noise"
          % (len(noise), stock))
    if noise:
        distinct = sorted({re.sub(r"^\[[^\]]*\]|\[pid:\d+\]", "", line.split(": ", 1)[1]) for _, line in noise})
        print("shop log lines not from the module (%d, %d distinct; not a failure):" % (len(noise), len(distinct)))
        for line in distinct[:15]:
            print("  " + line.strip()[:240])
    return passed, failed


def print_order(oid):
    order = Db.order(oid)
    print("order %d: status %s (%s), %s %s, payment %s, customer %s <%s>"
          % (oid, order["orders_status_name"], order["orders_status"], order["currency"],
             Db.value("SELECT value FROM orders_total WHERE orders_id = %d AND class = 'ot_total'" % oid),
             order["payment_method"], order["customers_name"], order["customers_email_address"]))
    print("history:")
    for row in Db.rows("SELECT h.date_added, s.orders_status_name, h.customer_notified, h.comments "
                       "FROM orders_status_history h LEFT JOIN orders_status s ON s.orders_status_id = h.orders_status_id "
                       "AND s.language_id = 1 WHERE h.orders_id = %d ORDER BY h.orders_status_history_id" % oid):
        print("  %s  %-10s  notified=%s  %s" % (row["date_added"], row["orders_status_name"],
                                                 row["customer_notified"], row["comments"] or ""))
    mails = Mails.for_order(oid)
    print("mails sent (%d):" % len(mails))
    for mail in mails:
        print("  to %s: %s" % (mail["to"], mail["subject"]))
    return order


def buy():
    """One purchase as in the demo: prints the order, its status history and the mails sent."""
    check_environment()
    reset_settings()
    b = Browser()
    try:
        started = time.monotonic()
        print("buyer %s: %s/login.php -> product %d x2 -> flat shipping -> Systempay -> confirm"
              % (b.email, SHOP, PRODUCT_ID), flush=True)
        oid = b.checkout()
        print("sandbox payment page: order %d, %s %s; paying with test card %s"
              % (oid, b.text("amount"), b.text("currency"), CARD_FRICTIONLESS), flush=True)
        b.pay(CARD_FRICTIONLESS)
        print("sandbox result: %s (%s)" % (b.result(), b.text("card")), flush=True)
        b.back_to_shop("checkout_success.php")
        print("back in the shop: %s" % b.url, flush=True)
        attempt = Sandbox.wait_delivered(oid)
        print("IPN: HTTP %s %s" % (attempt["http_code"], attempt["body"]), flush=True)
        order = print_order(oid)
        # The same shop switched to the embedded form (what the admin's "Payment form" setting does).
        Db.set_config("MODULE_PAYMENT_SYSTEMPAY_PAYMENT_FORM", "EMBEDDED")
        b.next_person()
        print("\npayment form switched to EMBEDDED; buyer %s pays in the form inside the shop" % b.email, flush=True)
        embedded = b.checkout_embedded()
        print("checkout_payment_iframe.php: order %d, embedded form from %s; paying with test card %s"
              % (embedded, SANDBOX, CARD_FRICTIONLESS), flush=True)
        b.pay_embedded(CARD_FRICTIONLESS)
        b.left_frame_for("checkout_success.php")
        print("back in the shop: %s" % b.url, flush=True)
        event = wait_rest_notification(embedded)[0]
        print("REST IPN: %s" % event["answer"], flush=True)
        second = print_order(embedded)
        ok = int(order["orders_status"]) == PROCESSING and int(second["orders_status"]) == PROCESSING
        ok = back_office(b) and ok
        print("%.1fs" % (time.monotonic() - started))
        return 0 if ok else 1
    except Exception:
        folder = FAILURES / "demo-buy"
        b.save_failure(folder)
        traceback.print_exc()
        print("demo purchase failed; screenshot and page HTML: %s" % folder, file=sys.stderr)
        return 1
    finally:
        reset_settings()
        b.quit()


def back_office(b):
    """The demo's third act, all from the shop admin's order page in the browser: manual validation
    (the merchant captures), a partial refund, the rest refunded, another order cancelled."""
    Db.set_config("MODULE_PAYMENT_SYSTEMPAY_PAYMENT_FORM", "HOSTED")
    Db.set_config("MODULE_PAYMENT_SYSTEMPAY_VALIDATION_MODE", "1")
    print("\nvalidation mode switched to manual: the merchant validates each payment before it is captured", flush=True)
    paid = []
    for _ in range(2):
        b.next_person()
        oid = b.checkout()
        b.pay(CARD_FRICTIONLESS)
        b.back_to_shop("checkout_success.php")
        Sandbox.wait_delivered(oid)
        wait_until(lambda: Db.attempt(oid)["status"] == "AUTHORISED_TO_VALIDATE", IPN_WAIT, "order %d waiting for validation" % oid)
        print("buyer %s paid order %d: %s" % (b.email, oid, Db.attempt(oid)["status"]), flush=True)
        paid.append(oid)
    first, second = paid
    admin = Browser(buyer=False)
    try:
        admin.login(ADMIN_EMAIL, ADMIN_PASSWORD)
        print("shop admin %s logged in: %s/admin/orders.php?oID=%d&action=edit" % (ADMIN_EMAIL, SHOP, first), flush=True)
        for kind, oid, amount, reason in (("validate", first, None, ""),):
            question, outcome = admin_operate(admin, oid, kind, amount, reason)
            print("  %s -> %s" % (question, outcome), flush=True)
        uuid = Sandbox.capture(first)
        print("  the platform's capture batch: order %d %s" % (first, Db.attempt(first)["status"]), flush=True)
        for kind, oid, amount, reason in (("refund", first, "20,00", "one item sent back"), ("refund", first, None, "the rest, goods returned"),
                                          ("cancel", second, None, "out of stock")):
            question, outcome = admin_operate(admin, oid, kind, amount, reason)
            print("  order %d: %s -> %s" % (oid, question, outcome), flush=True)
        print("  refunded at the platform: %.2f EUR" % (Sandbox.refunded(uuid) / 100.0), flush=True)
        wait_until(lambda: len([e for e in Db.events(first) if e["answer"] == "OK-Refund already registered."]) == 2, IPN_WAIT, "the refund notifications")
        refunded, cancelled = print_order(first), print_order(second)
    finally:
        admin.quit()
        Db.set_config("MODULE_PAYMENT_SYSTEMPAY_VALIDATION_MODE", "")
    return int(refunded["orders_status"]) != PROCESSING and int(cancelled["orders_status"]) != PROCESSING


def screenshots(target):
    """The README's pictures from the real shop: the payment choice, the platform's page, the success
    page and the admin's order page with the Systempay panel."""
    check_environment()
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    reset_settings()
    written = []

    def viewport(b, width, height):
        b.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                 {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def shot(b, name, width, bottom_js=None):
        """Full page (or down to the bottom that bottom_js computes) at this width."""
        viewport(b, width, 600)
        height = b.driver.execute_script(bottom_js or "return document.documentElement.scrollHeight")
        viewport(b, width, int(height) + 10)
        b.driver.save_screenshot(str(target / name))
        written.append(str(target / name))

    bottom_of = "var e = document.querySelector('%s'); return Math.ceil(e.getBoundingClientRect().bottom + window.scrollY) + 20;"
    b = Browser()
    try:
        b.to_payment_choice(language="en")
        b.choose_systempay()
        shot(b, "checkout-payment-choice.png", 1100, bottom_of % "form#checkout_payment")
        viewport(b, 1100, 900)
        oid = b.confirm()
        b.el("card_number").send_keys(CARD_FRICTIONLESS)
        b.el("cvv").send_keys("123")
        shot(b, "sandbox-payment-page.png", 760)
        viewport(b, 1100, 900)
        b.click("pay")
        b.back_to_shop("checkout_success.php")
        assert_success_page(b, oid)
        shot(b, "checkout-success.png", 1100, bottom_of % ".dm_checkout .button_row")
        Sandbox.wait_delivered(oid)
        # The embedded form inside the shop's own checkout_payment_iframe.php.
        Db.set_config("MODULE_PAYMENT_SYSTEMPAY_PAYMENT_FORM", "EMBEDDED")
        b.next_person()
        b.checkout_embedded()
        b.el("kr-pan").send_keys(CARD_FRICTIONLESS)
        b.el("kr-expiry").send_keys("12/30")
        b.el("kr-security-code").send_keys("123")
        b.driver.switch_to.default_content()
        shot(b, "checkout-embedded-form.png", 1100, bottom_of % "iframe")
    finally:
        reset_settings()
        b.quit()
    admin = Browser(buyer=False)
    try:
        admin.login(ADMIN_EMAIL, ADMIN_PASSWORD)
        # The panel after the capture and a partial refund from it, the platform asked.
        Sandbox.capture(oid)
        admin_refund(admin, oid, "10,00", "one item sent back")
        wait_until(lambda: [e for e in Db.events(oid) if e["answer"] == "OK-Refund already registered."], IPN_WAIT, "the refund notification")
        admin.get("admin/orders.php?oID=%d&action=edit&systempay_live=1" % oid)
        admin.el("systempay-panel")
        shot(admin, "admin-order-panel.png", 1280, bottom_of % "#systempay-panel")
    finally:
        admin.quit()
    print("order %d; wrote %s" % (oid, ", ".join(written)))
    return 0


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
    for key, value in SANDBOX_ENV.items():
        os.environ.setdefault(key, value)

    if args.command == "run" and args.list:
        for fn in SCENARIOS:
            print(fn.__name__)
        return 0
    RUN_DIR.mkdir(parents=True, exist_ok=True)
    if args.command == "buy":
        return buy()
    if args.command == "screenshots":
        return screenshots(args.dir)
    wanted = [n for n in args.only.split(",") if n]
    unknown = set(wanted) - {fn.__name__ for fn in SCENARIOS}
    if unknown:
        print("unknown scenario(s): %s" % ", ".join(sorted(unknown)), file=sys.stderr)
        return 2
    check_environment()
    selected = [fn for fn in SCENARIOS if not wanted or fn.__name__ in wanted]
    started = time.monotonic()
    passed, failed = run(selected)
    if failed:
        print("failed: %s" % ", ".join(failed))
    print("scenarios took %.0fs" % (time.monotonic() - started))
    print("%d passed, %d failed" % (len(passed), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
