"""A queue with a ticket history: copies of one ticket, created at the given moments."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from charterdesk.forecasting import synthetic
from charterdesk.routing.models import Queue
from charterdesk.tickets.models import Ticket
from tests.tickets.factories import open_ticket


def tickets_at(queue: Queue, moments: list[datetime]) -> None:
    base = open_ticket()
    fields = {
        f.attname: getattr(base, f.attname)
        for f in Ticket._meta.concrete_fields
        if not f.primary_key and not f.generated
    }
    fields.update(queue_id=queue.pk)
    Ticket.objects.bulk_create(
        (Ticket(**{**fields, "created_at": moment}) for moment in moments), batch_size=2000
    )


def history(
    queue: Queue,
    *,
    first: date,
    weeks: int,
    per_week: float,
    zone: str = "UTC",
    peaks: dict[int, float] | None = None,
) -> np.ndarray:
    """Synthetic arrivals for `weeks` from `first` (local days), stored as tickets; returns
    the days × 48 counts."""
    shape = synthetic.Shape(per_week=per_week, first_weekday=first.weekday(), peaks=peaks or {})
    counts = synthetic.history(weeks * 7, shape)
    tz = ZoneInfo(zone)
    moments = []
    for day, slot in zip(*np.nonzero(counts), strict=True):
        start = datetime.combine(first + timedelta(days=int(day)), datetime.min.time(), tzinfo=tz)
        start += timedelta(minutes=30 * int(slot))
        moments += [start + timedelta(minutes=1 + i % 28) for i in range(int(counts[day, slot]))]
    tickets_at(queue, moments)
    return counts
