"""The platform's payment logic: sessions, card scenarios, 3DS, results, returns."""

import logging
import secrets
import uuid
from datetime import datetime, timedelta, timezone

from . import cards, signature
from .backoffice import BackOffice
from .controls import ShopOptions
from .i18n import SUPPORTED_LANGUAGES, page_language
from .store import DuplicateTransId
from .validation import FormError, code_of, validate

log = logging.getLogger("sandbox.engine")

SUCCESS_STATUSES = ("AUTHORISED", "AUTHORISED_TO_VALIDATE")

# Request fields the platform does not send back in the IPN / return.
NOT_ECHOED = {
    "vads_url_return", "vads_url_success", "vads_url_refused", "vads_url_cancel", "vads_url_error",
    "vads_url_referral", "vads_url_check", "vads_redirect_success_timeout",
    "vads_redirect_success_message", "vads_redirect_error_timeout", "vads_redirect_error_message",
    "vads_return_mode", "vads_available_languages", "vads_threeds_mpi", "vads_payment_cards",
    "vads_theme_config", "vads_shop_name", "vads_shop_url", "vads_hash", "vads_url_check_src",
}


def _now():
    return datetime.now(timezone.utc)


class CardError(Exception):
    """A problem the buyer can fix on the payment page (the payment goes on)."""

    def __init__(self, text_key):
        super().__init__(text_key)
        self.text_key = text_key


