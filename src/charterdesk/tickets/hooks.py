"""What other apps hear about a ticket, without the ticket app importing them.

The ticket services announce `ticket_changed` inside the caller's transaction, after the
change is in the history and before the ticket row is saved, so a handler may set fields
of the ticket (the SLA app sets the promised first reply and the queue's sort key).
Handlers register in their app's `AppConfig.ready` (see docs/architecture.md).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from charterdesk.accounts.models import User
from charterdesk.core.hooks import Hook

from .models import Message, Ticket


@dataclass(frozen=True)
class TicketChange:
    """A public reply, or a change of properties by an agent or by CharterDesk itself."""

    ticket: Ticket
    actor: User | None
    at: datetime
    # The properties that changed, each with its old value (status, request_type, ...).
    changed: Mapping[str, object] = field(default_factory=dict)
    # The public reply that made this change, if it was one (never an internal note).
    reply: Message | None = None


ticket_changed: Hook[TicketChange] = Hook("ticket_changed")


@dataclass(frozen=True)
class TicketAnonymization:
    """A ticket whose personal data is being removed for good: each app that keeps
    something of the ticket's people (mail, files, survey comments) blanks it."""

    ticket: Ticket
    actor: User
    at: datetime


ticket_anonymizing: Hook[TicketAnonymization] = Hook("ticket_anonymizing")


@dataclass(frozen=True)
class TicketCategorized:
    """A ticket's category changed (`ticket_categorize`): triage learns from corrections."""

    ticket: Ticket
    old_category_id: int | None
    source: str
    actor: User | None


ticket_categorized: Hook[TicketCategorized] = Hook("ticket_categorized")


@dataclass(frozen=True)
class PublicReplyAttempt:
    """An agent is about to post a public reply: a handler refuses it with a
    ValidationError on `body` (shadow mode: the learning app drafts it instead)."""

    ticket: Ticket
    author: User
    body: str


public_reply_checks: Hook[PublicReplyAttempt] = Hook("public_reply_checks")
