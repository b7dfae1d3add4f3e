"""Backend of the embedded form (the JavaScript client stand-in, static/kr-payment-form.js).

The real client talks to the platform with its own private protocol; these are the sandbox's own
JSON endpoints, called cross-origin from the shop's page (CORS in app.py):

  POST /krypton/init       {formToken, publicKey, language}          -> READY | ERROR
  POST /krypton/pay        {formToken, publicKey, language, pan, expiryMonth, expiryYear, securityCode}
                                                                     -> ACCEPTED | REFUSED | CHALLENGE | ERROR
  POST /krypton/challenge  {formToken, publicKey, language, challengeId, outcome: "ok"|"fail"}
                                                                     -> ACCEPTED | REFUSED | ERROR

Each card submitted is a new transaction (a "try") of the formToken, played from the test card
table (cards.py). A formToken is paid at most once. Every final try is notified to the token's
ipnTargetUrl (REST IPN, answer.py) through the same notifier as the form IPN."""

import logging
import secrets
import threading
import uuid
from datetime import datetime, timezone

from . import answer, cards
from .currencies import NUMERIC_BY_ALPHA3, SYMBOLS, format_amount
from .i18n import KR_TEXTS, kr_language
from .store import DuplicateTransId

log = logging.getLogger("sandbox.krypton")


def _error(code, message, detailed_code=None, detailed_message=None):
    return {"errorCode": code, "errorMessage": message, "detailedErrorCode": detailed_code,
            "detailedErrorMessage": detailed_message}


# Errors of the embedded form. ACQ_001, PSP_099, PSP_108 and the CLIENT_30x codes are the real
# platform's (their texts appear in Lyra's plugins); PSP_003, PSP_016 and PSP_001 are the
# sandbox's choices for cases whose real code is not public (see README).
def refused_by_issuer():
    return _error("ACQ_001", "payment refused", "05", "Do not honor")


def refused_3ds():
    return _error("PSP_003", "payment refused", "AUTHENTICATION_FAILED", "3-D Secure authentication failed")


ERRORS = {
    "bad_card_number": lambda: _error("CLIENT_301", "invalid card number"),
    "bad_expiry": lambda: _error("CLIENT_302", "invalid expiry date"),
    "bad_cvv": lambda: _error("CLIENT_303", "invalid security code"),
    "unknown_token": lambda: _error("PSP_108", "formToken expired or unknown"),
    "bad_key": lambda: _error("PSP_001", "unauthorized action",
                              "INVALID_PUBLIC_KEY", "the public key is not the one of the formToken's shop and mode"),
    "already_paid": lambda: _error("PSP_016", "order already paid",
                                   "ALREADY_PAID", "a payment of this formToken was already accepted"),
    "too_many": lambda: _error("PSP_099", "too many attempts"),
    "no_challenge": lambda: _error("CLIENT_999", "technical error", "NO_PENDING_CHALLENGE",
                                   "no 3-D Secure challenge is waiting with this id"),
}

# strongAuthentication values that keep the sandbox's issuer from challenging, or make it challenge.
NO_CHALLENGE = ("DISABLED", "NO_CHALLENGE_REQUESTED")
WANTS_CHALLENGE = ("CHALLENGE_REQUESTED", "CHALLENGE_MANDATE")


