"""Arriving tickets per queue and half hour, counted by the database.

Tickets are grouped by queue, local hour (`TruncHour` in the queue's time zone) and
whether the local minute is past 30: one query per time zone, on SQLite and PostgreSQL
alike, however many tickets there are. The caller turns the rows into a days × 48
matrix (local date, half hour of the day)."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np
from django.db.models import Case, Count, IntegerField, Value, When
from django.db.models.functions import ExtractMinute, TruncHour
from numpy.typing import NDArray

from charterdesk.tickets.models import Ticket

SLOTS = 48


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)


def arrivals(
    queue_ids: Iterable[int], zone: ZoneInfo, first_day: date, days: int
) -> dict[int, NDArray[np.float64]]:
    """Tickets created in each queue per local day × half hour, from `first_day` on."""
    ids = list(queue_ids)
    start = local_midnight(first_day, zone)
    end = local_midnight(first_day + timedelta(days=days), zone)
    rows = (
        Ticket.objects.filter(queue_id__in=ids, created_at__gte=start, created_at__lt=end)
        .alias(minute=ExtractMinute("created_at", tzinfo=zone))
        .annotate(
            hour=TruncHour("created_at", tzinfo=zone),
            half=Case(
                When(minute__gte=30, then=Value(1)), default=Value(0), output_field=IntegerField()
            ),
        )
        .values("queue_id", "hour", "half")
        .annotate(n=Count("id"))
        .order_by()
    )
    matrices: dict[int, NDArray[np.float64]] = defaultdict(lambda: np.zeros((days, SLOTS)))
    for row in rows:
        local = row["hour"].astimezone(zone)
        day = (local.date() - first_day).days
        if 0 <= day < days:
            matrices[row["queue_id"]][day, local.hour * 2 + row["half"]] += row["n"]
    return {queue_id: matrices[queue_id] for queue_id in ids}
