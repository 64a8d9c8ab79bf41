"""The ticket's history: one line per change, written by every service that changes a
ticket. Inside `history_in_batch` (a bulk action) the lines are kept in memory and written
in one INSERT per chunk when the batch ends, in the order they were recorded."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.utils import timezone

from charterdesk.accounts.models import User

from ..models import EventKind, Ticket, TicketEvent

INSERT_CHUNK = 500


class HistoryBatch:
    """History lines waiting to be written, in the order they were recorded."""

    def __init__(self) -> None:
        self.lines: list[TicketEvent] = []

    @contextmanager
    def ticket_unit(self) -> Iterator[None]:
        """Drop the lines recorded in the block if it raises (a refused ticket)."""
        size = len(self.lines)
        try:
            yield
        except BaseException:
            del self.lines[size:]
            raise

    def flush(self) -> None:
        TicketEvent.objects.bulk_create(self.lines, batch_size=INSERT_CHUNK)
        self.lines = []


_batch: ContextVar[HistoryBatch | None] = ContextVar("history_batch", default=None)


@contextmanager
def history_in_batch() -> Iterator[HistoryBatch]:
    """History lines recorded in the block are written when it ends (not when it raises:
    the caller's transaction rolls back)."""
    batch = HistoryBatch()
    token = _batch.set(batch)
    try:
        yield batch
    finally:
        _batch.reset(token)
    batch.flush()


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
    """Add one line to the ticket's history (kept for the batch's INSERT inside
    `history_in_batch`, without its id until then)."""
    line = TicketEvent(
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
    batch = _batch.get()
    if batch is None:
        line.save(force_insert=True)
    else:
        batch.lines.append(line)
    return line


def _text(value: object) -> str:
    if value is None:
        return ""
    return str(getattr(value, "email", value))[:500]