class Platform:
    def __init__(self, config, store, notifier):
        self.config = config
        self.store = store
        self.notifier = notifier
        self.backoffice = BackOffice(config, store, notifier)   # refunds, cancellations, capture...
        self.shop_options = ShopOptions(config)                 # test control, in memory (controls.py)

    # -- form ----------------------------------------------------------------
    def open_session(self, fields: dict):
        """Validate the shop's form; return (errors, tx). Logs and records refusals."""
        errors, shop = validate(fields, self.config)
        tx = None
        if not errors:
            trans_id = fields["vads_trans_id"]
            day = fields["vads_trans_date"][:8]
            lang = fields.get("vads_language", "")
            used_lang = page_language(lang, self.config.default_language)
            try:
                tx_id = self.store.create_transaction(
                    token=secrets.token_urlsafe(24), site_id=fields["vads_site_id"],
                    ctx_mode=fields["vads_ctx_mode"], trans_id=trans_id, trans_id_norm=trans_id.lower(),
                    trans_day=day, order_id=fields.get("vads_order_id", ""), amount=int(fields["vads_amount"]),
                    currency=fields["vads_currency"], state="PAYMENT_PAGE", trans_uuid=uuid.uuid4().hex,
                    ipn_hash=secrets.token_hex(32), language=used_lang, request=fields)
                tx = self.store.transaction(tx_id)
            except DuplicateTransId:
                errors = [FormError(code_of("vads_trans_id"), "vads_trans_id", "duplicate",
                                    "trans id %s already used by shop %s on %s (UTC)"
                                    % (trans_id, fields["vads_site_id"], day))]
        for e in errors:
            log.warning("form refused: error %s - %s (%s) %s", e.code, e.field, e.reason, e.detail)
            self.store.add_form_error(fields.get("vads_site_id"), fields.get("vads_trans_id"),
                                      e.code, e.field, "%s %s" % (e.reason, e.detail), fields)
        if tx:
            log.info("payment page: tx=%s shop=%s trans_id=%s order=%s amount=%s/%s mode=%s",
                     tx["id"], tx["site_id"], tx["trans_id"], tx["order_id"], tx["amount"], tx["currency"],
                     tx["ctx_mode"])
        return errors, shop, tx

    def shop_key(self, tx):
        shop = self.config.shop(tx["site_id"])
        return shop, shop.key_for(tx["ctx_mode"])

    @staticmethod
    def allowed_brands(tx):
        wanted = [b for b in tx["request"].get("vads_payment_cards", "").split(";") if b]
        if not wanted:
            return list(cards.PAGE_BRANDS)
        return [b for b in cards.PAGE_BRANDS if b in wanted]

    # -- card form -----------------------------------------------------------
    def submit_card(self, tx, form: dict):
        """Returns the updated tx. Raises CardError for page-level problems."""
        problem, number, month, y = cards.check_entry(form.get("card_number", ""), form.get("expiry_month", ""),
                                                      form.get("expiry_year", ""), form.get("cvv", ""), _now())
        if problem:
            raise CardError(problem)
        card = cards.lookup(number)
        allowed = self.allowed_brands(tx)
        chosen = form.get("brand", "")
        if chosen:
            if chosen not in card.brands:
                raise CardError("brand_mismatch")
            if chosen not in allowed:
                raise CardError("brand_not_allowed")
            brand = chosen
        else:
            usable = [b for b in card.brands if b in allowed]
            if not usable:
                raise CardError("brand_not_allowed")
            brand = usable[0]
        card_fields = {"number": number, "brand": brand, "expiry_month": str(month),
                       "expiry_year": str(y), "scenario": card.scenario}
        mpi = tx["request"].get("vads_threeds_mpi", "")
        scenario = card.scenario
        if scenario == cards.CHALLENGE_OK and mpi == "2":
            scenario = cards.FRICTIONLESS_OK   # frictionless requested: the sandbox's issuer agrees
            card_fields["scenario"] = scenario
        log.info("card tx=%s number=%s brand=%s scenario=%s", tx["id"], cards.mask(number), brand, scenario)
        if scenario == cards.CHALLENGE_OK:
            self.store.update_transaction(tx["id"], state="CHALLENGE", pending=card_fields)
            return self.store.transaction(tx["id"])
        return self._finish(tx, ("PAYMENT_PAGE",), self._card_result(tx, card_fields, scenario))

    def challenge(self, tx, success: bool):
        card_fields = tx["pending"]
        result = self._card_result(tx, card_fields, "challenge_ok" if success else "challenge_fail")
        return self._finish(tx, ("CHALLENGE",), result)

    def cancel(self, tx):
        return self._finish(tx, ("PAYMENT_PAGE", "CHALLENGE"), self._base_result(tx, {
            "vads_trans_status": "ABANDONED", "vads_result": "17", "vads_auth_result": "",
            "vads_auth_mode": "", "vads_auth_number": "", "vads_warranty_result": "",
            "vads_threeds_status": "", "vads_threeds_auth_type": "", "vads_payment_certificate": "",
        }))

    def _finish(self, tx, from_states, result):
        if self.store.finish_transaction(tx["id"], from_states, result):
            tx = self.store.transaction(tx["id"])
            shop = self.config.shop(tx["site_id"])
            log.info("result tx=%s trans_id=%s status=%s result=%s", tx["id"], tx["trans_id"],
                     result["vads_trans_status"], result["vads_result"])
            if result["vads_trans_status"] != "ABANDONED" or shop.notify_cancel:
                self.notifier.enqueue(tx, "PAY", auto_retry=True)
            return tx
        return self.store.transaction(tx["id"])  # already finished (double click): unchanged

    # -- result fields -------------------------------------------------------
    def _base_result(self, tx, outcome: dict) -> dict:
        req = tx["request"]
        r = {k: v for k, v in req.items() if k.startswith("vads_") and k not in NOT_ECHOED}
        if not r.get("vads_language") or r["vads_language"] not in SUPPORTED_LANGUAGES:
            r["vads_language"] = tx["language"]
        now = _now()
        delay = int(req.get("vads_capture_delay") or 0)
        trans_date = datetime.strptime(req["vads_trans_date"], "%Y%m%d%H%M%S")
        r.update({
            "vads_trans_uuid": tx["trans_uuid"],
            "vads_operation_type": "DEBIT",
            "vads_effective_amount": req["vads_amount"],
            "vads_effective_currency": req["vads_currency"],
            "vads_effective_creation_date": now.strftime("%Y%m%d%H%M%S"),
            "vads_presentation_date": (trans_date + timedelta(days=delay)).strftime("%Y%m%d%H%M%S"),
            "vads_capture_delay": str(delay),
            "vads_validation_mode": req.get("vads_validation_mode") or "0",
            "vads_sequence_number": "1",
            "vads_payment_src": "EC",
            "vads_extra_result": "",
            "vads_contract_used": "5785350",
        })
        r.update(outcome)
        return r

    def _card_result(self, tx, c: dict, scenario: str) -> dict:
        manual = (tx["request"].get("vads_validation_mode") or "0") == "1"
        accepted_status = "AUTHORISED_TO_VALIDATE" if manual else "AUTHORISED"
        o = {
            "vads_card_brand": c["brand"], "vads_card_number": cards.mask(c["number"]),
            "vads_expiry_month": c["expiry_month"], "vads_expiry_year": c["expiry_year"],
            "vads_card_country": "FR", "vads_bank_code": "17807", "vads_bank_product": "F",
            "vads_auth_mode": "FULL", "vads_auth_number": "", "vads_payment_certificate": "",
            "vads_threeds_enrolled": "Y", "vads_threeds_eci": "", "vads_threeds_cavv": "",
            "vads_threeds_auth_type": "", "vads_warranty_result": "",
        }
        authenticated = {"vads_threeds_status": "Y",
                         "vads_threeds_eci": "02" if c["brand"] in ("MASTERCARD", "MAESTRO") else "05",
                         "vads_threeds_cavv": "AAABBBCCCDDDEEEFFF" + secrets.token_hex(5).upper(),
                         "vads_warranty_result": "YES"}
        accepted = {"vads_trans_status": accepted_status, "vads_result": "00", "vads_auth_result": "00",
                    "vads_auth_number": "%06d" % secrets.randbelow(10 ** 6),
                    "vads_payment_certificate": secrets.token_hex(20)}
        refused = {"vads_trans_status": "REFUSED", "vads_result": "05", "vads_auth_result": "05"}
        threeds_failed = {"vads_trans_status": "REFUSED", "vads_result": "05", "vads_auth_result": "",
                          "vads_threeds_status": "N", "vads_warranty_result": ""}
        if scenario == "challenge_ok":
            o.update(authenticated, vads_threeds_auth_type="CHALLENGE", **accepted)
        elif scenario == "challenge_fail":
            o.update(threeds_failed, vads_threeds_auth_type="CHALLENGE")
        elif scenario == cards.FRICTIONLESS_OK:
            o.update(authenticated, vads_threeds_auth_type="FRICTIONLESS", **accepted)
        elif scenario == cards.THREEDS_FAILED:
            o.update(threeds_failed, vads_threeds_auth_type="FRICTIONLESS")
        elif scenario == cards.ISSUER_REFUSED:
            o.update(authenticated, vads_threeds_auth_type="FRICTIONLESS", **refused)
        elif scenario == cards.NOT_ENROLLED_OK:
            o.update(vads_threeds_enrolled="N", vads_threeds_status="A", vads_warranty_result="NO", **accepted)
        else:  # unknown number
            o.update(vads_threeds_enrolled="U", vads_threeds_status="U", **refused)
        return self._base_result(tx, o)

    # -- browser return ------------------------------------------------------
    def return_fields(self, tx) -> dict:
        """Signed result fields for the browser return (no vads_hash, no vads_url_check_src)."""
        shop, key = self.shop_key(tx)
        f = {k: v for k, v in tx["result"].items() if k not in ("vads_hash", "vads_url_check_src", "signature")}
        f["signature"] = signature.sign(f, key, shop.algorithm)
        return f

    def return_target(self, tx):
        """(url, mode) of the return to the shop; url may be '' when none is known."""
        req = tx["request"]
        shop = self.config.shop(tx["site_id"])
        status = tx["status"]
        specific = ("vads_url_success" if status in SUCCESS_STATUSES else
                    "vads_url_cancel" if status == "ABANDONED" else "vads_url_refused")
        url = req.get(specific) or req.get("vads_url_return") or shop.return_url
        mode = req.get("vads_return_mode") or shop.default_return_mode
        return url, mode

    def redirect_settings(self, tx):
        """(timeout seconds or None, message) for the automatic redirect after the result."""
        req = tx["request"]
        which = "success" if tx["status"] in SUCCESS_STATUSES else "error"
        t = req.get("vads_redirect_%s_timeout" % which, "")
        if t == "":
            return None, ""
        return int(t), req.get("vads_redirect_%s_message" % which, "")

    # -- back office ---------------------------------------------------------
    def replay(self, tx, src: str = "BO"):
        """Manual replay: one attempt (no automatic retry, as on the platform)."""
        if tx["state"] != "DONE":
            raise ValueError("transaction %s has no result yet" % tx["id"])
        return self.notifier.enqueue(tx, src, auto_retry=False, delay=0)
