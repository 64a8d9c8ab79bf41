"""The trends' daily rollup: tickets per closed calendar day × queue × measure (created,
first reply, solved) × duration bucket, in workspace_dailytrend, so the trends panel reads
a few hundred counts instead of every ticket of the window.

- The sweep (`sweep`, every minute from workspace.tasks) counts each closed day of the
  last 90 once, with the same SQL the live query uses (`moment_rows`), and marks it in
  workspace_trendday. Today is never rolled up: the panel counts it live.
- A later change that touches a rolled-up day (a ticket solved yesterday reopened today,
  imported history, a ticket moved to another queue, a deletion) is caught by database
  triggers on tickets_ticket, whoever writes it (services, bulk updates, raw SQL): each
  moment before the end of the last rolled-up day goes to workspace_trendmark. The reader
  counts live from the earliest marked day on, and the next sweep counts the marked days
  again, so the panel always shows what the direct query would.
- Medians stay as before: read from the duration buckets (dashboard.sql.DURATION_EDGES,
  5 minutes wide at first, days for the longest), interpolated within the median's bucket.
"""

from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import connection as default_connection
from django.db.models import Max

from charterdesk.workspace.models import DailyTrend, TrendDay, TrendMark, TrendMeasure

from .sql import duration_bucket, local_day, seconds_between

ROLLED_DAYS = 90  # the longest period the panel offers
Row = tuple[date, int, int, int]  # day, queue, bucket, tickets
# Each measure: the moment that puts a ticket on a day, and the start of its duration.
MOMENTS = {
    TrendMeasure.CREATED: ("created_at", None),
    TrendMeasure.FIRST_REPLY: ("first_replied_at", "created_at"),
    TrendMeasure.SOLVED: ("solved_at", "created_at"),
}


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone)


def moment_rows(measure: str, zone: ZoneInfo, start: datetime, end: datetime) -> list[Row]:
    """(day, queue, duration bucket, tickets) of the tickets whose moment of `measure`
    falls in [start, end): one GROUP BY over the index on that column."""
    moment, duration_from = MOMENTS[TrendMeasure(measure)]
    day_sql, day_params = local_day(moment, zone, start, end, default_connection)
    seconds = (
        seconds_between(moment, duration_from, default_connection)
        if duration_from
        else "CAST(NULL AS BIGINT)"
    )
    # Materialized, so each row's day and duration are computed once, not once per branch
    # of the bucket's CASE (both engines inline a plain subquery).
    sql = (
        f"WITH t AS MATERIALIZED (SELECT {day_sql} AS day, queue_id, {seconds} AS secs "  # noqa: S608
        f"FROM tickets_ticket WHERE {moment} >= %s AND {moment} < %s) "
        f"SELECT day, queue_id, {duration_bucket('secs')} AS bucket, COUNT(*) FROM t "
        "GROUP BY 1, 2, 3"
    )
    ops = default_connection.ops
    params = [*day_params, ops.adapt_datetimefield_value(start), ops.adapt_datetimefield_value(end)]
    with default_connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(_as_date(d), q, b, n) for d, q, b, n in cursor.fetchall()]


def rolled_rows(first: date, before: date) -> list[tuple[str, date, int, int, int]]:
    """The rollup's rows (measure, day, queue, bucket, tickets) for first..before
    (exclusive): one query."""
    return list(
        DailyTrend.objects.filter(day__gte=first, day__lt=before)
        .order_by()
        .values_list("measure", "day", "queue_id", "bucket", "tickets")
    )


def live_from(zone: ZoneInfo, first: date, today: date) -> date:
    """The first day of [first, today] that the rollup cannot answer: not rolled up in this
    zone, or touched by a change since (a mark). Two small queries."""
    rolled = set(
        TrendDay.objects.filter(zone=zone.key, day__gte=first, day__lt=today).values_list(
            "day", flat=True
        )
    )
    day = first
    while day < today and day in rolled:
        day += timedelta(days=1)
    earliest = TrendMark.objects.order_by("at").values_list("at", flat=True).first()
    if earliest is not None:
        day = max(first, min(day, earliest.astimezone(zone).date()))
    return day


def _runs(days: Iterable[date]) -> Iterator[tuple[date, date]]:
    """Consecutive days as (first, last) pairs."""
    ordered = sorted(days)
    while ordered:
        first = last = ordered.pop(0)
        while ordered and ordered[0] == last + timedelta(days=1):
            last = ordered.pop(0)
        yield first, last


def roll_up(days: Iterable[date], zone: ZoneInfo) -> int:
    """Count the given closed days again (three queries per run of consecutive days);
    returns the rows written."""
    written = 0
    for first, last in _runs(days):
        start, end = midnight(first, zone), midnight(last + timedelta(days=1), zone)
        DailyTrend.objects.filter(day__gte=first, day__lte=last).delete()
        TrendDay.objects.filter(day__gte=first, day__lte=last).delete()
        rows = [
            DailyTrend(day=d, queue_id=q, measure=measure, bucket=b, tickets=n)
            for measure in MOMENTS
            for d, q, b, n in moment_rows(measure, zone, start, end)
            if first <= d <= last
        ]
        DailyTrend.objects.bulk_create(rows, batch_size=1000)
        span = (last - first).days + 1
        marks = [first + timedelta(days=n) for n in range(span)]
        TrendDay.objects.bulk_create(
            TrendDay(day=d, zone=zone.key, until=midnight(d + timedelta(days=1), zone))
            for d in marks
        )
        written += len(rows)
    return written


def sweep(now: datetime, zone: ZoneInfo) -> dict[str, int]:
    """Roll up the closed days of the last ROLLED_DAYS that are not yet (or are no longer)
    counted. The caller owns the transaction."""
    if TrendDay.objects.exclude(zone=zone.key).exists():  # the desk's zone changed
        DailyTrend.objects.all().delete()
        TrendDay.objects.all().delete()
    newest = TrendMark.objects.aggregate(newest=Max("id"))["newest"]
    stale: set[date] = set()
    if newest is not None:
        marked = TrendMark.objects.filter(id__lte=newest).values_list("at", flat=True)
        stale = {at.astimezone(zone).date() for at in marked.iterator()}
        TrendMark.objects.filter(id__lte=newest).delete()
    today = now.astimezone(zone).date()
    first = today - timedelta(days=ROLLED_DAYS - 1)
    rolled = set(
        TrendDay.objects.filter(day__gte=first, day__lt=today).values_list("day", flat=True)
    )
    closed = {first + timedelta(days=n) for n in range(ROLLED_DAYS - 1)}
    older = {d for d in stale if d < first and TrendDay.objects.filter(day=d).exists()}
    due = (closed - rolled) | (stale & closed) | older
    return {"days": len(due), "rows": roll_up(due, zone), "marks": len(stale)}
