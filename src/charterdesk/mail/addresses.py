"""Whether a string can be a mail address we take mail from or send mail to: a local
part of plain characters, an @, and a domain name of at least two labels. An IP literal
(`[192.0.2.1]`) or a bare IP address is refused: no customer has one, and mail to it
goes to whatever machine the sender named."""

import re

MAX_ADDRESS = 254  # RFC 5321: a path holds at most 256 octets with its <>
MAX_LOCAL = 64
MAX_DOMAIN = 253
LOCAL = re.compile(r"^[\w!#$%&'*+/=?^`{|}~.-]+$")
LABEL = re.compile(r"^(?!-)[\w-]{1,63}(?<!-)$")


def address_problem(address: str) -> str:
    """Why `address` cannot be a mail address, or "" when it can."""
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        return f"{_short(address)} is not a mail address"
    if len(address) > MAX_ADDRESS or len(local) > MAX_LOCAL or len(domain) > MAX_DOMAIN:
        return f"{_short(address)} is longer than a mail address can be"
    if domain.startswith("[") or all(label.isdigit() for label in domain.split(".")):
        return f"{_short(address)} names an IP address instead of a domain"
    labels = domain.split(".")
    if len(labels) < 2 or not all(LABEL.match(label) for label in labels):
        return f"{_short(address)} has no valid domain name"
    if not LOCAL.match(local) or local.startswith(".") or ".." in local:
        return f"{_short(address)} is not a mail address"
    return ""


def _short(address: str) -> str:
    address = "".join(c if c.isprintable() else "\ufffd" for c in address)
    shown = address if len(address) <= 80 else f"{address[:60]}… ({len(address)} characters)"
    return f"the address '{shown}'"
