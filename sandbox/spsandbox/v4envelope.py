"""The REST API V4 answer envelope and error object, shared by every web service (rest.py for
Charge/*, management.py for Transaction/* and Order/Get)."""

import secrets
from dataclasses import dataclass

from . import __version__
from .answer import now_iso


@dataclass
class Context:
    """What a web service handler gets: the platform, the authenticated shop and the mode of its password."""
    platform: object
    shop: object
    mode: str


class InputError(Exception):
    """An invalid input field: (INT code, message, field path, value)."""

    def __init__(self, code, message, field, value=None):
        super().__init__(message)
        self.code, self.message, self.field, self.value = code, message, field, value


def error_answer(code, message, detailed_code=None, detailed_message=None, shop_id=None):
    return {"errorCode": code, "errorMessage": message, "detailedErrorCode": detailed_code,
            "detailedErrorMessage": detailed_message, "ticket": None, "shopId": shop_id,
            "_type": "V4/WebService/WebServiceError"}


def envelope(operation, mode, answer, server_url):
    status = "ERROR" if answer.get("_type") == "V4/WebService/WebServiceError" else "SUCCESS"
    return {"webService": operation, "version": "V4", "applicationVersion": "sandbox-" + __version__,
            "status": status, "answer": answer, "ticket": secrets.token_hex(16), "serverDate": now_iso(),
            "applicationProvider": "SYSTEMPAY", "metadata": None, "mode": mode, "serverUrl": server_url,
            "_type": "V4/WebService/Response"}
