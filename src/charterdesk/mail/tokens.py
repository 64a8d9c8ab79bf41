"""Signed reply addresses: support+<ticket>-<signature>@domain threads a reply on its
ticket even when the mail client drops every header, and cannot be guessed.

Mail to agents only carries a different address, support+<ticket>-s<signature>@domain,
signed with another salt. Customers never receive it, so a customer cannot pass for an
agent by forging a From header, and what an agent answers to an internal notification is
known to come from an internal mail (it becomes an internal note)."""

import re

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "charterdesk.mail.reply-address"
STAFF_SALT = "charterdesk.mail.staff-reply-address"
TOKEN = re.compile(r"^(\d+)-([a-z0-9]{12})$")
STAFF_TOKEN = re.compile(r"^(\d+)-s([a-z0-9]{12})$")


def _signature(ticket_id: int, salt: str = SALT) -> str:
    digest = salted_hmac(salt, str(ticket_id), algorithm="sha256").hexdigest()
    return digest[:12]


def ticket_token(ticket_id: int) -> str:
    return f"{ticket_id}-{_signature(ticket_id)}"


def ticket_from_token(token: str) -> int | None:
    """The ticket id a token stands for, or None if it is not one of ours."""
    match = TOKEN.match(token.strip().lower())
    if match is None:
        return None
    ticket_id = int(match.group(1))
    return ticket_id if constant_time_compare(match.group(2), _signature(ticket_id)) else None


def staff_token(ticket_id: int) -> str:
    return f"{ticket_id}-s{_signature(ticket_id, STAFF_SALT)}"


def ticket_from_staff_token(token: str) -> int | None:
    """The ticket id of an agents-only reply address, or None."""
    match = STAFF_TOKEN.match(token.strip().lower())
    if match is None:
        return None
    ticket_id = int(match.group(1))
    signature = _signature(ticket_id, STAFF_SALT)
    return ticket_id if constant_time_compare(match.group(2), signature) else None


def support_parts() -> tuple[str, str]:
    local, _, domain = settings.MAIL_SUPPORT_ADDRESS.partition("@")
    return local, domain


def reply_address(ticket_id: int, *, staff: bool = False) -> str:
    local, domain = support_parts()
    token = staff_token(ticket_id) if staff else ticket_token(ticket_id)
    return f"{local}+{token}@{domain}"
