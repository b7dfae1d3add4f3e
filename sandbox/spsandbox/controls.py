"""Test controls (README "Test controls"): switches a test flips over the admin API to put the shop
in front of a platform that refuses, fails or answers late, which a healthy sandbox never does.

  ShopOptions  POST /admin/api/shop-options  a shop without the REST back-office option (PSP_100)
  RestFaults   POST /admin/api/faults        the REST API down, answers lost, slow answers

The notification hold (POST /admin/api/notifications/hold) is ipn.Notifier's, as it is about
delivery. Every control lives in the server's memory only: a restart clears them all (the data
dir keeps nothing of them), so a forgotten switch never outlives the test that set it."""

import logging
import threading
from typing import NamedTuple, Optional

log = logging.getLogger("sandbox.controls")

BACK_OFFICE_CALLS = ("Transaction/CancelOrRefund", "Transaction/Update", "Transaction/Validate")
FAULT_MODES = ("none", "down", "drop_answer", "slow")
MAX_DELAY = 600.0       # seconds; longer than any shop's HTTP timeout


class ControlError(Exception):
    """A control request the sandbox refuses: HTTP status (400 bad body, 404 unknown shop) and why."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


def _check_keys(body, allowed):
    """Unknown keys are refused: a misspelt switch silently ignored would make a test lie."""
    if not isinstance(body, dict):
        raise ControlError(400, "a JSON object is expected")
    unknown = sorted(set(body) - set(allowed))
    if unknown:
        raise ControlError(400, "unknown keys: %s (allowed: %s)" % (", ".join(unknown), ", ".join(allowed)))


# -- shop options --------------------------------------------------------------------------

class ShopOptions:
    """What the merchant's contract includes. Only one option so far: the REST back-office calls
    (refund, cancel, update, validate by web service), which a shop may not have subscribed to.
    Reading calls (Transaction/Get, Order/Get) and payments are not concerned."""

    KEYS = ("site_id", "back_office_operations")

    def __init__(self, config):
        self.config = config
        self._lock = threading.Lock()
        self._no_back_office = set()

    def back_office_allowed(self, site_id) -> bool:
        with self._lock:
            return site_id not in self._no_back_office

    def shop_json(self, site_id) -> dict:
        return {"site_id": site_id, "back_office_operations": self.back_office_allowed(site_id)}

    def as_json(self) -> dict:
        return {"shops": [self.shop_json(s) for s in sorted(self.config.shops)]}

    def update(self, body) -> dict:
        """{"site_id", "back_office_operations": bool}: the shop's options after the change."""
        _check_keys(body, self.KEYS)
        site_id = body.get("site_id")
        if not isinstance(site_id, str) or not site_id:
            raise ControlError(400, "site_id (a string) is required")
        if self.config.shop(site_id) is None:
            raise ControlError(404, "unknown shop %r" % site_id)
        if "back_office_operations" in body:
            allowed = body["back_office_operations"]
            if not isinstance(allowed, bool):
                raise ControlError(400, "back_office_operations must be true or false")
            with self._lock:
                (self._no_back_office.discard if allowed else self._no_back_office.add)(site_id)
            log.warning("shop %s: REST back-office option %s", site_id, "on" if allowed else "OFF (PSP_100)")
        return self.shop_json(site_id)


# -- REST faults ---------------------------------------------------------------------------

class Fault(NamedTuple):
    """What one REST call gets: the mode and, for slow, the delay before its answer."""
    mode: str
    delay: float = 0.0


class RestFaults:
    """One fault setting for the REST web services, applied by app.Handler.rest_call:

      down         HTTP 503, short text body, the call is not performed
      drop_answer  the call is performed (state changed, notification enqueued), then the
                   connection is closed without any answer (curl: "Empty reply from server", 52)
      slow         the call is performed, then its answer waits delay_seconds
      none         normal answers

    `operations` limits it to those web services (default: every path under /api-payment/V4/);
    `count` to that many calls, after which the setting goes back to none."""

    KEYS = ("rest", "operations", "delay_seconds", "count")

    def __init__(self, known_operations=()):
        self.known = tuple(known_operations)
        self._lock = threading.Lock()
        self._clear()
        self.applied = 0        # calls the current (or just expired) setting was applied to

    def _clear(self):
        self.mode, self.operations, self.delay, self.count, self.left = "none", None, None, None, None

    def as_json(self) -> dict:
        with self._lock:
            return {"rest": self.mode, "operations": list(self.operations) if self.operations else None,
                    "delay_seconds": self.delay, "count": self.count, "left": self.left, "applied": self.applied}

    def set(self, body) -> dict:
        """Replace the setting (not merged with the previous one); returns it as GET shows it."""
        _check_keys(body, self.KEYS)
        mode = body.get("rest")
        if mode not in FAULT_MODES:
            raise ControlError(400, "rest must be one of %s" % ", ".join(FAULT_MODES))
        operations = self._operations(body.get("operations"))
        delay = self._delay(body.get("delay_seconds"), mode)
        count = self._count(body.get("count"))
        with self._lock:
            self._clear()
            self.applied = 0
            if mode != "none":
                self.mode, self.operations, self.delay, self.count, self.left = mode, operations, delay, count, count
        log.warning("REST fault set: %s operations=%s delay=%s count=%s", mode, operations or "all", delay, count)
        return self.as_json()

    def take(self, operation) -> Optional[Fault]:
        """The fault this call gets (None: a normal call), counting it against `count`."""
        with self._lock:
            if self.mode == "none" or (self.operations and operation not in self.operations):
                return None
            fault = Fault(self.mode, self.delay or 0.0)
            self.applied += 1
            if self.left is not None:
                self.left -= 1
                if self.left == 0:
                    self._clear()       # count used up: back to none
        log.warning("REST fault %s on %s", fault.mode, operation)
        return fault

    def _operations(self, value):
        if value is None:
            return None
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise ControlError(400, "operations must be a non-empty list of web service names")
        names = tuple(v.strip("/") for v in value)
        unknown = [n for n in names if n not in self.known]
        if unknown:
            raise ControlError(400, "unknown web services: %s (known: %s)" % (", ".join(unknown),
                                                                             ", ".join(self.known)))
        return names

    @staticmethod
    def _delay(value, mode):
        if mode != "slow":
            if value is not None:
                raise ControlError(400, "delay_seconds is only for rest=slow")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= MAX_DELAY:
            raise ControlError(400, "rest=slow needs delay_seconds, a number from 0 to %d" % MAX_DELAY)
        return value

    @staticmethod
    def _count(value):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ControlError(400, "count must be a positive integer (absent or null: unlimited)")
        return value
