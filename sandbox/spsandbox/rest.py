"""REST API V4 (https://api.systempay.fr/api-payment/V4/<Service>/<Operation>): placeholder.

Served under /api-payment/V4/. To add an operation, write a function
    def create_payment(platform, shop_id, body: dict) -> (http_status, answer_dict)
and register it in HANDLERS under its path, e.g. HANDLERS["Charge/CreatePayment"] = create_payment.
The dispatcher already handles HTTP Basic authentication parsing and the JSON envelope."""

import base64
import binascii
import json

HANDLERS = {
    # "Charge/CreatePayment": create_payment,
    # "Charge/SDKTest": sdk_test,
    # "Transaction/Get": ..., "Order/Get": ..., "Transaction/CancelOrRefund": ...,
    # "Transaction/Update": ..., "Transaction/Validate": ...,
}


def _envelope(status, answer):
    return {"webService": None, "version": "V4", "applicationVersion": "sandbox",
            "status": status, "answer": answer, "ticket": None, "serverDate": None,
            "applicationProvider": "SANDBOX", "mode": "TEST", "serverUrl": None}


def _error(code, message):
    return _envelope("ERROR", {"errorCode": code, "errorMessage": message, "detailedErrorCode": None,
                               "detailedErrorMessage": None, "_type": "V4/WebService/WebServiceError"})


def dispatch(platform, path: str, headers, body: bytes):
    """Returns (http_status, json-serialisable dict)."""
    name = path.strip("/")
    handler = HANDLERS.get(name)
    if handler is None:
        return 501, _error("PSP_SANDBOX_501", "REST operation %r is not implemented in the sandbox" % name)
    auth = headers.get("Authorization", "")
    shop_id = None
    if auth.startswith("Basic "):
        try:
            shop_id = base64.b64decode(auth[6:]).decode("utf-8").split(":", 1)[0]
        except (binascii.Error, UnicodeDecodeError):
            shop_id = None
    if not shop_id:
        return 401, _error("INT_902", "web-service authentication failed")
    try:
        data = json.loads(body.decode("utf-8") or "{}")
    except ValueError:
        return 400, _error("INT_905", "invalid JSON body")
    status, answer = handler(platform, shop_id, data)
    return status, _envelope("SUCCESS" if status == 200 else "ERROR", answer)
