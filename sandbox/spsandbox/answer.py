"""The embedded form's result on the wire: the V4/Payment object ("kr-answer"), its exact string,
its kr-hash, and the kr-* fields of the browser return and of the REST IPN (protocol.md section 4).

Shapes follow the real answers found in public fixtures (Lyra's PHP SDK tests, openfun/joanie's
captured IPNs): every object carries its "_type", absent values are null, dates look like
2024-04-11T08:34:08+00:00."""

import hashlib
import hmac
import json
import secrets
import uuid
from datetime import datetime, timedelta, timezone

ANSWER_TYPE = "V4/Payment"
HASH_ALGORITHM = "sha256_hmac"

# Form API status name (detailedStatus) -> REST transaction status. A cancelled payment is UNPAID
# (public integrations of Transaction/CancelOrRefund expect status UNPAID, detailedStatus CANCELLED).
STATUS_OF = {"AUTHORISED": "PAID", "AUTHORISED_TO_VALIDATE": "RUNNING", "REFUSED": "UNPAID", "CAPTURED": "PAID",
             "CANCELLED": "UNPAID", "ABANDONED": "UNPAID"}

BILLING_KEYS = ("address", "category", "cellPhoneNumber", "city", "country", "district", "firstName",
                "identityCode", "identityType", "language", "lastName", "phoneNumber", "state", "streetNumber",
                "title", "zipCode", "legalName")
SHIPPING_KEYS = ("address", "address2", "category", "city", "country", "deliveryCompanyName", "district",
                 "firstName", "identityCode", "lastName", "legalName", "phoneNumber", "shippingMethod",
                 "shippingSpeed", "state", "streetNumber", "zipCode")


