"""REST management web services (protocol.md section 4, "management calls"):

  Transaction/Get            {uuid}                                   -> V4/Transaction
  Order/Get                  {orderId, operationType?}                -> V4/OrderTransactions
  Transaction/CancelOrRefund {uuid, amount?, currency?, resolutionMode?, comment?} -> V4/Transaction
  Transaction/Update         {uuid, cardUpdate: {amount, currency, expectedCaptureDate?,
                              manualValidation?}, comment?}           -> V4/Transaction
  Transaction/Validate       {uuid, comment?}                         -> V4/Transaction

They act on the transactions of the authenticated shop in the mode of its password, whether they
were paid with the embedded form (REST) or on the hosted payment page. Invalid input answers an
INT_* error (first invalid field); the state rules and their PSP_* refusals are backoffice.py's.
A shop without the REST back-office option (test control, controls.ShopOptions) gets PSP_100 on
the three calls that change a payment, before anything else is read."""

import json
import logging
import re
from datetime import datetime, timezone

from .backoffice import Refused
from .controls import BACK_OFFICE_CALLS
from .currencies import NUMERIC_BY_ALPHA3
from .v4envelope import InputError, error_answer

log = logging.getLogger("sandbox.management")

RESOLUTION_MODES = ("REFUND_ONLY", "CANCELLATION_ONLY")
OPERATION_TYPES = ("DEBIT", "CREDIT")
_RE_AMOUNT = re.compile(r"\A[1-9][0-9]{0,11}\Z")      # as CreatePayment: no sign, no leading zero


# -- input fields (a missing field, null and "" are the same, as for CreatePayment) ---------------

def _absent(value):
    return value is None or value == ""


def _uuid(body):
    v = body.get("uuid")
    if not isinstance(v, str) or not v or len(v) > 64:
        raise InputError("INT_026", "invalid uuid", "uuid", v)
    return v


def _amount(obj, path, required):
    """Minor units, 1..999999999999, as an int or a digit string (PHP integrations send strings)."""
    v = obj.get("amount")
    if _absent(v) and not required:
        return None
    if isinstance(v, bool) or not ((isinstance(v, int) and 0 < v <= 999999999999)
                                   or (isinstance(v, str) and _RE_AMOUNT.match(v))):
        raise InputError("INT_009", "invalid amount", path, v)
    return int(v)


def _currency(obj, path, required):
    v = obj.get("currency")
    if _absent(v) and not required:
        return None
    if not isinstance(v, str) or v not in NUMERIC_BY_ALPHA3:
        raise InputError("INT_010", "invalid currency", path, v)
    return v


def _comment(body):
    v = body.get("comment")
    if not _absent(v) and not isinstance(v, str):
        raise InputError("INT_029", "invalid comment", "comment", v)
    return v or None


def _capture_date(card):
    """ISO 8601, e.g. 2021-09-09T07:46:06+00:00 (UTC when no offset is given)."""
    v = card.get("expectedCaptureDate")
    if _absent(v):
        return None
    try:
        if not isinstance(v, str):
            raise ValueError(v)
        d = datetime.fromisoformat(v)
    except ValueError:
        raise InputError("INT_031", "invalid expectedCaptureDate", "cardUpdate.expectedCaptureDate", v)
    return d.replace(tzinfo=timezone.utc) if d.tzinfo is None else d.astimezone(timezone.utc)


# -- handlers ----------------------------------------------------------------------------

def _option_refusal(ctx, operation):
    """PSP_100 when the call changes a payment and the shop has no REST back-office option. The
    platform refuses such a call whatever its input: nothing is read, changed or notified."""
    if operation not in BACK_OFFICE_CALLS or ctx.platform.shop_options.back_office_allowed(ctx.shop.site_id):
        return None
    log.info("%s refused: shop %s %s PSP_100 (no REST back-office option)", operation, ctx.shop.site_id, ctx.mode)
    return 200, error_answer("PSP_100", "operation not allowed (the shop has no REST back-office option)", None,
                             "shop %s: %s needs the REST back-office option, which this shop does not have"
                             % (ctx.shop.site_id, operation), ctx.shop.site_id)


