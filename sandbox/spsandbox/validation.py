"""Validation of the payment form as the platform does it (protocol.md section 1).

Order: shop (02) and mode (11) first because they select the key, then the
signature (00) - nothing else is trusted before it - then every field format.
Error codes follow the platform's field dictionary (vads_extra_result codes);
fields whose code the sandbox does not know use 99."""

import re
from dataclasses import dataclass
from datetime import datetime, timezone

from . import signature
from .cards import KNOWN_BRANDS
from .currencies import CURRENCIES
from .i18n import SUPPORTED_LANGUAGES


@dataclass
class FormError:
    code: str
    field: str
    reason: str        # key into the i18n texts: missing, bad_format, bad_value, ...
    detail: str = ""   # free text (English) for the log / page


MANDATORY = ("vads_site_id", "vads_ctx_mode", "vads_trans_id", "vads_trans_date", "vads_amount",
             "vads_currency", "vads_action_mode", "vads_page_action", "vads_payment_config",
             "vads_version")

CODES = {
    "signature": "00", "vads_version": "01", "vads_site_id": "02", "vads_trans_id": "03",
    "vads_trans_date": "04", "vads_validation_mode": "05", "vads_capture_delay": "06",
    "vads_payment_config": "07", "vads_payment_cards": "08", "vads_amount": "09",
    "vads_currency": "10", "vads_ctx_mode": "11", "vads_language": "12", "vads_order_id": "13",
    "vads_order_info": "14", "vads_cust_email": "15", "vads_cust_id": "16", "vads_cust_title": "17",
    "vads_cust_name": "18", "vads_cust_address": "19", "vads_cust_zip": "20", "vads_cust_city": "21",
    "vads_cust_country": "22", "vads_cust_phone": "23", "vads_url_success": "24",
    "vads_url_refused": "25", "vads_url_referral": "26", "vads_url_cancel": "27",
    "vads_url_return": "28", "vads_url_error": "29", "vads_redirect_success_timeout": "34",
    "vads_redirect_success_message": "35", "vads_redirect_error_timeout": "36",
    "vads_redirect_error_message": "37", "vads_page_action": "46", "vads_action_mode": "47",
    "vads_return_mode": "48", "vads_available_languages": "71", "vads_ship_to_country": "86",
}

URL_FIELDS = ("vads_url_return", "vads_url_success", "vads_url_refused", "vads_url_cancel",
              "vads_url_error", "vads_url_referral")

# Optional free-text fields: maximum length in characters (protocol.md section 1 limits).
MAX_LEN = {
    "vads_cust_id": 63, "vads_cust_email": 150, "vads_cust_first_name": 63, "vads_cust_last_name": 63,
    "vads_cust_name": 127, "vads_cust_address": 255, "vads_cust_address_number": 64,
    "vads_cust_district": 127, "vads_cust_zip": 64, "vads_cust_city": 128, "vads_cust_state": 127,
    "vads_cust_phone": 32, "vads_cust_cell_phone": 32, "vads_cust_legal_name": 100,
    "vads_ship_to_first_name": 63, "vads_ship_to_last_name": 63, "vads_ship_to_name": 127,
    "vads_ship_to_street": 255, "vads_ship_to_street2": 255, "vads_ship_to_district": 127,
    "vads_ship_to_zip": 64, "vads_ship_to_city": 128, "vads_ship_to_state": 127,
    "vads_ship_to_phone_num": 32, "vads_contrib": 255, "vads_order_info": 255,
    "vads_order_info2": 255, "vads_order_info3": 255, "vads_redirect_success_message": 255,
    "vads_redirect_error_message": 255,
}

_RE_DIGITS8 = re.compile(r"\A[0-9]{8}\Z")
_RE_TRANS_ID_STRICT = re.compile(r"\A[0-9]{6}\Z")
_RE_TRANS_ID_ALNUM = re.compile(r"\A[0-9a-zA-Z]{6}\Z")
_RE_DATE = re.compile(r"\A[0-9]{14}\Z")
_RE_AMOUNT = re.compile(r"\A[1-9][0-9]{0,11}\Z")
_RE_CURRENCY = re.compile(r"\A[0-9]{3}\Z")
_RE_ORDER_ID = re.compile(r"\A[A-Za-z0-9_-]{0,64}\Z")
_RE_LANG = re.compile(r"\A[a-z]{2}\Z")
_RE_COUNTRY = re.compile(r"\A[A-Z]{2}\Z")
_RE_EMAIL = re.compile(r"\A[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+\Z")
_RE_SMALL_INT = re.compile(r"\A[0-9]{1,3}\Z")
_RE_URL = re.compile(r"\Ahttps?://[^\s<>\"]+\Z")


def code_of(field: str) -> str:
    return CODES.get(field, "99")


