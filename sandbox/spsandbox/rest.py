"""REST API V4 web services (https://api.systempay.fr/api-payment/V4/<Service>/<Operation>),
served under /api-payment/V4/ (protocol.md section 4).

HTTP Basic "shopId:password": the password is the shop's TEST or PRODUCTION REST password, and
the call runs in that mode. Every answer, 200 and 401 alike, is the V4 envelope.

Implemented: Charge/CreatePayment (-> formToken for the embedded form, see krypton.py),
Charge/SDKTest, and the management calls of management.py (Transaction/Get, Order/Get,
Transaction/CancelOrRefund, Transaction/Update, Transaction/Validate). To add an operation, write
def op(ctx, body) -> (http_status, answer_dict)  and register it in HANDLERS; ctx has .platform,
.shop, .mode."""

import base64
import binascii
import hmac
import json
import logging
import re
import secrets

from .currencies import NUMERIC_BY_ALPHA3
from .management import MANAGEMENT_HANDLERS
from .v4envelope import Context, InputError, envelope, error_answer

log = logging.getLogger("sandbox.rest")


# -- Charge/CreatePayment -----------------------------------------------------------------

# INT codes per input field. INT_015 (customer email) and INT_016 (customer reference) are the
# platform's (Lyra's plugins retry without these fields on them); the others are the sandbox's
# own numbering: treat any INT_* as "the shop sent something invalid" and log the messages.
STRONG_AUTH = ("ENABLED", "DISABLED", "NO_PREFERENCE", "CHALLENGE_REQUESTED", "CHALLENGE_MANDATE",
               "NO_CHALLENGE_REQUESTED", "AUTO")
ADDRESS_LIMITS = {"firstName": 63, "lastName": 63, "address": 255, "address2": 255, "zipCode": 64, "city": 128,
                  "phoneNumber": 32, "cellPhoneNumber": 32, "state": 127, "district": 127, "streetNumber": 64,
                  "title": 63, "category": 32, "legalName": 100, "identityCode": 255, "identityType": 32,
                  "deliveryCompanyName": 127, "shippingMethod": 64, "shippingSpeed": 64}
_RE_AMOUNT = re.compile(r"\A[1-9][0-9]{0,11}\Z")
_RE_EMAIL = re.compile(r"\A[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+\Z")
_RE_URL = re.compile(r"\Ahttps?://[^\s<>\"/]+(/[^\s<>\"]*)?\Z")
_RE_COUNTRY = re.compile(r"\A[A-Z]{2}\Z")
_RE_LANGUAGE = re.compile(r"\A[A-Za-z]{2}\Z")


def _absent(value):
    """The platform treats a missing field, null and "" alike (plugins send "" for unknown data)."""
    return value is None or value == ""


def _text(obj, key, path, code, message, limit):
    v = obj.get(key)
    if _absent(v):
        return None
    if not isinstance(v, str) or len(v) > limit:
        raise InputError(code, message, path, v)
    return v


def _address(obj, path, code, message):
    if _absent(obj):
        return
    if not isinstance(obj, dict):
        raise InputError(code, message, path, obj)
    for key, v in obj.items():
        if _absent(v):
            continue
        if isinstance(v, (dict, list)):
            raise InputError(code, message, "%s.%s" % (path, key), v)
        if key == "country":
            if not isinstance(v, str) or not _RE_COUNTRY.match(v):
                raise InputError(code, message, path + ".country", v)
        elif key == "language":
            if not isinstance(v, str) or not _RE_LANGUAGE.match(v):
                raise InputError(code, message, path + ".language", v)
        elif key in ADDRESS_LIMITS:
            _text(obj, key, "%s.%s" % (path, key), code, message, ADDRESS_LIMITS[key])


def _small_int(v, path, code, message, top):
    """An int, or a digit string (the PHP plugins send strings), 0..top."""
    if isinstance(v, bool) or not (isinstance(v, int) or (isinstance(v, str) and v.isdigit())) \
            or not 0 <= int(v) <= top:
        raise InputError(code, message, path, v)


