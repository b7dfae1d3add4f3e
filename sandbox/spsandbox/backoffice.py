"""Back-office operations on payments, with the platform's state rules and the notification each
one sends (protocol.md section 4, management calls; README "Back-office operations"):

  cancel     a payment not yet captured, whole amount:  AUTHORISED / AUTHORISED_TO_VALIDATE -> CANCELLED
  refund     a captured payment, partly or wholly:     a new CREDIT transaction (CAPTURED)
  update     a payment not yet captured: lower its amount, capture date, manual validation
  validate   manual validation:                        AUTHORISED_TO_VALIDATE -> AUTHORISED
  capture    the capture batch:                        AUTHORISED -> CAPTURED
  chargeback a test hook: refunding the payment is then refused (PSP_083)

Hosted-page payments and REST payments follow the same rules; only their notification differs
(vads_* fields with vads_url_check_src=BO, or a REST IPN with kr-src=MERCH_BO; BATCH_AUTO for the
capture). One operation at a time per payment (store.tx_lock); a refund is also checked and inserted
in one sqlite write transaction, so the refunds never exceed what was captured. Every operation,
done or refused, is logged in the store's operations table."""

import copy
import logging
from datetime import datetime, timezone

from . import answer, credit, v4transaction
from .store import OverRefund

log = logging.getLogger("sandbox.backoffice")

NOT_CAPTURED = ("AUTHORISED", "AUTHORISED_TO_VALIDATE")
# vads_url_check_src / kr-src of an operation's notification, per channel of the payment
OPERATION_SRC = {"FORM": "BO", "REST": "MERCH_BO"}
CAPTURE_SRC = "BATCH_AUTO"


class Refused(Exception):
    """An operation the platform refuses: the web service answers errorCode / errorMessage."""

    def __init__(self, code, message, detail=None):
        super().__init__("%s %s" % (code, message))
        self.code, self.message, self.detail = code, message, detail


