"""Where the SLA services read and write clocks.

Outside a batch, straight in the database, one ticket at a time. Inside `clocks_in_batch`
(a bulk action on many tickets), the clocks of the batch's tickets are read in one query,
the services change them in memory exactly as they would in the database, and the lot is
written when the batch ends: the changed clocks in one UPDATE per chunk, the new ones and
their events in one INSERT each. The terms of a plan are looked up once per batch for each
(contract, coverage, type, priority).

A ticket of the batch whose change is refused is put back with `ticket_unit`, alongside
its savepoint, so memory and database agree.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from charterdesk.core.batching import update_rows
from charterdesk.plans.models import Metric
from charterdesk.tickets.models import Ticket

from .models import RUNNING_STATES, ClockState, SlaClock, SlaEvent
from .opening import insert_with_events
from .terms import Terms, terms_for

SAVED_FIELDS = [
    "state",
    "breached",
    "target_minutes",
    "started_at",
    "running_since",
    "used_before",
    "due_at",
    "warn_at",
    "fulfilled_at",
]
UPDATE_CHUNK = 200  # clocks per UPDATE … CASE


class ClockBatch:
    """The clocks of some tickets, held in memory until `flush`."""

    def __init__(self, ticket_ids: Iterable[int]) -> None:
        self.ticket_ids = set(ticket_ids)
        self.clocks: dict[int, list[SlaClock]] = defaultdict(list)
        for clock in SlaClock.objects.filter(ticket_id__in=self.ticket_ids).order_by("id"):
            self.clocks[clock.ticket_id].append(clock)
        self.new: list[SlaClock] = []
        self.changed: dict[int, SlaClock] = {}
        self.events: list[SlaEvent] = []
        self.terms: dict[tuple[Any, ...], Terms | None] = {}

    def holds(self, ticket_id: int | None) -> bool:
        return ticket_id in self.ticket_ids

    def terms_for(self, ticket: Ticket) -> Terms | None:
        key = (ticket.contract_id, ticket.coverage, ticket.request_type, ticket.priority)
        if key not in self.terms:
            self.terms[key] = terms_for(ticket)
        return self.terms[key]

    @contextmanager
    def ticket_unit(self, ticket_id: int) -> Iterator[None]:
        """Put the ticket's clocks back as they were if the block raises."""
        own = self.clocks[ticket_id]
        saved = [(clock, dict(clock.__dict__)) for clock in own]
        sizes = (len(own), len(self.new), len(self.events))
        changed = set(self.changed)
        try:
            yield
        except BaseException:
            for clock, state in saved:
                clock.__dict__.clear()
                clock.__dict__.update(state)
            del own[sizes[0] :], self.new[sizes[1] :], self.events[sizes[2] :]
            for key in set(self.changed) - changed:
                del self.changed[key]
            raise

    def flush(self) -> None:
        """Write what changed: updates first (a clock fulfilled before its next cycle is
        inserted, for the one-running-clock-per-metric rule), then new clocks, then events."""
        update_rows(SlaClock, list(self.changed.values()), SAVED_FIELDS, UPDATE_CHUNK)
        SlaClock.objects.bulk_create(self.new)
        SlaEvent.objects.bulk_create(self.events)
        self.new, self.changed, self.events = [], {}, []


_batch: ContextVar[ClockBatch | None] = ContextVar("sla_clock_batch", default=None)


@contextmanager
def clocks_in_batch(ticket_ids: Iterable[int]) -> Iterator[ClockBatch]:
    """Clock work on these tickets stays in memory until the block ends, then is written
    in a few statements (not when the block raises: the caller's transaction rolls back)."""
    batch = ClockBatch(ticket_ids)
    token = _batch.set(batch)
    try:
        yield batch
    finally:
        _batch.reset(token)
    batch.flush()


def _batch_of(ticket: Ticket) -> ClockBatch | None:
    return _batch_holding(ticket.pk)


def _batch_holding(ticket_id: int | None) -> ClockBatch | None:
    batch = _batch.get()
    return batch if batch is not None and batch.holds(ticket_id) else None


# What the SLA services call: the database, or the batch holding the ticket.


def ticket_terms(ticket: Ticket) -> Terms | None:
    batch = _batch_of(ticket)
    return batch.terms_for(ticket) if batch else terms_for(ticket)


def running(ticket: Ticket) -> list[SlaClock]:
    batch = _batch_of(ticket)
    if batch is None:
        return list(SlaClock.objects.filter(ticket=ticket, state__in=RUNNING_STATES))
    return [c for c in batch.clocks[ticket.pk] if c.state in RUNNING_STATES]


