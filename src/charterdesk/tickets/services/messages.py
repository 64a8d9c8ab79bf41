from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.core.vocabulary import Channel
from charterdesk.customers.models import Contact

from ..hooks import PublicReplyAttempt, TicketChange, public_reply_checks, ticket_changed
from ..models import EventKind, Message, Status, Ticket, Visibility
from .history import record
from .saving import ticket_save
from .validation import check_body


def message_add(
    ticket: Ticket,
    author: User | None,
    body: str,
    visibility: str = Visibility.PUBLIC,
    channel: Channel = Channel.PORTAL,
    at: datetime | None = None,
    *,
    contact: Contact | None = None,
) -> Message:
    """A public reply or an internal note. Customers write public replies only; their reply
    re-opens a ticket that waits on them or was solved. A contact without a sign-in (mail)
    writes with `author=None, contact=...`."""
    staff = author is not None and author.is_agent
    if author is None and contact is None:
        raise ValueError("a message needs an author or a contact")
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": "Use 'public' or 'internal'."})
    if visibility == Visibility.INTERNAL and not staff:
        raise PermissionDenied("Customers cannot write internal notes.")
    if ticket.status == Status.CLOSED:
        raise ValidationError({"body": "This ticket is closed; open a new request instead."})
    body = check_body(body)
    if staff and visibility == Visibility.PUBLIC:
        public_reply_checks.announce(PublicReplyAttempt(ticket, author, body))  # type: ignore[arg-type]
    now = at or timezone.now()
    message = Message.objects.create(
        ticket=ticket,
        author=author,
        author_contact=None if staff else (contact or getattr(author, "contact", None)),
        from_staff=staff,
        visibility=visibility,
        channel=channel,
        body=body,
        created_at=now,
    )
    if visibility == Visibility.INTERNAL:
        record(ticket, author, EventKind.NOTED, internal=True, at=now)
    else:
        _public_reply(ticket, author, message)
    ticket.updated_at = now
    ticket_save(ticket)
    return message


def _public_reply(ticket: Ticket, author: User | None, message: Message) -> None:
    at = message.created_at
    record(ticket, author, EventKind.REPLIED, at=at)
    old_status = ticket.status
    staff = message.from_staff
    if staff:
        if ticket.first_replied_at is None:
            ticket.first_replied_at = message.created_at
        if ticket.status == Status.NEW:
            ticket.status = Status.OPEN
    elif ticket.status in (Status.PENDING, Status.SOLVED):
        ticket.status = Status.OPEN
        ticket.solved_at = None
    changed: dict[str, object] = {}
    if ticket.status != old_status:
        record(
            ticket,
            author,
            EventKind.CHANGED,
            field="status",
            old=old_status,
            new=ticket.status,
            at=at,
        )
        changed["status"] = old_status
    ticket_changed.announce(TicketChange(ticket, author, at, changed, reply=message))