class BackOffice:
    def __init__(self, config, store, notifier):
        self.config = config
        self.store = store
        self.notifier = notifier

    # -- reading -------------------------------------------------------------
    def find(self, site_id, mode, trans_uuid):
        """A finished transaction of that shop and mode (the mode of the REST password)."""
        tx = self.store.transaction_by_uuid(site_id, mode, trans_uuid)
        if tx is None:
            raise Refused("PSP_010", "transaction not found",
                          detail="no transaction %s for shop %s in %s mode" % (trans_uuid, site_id, mode))
        return tx

    def refunded(self, tx) -> int:
        return self.store.refunded_amount(tx["id"]) if tx.get("operation_type") != "CREDIT" else 0

    def parent_uuid(self, tx):
        parent = self.store.transaction(tx["parent_id"]) if tx.get("parent_id") else None
        return parent["trans_uuid"] if parent else None

    def transaction_object(self, tx) -> dict:
        """The V4/Transaction of tx as it is now."""
        return v4transaction.transaction_object(tx, self.refunded(tx), self.parent_uuid(tx))

    def order_transactions(self, site_id, mode, order_id, operation_type=None):
        txs = self.store.order_transactions(site_id, mode, order_id)
        if not txs:
            raise Refused("PSP_010", "transaction not found",
                          detail="no transaction for order %r of shop %s in %s mode" % (order_id, site_id, mode))
        return [self.transaction_object(tx) for tx in txs
                if operation_type in (None, tx.get("operation_type") or "DEBIT")]

    # -- operations ----------------------------------------------------------
    def cancel_or_refund(self, tx, amount=None, currency=None, resolution_mode=None, origin="admin", comment=None):
        """Cancel a payment not yet captured, or refund a captured one. Returns the transaction the
        operation made or changed: the cancelled payment, or the new CREDIT."""
        def apply(p):
            self._check_currency(p, currency)
            status = p["status"]
            if status == "CANCELLED":
                raise Refused("PSP_105", "transaction already cancelled")
            if status in NOT_CAPTURED:
                if resolution_mode == "REFUND_ONLY":
                    raise Refused("PSP_076", "the refund operation is not yet available, please try to cancel",
                                  detail="%s: not captured yet" % status)
                if amount is not None and amount != p["amount"]:
                    raise Refused("PSP_103", "amount cannot be defined in current context",
                                  detail="a cancellation is for the whole amount (%d); lower the amount with "
                                         "Transaction/Update" % p["amount"])
                return self._change(p, "CANCEL", status="CANCELLED")
            if status == "CAPTURED":
                if resolution_mode == "CANCELLATION_ONLY":
                    raise Refused("PSP_075", "cancellation impossible, please try a refund", detail="captured")
                return self._refund(p, amount)
            raise Refused("PSP_011", "incorrect transaction status",
                          detail="a %s transaction can be neither cancelled nor refunded" % status)
        return self._operate(tx, resolution_mode or "CANCEL_OR_REFUND", origin, amount, apply, comment)

    def update(self, tx, amount, currency, capture_date=None, manual=None, origin="admin", comment=None):
        """Transaction/Update of a payment not yet captured: its amount (lowered only), expected
        capture date and validation mode (manualValidation YES/NO moves it between AUTHORISED and
        AUTHORISED_TO_VALIDATE)."""
        def apply(p):
            status = p["status"]
            if status == "CANCELLED":
                raise Refused("PSP_105", "transaction already cancelled")
            if status not in NOT_CAPTURED:
                raise Refused("PSP_110", "transaction cannot be updated",
                              detail="%s: only a payment not yet captured can be updated" % status)
            self._check_currency(p, currency)
            if amount > p["amount"]:
                raise Refused("PSP_546", "amount greater than the authorised amount",
                              detail="the amount can only be lowered (now %d)" % p["amount"])
            new_status = status
            if manual == "YES" and status == "AUTHORISED":
                new_status = "AUTHORISED_TO_VALIDATE"
            elif manual == "NO" and status == "AUTHORISED_TO_VALIDATE":
                new_status = "AUTHORISED"
            return self._change(p, "UPDATE", status=new_status, amount=amount, manual=manual,
                                capture_date=capture_date)
        return self._operate(tx, "UPDATE", origin, amount, apply, comment)

    def validate(self, tx, origin="admin", comment=None):
        """Manual validation: AUTHORISED_TO_VALIDATE -> AUTHORISED. The capture batch captures it
        later, as any AUTHORISED payment (a Transaction/Validate answer is never CAPTURED)."""
        def apply(p):
            if p["status"] == "CANCELLED":
                raise Refused("PSP_105", "transaction already cancelled")
            if p["status"] != "AUTHORISED_TO_VALIDATE":
                raise Refused("PSP_011", "incorrect transaction status",
                              detail="%s: only a payment waiting for its manual validation "
                                     "(AUTHORISED_TO_VALIDATE) can be validated" % p["status"])
            return self._change(p, "VALIDATE", status="AUTHORISED")
        return self._operate(tx, "VALIDATE", origin, None, apply, comment)

    def capture(self, tx, origin="admin"):
        """The capture batch for one payment: AUTHORISED -> CAPTURED, notified with BATCH_AUTO."""
        def apply(p):
            if p["status"] != "AUTHORISED":
                raise Refused("PSP_011", "incorrect transaction status",
                              detail="%s: only an AUTHORISED payment can be captured" % p["status"])
            return self._change(p, "CAPTURE", status="CAPTURED", captured_at=answer.now_iso())
        return self._operate(tx, "CAPTURE", origin, None, apply)

    def capture_due(self, now=None, origin="admin"):
        """The capture batch: every AUTHORISED payment whose expected capture date has come."""
        now = now or datetime.now(timezone.utc)
        done = []
        for p in self.store.authorised_payments():
            due = v4transaction.expected_capture_date(p)
            if due is None or due <= now:
                try:
                    done.append(self.capture(p, origin))
                except Refused:
                    pass        # changed meanwhile (cancelled, captured by another call)
        return done

    def chargeback(self, tx, origin="admin"):
        """Mark a captured payment as charged back (an "impayé"): refunds are then refused."""
        def apply(p):
            if p["status"] != "CAPTURED":
                raise Refused("PSP_011", "incorrect transaction status",
                              detail="%s: only a captured payment can be charged back" % p["status"])
            self.store.update_transaction(p["id"], chargeback=1)
            return self.store.transaction(p["id"])
        return self._operate(tx, "CHARGEBACK", origin, None, apply)

    # -- internals -----------------------------------------------------------
    def _operate(self, tx, operation, origin, amount, apply, comment=None):
        """apply(payment as it is now) under the payment's lock; log the operation (done or refused)
        with the caller's comment."""
        note = " - comment: %s" % comment if comment else ""
        with self.store.tx_lock(tx["id"]):
            p = self.store.transaction(tx["id"])
            try:
                if p.get("operation_type") == "CREDIT":
                    raise Refused("PSP_011", "incorrect transaction status",
                                  detail="a refund (CREDIT) cannot be operated on")
                done = apply(p)
            except Refused as e:
                self.store.add_operation(p["id"], operation, origin, amount, e.code, (e.detail or e.message) + note)
                log.info("%s on tx=%s refused: %s %s (%s)", operation, p["id"], e.code, e.message, e.detail or "")
                raise
            self.store.add_operation(p["id"], operation, origin, done["amount"], "", "%s %s%s" % (
                done.get("operation_type") or "DEBIT", done["status"], note), done["id"])
        log.info("%s on tx=%s done: tx=%s %s amount=%s", operation, p["id"], done["id"], done["status"], done["amount"])
        return done

    @staticmethod
    def _check_currency(p, currency):
        if currency is not None and currency != v4transaction.alpha3(p):
            raise Refused("INT_010", "invalid currency", detail="Invalid input value [name=currency, value=%s] "
                          "(the transaction is in %s)" % (currency, v4transaction.alpha3(p)))

    def _refund(self, p, amount):
        captured = p["amount"]
        left = captured - self.refunded(p)
        if p["chargeback"]:
            raise Refused("PSP_083", "refund impossible on an unpaid transaction (chargeback)")
        if left <= 0:
            raise Refused("PSP_104", "transaction already refunded")
        amount = left if amount is None else amount
        if amount > captured:
            raise Refused("PSP_510", "refund amount greater than the initial amount",
                          detail="%d asked, %d captured" % (amount, captured))
        now = datetime.now(timezone.utc)
        request = {"operation": "REFUND", "parentTransactionUuid": p["trans_uuid"], "amount": amount}
        try:
            credit_id = self.store.add_credit(p["id"], captured, amount,
                                              lambda trans_id: credit.row(p, trans_id, amount, now, request))
        except OverRefund as e:
            if e.left <= 0:
                raise Refused("PSP_104", "transaction already refunded")
            raise Refused("PSP_511", "sum of the refunds greater than the initial amount",
                          detail="%d asked, %d left to refund" % (amount, e.left))
        c = self.store.transaction(credit_id)
        if c["api"] == "REST":      # its kr-answer with the capture of the credit filled in
            self.store.update_transaction(c["id"], result=v4transaction.payment_answer(c))
            c = self.store.transaction(credit_id)
        self._notify(c, OPERATION_SRC[c["api"]])
        return c

    def _change(self, p, operation, status=None, amount=None, manual=None, capture_date=None, captured_at=None):
        """Save a payment's new state, in its columns and in its channel's result, and notify it."""
        cols = {k: v for k, v in (("status", status), ("amount", amount), ("captured_at", captured_at))
                if v is not None}
        new = dict(p, **cols)
        if p["api"] == "REST":
            new["result"] = copy.deepcopy(p["result"])
            card = new["result"]["transactions"][0]["transactionDetails"]["cardDetails"]
            if manual:
                card["manualValidation"] = manual
            if capture_date:
                card["expectedCaptureDate"] = answer.iso(capture_date)
            result = v4transaction.payment_answer(new, self.refunded(p))
        else:
            result = dict(p["result"])
            if status:
                result["vads_trans_status"] = status
            if amount is not None:
                result["vads_amount"] = result["vads_effective_amount"] = str(amount)
            if manual:
                result["vads_validation_mode"] = "1" if manual == "YES" else "0"
            if capture_date:
                result["vads_presentation_date"] = capture_date.strftime("%Y%m%d%H%M%S")
        self.store.update_transaction(p["id"], result=result, **cols)
        p = self.store.transaction(p["id"])
        self._notify(p, CAPTURE_SRC if operation == "CAPTURE" else OPERATION_SRC[p["api"]])
        return p

    def _notify(self, tx, src):
        """The operation's notification, with the transaction as it is now (kept for its retries)."""
        self.notifier.enqueue(tx, src, auto_retry=True, delay=0, result=tx["result"])
