from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.core.vocabulary import Channel
from charterdesk.sla.services import sla_public_reply, sla_status_changed

from .. import deadlines
from ..models import EventKind, Message, Status, Ticket, Visibility
from .history import record
from .validation import check_body


def message_add(
    ticket: Ticket,
    author: User,
    body: str,
    visibility: str = Visibility.PUBLIC,
    channel: Channel = Channel.PORTAL,
    at: datetime | None = None,
) -> Message:
    """A public reply or an internal note. Customers write public replies only; their reply
    re-opens a ticket that waits on them or was solved."""
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": "Use 'public' or 'internal'."})
    if visibility == Visibility.INTERNAL and not author.is_agent:
        raise PermissionDenied("Customers cannot write internal notes.")
    if ticket.status == Status.CLOSED:
        raise ValidationError({"body": "This ticket is closed; open a new request instead."})
    body = check_body(body)
    now = at or timezone.now()
    message = Message.objects.create(
        ticket=ticket,
        author=author,
        author_contact=getattr(author, "contact", None) if not author.is_agent else None,
        from_staff=author.is_agent,
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
    ticket.save()
    return message


def _public_reply(ticket: Ticket, author: User, message: Message) -> None:
    at = message.created_at
    record(ticket, author, EventKind.REPLIED, at=at)
    old_status = ticket.status
    if author.is_agent:
        if ticket.first_replied_at is None:
            ticket.first_replied_at = message.created_at
        if ticket.status == Status.NEW:
            ticket.status = Status.OPEN
        transaction.on_commit(lambda: _notify_requester(message.pk))
    elif ticket.status in (Status.PENDING, Status.SOLVED):
        ticket.status = Status.OPEN
        ticket.solved_at = None
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
        sla_status_changed(ticket, old_status, at)
    sla_public_reply(ticket, author.is_agent, at)
    deadlines.refresh(ticket, at)


def _notify_requester(message_id: int) -> None:
    from ..tasks import notify_requester_of_reply

    notify_requester_of_reply.enqueue(message_id)
