"""Trends over the last days: created vs solved per day, median first reply and
resolution times, and the age of the open backlog. Days are calendar days in the desk's
time zone (settings.TIME_ZONE, the business calendar's zone), daylight saving included."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Case, Count, IntegerField, Value, When
from django.utils import timezone

from charterdesk.tickets.models import Ticket

from .sql import DURATION_EDGES, duration_bucket, local_day, seconds_between

PERIODS = (7, 30, 90)
DEFAULT_PERIOD = 30
AGE_BUCKETS = (
    ("under 1 day", 1),
    ("1–3 days", 3),
    ("3–7 days", 7),
    ("1–2 weeks", 14),
    ("2–4 weeks", 28),
)
OLDEST = "over 4 weeks"

Histogram = dict[int, int]  # bucket index -> tickets


@dataclass
class Day:
    day: date
    created: int = 0
    solved: int = 0
    first_reply: Histogram = field(default_factory=dict)
    resolution: Histogram = field(default_factory=dict)

    @property
    def first_reply_median(self) -> float | None:
        return median_of(self.first_reply)

    @property
    def resolution_median(self) -> float | None:
        return median_of(self.resolution)


@dataclass(frozen=True)
class Trends:
    days: list[Day]
    zone: str

    @property
    def created(self) -> int:
        return sum(d.created for d in self.days)

    @property
    def solved(self) -> int:
        return sum(d.solved for d in self.days)

    @property
    def first_reply_median(self) -> float | None:
        return median_of(_summed(d.first_reply for d in self.days))

    @property
    def resolution_median(self) -> float | None:
        return median_of(_summed(d.resolution for d in self.days))


def _summed(histograms: object) -> Histogram:
    total: Histogram = defaultdict(int)
    for histogram in histograms:  # type: ignore[attr-defined]
        for bucket, count in histogram.items():
            total[bucket] += count
    return total


def median_of(histogram: Histogram) -> float | None:
    """The median duration in seconds, interpolated within its bucket (buckets are exact
    to within their width: 5 minutes at first, days for the longest)."""
    total = sum(histogram.values())
    if not total:
        return None
    half, seen = total / 2, 0
    for bucket in sorted(histogram):
        count = histogram[bucket]
        if seen + count >= half:
            low = DURATION_EDGES[bucket - 1] if bucket > 0 else 0
            high = DURATION_EDGES[bucket] if bucket < len(DURATION_EDGES) else 2 * low
            return low + (high - low) * (half - seen) / count
        seen += count
    return None  # pragma: no cover - the loop always reaches half


def window(days: int, now: datetime) -> tuple[ZoneInfo, list[date], datetime]:
    """The desk's zone, the last `days` calendar days (today included) and the start of
    the first of them."""
    zone = ZoneInfo(timezone.get_default_timezone_name())
    today = now.astimezone(zone).date()
    dates = [today - timedelta(days=n) for n in range(days - 1, -1, -1)]
    return zone, dates, datetime.combine(dates[0], time(), tzinfo=zone)


def _histogram_rows(
    *, moment: str, duration_from: str | None, zone: ZoneInfo, start: datetime, end: datetime
) -> list[tuple[object, int, int]]:
    """(day, duration bucket, tickets) for tickets whose `moment` column falls in
    [start, end): one GROUP BY query over the index on that column."""
    day_sql, day_params = local_day(moment, zone, start, end, connection)
    seconds = (
        seconds_between(moment, duration_from, connection)
        if duration_from
        else "CAST(NULL AS BIGINT)"
    )
    # Materialized, so each row's day and duration are computed once, not once per branch
    # of the bucket's CASE (both engines inline a plain subquery).
    sql = (
        f"WITH t AS MATERIALIZED (SELECT {day_sql} AS day, {seconds} AS secs "  # noqa: S608
        f"FROM tickets_ticket WHERE {moment} >= %s AND {moment} < %s) "
        f"SELECT day, {duration_bucket('secs')} AS bucket, COUNT(*) FROM t GROUP BY 1, 2"
    )
    ops = connection.ops
    params = [
        *day_params,
        ops.adapt_datetimefield_value(start),
        ops.adapt_datetimefield_value(end),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def trends(days: int, now: datetime) -> Trends:
    """Created vs solved per day with the median first reply (of the first replies given
    that day) and resolution (of the tickets solved that day): three queries."""
    zone, dates, start = window(days, now)
    by_day = {d: Day(d) for d in dates}
    end = now + timedelta(seconds=1)
    created = _histogram_rows(
        moment="created_at", duration_from=None, zone=zone, start=start, end=end
    )
    for raw_day, _, count in created:
        day = by_day.get(_as_date(raw_day))
        if day is not None:
            day.created += count
    replies = _histogram_rows(
        moment="first_replied_at", duration_from="created_at", zone=zone, start=start, end=end
    )
    for raw_day, bucket, count in replies:
        day = by_day.get(_as_date(raw_day))
        if day is not None and bucket >= 0:
            day.first_reply[bucket] = day.first_reply.get(bucket, 0) + count
    solved = _histogram_rows(
        moment="solved_at", duration_from="created_at", zone=zone, start=start, end=end
    )
    for raw_day, bucket, count in solved:
        day = by_day.get(_as_date(raw_day))
        if day is not None:
            day.solved += count
            if bucket >= 0:
                day.resolution[bucket] = day.resolution.get(bucket, 0) + count
    return Trends(list(by_day.values()), zone.key)


@dataclass(frozen=True)
class AgeBucket:
    label: str
    tickets: int


def backlog_age(now: datetime) -> list[AgeBucket]:
    """Open tickets by how long ago they were created (one GROUP BY query over the
    partial index ticket_open_by_created)."""
    whens = [
        When(created_at__gte=now - timedelta(days=limit), then=Value(index))
        for index, (_, limit) in enumerate(AGE_BUCKETS)
    ]
    counts = dict(
        Ticket.objects.filter(in_queue=True)
        .annotate(age=Case(*whens, default=Value(len(AGE_BUCKETS)), output_field=IntegerField()))
        .values("age")
        .annotate(n=Count("id"))
        .values_list("age", "n")
        .order_by()
    )
    labels = [label for label, _ in AGE_BUCKETS] + [OLDEST]
    return [AgeBucket(label, counts.get(index, 0)) for index, label in enumerate(labels)]
