"""The signature receivers check: `CharterDesk-Signature: t=<unix time>,v1=<hex>`, where
hex is HMAC-SHA256 of `<unix time>.<body>` keyed with the endpoint's secret. Receivers
recompute it, compare in constant time and refuse a timestamp older than a few minutes
(a replay). `verify` is the reference implementation the docs show."""

import hashlib
import hmac

HEADER = "CharterDesk-Signature"
TOLERANCE = 300  # seconds a receiver should accept


def signature(secret: str, timestamp: int, body: bytes) -> str:
    signed = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def header(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def verify(secret: str, value: str, body: bytes, now: int, tolerance: int = TOLERANCE) -> bool:
    """True when `value` (the header) signs `body` with `secret` within `tolerance`."""
    parts = dict(p.split("=", 1) for p in value.split(",") if "=" in p)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), parts.get("v1", ""))