def validate_create_payment(body: dict):
    """Raises InputError for the first invalid field, in the order below. Unknown fields are
    accepted and kept (contrib, paymentMethods, ...), as the platform accepts many more."""
    amount = body.get("amount")
    if isinstance(amount, bool) or not (
            (isinstance(amount, int) and 0 < amount <= 999999999999)
            or (isinstance(amount, str) and _RE_AMOUNT.match(amount))):
        raise InputError("INT_009", "invalid amount", "amount", amount)
    currency = body.get("currency")
    if not isinstance(currency, str) or currency not in NUMERIC_BY_ALPHA3:
        raise InputError("INT_010", "invalid currency", "currency", currency)
    _text(body, "orderId", "orderId", "INT_011", "invalid orderId", 64)
    if not _absent(body.get("formAction")) and body.get("formAction") != "PAYMENT":
        raise InputError("INT_012", "invalid formAction (the sandbox only does PAYMENT)", "formAction",
                         body.get("formAction"))
    customer = body.get("customer")
    if not _absent(customer):
        if not isinstance(customer, dict):
            raise InputError("INT_014", "invalid customer", "customer", customer)
        email = customer.get("email")
        if not _absent(email) and (not isinstance(email, str) or len(email) > 150 or not _RE_EMAIL.match(email)):
            raise InputError("INT_015", "invalid customer email", "customer.email", email)
        _text(customer, "reference", "customer.reference", "INT_016", "invalid customer reference", 80)
        _address(customer.get("billingDetails"), "customer.billingDetails", "INT_017", "invalid billing details")
        _address(customer.get("shippingDetails"), "customer.shippingDetails", "INT_018",
                 "invalid shipping details")
    url = body.get("ipnTargetUrl")
    if not _absent(url) and (not isinstance(url, str) or len(url) > 1024 or not _RE_URL.match(url)):
        raise InputError("INT_019", "invalid ipnTargetUrl", "ipnTargetUrl", url)
    strong = body.get("strongAuthentication")
    if not _absent(strong) and strong not in STRONG_AUTH:
        raise InputError("INT_020", "invalid strongAuthentication", "strongAuthentication", strong)
    options = body.get("transactionOptions")
    if not _absent(options):
        card = options.get("cardOptions") if isinstance(options, dict) else None
        if not isinstance(options, dict) or not (_absent(card) or isinstance(card, dict)):
            raise InputError("INT_021", "invalid transactionOptions", "transactionOptions", options)
        card = card or {}
        if not _absent(card.get("captureDelay")):
            _small_int(card["captureDelay"], "transactionOptions.cardOptions.captureDelay", "INT_022",
                       "invalid captureDelay", 365)
        if not _absent(card.get("manualValidation")) and card["manualValidation"] not in ("YES", "NO"):
            raise InputError("INT_023", "invalid manualValidation", "transactionOptions.cardOptions.manualValidation",
                             card["manualValidation"])
        if not _absent(card.get("retry")):
            _small_int(card["retry"], "transactionOptions.cardOptions.retry", "INT_024", "invalid retry", 9)
    metadata = body.get("metadata")
    if not _absent(metadata):
        if not isinstance(metadata, dict) or any(isinstance(v, (dict, list)) for v in metadata.values()):
            raise InputError("INT_025", "invalid metadata (a flat object is expected)", "metadata", metadata)


def create_payment(ctx: Context, body: dict):
    p = ctx.platform
    try:
        validate_create_payment(body)
    except InputError as e:
        value = json.dumps(e.value, ensure_ascii=False)[:100]
        log.warning("CreatePayment refused: shop %s %s %s %s (%s)", ctx.shop.site_id, ctx.mode, e.code, e.field,
                    value)
        p.store.add_form_error(ctx.shop.site_id, "", e.code, e.field, "CreatePayment: %s %s" % (e.message, value),
                               body)
        return 200, error_answer(e.code, e.message, None, "Invalid input value [name=%s, value=%s]"
                                 % (e.field, value), ctx.shop.site_id)
    form_token = "SB" + secrets.token_urlsafe(48)        # opaque, 66 url-safe characters
    ipn_url = body.get("ipnTargetUrl") or ctx.shop.ipn_url_for(ctx.mode)
    p.store.create_rest_token(form_token, ctx.shop.site_id, ctx.mode, body.get("orderId") or "",
                              int(body["amount"]), body["currency"], ipn_url, body)
    log.info("CreatePayment: shop %s %s order %s amount %s %s -> formToken %s…", ctx.shop.site_id, ctx.mode,
             body.get("orderId") or "-", body["amount"], body["currency"], form_token[:12])
    return 200, {"formToken": form_token, "_type": "V4/Charge/PaymentForm"}


def sdk_test(ctx: Context, body: dict):
    return 200, {"value": body.get("value"), "_type": "V4/Charge/SDKTest"}


HANDLERS = {
    "Charge/CreatePayment": create_payment,
    "Charge/SDKTest": sdk_test,
    **MANAGEMENT_HANDLERS,
}


# -- dispatcher --------------------------------------------------------------------------

def _authenticate(platform, headers):
    """(shop, mode, detail): shop None when the credentials are refused."""
    auth = headers.get("Authorization") or ""
    if not auth.startswith("Basic "):
        return None, None, "missing HTTP Basic Authorization header"
    try:
        shop_id, _, password = base64.b64decode(auth[6:], validate=True).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None, None, "malformed Authorization header"
    # the real passwords say their mode; used for the envelope of a refusal
    guessed = "PRODUCTION" if password.startswith("prodpassword_") else "TEST"
    shop = platform.config.shop(shop_id)
    if shop is None:
        return None, guessed, "unknown shop %r" % shop_id
    for mode in shop.rest_modes():
        if hmac.compare_digest(shop.rest_password_for(mode).encode("utf-8"), password.encode("utf-8")):
            return shop, mode, ""
    return None, guessed, "wrong password for shop %s" % shop_id


def dispatch(platform, method: str, path: str, headers, body: bytes, server_url: str):
    """Returns (http_status, envelope dict, extra headers)."""
    operation = path.strip("/")
    handler = HANDLERS.get(operation)
    if method != "POST":
        return 405, envelope(operation, "TEST", error_answer(
            "INT_903", "invalid HTTP method: POST expected"), server_url), {"Allow": "POST"}
    if handler is None:
        return 501, envelope(operation, "TEST", error_answer(
            "PSP_SANDBOX_501", "REST operation %r is not implemented in the sandbox" % operation), server_url), {}
    shop, mode, detail = _authenticate(platform, headers)
    if shop is None:
        log.warning("REST %s refused: %s", operation, detail)
        return 401, envelope(operation, mode or "TEST", error_answer(
            "INT_902", "web-service authentication failed", None, detail), server_url), {}
    try:
        data = json.loads(body.decode("utf-8") or "{}")
    except (UnicodeDecodeError, ValueError) as e:
        data, detail = None, "can't decode JSON data: %s" % e
    if not isinstance(data, dict):
        return 200, envelope(operation, mode, error_answer(
            "INT_902", "web-service input data validation error", None,
            detail if data is None else "a JSON object is expected", shop.site_id), server_url), {}
    status, answer = handler(Context(platform, shop, mode), data)
    return status, envelope(operation, mode, answer, server_url), {}