def _handle(ctx, body, operation, run):
    """Run one management call: no option -> PSP_100, input errors -> INT_*, refusals -> PSP_* (or
    INT_010), else 200."""
    refusal = _option_refusal(ctx, operation)
    if refusal:
        return refusal
    bo = ctx.platform.backoffice
    try:
        return 200, run(bo)
    except InputError as e:
        value = json.dumps(e.value, ensure_ascii=False)[:100]
        log.warning("%s refused: shop %s %s %s %s (%s)", operation, ctx.shop.site_id, ctx.mode, e.code, e.field, value)
        ctx.platform.store.add_form_error(ctx.shop.site_id, "", e.code, e.field, "%s: %s %s" % (operation, e.message,
                                                                                                value), body)
        return 200, error_answer(e.code, e.message, None, "Invalid input value [name=%s, value=%s]" % (e.field, value),
                                 ctx.shop.site_id)
    except Refused as e:
        log.info("%s refused: shop %s %s %s %s", operation, ctx.shop.site_id, ctx.mode, e.code, e.detail or "")
        return 200, error_answer(e.code, e.message, None, e.detail, ctx.shop.site_id)


def transaction_get(ctx, body):
    def run(bo):
        return bo.transaction_object(bo.find(ctx.shop.site_id, ctx.mode, _uuid(body)))
    return _handle(ctx, body, "Transaction/Get", run)


def order_get(ctx, body):
    def run(bo):
        order_id = body.get("orderId")
        if not isinstance(order_id, str) or not order_id or len(order_id) > 64:
            raise InputError("INT_011", "invalid orderId", "orderId", order_id)
        operation_type = body.get("operationType")
        if _absent(operation_type):
            operation_type = None
        elif operation_type not in OPERATION_TYPES:
            raise InputError("INT_028", "invalid operationType", "operationType", operation_type)
        return {"transactions": bo.order_transactions(ctx.shop.site_id, ctx.mode, order_id, operation_type),
                "_type": "V4/OrderTransactions"}
    return _handle(ctx, body, "Order/Get", run)


def cancel_or_refund(ctx, body):
    def run(bo):
        uuid = _uuid(body)
        amount = _amount(body, "amount", required=False)
        currency = _currency(body, "currency", required=False)
        mode = body.get("resolutionMode")
        if _absent(mode):
            mode = None
        elif mode not in RESOLUTION_MODES:
            raise InputError("INT_027", "invalid resolutionMode", "resolutionMode", mode)
        comment = _comment(body)
        tx = bo.find(ctx.shop.site_id, ctx.mode, uuid)
        done = bo.cancel_or_refund(tx, amount, currency, mode, "Transaction/CancelOrRefund", comment)
        return bo.transaction_object(done)
    return _handle(ctx, body, "Transaction/CancelOrRefund", run)


def update(ctx, body):
    def run(bo):
        uuid = _uuid(body)
        card = body.get("cardUpdate")
        if not isinstance(card, dict):
            raise InputError("INT_030", "invalid cardUpdate", "cardUpdate", card)
        amount = _amount(card, "cardUpdate.amount", required=True)
        currency = _currency(card, "cardUpdate.currency", required=True)
        capture_date = _capture_date(card)
        manual = card.get("manualValidation")
        if _absent(manual):
            manual = None
        elif manual not in ("YES", "NO"):
            raise InputError("INT_023", "invalid manualValidation", "cardUpdate.manualValidation", manual)
        comment = _comment(body)
        tx = bo.find(ctx.shop.site_id, ctx.mode, uuid)
        done = bo.update(tx, amount, currency, capture_date, manual, "Transaction/Update", comment)
        return bo.transaction_object(done)
    return _handle(ctx, body, "Transaction/Update", run)


def validate(ctx, body):
    def run(bo):
        uuid = _uuid(body)
        comment = _comment(body)
        tx = bo.find(ctx.shop.site_id, ctx.mode, uuid)
        return bo.transaction_object(bo.validate(tx, "Transaction/Validate", comment))
    return _handle(ctx, body, "Transaction/Validate", run)


MANAGEMENT_HANDLERS = {
    "Transaction/Get": transaction_get,
    "Order/Get": order_get,
    "Transaction/CancelOrRefund": cancel_or_refund,
    "Transaction/Update": update,
    "Transaction/Validate": validate,
}
