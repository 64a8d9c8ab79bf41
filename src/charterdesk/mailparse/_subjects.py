"""Subject lines and addresses: our ticket tags, reply prefixes, plus-addressed tokens."""

from __future__ import annotations

import re
from email.utils import parseaddr

_TICKET_TAG = re.compile(r"\[\s*#\s*(\d{1,18})\s*\]")
_PREFIX = re.compile(
    r"^\s*(?:re|fwd?|aw|wg|sv|vs|antw|tr|rv|odp|ynt|enc|res|回复|回覆|答复|转发|転送)"
    r"\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")


def subject_ticket_ids(subject: str) -> list[int]:
    """Ticket numbers tagged "[#123]" anywhere in ``subject``, in order, no repeats."""
    return list(dict.fromkeys(int(number) for number in _TICKET_TAG.findall(subject)))


def clean_subject(subject: str) -> str:
    """``subject`` without reply/forward prefixes (repeated, any case, several languages)
    and without our "[#123]" tags."""
    subject = _SPACES.sub(" ", _TICKET_TAG.sub(" ", subject)).strip()
    while True:
        stripped = _PREFIX.sub("", subject, count=1)
        if stripped == subject:
            return subject
        subject = stripped.strip()


def reply_token(address: str, local_part: str = "support") -> str | None:
    """ "support+abc123@x.example" -> "abc123"; None when ``address`` is not plus-addressed
    to ``local_part`` (compared case-insensitively)."""
    if "<" in address:
        address = parseaddr(address)[1]
    local, at, _domain = address.strip().strip("<>").rpartition("@")
    if not at:
        return None
    base, plus, token = local.strip('"').partition("+")
    if not plus or not token or base.lower() != local_part.lower():
        return None
    return token
