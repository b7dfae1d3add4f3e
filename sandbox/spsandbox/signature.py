"""Form API V2 signature (protocol.md section 2), written from the spec.

signed string = value(vads_a) + "+" + value(vads_b) + ... + "+" + key
(fields whose name starts with the exact prefix "vads_", empty values
included, sorted by field name byte-wise).
SHA-1        -> lowercase hex of SHA-1(signed string)
HMAC-SHA-256 -> Base64 of HMAC-SHA-256(key, signed string)
"""

import base64
import hashlib
import hmac
from typing import Iterable, Mapping, Tuple, Union

ALGORITHMS = ("SHA-1", "HMAC-SHA-256")

Fields = Union[Mapping[str, str], Iterable[Tuple[str, str]]]


def _items(fields: Fields):
    if isinstance(fields, Mapping):
        return list(fields.items())
    return list(fields)


def signed_string(fields: Fields, key: str) -> str:
    key = key.strip()
    vads = [(k, "" if v is None else v) for k, v in _items(fields) if k.startswith("vads_")]
    vads.sort(key=lambda kv: kv[0].encode("utf-8"))
    return "".join(v + "+" for _, v in vads) + key


def sign(fields: Fields, key: str, algorithm: str) -> str:
    key = key.strip()
    data = signed_string(fields, key).encode("utf-8")
    if algorithm == "SHA-1":
        return hashlib.sha1(data).hexdigest()
    if algorithm == "HMAC-SHA-256":
        mac = hmac.new(key.encode("utf-8"), data, hashlib.sha256).digest()
        return base64.b64encode(mac).decode("ascii")
    raise ValueError("unknown algorithm %r" % algorithm)


def verify(fields: Fields, key: str, algorithm: str, given) -> bool:
    """Exact, constant-time comparison; empty/None never matches."""
    if not given or not isinstance(given, str):
        return False
    expected = sign(fields, key, algorithm)
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


def masked_signed_string(fields: Fields, key: str) -> str:
    """Signed string with the key masked, for the TEST-mode error page."""
    s = signed_string(fields, "")
    k = key.strip()
    return s + (k[:2] + "*" * max(0, len(k) - 4) + k[-2:] if len(k) > 4 else "****")
