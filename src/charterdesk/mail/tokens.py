"""Signed reply addresses: support+<ticket>-<signature>@domain threads a reply on its
ticket even when the mail client drops every header, and cannot be guessed."""

import re

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "charterdesk.mail.reply-address"
TOKEN = re.compile(r"^(\d+)-([a-z0-9]{12})$")


def _signature(ticket_id: int) -> str:
    digest = salted_hmac(SALT, str(ticket_id), algorithm="sha256").hexdigest()
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


def support_parts() -> tuple[str, str]:
    local, _, domain = settings.MAIL_SUPPORT_ADDRESS.partition("@")
    return local, domain


def reply_address(ticket_id: int) -> str:
    local, domain = support_parts()
    return f"{local}+{ticket_token(ticket_id)}@{domain}"