def iso(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def now_iso() -> str:
    return iso(datetime.now(timezone.utc))


def _v(value):
    """Echo of an optional input value: empty string -> null."""
    return None if value in ("", None) else value


def _details(src, keys, type_name, upper=()):
    src = src if isinstance(src, dict) else {}
    out = {}
    for k in keys:
        v = _v(src.get(k))
        out[k] = v.upper() if k in upper and isinstance(v, str) else v
    out["_type"] = type_name
    return out


def customer_object(request: dict, client: dict) -> dict:
    """V4/Customer/Customer: the CreatePayment customer as the platform echoes it, plus what the
    browser told (client = {"ip": ..., "user_agent": ...})."""
    c = request.get("customer") if isinstance(request.get("customer"), dict) else {}
    cart = c.get("shoppingCart") if isinstance(c.get("shoppingCart"), dict) else {}
    return {
        # the platform writes the language in upper case ("FR")
        "billingDetails": _details(c.get("billingDetails"), BILLING_KEYS, "V4/Customer/BillingDetails",
                                   upper=("language",)),
        "email": _v(c.get("email")),
        "reference": _v(c.get("reference")),
        "shippingDetails": _details(c.get("shippingDetails"), SHIPPING_KEYS, "V4/Customer/ShippingDetails"),
        "extraDetails": {"browserAccept": None, "fingerPrintId": None, "ipAddress": client.get("ip"),
                         "browserUserAgent": client.get("user_agent"), "_type": "V4/Customer/ExtraDetails"},
        "shoppingCart": {"insuranceAmount": None, "shippingAmount": None, "taxAmount": None,
                         "cartItemInfo": _v(cart.get("cartItemInfo")), "_type": "V4/Customer/ShoppingCart"},
        "_type": "V4/Customer/Customer",
    }


def _threeds(play: dict, brand: str):
    """threeDSResponse (legacy shape, plus the 3DS2 transStatus) and authenticationResponse (3DS2)."""
    t = play["threeds"]
    condition = {"SUCCESS": "COND_3D_SUCCESS", "FAILED": "COND_3D_FAILURE",
                 "NOT_ENROLLED": "COND_3D_NOTENROLLED"}.get(t["status"], "COND_3D_ERROR")
    legacy = {
        "authenticationResultData": {
            "transactionCondition": condition, "enrolled": t["enrolled"], "status": t["status"],
            "eci": t.get("eci"), "xid": None, "cavvAlgorithm": "2" if t.get("cavv") else None,
            "cavv": t.get("cavv"), "signValid": None, "brand": brand, "transStatus": t["trans_status"],
            "_type": "V4/PaymentMethod/Details/Cards/CardAuthenticationResponse"},
        "_type": "V4/PaymentMethod/Details/Cards/ThreeDSResponse"}
    value = None
    if t.get("cavv"):
        value = {"authenticationValueType": "CAVV", "value": t["cavv"],
                 "_type": "V4/Charge/Authenticate/AuthenticationValue"}
    modern = {
        "id": str(uuid.uuid4()), "operationSessionId": None,
        "protocol": {"name": "THREEDS", "version": "2.2.0", "network": "VISA" if brand in ("CB", "VISA") else brand,
                     "challengePreference": play.get("challenge_preference", "NO_PREFERENCE"), "simulation": True,
                     "_type": "V4/Charge/Authenticate/Protocol"},
        "value": {"authenticationType": t.get("auth_type"), "authenticationId": None, "authenticationValue": value,
                  "status": t["status"], "commerceIndicator": t.get("eci"), "extension": None, "reason": None,
                  "_type": "V4/Charge/Authenticate/AuthenticationResult"},
        "_type": "V4/AuthenticationResponseData"}
    return legacy, modern


def transaction_object(token: dict, tx: dict, play: dict, created: datetime) -> dict:
    """V4/PaymentTransaction of one try. play = what krypton.py decided (card, 3DS, status, error)."""
    req = token["request"]
    card_opts = ((req.get("transactionOptions") or {}).get("cardOptions") or {})
    manual = "YES" if card_opts.get("manualValidation") == "YES" else "NO"
    delay = int(card_opts.get("captureDelay") or 0)
    status = play["detailed_status"]
    err = play.get("error") or {}
    accepted = status in ("AUTHORISED", "AUTHORISED_TO_VALIDATE")
    legacy_3ds, modern_3ds = _threeds(play, play["brand"])
    auth = {"amount": token["amount"], "currency": token["currency"], "authorizationDate": iso(created),
            "authorizationNumber": play.get("auth_number"), "authorizationResult": play.get("auth_result"),
            "authorizationMode": "FULL", "_type": "V4/PaymentMethod/Details/Cards/CardAuthorizationResponse"}
    if play.get("auth_result") is None:   # no authorisation asked (3DS failed before it)
        auth.update(amount=None, currency=None, authorizationDate=None, authorizationMode=None)
    card = {
        "paymentSource": "EC", "manualValidation": manual,
        "expectedCaptureDate": iso(created + timedelta(days=delay)),
        "effectiveBrand": play["brand"], "pan": play["pan"], "expiryMonth": play["expiry_month"],
        "expiryYear": play["expiry_year"], "country": "FR", "issuerCode": None,
        "issuerName": "Banque de démo et de l'innovation", "effectiveProductCode": "F",
        "legacyTransId": tx["trans_id"], "legacyTransDate": iso(created), "paymentMethodSource": "NEW",
        "authorizationResponse": auth,
        "captureResponse": {"refundAmount": None, "refundCurrency": None, "captureDate": None,
                            "captureFileNumber": None, "effectiveRefundAmount": None,
                            "effectiveRefundCurrency": None,
                            "_type": "V4/PaymentMethod/Details/Cards/CardCaptureResponse"},
        "threeDSResponse": legacy_3ds, "authenticationResponse": modern_3ds,
        "installmentNumber": None, "installmentCode": None,
        "markAuthorizationResponse": {"amount": None, "currency": None, "authorizationDate": None,
                                      "authorizationNumber": None, "authorizationResult": None,
                                      "_type": "V4/PaymentMethod/Details/Cards/MarkAuthorizationResponse"},
        "cardHolderName": None, "_type": "V4/PaymentMethod/Details/CardDetails",
    }
    return {
        "shopId": token["site_id"], "uuid": tx["trans_uuid"], "amount": token["amount"],
        "currency": token["currency"], "paymentMethodType": "CARD", "paymentMethodToken": None,
        "status": STATUS_OF[status], "detailedStatus": status, "operationType": "DEBIT",
        "effectiveStrongAuthentication": "ENABLED" if play["threeds"]["status"] in ("SUCCESS", "FAILED")
        else "DISABLED",
        "creationDate": iso(created),
        "errorCode": err.get("errorCode"), "errorMessage": err.get("errorMessage"),
        "detailedErrorCode": err.get("detailedErrorCode"), "detailedErrorMessage": err.get("detailedErrorMessage"),
        "metadata": req.get("metadata") if isinstance(req.get("metadata"), dict) else None,
        "transactionDetails": {
            "liabilityShift": ("YES" if play["threeds"]["status"] == "SUCCESS" else "NO") if accepted else None,
            "effectiveAmount": token["amount"], "effectiveCurrency": token["currency"],
            "creationContext": "CHARGE", "cardDetails": card, "fraudManagement": None,
            "parentTransactionUuid": None, "mid": "5785350", "sequenceNumber": 1, "wallet": None,
            "_type": "V4/TransactionDetails"},
        "_type": "V4/PaymentTransaction",
    }


def payment_object(token: dict, tx: dict, play: dict, order_cycle: str, client: dict) -> dict:
    """The whole V4/Payment of one try (one transaction per answer)."""
    created = datetime.now(timezone.utc)
    trs = transaction_object(token, tx, play, created)
    return {
        "shopId": token["site_id"], "orderCycle": order_cycle, "orderStatus": trs["status"],
        "serverDate": iso(created),
        "orderDetails": {"orderTotalAmount": token["amount"], "orderEffectiveAmount": token["amount"],
                         "orderCurrency": token["currency"], "mode": token["mode"],
                         "orderId": token["order_id"] or None, "metadata": None, "_type": "V4/OrderDetails"},
        "customer": customer_object(token["request"], client),
        "transactions": [trs],
        "subMerchantDetails": None,
        "_type": ANSWER_TYPE,
    }


def serialize(answer: dict, escaped_slashes: bool = True) -> str:
    """The exact kr-answer string: compact JSON, UTF-8 characters raw (not \\u-escaped), and "/"
    written "\\/" unless escaped_slashes is False. A shop must hash this string as received;
    decoding and re-encoding it gives other bytes."""
    text = json.dumps(answer, ensure_ascii=False, separators=(",", ":"))
    # "/" only occurs inside JSON strings, so escaping every one keeps the JSON equivalent.
    return text.replace("/", "\\/") if escaped_slashes else text


def kr_hash(kr_answer: str, key: str) -> str:
    """Lowercase hex HMAC-SHA-256 of the UTF-8 bytes of the exact kr-answer string."""
    return hmac.new(key.encode("utf-8"), kr_answer.encode("utf-8"), hashlib.sha256).hexdigest()


def browser_fields(kr_answer: str, shop, mode: str) -> dict:
    """What the JavaScript client posts to kr-post-url-success/-refused: hashed with the HMAC key."""
    return {"kr-hash": kr_hash(kr_answer, shop.hmac_key_for(mode)), "kr-hash-algorithm": HASH_ALGORITHM,
            "kr-hash-key": "sha256_hmac", "kr-answer-type": ANSWER_TYPE, "kr-answer": kr_answer}


def ipn_fields(kr_answer: str, shop, mode: str, src: str) -> dict:
    """What the REST IPN posts to ipnTargetUrl: hashed with the REST password, plus kr-src."""
    return {"kr-src": src, "kr-hash": kr_hash(kr_answer, shop.rest_password_for(mode)),
            "kr-hash-algorithm": HASH_ALGORITHM, "kr-hash-key": "password", "kr-answer-type": ANSWER_TYPE,
            "kr-answer": kr_answer}


def auth_number() -> str:
    return secrets.token_hex(3)
