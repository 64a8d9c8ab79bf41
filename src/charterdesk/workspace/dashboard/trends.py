"""Trends over the last days: created vs solved per day, median first reply and
resolution times, and the age of the open backlog. Days are calendar days in the desk's
time zone (settings.TIME_ZONE, the business calendar's zone), daylight saving included.
Medians are read from duration buckets (sql.DURATION_EDGES: 5 minutes wide at first, up to
days for the longest), interpolated within the median's bucket."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Case, Count, IntegerField, Value, When
from django.utils import timezone

from charterdesk.tickets.models import Ticket
from charterdesk.workspace.models import TrendMeasure

from .rollup import MOMENTS, Row, live_from, midnight, moment_rows, rolled_rows
from .sql import DURATION_EDGES

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


def _add(by_day: dict[date, Day], measure: str, rows: list[Row]) -> None:
    for day_of, _, bucket, count in rows:
        day = by_day.get(day_of)
        if day is None:
            continue
        if measure == TrendMeasure.CREATED:
            day.created += count
            continue
        if measure == TrendMeasure.SOLVED:
            day.solved += count
        histogram = day.first_reply if measure == TrendMeasure.FIRST_REPLY else day.resolution
        if bucket >= 0:
            histogram[bucket] = histogram.get(bucket, 0) + count


def trends(days: int, now: datetime) -> Trends:
    """Created vs solved per day with the median first reply (of the first replies given
    that day) and resolution (of the tickets solved that day). Closed days come from the
    daily rollup (dashboard.rollup), today and any day changed since it was rolled up are
    counted live: 2 + 1 + 3 queries, whatever the number of tickets."""
    zone, dates, _ = window(days, now)
    by_day = {d: Day(d) for d in dates}
    switch = live_from(zone, dates[0], dates[-1])
    live_start, end = midnight(switch, zone), now + timedelta(seconds=1)
    rolled: dict[str, list[Row]] = defaultdict(list)
    for measure, day, queue, bucket, count in rolled_rows(dates[0], switch):
        rolled[measure].append((day, queue, bucket, count))
    for measure in MOMENTS:
        _add(by_day, measure, rolled[measure])
        _add(by_day, measure, moment_rows(measure, zone, live_start, end))
    return Trends(list(by_day.values()), zone.key)


def trends_direct(days: int, now: datetime) -> Trends:
    """The same figures counted from the tickets alone (three queries over every ticket of
    the window): what the rollup must agree with, and the benchmark's baseline."""
    zone, dates, start = window(days, now)
    by_day = {d: Day(d) for d in dates}
    for measure in MOMENTS:
        _add(by_day, measure, moment_rows(measure, zone, start, now + timedelta(seconds=1)))
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
