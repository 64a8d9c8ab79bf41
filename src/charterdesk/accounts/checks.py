"""System checks of the accounts app."""

from typing import Any

from django.core.checks import Error

from .hooks import account_mail


def account_mail_is_heard(**kwargs: Any) -> list[Error]:
    """Without a handler on `account_mail`, password reset and invitation links would be
    dropped without a trace."""
    if account_mail.handlers:
        return []
    return [
        Error(
            "No app queues the mail that accounts announces (password resets, invitations).",
            hint="charterdesk.mail registers a handler on accounts.hooks.account_mail.",
            id="accounts.E001",
        )
    ]
