"""Tag changes of a bulk action, for a chunk of tickets at once: each ticket's new tags are
worked out from the tags read once for the lot (the undo snapshot), its history line is
recorded where `ticket_change_tags` would record it, and the rows are written when the
chunk ends (one DELETE per distinct removal, one INSERT, one UPDATE of `updated_at`).
The same outcome as `ticket_change_tags` one ticket at a time (see
tests/workspace/test_bulk_macro_matches_one_by_one.py)."""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from charterdesk.accounts.models import User
from charterdesk.tickets.models import EventKind, Ticket, TicketTag
from charterdesk.tickets.services.fields import clean_tags, ticket_change_tags
from charterdesk.tickets.services.history import record


class TagBatch:
    def __init__(self, current: dict[int, list[str]]) -> None:
        self.current = {ticket_id: sorted(names) for ticket_id, names in current.items()}
        self.added: list[TicketTag] = []
        self.removed: dict[int, frozenset[str]] = {}
        self.touched: dict[int, datetime] = {}

    def change(
        self,
        ticket: Ticket,
        actor: User | None,
        *,
        add: Iterable[str] = (),
        remove: Iterable[str] = (),
        at: datetime | None = None,
    ) -> bool:
        """What `ticket_change_tags` does, written later; True when the tags changed."""
        if actor is not None and not actor.is_agent:
            raise PermissionDenied("Only agents change a ticket's tags and fields.")
        current = self.current.get(ticket.pk, [])
        removed = set(clean_tags(remove))
        wanted = clean_tags([n for n in current if n not in removed] + clean_tags(add))
        if sorted(wanted) == current:
            return False
        now = at or timezone.now()
        record(ticket, actor, EventKind.CHANGED, field="tags", old=", ".join(current),
               new=", ".join(sorted(wanted)), internal=True, at=now)  # fmt: skip
        gone = frozenset(current) - set(wanted)
        if gone:
            self.removed[ticket.pk] = gone
        self.added += [TicketTag(ticket=ticket, name=n) for n in wanted if n not in current]
        self.current[ticket.pk] = sorted(wanted)
        ticket.updated_at = now
        self.touched[ticket.pk] = now
        return True

    @contextmanager
    def ticket_unit(self, ticket_id: int) -> Iterator[None]:
        """Forget the ticket's tag changes if the block raises (a refused ticket)."""
        current, added = self.current.get(ticket_id), len(self.added)
        removed, touched = self.removed.get(ticket_id), self.touched.get(ticket_id)
        try:
            yield
        except BaseException:
            if current is not None:
                self.current[ticket_id] = current
            del self.added[added:]
            self.removed.pop(ticket_id, None)
            self.touched.pop(ticket_id, None)
            if removed is not None:
                self.removed[ticket_id] = removed
            if touched is not None:
                self.touched[ticket_id] = touched
            raise

    def flush(self) -> None:
        by_names: dict[frozenset[str], list[int]] = defaultdict(list)
        for ticket_id, names in self.removed.items():
            by_names[names].append(ticket_id)
        for names, ids in by_names.items():
            TicketTag.objects.filter(ticket_id__in=ids, name__in=names).delete()
        TicketTag.objects.bulk_create(self.added)
        by_time: dict[datetime, list[int]] = defaultdict(list)
        for ticket_id, at in self.touched.items():
            by_time[at].append(ticket_id)
        for at, ids in by_time.items():
            Ticket.objects.filter(pk__in=ids).update(updated_at=at)
        self.added, self.removed, self.touched = [], {}, {}


_batch: ContextVar[TagBatch | None] = ContextVar("bulk_tag_batch", default=None)


@contextmanager
def tags_in_batch(current: dict[int, list[str]]) -> Iterator[TagBatch]:
    """Tag changes of these tickets (their tags now, by id) are written when the block ends
    (not when it raises: the caller's transaction rolls back)."""
    batch = TagBatch(current)
    token = _batch.set(batch)
    try:
        yield batch
    finally:
        _batch.reset(token)
    batch.flush()


def change_tags(
    ticket: Ticket,
    actor: User | None,
    *,
    add: Iterable[str] = (),
    remove: Iterable[str] = (),
    at: datetime | None = None,
) -> bool:
    """`ticket_change_tags`, or the running batch's when it holds the ticket."""
    batch = _batch.get()
    if batch is not None and ticket.pk in batch.current:
        return batch.change(ticket, actor, add=add, remove=remove, at=at)
    return ticket_change_tags(ticket, actor, add=add, remove=remove, at=at)
