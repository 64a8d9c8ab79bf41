"""What accounts announces to the apps above it.

Accounts sits below the mail app, so it cannot queue mail itself: it announces the mail
it needs (a password reset link, an invitation) and the mail app queues it through the
outbox, in the caller's transaction. A system check (checks.py) makes sure someone
listens."""

from dataclasses import dataclass, field
from typing import Any

from charterdesk.core.hooks import Hook


@dataclass(frozen=True)
class AccountMail:
    """One mail to one address, rendered from `template` (`x/mail/y`: `.subject.txt`,
    `.txt`, optionally `.html`) with `context`."""

    to: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


account_mail: Hook[AccountMail] = Hook("account_mail")