def parse_trans_date(value: str):
    try:
        return datetime.strptime(value, "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def validate(fields: dict, config, now: datetime = None):
    """Return (errors, shop). `fields` maps each posted name to its value, as received."""
    now = now or datetime.now(timezone.utc)
    errors = []

    def err(field, reason, detail=""):
        errors.append(FormError(code_of(field), field, reason, detail))

    site_id = fields.get("vads_site_id")
    if site_id is None or site_id == "":
        err("vads_site_id", "missing")
        return errors, None
    if not _RE_DIGITS8.match(site_id):
        err("vads_site_id", "bad_format", "8 digits expected")
        return errors, None
    shop = config.shop(site_id)
    if shop is None:
        err("vads_site_id", "unknown_shop", "no shop %s in the sandbox configuration" % site_id)
        return errors, None

    ctx = fields.get("vads_ctx_mode")
    if ctx is None or ctx == "":
        err("vads_ctx_mode", "missing")
        return errors, shop
    if ctx not in ("TEST", "PRODUCTION"):
        err("vads_ctx_mode", "bad_value", "TEST or PRODUCTION expected")
        return errors, shop
    key = shop.key_for(ctx)
    if not key:
        err("vads_ctx_mode", "mode_unavailable", "no %s key configured for shop %s" % (ctx, site_id))
        return errors, shop

    if not signature.verify(fields, key, shop.algorithm, fields.get("signature")):
        err("signature", "bad_signature", "expected %s over the vads_* fields" % shop.algorithm)
        return errors, shop

    for name in MANDATORY:
        if fields.get(name, "") == "":
            err(name, "missing")
    present = lambda n: fields.get(n, "") != ""  # noqa: E731

    def check(name, ok, reason="bad_format", detail=""):
        if present(name) and not ok(fields[name]):
            err(name, reason, detail)

    check("vads_version", lambda v: v == "V2", "bad_value", "V2 expected")
    trans_re = _RE_TRANS_ID_ALNUM if config.allow_alnum_trans_id else _RE_TRANS_ID_STRICT
    check("vads_trans_id", lambda v: bool(trans_re.match(v)) and (
        config.allow_alnum_trans_id or int(v) <= 899999), detail="6 digits 000000-899999 expected")
    if present("vads_trans_date"):
        v = fields["vads_trans_date"]
        d = parse_trans_date(v) if _RE_DATE.match(v) else None
        if d is None:
            err("vads_trans_date", "bad_format", "UTC YYYYMMDDHHMMSS expected")
        elif abs((now - d).total_seconds()) > config.trans_date_tolerance:
            err("vads_trans_date", "bad_date",
                "more than %d s away from the platform's clock (%s UTC)"
                % (config.trans_date_tolerance, now.strftime("%Y%m%d%H%M%S")))
    check("vads_amount", lambda v: bool(_RE_AMOUNT.match(v)),
          detail="positive integer in minor units, no leading zero, at most 12 digits")
    if present("vads_currency"):
        v = fields["vads_currency"]
        if not _RE_CURRENCY.match(v):
            err("vads_currency", "bad_format", "ISO 4217 numeric code expected")
        elif v not in CURRENCIES:
            err("vads_currency", "bad_value", "currency %s not supported" % v)
    check("vads_action_mode", lambda v: v == "INTERACTIVE", "bad_value", "INTERACTIVE expected")
    check("vads_page_action", lambda v: v == "PAYMENT", "bad_value", "PAYMENT expected")
    check("vads_payment_config", lambda v: v == "SINGLE", "bad_value", "SINGLE expected")

    # optional fields
    check("vads_order_id", lambda v: bool(_RE_ORDER_ID.match(v)), detail="at most 64 of [A-Za-z0-9_-]")
    check("vads_language", lambda v: bool(_RE_LANG.match(v)), detail="ISO 639-1, 2 lowercase letters")
    check("vads_available_languages",
          lambda v: all(x in SUPPORTED_LANGUAGES for x in v.split(";") if x), "bad_value",
          "';'-separated supported language codes")
    check("vads_validation_mode", lambda v: v in ("0", "1"), "bad_value", "0, 1 or empty")
    check("vads_capture_delay", lambda v: bool(_RE_SMALL_INT.match(v)), detail="number of days")
    check("vads_payment_cards", lambda v: all(b in KNOWN_BRANDS for b in v.split(";") if b),
          "bad_value", "';'-separated brand codes")
    check("vads_return_mode", lambda v: v in ("GET", "POST", "NONE"), "bad_value", "GET, POST or NONE")
    check("vads_threeds_mpi", lambda v: v in ("0", "1", "2", "3", "4"), "bad_value", "empty, 0 or 2")
    for name in URL_FIELDS:
        check(name, lambda v: len(v) <= 1024 and bool(_RE_URL.match(v)),
              detail="absolute http(s) URL of at most 1024 characters")
    for name in ("vads_redirect_success_timeout", "vads_redirect_error_timeout"):
        check(name, lambda v: bool(_RE_SMALL_INT.match(v)) and int(v) <= 300, "bad_value", "0-300 seconds")
    check("vads_cust_email", lambda v: bool(_RE_EMAIL.match(v)), detail="e-mail address")
    for name in ("vads_cust_country", "vads_ship_to_country"):
        check(name, lambda v: bool(_RE_COUNTRY.match(v)), detail="ISO 3166 alpha-2, uppercase")
    for name, n in MAX_LEN.items():
        check(name, lambda v, n=n: len(v) <= n, detail="at most %d characters" % n)
    return errors, shop
