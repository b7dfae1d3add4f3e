"""The CREDIT transaction a refund makes: its own uuid, its own trans id (legacyTransId), the
refunded amount, status CAPTURED, linked to its payment, in the payment's channel:

- REST payment: a V4/Payment whose transaction is the credit (operationType CREDIT,
  parentTransactionUuid = the payment, the payment's metadata, customer and order details);
- hosted-page payment: the payment's vads_* result with the credit's own vads_trans_id,
  vads_trans_uuid, vads_amount, vads_operation_type=CREDIT (same vads_order_id, card, buyer).

row() gives the store the columns of the new transactions row."""

import copy
import secrets
import uuid

from . import answer


def row(payment: dict, trans_id: str, amount: int, now, request: dict) -> dict:
    """The transactions row of a refund of `payment` (store.add_credit adds parent_id and the type)."""
    credit_uuid = uuid.uuid4().hex
    if payment["api"] == "REST":
        result, result_code = _rest_result(payment, trans_id, credit_uuid, amount, now), ""
    else:
        result, result_code = _form_result(payment, trans_id, credit_uuid, amount, now), "00"
    return dict(token=secrets.token_urlsafe(18), site_id=payment["site_id"], ctx_mode=payment["ctx_mode"],
                trans_id=trans_id, trans_id_norm=trans_id, trans_day=now.strftime("%Y%m%d"),
                order_id=payment["order_id"], amount=amount, currency=payment["currency"], state="DONE",
                status="CAPTURED", result_code=result_code, trans_uuid=credit_uuid, ipn_hash=secrets.token_hex(32),
                language=payment["language"], request=request, result=result, api=payment["api"], form_token="",
                captured_at=answer.iso(now))


def _rest_result(payment, trans_id, credit_uuid, amount, now):
    r = copy.deepcopy(payment["result"])
    t = r["transactions"][0]
    when = answer.iso(now)
    t.update(uuid=credit_uuid, amount=amount, status="PAID", detailedStatus="CAPTURED", operationType="CREDIT",
             creationDate=when, errorCode=None, errorMessage=None, detailedErrorCode=None, detailedErrorMessage=None)
    details = t["transactionDetails"]
    details.update(effectiveAmount=amount, creationContext="REFUND", parentTransactionUuid=payment["trans_uuid"],
                   sequenceNumber=1, liabilityShift=None)
    card = details["cardDetails"]
    card.update(legacyTransId=trans_id, legacyTransDate=when, expectedCaptureDate=when, manualValidation="NO")
    card["authorizationResponse"].update(amount=amount, currency=t["currency"], authorizationDate=when,
                                         authorizationNumber=answer.auth_number(), authorizationResult="0")
    r.update(orderStatus="PAID", orderCycle="CLOSED", serverDate=when)
    return r


def _form_result(payment, trans_id, credit_uuid, amount, now):
    r = dict(payment["result"])
    when = now.strftime("%Y%m%d%H%M%S")
    r.update({
        "vads_operation_type": "CREDIT", "vads_trans_id": trans_id, "vads_trans_uuid": credit_uuid,
        "vads_trans_date": when, "vads_effective_creation_date": when, "vads_presentation_date": when,
        "vads_amount": str(amount), "vads_effective_amount": str(amount), "vads_trans_status": "CAPTURED",
        "vads_result": "00", "vads_extra_result": "", "vads_auth_result": "00",
        "vads_auth_number": "%06d" % secrets.randbelow(10 ** 6), "vads_capture_delay": "0",
        "vads_validation_mode": "0", "vads_sequence_number": "1", "vads_payment_certificate": secrets.token_hex(20),
        "vads_warranty_result": "",
    })
    return r