class Krypton:
    def __init__(self, config, store, notifier):
        self.config = config
        self.store = store
        self.notifier = notifier
        self._locks = {}
        self._locks_guard = threading.Lock()

    def _lock(self, form_token):
        """One try at a time per formToken, so that a token is never paid twice."""
        with self._locks_guard:
            return self._locks.setdefault(form_token, threading.Lock())

    # -- shared checks -------------------------------------------------------
    def _language(self, body, token):
        """kr-language ("de-DE"), else the buyer's billing language, else the sandbox's default."""
        billing = ""
        customer = token["request"].get("customer") if token else None
        if isinstance(customer, dict) and isinstance(customer.get("billingDetails"), dict):
            billing = customer["billingDetails"].get("language") or ""
        return kr_language(str(body.get("language") or ""), str(billing), default=self.config.default_language)

    def _fail(self, key, lang, retry=False):
        err = ERRORS[key]()
        return {"status": "ERROR", "error": err, "message": KR_TEXTS[lang][err["errorCode"]], "retry": retry,
                "language": lang}

    def _open(self, body):
        """(token, shop, lang, error payload or None) after the token and public-key checks."""
        token = self.store.rest_token(str(body.get("formToken") or ""))
        lang = self._language(body, token)
        if token is None:
            return None, None, lang, self._fail("unknown_token", lang)
        shop = self.config.shop(token["site_id"])
        key = str(body.get("publicKey") or "")
        # A TEST public key never pays a PRODUCTION token (and the reverse), nor another shop's.
        if shop is None or not key or key != shop.public_key_for(token["mode"]):
            log.warning("public key %r refused for formToken of shop %s (%s)", key, token["site_id"], token["mode"])
            return token, shop, lang, self._fail("bad_key", lang)
        return token, shop, lang, None

    # -- endpoints -----------------------------------------------------------
    def init(self, body):
        token, shop, lang, err = self._open(body)
        texts = KR_TEXTS[lang]
        if err:
            return dict(err, texts=texts)
        if token["state"] == "PAID":
            return dict(self._fail("already_paid", lang), texts=texts)
        if token["state"] == "CLOSED":
            return dict(self._fail("too_many", lang), texts=texts)
        numeric = NUMERIC_BY_ALPHA3[token["currency"]]
        amount_text = format_amount(token["amount"], numeric, lang)
        return {"status": "READY", "language": lang, "texts": texts, "shopId": token["site_id"],
                "mode": token["mode"], "orderId": token["order_id"], "amount": token["amount"],
                "currency": token["currency"], "amountText": amount_text,
                "payLabel": "%s %s %s" % (texts["pay"], amount_text, SYMBOLS.get(token["currency"],
                                                                              token["currency"]))}

    def pay(self, body, client):
        token, shop, lang, err = self._open(body)
        if err:
            return err
        with self._lock(token["form_token"]):
            token = self.store.rest_token(token["form_token"])   # fresh state under the lock
            if token["state"] == "PAID":
                return self._fail("already_paid", lang)
            if token["state"] == "CLOSED":
                return self._fail("too_many", lang)
            problem, number, month, year = cards.check_entry(
                str(body.get("pan") or ""), str(body.get("expiryMonth") or ""), str(body.get("expiryYear") or ""),
                str(body.get("securityCode") or ""), datetime.now(timezone.utc))
            if problem:
                return self._fail(problem, lang, retry=True)
            card = cards.lookup(number)
            scenario = card.scenario
            strong = self._card_options(token)[1]
            if scenario == cards.CHALLENGE_OK and strong in NO_CHALLENGE:
                scenario = cards.FRICTIONLESS_OK        # no challenge wanted: the sandbox's issuer agrees
            elif scenario == cards.FRICTIONLESS_OK and strong in WANTS_CHALLENGE:
                scenario = cards.CHALLENGE_OK           # challenge asked for: the issuer challenges
            pending = {"number": number, "brand": card.brands[0], "expiry_month": month, "expiry_year": year,
                       "scenario": scenario}
            tx = self._new_try(token, lang)
            log.info("embedded form try tx=%s token=%s… card=%s brand=%s scenario=%s", tx["id"],
                     token["form_token"][:12], cards.mask(number), pending["brand"], scenario)
            if scenario == cards.CHALLENGE_OK:
                self.store.update_transaction(tx["id"], state="CHALLENGE", pending=pending)
                return {"status": "CHALLENGE", "challengeId": tx["token"], "language": lang,
                        "card": "%s %s" % (pending["brand"], cards.mask(number))}
            return self._finish(token, shop, tx, pending, scenario, lang, client, ("PAYMENT_PAGE",))

    def challenge(self, body, client):
        token, shop, lang, err = self._open(body)
        if err:
            return err
        with self._lock(token["form_token"]):
            token = self.store.rest_token(token["form_token"])
            tx = self.store.transaction_by_token(str(body.get("challengeId") or ""))
            if tx is None or tx["form_token"] != token["form_token"] or tx["state"] != "CHALLENGE":
                return self._fail("no_challenge", lang)
            if token["state"] == "PAID":      # another try was accepted meanwhile
                return self._fail("already_paid", lang)
            if token["state"] == "CLOSED":    # other tries used up the refusals meanwhile
                return self._fail("too_many", lang)
            scenario = "challenge_ok" if body.get("outcome") == "ok" else "challenge_fail"
            return self._finish(token, shop, tx, tx["pending"], scenario, lang, client, ("CHALLENGE",))

    # -- tries ---------------------------------------------------------------
    @staticmethod
    def _card_options(token):
        req = token["request"]
        opts = (req.get("transactionOptions") or {}).get("cardOptions") or {}
        return opts, req.get("strongAuthentication") or "AUTO"

    def _new_try(self, token, lang):
        """A transaction row for this try. legacyTransId is 9xxxxx like the platform's REST ids, so it
        never meets a form trans id (000000-899999); still unique per shop and UTC day."""
        now = datetime.now(timezone.utc)
        for _ in range(50):
            trans_id = "%06d" % (900000 + secrets.randbelow(100000))
            try:
                tx_id = self.store.create_transaction(
                    token=secrets.token_urlsafe(18), site_id=token["site_id"], ctx_mode=token["mode"],
                    trans_id=trans_id, trans_id_norm=trans_id, trans_day=now.strftime("%Y%m%d"),
                    order_id=token["order_id"], amount=token["amount"],
                    currency=NUMERIC_BY_ALPHA3[token["currency"]], state="PAYMENT_PAGE",
                    trans_uuid=uuid.uuid4().hex, ipn_hash=secrets.token_hex(32), language=lang,
                    request=token["request"], api="REST", form_token=token["form_token"])
                return self.store.transaction(tx_id)
            except DuplicateTransId:
                continue
        raise RuntimeError("no free legacyTransId today for shop %s" % token["site_id"])

    def _play(self, token, pending, scenario):
        """What the card does: status, error, 3-D Secure and authorisation data for answer.py."""
        brand = pending["brand"]
        opts, strong = self._card_options(token)
        ok_status = "AUTHORISED_TO_VALIDATE" if opts.get("manualValidation") == "YES" else "AUTHORISED"
        eci = "02" if brand in ("MASTERCARD", "MAESTRO") else "05"
        cavv = "AAABBBCCCDDDEEEFFF" + secrets.token_hex(5).upper()

        def authenticated(auth_type):
            return {"enrolled": "YES", "status": "SUCCESS", "trans_status": "Y", "auth_type": auth_type,
                    "eci": eci, "cavv": cavv}

        def failed(auth_type):
            return {"enrolled": "YES", "status": "FAILED", "trans_status": "N", "auth_type": auth_type}

        accepted = dict(detailed_status=ok_status, auth_result="0", auth_number=answer.auth_number())
        refused = dict(detailed_status="REFUSED", auth_result="05", error=refused_by_issuer())
        refused_auth = dict(detailed_status="REFUSED", auth_result=None, error=refused_3ds())
        if scenario == "challenge_ok":
            play = dict(accepted, threeds=authenticated("CHALLENGE"))
        elif scenario == "challenge_fail":
            play = dict(refused_auth, threeds=failed("CHALLENGE"))
        elif scenario == cards.FRICTIONLESS_OK:
            play = dict(accepted, threeds=authenticated("FRICTIONLESS"))
        elif scenario == cards.THREEDS_FAILED:
            play = dict(refused_auth, threeds=failed("FRICTIONLESS"))
        elif scenario == cards.ISSUER_REFUSED:
            play = dict(refused, threeds=authenticated("FRICTIONLESS"))
        elif scenario == cards.NOT_ENROLLED_OK:
            play = dict(accepted, threeds={"enrolled": "NO", "status": "NOT_ENROLLED", "trans_status": "A",
                                           "auth_type": None})
        else:   # not a test card
            play = dict(refused, threeds={"enrolled": "UNKNOWN", "status": "UNKNOWN", "trans_status": "U",
                                          "auth_type": None})
        play.update(brand=brand, pan=cards.mask(pending["number"]), expiry_month=int(pending["expiry_month"]),
                    expiry_year=int(pending["expiry_year"]),
                    challenge_preference={"CHALLENGE_REQUESTED": "CHALLENGE_REQUESTED",
                                          "CHALLENGE_MANDATE": "CHALLENGE_MANDATE",
                                          "DISABLED": "NO_CHALLENGE_REQUESTED",
                                          "NO_CHALLENGE_REQUESTED": "NO_CHALLENGE_REQUESTED"}.get(strong,
                                                                                                  "NO_PREFERENCE"))
        return play

    def _finish(self, token, shop, tx, pending, scenario, lang, client, from_states):
        play = self._play(token, pending, scenario)
        accepted = play["detailed_status"] != "REFUSED"
        if accepted:
            cycle = "CLOSED"
        else:
            # cardOptions.retry = how many more tries a refusal leaves (absent: no limit)
            retry = self._card_options(token)[0].get("retry")
            refusals = 1 + sum(1 for t in self.store.rest_tries(token["form_token"]) if t["status"] == "REFUSED")
            cycle = "CLOSED" if retry not in (None, "") and refusals > int(retry) else "OPEN"
        result = answer.payment_object(token, tx, play, cycle, client)
        err = play.get("error") or {}
        if not self.store.finish_transaction(tx["id"], from_states, result, status=play["detailed_status"],
                                             result_code=err.get("errorCode") or ""):
            return self._fail("no_challenge", lang)   # finished by a concurrent request
        if accepted:
            self.store.close_rest_token(token["form_token"], "PAID", tx["id"])
        elif cycle == "CLOSED":
            self.store.close_rest_token(token["form_token"], "CLOSED")
        tx = self.store.transaction(tx["id"])
        log.info("embedded form result tx=%s legacyTransId=%s %s %s cycle=%s", tx["id"], tx["trans_id"],
                 play["detailed_status"], err.get("errorCode") or "", cycle)
        self._notify(tx)
        kr_answer = answer.serialize(result, self.config.kr_answer_escaped_slashes)
        out = {"status": "ACCEPTED" if accepted else "REFUSED", "language": lang,
               "answer": kr_answer, "answerType": answer.ANSWER_TYPE}
        f = answer.browser_fields(kr_answer, shop, token["mode"])
        out.update(hash=f["kr-hash"], hashAlgorithm=f["kr-hash-algorithm"], hashKey=f["kr-hash-key"])
        if not accepted:
            out.update(error=err, message=KR_TEXTS[lang][err["errorCode"]], retry=cycle == "OPEN")
        return out

    def _notify(self, tx):
        """REST IPN of a final try. As on the platform, the first attempt is made before the browser
        gets the result (unless --ipn-delay asks the browser return to go first)."""
        if self.config.ipn_delay > 0:
            self.notifier.enqueue(tx, "PAY", auto_retry=True)
            return
        self.notifier.send_now(tx, "PAY", auto_retry=True)