def latest_resolution(ticket: Ticket) -> SlaClock | None:
    """The ticket's last resolution clock (by start), whatever its state."""
    batch = _batch_of(ticket)
    if batch is None:
        return (
            SlaClock.objects.filter(ticket=ticket, metric=Metric.RESOLUTION)
            .order_by("-started_at", "-id")
            .first()
        )
    own = [c for c in _in_id_order(batch, ticket) if c.metric == Metric.RESOLUTION]
    return max(reversed(own), key=lambda c: c.started_at, default=None)


def nearest_deadline(ticket: Ticket) -> datetime | None:
    batch = _batch_of(ticket)
    if batch is None:
        return (
            SlaClock.objects.filter(ticket=ticket, state=ClockState.ACTIVE, due_at__isnull=False)
            .order_by("due_at")
            .values_list("due_at", flat=True)
            .first()
        )
    due = [
        c.due_at
        for c in batch.clocks[ticket.pk]
        if c.state == ClockState.ACTIVE and c.due_at is not None
    ]
    return min(due, default=None)


def first_reply_due(ticket: Ticket) -> datetime | None:
    """The deadline of the ticket's latest first-reply clock that was not withdrawn."""
    batch = _batch_of(ticket)
    if batch is None:
        return (
            SlaClock.objects.filter(ticket=ticket, metric=Metric.FIRST_REPLY)
            .exclude(state=ClockState.CANCELLED)
            .order_by("-id")
            .values_list("due_at", flat=True)
            .first()
        )
    own = [
        c
        for c in _in_id_order(batch, ticket)
        if c.metric == Metric.FIRST_REPLY and c.state != ClockState.CANCELLED
    ]
    return own[-1].due_at if own else None


def _in_id_order(batch: ClockBatch, ticket: Ticket) -> list[SlaClock]:
    """Saved clocks by id, then the batch's new ones in the order they were made (the ids
    they will get)."""
    own = batch.clocks[ticket.pk]
    return [c for c in own if c.pk is not None] + [c for c in own if c.pk is None]


_CLOCKS = SlaClock._meta.db_table
# A ticket's promised first reply (its latest first-reply clock not withdrawn) and nearest
# running deadline, in one statement written out (two ORM queries cost ~0.6 ms of CPU to
# build, the database ~0.05 ms to run).
_DEADLINES = (
    f"SELECT (SELECT due_at FROM {_CLOCKS} WHERE ticket_id = %s AND metric = %s"  # noqa: S608
    " AND state <> %s ORDER BY id DESC LIMIT 1),"
    f" (SELECT MIN(due_at) FROM {_CLOCKS} WHERE ticket_id = %s AND state = %s"
    " AND due_at IS NOT NULL)"
)


def deadlines(ticket: Ticket) -> tuple[datetime | None, datetime | None]:
    """`first_reply_due(ticket)` and `nearest_deadline(ticket)` at once."""
    if _batch_of(ticket) is not None:
        return first_reply_due(ticket), nearest_deadline(ticket)
    params: list[int | str] = [
        ticket.pk,
        str(Metric.FIRST_REPLY),
        str(ClockState.CANCELLED),
        ticket.pk,
        str(ClockState.ACTIVE),
    ]
    with connection.cursor() as cursor:
        cursor.execute(_DEADLINES, params)
        first, nearest = cursor.fetchone()
    return _instant(first), _instant(nearest)


def _instant(value: datetime | str | None) -> datetime | None:
    """A timestamp as the database gives it to a written-out statement (SQLite: text or a
    naive datetime, in UTC), as the ORM would read it."""
    if value is None:
        return None
    parsed = value if isinstance(value, datetime) else parse_datetime(value)
    if parsed is not None and settings.USE_TZ and timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def save(clocks: list[SlaClock]) -> None:
    if not clocks:
        return
    batch = _batch_holding(clocks[0].ticket_id)
    if batch is None:
        SlaClock.objects.bulk_update(clocks, SAVED_FIELDS)
        return
    for clock in clocks:
        if clock.pk is not None:
            batch.changed[clock.pk] = clock


def add(clocks: list[SlaClock]) -> None:
    """New clocks of one ticket."""
    if not clocks:
        return
    batch = _batch_holding(clocks[0].ticket_id)
    if batch is None:
        SlaClock.objects.bulk_create(clocks)
        return
    batch.new.extend(clocks)
    batch.clocks[clocks[0].ticket_id].extend(clocks)


def add_logged(clocks: list[SlaClock], events: list[SlaEvent]) -> None:
    """New clocks of one ticket and their first events (each logs one of `clocks`, in the
    order given): one statement on PostgreSQL outside a batch (sla.opening), else `add`
    then `log`."""
    if clocks and connection.vendor == "postgresql" and _batch_holding(clocks[0].ticket_id) is None:
        insert_with_events(clocks, events)
        return
    add(clocks)
    log(events)


def log(events: list[SlaEvent]) -> None:
    if not events:
        return
    batch = _batch_holding(events[0].ticket_id)
    if batch is None:
        SlaEvent.objects.bulk_create(events)
        return
    batch.events.extend(events)
