"""The V4 transaction object of any finished transaction, however it was paid: a REST try (built
from its stored kr-answer) or a hosted-page payment (built from its vads_* result), with its current
state (status, amount, capture, refunds). It answers Transaction/Get, Order/Get and the management
calls, and it is the transaction of the REST IPNs they send.

The kr-answer shape ("V4/PaymentTransaction") is answer.py's; Transaction/Get's "V4/Transaction" is
the same object with the order details and the customer."""

import copy
from datetime import datetime, timezone

from . import answer
from .currencies import CURRENCIES

CAPTURE_RESPONSE_TYPE = "V4/PaymentMethod/Details/Cards/CardCaptureResponse"


def parse_vads_date(value: str):
    """'YYYYMMDDHHMMSS' (UTC) -> datetime, or None."""
    try:
        return datetime.strptime(value or "", "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def parse_iso(value: str):
    """'2024-04-11T08:34:08+00:00' (or the store's '...Z' times) -> datetime, or None."""
    try:
        return datetime.strptime((value or "")[:19], "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def alpha3(tx) -> str:
    return CURRENCIES[tx["currency"]][0]


def expected_capture_date(tx):
    """When the capture batch may capture this payment (its capture delay or a Transaction/Update)."""
    if tx.get("api") == "REST":
        card = tx["result"]["transactions"][0]["transactionDetails"]["cardDetails"]
        return parse_iso(card.get("expectedCaptureDate"))
    return parse_vads_date(tx["result"].get("vads_presentation_date"))


def capture_response(tx, refunded: int) -> dict:
    """cardDetails.captureResponse: the capture date once captured, the amount refunded so far
    (plugins read refundAmount to know what is left to refund)."""
    captured = parse_iso(tx.get("captured_at"))
    cur = alpha3(tx) if refunded else None
    return {"refundAmount": refunded or None, "refundCurrency": cur, "captureDate": answer.iso(captured)
            if captured else None, "captureFileNumber": captured.strftime("%j%H%M") if captured else None,
            "effectiveRefundAmount": refunded or None, "effectiveRefundCurrency": cur,
            "_type": CAPTURE_RESPONSE_TYPE}


def payment_transaction(tx, refunded: int = 0, parent_uuid: str = None) -> dict:
    """The "V4/PaymentTransaction" of tx as it is now (the kr-answer's transactions[0])."""
    if tx.get("api") == "REST":
        t = copy.deepcopy(tx["result"]["transactions"][0])
    else:
        t = _form_transaction(tx, parent_uuid)
    status = tx["status"]
    t.update(amount=tx["amount"], status=answer.STATUS_OF.get(status, "UNPAID"), detailedStatus=status,
             operationType=tx.get("operation_type") or "DEBIT")
    details = t["transactionDetails"]
    details["effectiveAmount"] = tx["amount"]
    details["cardDetails"]["captureResponse"] = capture_response(tx, refunded)
    return t


def transaction_object(tx, refunded: int = 0, parent_uuid: str = None) -> dict:
    """The "V4/Transaction" answer of Transaction/Get and of the management calls."""
    t = payment_transaction(tx, refunded, parent_uuid)
    t["orderDetails"], t["customer"] = order_and_customer(tx)
    t["_type"] = "V4/Transaction"
    return t


def order_and_customer(tx):
    if tx.get("api") == "REST":
        r = tx["result"]
        return copy.deepcopy(r["orderDetails"]), copy.deepcopy(r["customer"])
    r, req = tx["result"], tx["request"]
    order = {"orderTotalAmount": int(req.get("vads_amount") or tx["amount"]), "orderEffectiveAmount": tx["amount"],
             "orderCurrency": alpha3(tx), "mode": tx["ctx_mode"], "orderId": tx["order_id"] or None,
             "metadata": None, "_type": "V4/OrderDetails"}
    return order, _form_customer(r)


def payment_answer(tx, refunded: int = 0) -> dict:
    """The REST IPN's kr-answer ("V4/Payment") for tx as it is now: its stored answer with the
    transaction's current state."""
    r = copy.deepcopy(tx["result"])
    t = payment_transaction(tx, refunded)
    r["transactions"] = [t]
    r["orderStatus"] = t["status"]
    r["orderCycle"] = "CLOSED"
    r["serverDate"] = answer.now_iso()
    if tx.get("operation_type") != "CREDIT":     # a payment's amount lowered by Transaction/Update
        r["orderDetails"]["orderEffectiveAmount"] = tx["amount"]
    return r


# -- hosted-page payments ---------------------------------------------------------------

def _v(value):
    return None if value in ("", None) else value


def _int(value):
    return int(value) if (value or "").isdigit() else None


def _form_transaction(tx, parent_uuid):
    """A hosted-page payment (or its refund) in the REST shape, from its vads_* result."""
    r = tx["result"]
    cur = alpha3(tx)
    created = parse_vads_date(r.get("vads_effective_creation_date")) or parse_iso(tx["created_at"])
    status = tx["status"]
    accepted = status in ("AUTHORISED", "AUTHORISED_TO_VALIDATE", "CAPTURED")
    error = None
    if status == "REFUSED":
        # as the embedded form says it: 3-D Secure failed, or refused by the issuer
        error = ("PSP_003" if r.get("vads_threeds_status") == "N" else "ACQ_001", "payment refused")
    enrolled = {"Y": "YES", "N": "NO"}.get(r.get("vads_threeds_enrolled"), "UNKNOWN")
    three_ds = {"Y": "SUCCESS", "N": "FAILED", "A": "NOT_ENROLLED"}.get(r.get("vads_threeds_status"), "UNKNOWN")
    brand = _v(r.get("vads_card_brand"))
    auth_result = r.get("vads_auth_result")
    metadata = {k[len("vads_ext_info_"):]: v for k, v in r.items() if k.startswith("vads_ext_info_")}
    card = {
        "paymentSource": r.get("vads_payment_src") or "EC",
        "manualValidation": "YES" if r.get("vads_validation_mode") == "1" else "NO",
        "expectedCaptureDate": answer.iso(expected_capture_date(tx) or created),
        "effectiveBrand": brand, "pan": _v(r.get("vads_card_number")),
        "expiryMonth": _int(r.get("vads_expiry_month")), "expiryYear": _int(r.get("vads_expiry_year")),
        "country": _v(r.get("vads_card_country")), "issuerCode": _v(r.get("vads_bank_code")), "issuerName": None,
        "effectiveProductCode": _v(r.get("vads_bank_product")), "legacyTransId": tx["trans_id"],
        "legacyTransDate": answer.iso(parse_vads_date(r.get("vads_trans_date")) or created),
        "paymentMethodSource": "NEW",
        "authorizationResponse": {
            "amount": tx["amount"] if auth_result else None, "currency": cur if auth_result else None,
            "authorizationDate": answer.iso(created) if auth_result else None,
            "authorizationNumber": _v(r.get("vads_auth_number")),
            # the REST API writes the accepted result "0" where the form API writes "00"
            "authorizationResult": "0" if auth_result == "00" else _v(auth_result),
            "authorizationMode": _v(r.get("vads_auth_mode")),
            "_type": "V4/PaymentMethod/Details/Cards/CardAuthorizationResponse"},
        "captureResponse": None,
        "threeDSResponse": {"authenticationResultData": {
            "transactionCondition": {"SUCCESS": "COND_3D_SUCCESS", "FAILED": "COND_3D_FAILURE",
                                     "NOT_ENROLLED": "COND_3D_NOTENROLLED"}.get(three_ds, "COND_3D_ERROR"),
            "enrolled": enrolled, "status": three_ds, "eci": _v(r.get("vads_threeds_eci")), "xid": None,
            "cavvAlgorithm": None, "cavv": _v(r.get("vads_threeds_cavv")), "signValid": None, "brand": brand,
            "transStatus": _v(r.get("vads_threeds_status")),
            "_type": "V4/PaymentMethod/Details/Cards/CardAuthenticationResponse"},
            "_type": "V4/PaymentMethod/Details/Cards/ThreeDSResponse"},
        "authenticationResponse": None, "installmentNumber": None, "installmentCode": None,
        "markAuthorizationResponse": None, "cardHolderName": None, "_type": "V4/PaymentMethod/Details/CardDetails",
    }
    return {
        "shopId": tx["site_id"], "uuid": tx["trans_uuid"], "amount": tx["amount"], "currency": cur,
        "paymentMethodType": "CARD", "paymentMethodToken": None, "status": None, "detailedStatus": status,
        "operationType": tx.get("operation_type") or "DEBIT",
        "effectiveStrongAuthentication": "ENABLED" if three_ds in ("SUCCESS", "FAILED") else "DISABLED",
        "creationDate": answer.iso(created),
        "errorCode": error[0] if error else None, "errorMessage": error[1] if error else None,
        "detailedErrorCode": _v(r.get("vads_auth_result")) if error else None, "detailedErrorMessage": None,
        "metadata": metadata or None,
        "transactionDetails": {
            "liabilityShift": ("YES" if r.get("vads_warranty_result") == "YES" else "NO") if accepted else None,
            "effectiveAmount": tx["amount"], "effectiveCurrency": cur,
            "creationContext": "REFUND" if tx.get("operation_type") == "CREDIT" else "CHARGE",
            "cardDetails": card, "fraudManagement": None, "parentTransactionUuid": parent_uuid,
            "mid": _v(r.get("vads_contract_used")), "sequenceNumber": _int(r.get("vads_sequence_number")) or 1,
            "wallet": None, "_type": "V4/TransactionDetails"},
        "_type": "V4/PaymentTransaction",
    }


def _form_customer(r):
    """The buyer of a hosted-page payment in the REST shape (vads_cust_* and vads_ship_to_*)."""
    def pick(prefix, names):
        return {name: r.get(prefix + field) for name, field in names}
    billing = pick("vads_cust_", (("firstName", "first_name"), ("lastName", "last_name"), ("address", "address"),
                                  ("zipCode", "zip"), ("city", "city"), ("state", "state"), ("country", "country"),
                                  ("phoneNumber", "phone"), ("cellPhoneNumber", "cell_phone"), ("title", "title"),
                                  ("legalName", "legal_name"), ("streetNumber", "address_number"),
                                  ("district", "district")))
    billing["language"] = r.get("vads_language")
    shipping = pick("vads_ship_to_", (("firstName", "first_name"), ("lastName", "last_name"),
                                      ("address", "street"), ("address2", "street2"), ("zipCode", "zip"),
                                      ("city", "city"), ("state", "state"), ("country", "country"),
                                      ("phoneNumber", "phone_num"), ("deliveryCompanyName", "delivery_company_name"),
                                      ("legalName", "legal_name"), ("district", "district")))
    request = {"customer": {"email": r.get("vads_cust_email"), "reference": r.get("vads_cust_id"),
                            "billingDetails": billing, "shippingDetails": shipping}}
    return answer.customer_object(request, {})
