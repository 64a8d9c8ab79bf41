"""Portable SQL pieces for the dashboard's aggregates, written for SQLite and PostgreSQL.

Both engines do the arithmetic natively: Django's own `TruncDate(tzinfo=...)` and datetime
subtraction call a Python function per row on SQLite, which costs seconds at 100,000 rows.
"""

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.backends.base.base import BaseDatabaseWrapper

Params = list[Any]

# Durations (first reply, resolution) are counted in these buckets, in seconds; the
# median is read from the counts (dashboard.trends.median_of).
DURATION_EDGES = (
    300,
    900,
    1800,
    3600,
    2 * 3600,
    4 * 3600,
    8 * 3600,
    16 * 3600,
    86400,
    2 * 86400,
    3 * 86400,
    5 * 86400,
    7 * 86400,
    14 * 86400,
    30 * 86400,
)


def offsets(zone: ZoneInfo, start: datetime, end: datetime) -> list[tuple[datetime, int]]:
    """The zone's UTC offsets (seconds) between start and end: [(from, offset), ...], the
    first from `start`; a new entry at each daylight-saving change (found day by day, then
    to the second by halving)."""

    def offset(at: datetime) -> int:
        delta = at.astimezone(zone).utcoffset()
        return int(delta.total_seconds()) if delta is not None else 0

    found = [(start, offset(start))]
    day = start
    while day < end:
        following = min(day + timedelta(days=1), end)
        if offset(following) != found[-1][1]:
            low, high = day, following
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                low, high = (middle, high) if offset(middle) == found[-1][1] else (low, middle)
            found.append((high.replace(microsecond=0), offset(high)))  # changes fall on seconds
        day = following
    return found


def local_day(
    column: str, zone: ZoneInfo, start: datetime, end: datetime, connection: BaseDatabaseWrapper
) -> tuple[str, Params]:
    """SQL for the calendar day, in `zone`, of a timestamp column whose values lie between
    start and end. PostgreSQL converts with AT TIME ZONE; SQLite (timestamps stored as UTC
    text) shifts by the offset in force, one CASE branch per daylight-saving period."""
    if connection.vendor == "postgresql":
        return f"(({column}) AT TIME ZONE %s)::date", [str(zone.key)]
    periods = offsets(zone, start, end)
    sql = f"date({column}, %s)"
    params: Params = [f"{periods[-1][1]:+d} seconds"]
    for (_, shift), (until, _) in zip(reversed(periods[:-1]), reversed(periods[1:]), strict=True):
        stamp = connection.ops.adapt_datetimefield_value(until)
        sql = f"CASE WHEN {column} < %s THEN date({column}, %s) ELSE {sql} END"
        params = [stamp, f"{shift:+d} seconds", *params]
    return sql, params


def seconds_between(later: str, earlier: str, connection: BaseDatabaseWrapper) -> str:
    """SQL for the whole seconds from `earlier` to `later` (NULL when either is NULL)."""
    if connection.vendor == "postgresql":
        return f"EXTRACT(EPOCH FROM ({later} - {earlier}))::bigint"
    return f"CAST((julianday({later}) - julianday({earlier})) * 86400 AS INTEGER)"


def duration_bucket(seconds: str) -> str:
    """SQL for the bucket (an index into DURATION_EDGES, past the last one: the last
    bucket; -1: no duration) of a number of seconds."""
    whens = " ".join(
        f"WHEN {seconds} < {edge} THEN {index}" for index, edge in enumerate(DURATION_EDGES)
    )
    return f"CASE WHEN {seconds} IS NULL THEN -1 {whens} ELSE {len(DURATION_EDGES)} END"
