from datetime import datetime

from django.utils import timezone

from charterdesk.accounts.models import User

from ..models import EventKind, Ticket, TicketEvent


def record(
    ticket: Ticket,
    actor: User | None,
    kind: EventKind,
    *,
    field: str = "",
    old: object = "",
    new: object = "",
    note: str = "",
    internal: bool = False,
    at: datetime | None = None,
) -> TicketEvent:
    """Add one line to the ticket's history."""
    return TicketEvent.objects.create(
        ticket=ticket,
        actor=actor,
        kind=kind,
        field=field,
        old_value=_text(old),
        new_value=_text(new),
        note=note[:500],
        internal=internal,
        created_at=at or timezone.now(),
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    return str(getattr(value, "email", value))[:500]
