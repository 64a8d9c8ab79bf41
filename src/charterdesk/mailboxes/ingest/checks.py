"""Headers a message must have right before the pipeline reads it further: what no
database can hold, or no mail system would deliver, is quarantined with the reason on
every database alike (instead of failing on one of them)."""

import re

from .store import HEADER_END

MAX_ADDRESS = 254  # RFC 5321: a forward-path holds at most 256 octets with its <>
MAX_LOCAL = 64
MAX_DOMAIN = 253
LABEL = re.compile(r"^(?!-)[^\s.@\[\]]{1,63}(?<!-)$")


def nul_in_headers(raw: bytes) -> bool:
    """No mail program writes a NUL in a header, and PostgreSQL cannot store one."""
    end = HEADER_END.search(raw)
    return b"\x00" in (raw[: end.start()] if end else raw)


def address_problem(address: str) -> str:
    """Why `address` cannot be a sender's or recipient's mail address, or ""."""
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        return f"the address {_short(address)} is not a mail address"
    if len(address) > MAX_ADDRESS or len(local) > MAX_LOCAL or len(domain) > MAX_DOMAIN:
        return f"the address {_short(address)} is longer than a mail address can be"
    if domain.startswith("[") or not all(LABEL.match(label) for label in domain.split(".")):
        return f"the address {_short(address)} has no valid domain name"
    return ""


def _short(address: str) -> str:
    shown = address if len(address) <= 80 else f"{address[:60]}… ({len(address)} characters)"
    return f"'{shown}'"
