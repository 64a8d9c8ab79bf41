"""Weekly opening hours: parsing, validation and formatting of "HH:MM" intervals.

A day's interval is kept as ``(start, end)`` in minutes after that day's local midnight,
with ``start < end < start + 1440``.  An interval whose end is past 1440 crosses midnight
and runs into the next day (it still belongs to the day it starts on).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

DAY_NAMES: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTES_PER_DAY = 1440
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY

Interval = tuple[int, int]
WeekHours = tuple[tuple[Interval, ...], ...]
HoursInput = Mapping[str, Iterable[Sequence[str]]]

_TIME_RE = re.compile(r"([0-9]{2}):([0-9]{2})")


class _Placed(NamedTuple):
    """One interval placed on the weekly clock, in minutes after Monday 00:00."""

    start: int
    end: int
    day: int
    interval: Interval


def format_minute(minute: int) -> str:
    """Format minutes after midnight as "HH:MM"; 1440 (or any whole day) is "24:00"."""
    if minute != 0 and minute % MINUTES_PER_DAY == 0:
        return "24:00"
    hours, minutes = divmod(minute % MINUTES_PER_DAY, 60)
    return f"{hours:02d}:{minutes:02d}"


def format_interval(interval: Interval, sep: str = "-") -> str:
    return f"{format_minute(interval[0])}{sep}{format_minute(interval[1])}"


def parse_time(text: object, day: str) -> int:
    """Parse "HH:MM" (00:00 to 24:00) into minutes after midnight."""
    match = _TIME_RE.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"{day}: bad time {text!r} (expected 'HH:MM' from 00:00 to 24:00)")
    hours, minutes = int(match[1]), int(match[2])
    if hours > 24 or minutes > 59 or (hours == 24 and minutes != 0):
        raise ValueError(f"{day}: bad time {text!r} (expected 'HH:MM' from 00:00 to 24:00)")
    return hours * 60 + minutes


def parse_interval(pair: object, day: str) -> Interval:
    """Parse one ("HH:MM", "HH:MM") pair; an end before the start crosses midnight."""
    if isinstance(pair, str | bytes) or not isinstance(pair, Sequence) or len(pair) != 2:
        raise ValueError(f"{day}: an interval must be a ('HH:MM', 'HH:MM') pair, got {pair!r}")
    start, end = parse_time(pair[0], day), parse_time(pair[1], day)
    shown = f"{pair[0]}-{pair[1]}"
    if start == MINUTES_PER_DAY:
        raise ValueError(f"{day}: interval {shown} cannot start at 24:00")
    if end == start:
        raise ValueError(f"{day}: interval {shown} is empty (end equals start)")
    if end < start:
        end += MINUTES_PER_DAY
    return (start, end)


def parse_hours(hours: HoursInput) -> WeekHours:
    """Parse a ``{"mon": [("09:00", "17:30")], ...}`` mapping; missing days are closed."""
    if not isinstance(hours, Mapping):
        raise ValueError(f"hours must be a mapping of day name to intervals, got {hours!r}")
    week: list[tuple[Interval, ...]] = [() for _ in DAY_NAMES]
    seen: set[int] = set()
    for name, intervals in hours.items():
        index = _day_index(name)
        if index in seen:
            raise ValueError(f"day {name!r} is given more than once")
        seen.add(index)
        if isinstance(intervals, str | bytes) or not isinstance(intervals, Iterable):
            raise ValueError(f"{DAY_NAMES[index]}: expected a list of intervals, got {intervals!r}")
        parsed = [parse_interval(pair, DAY_NAMES[index]) for pair in intervals]
        week[index] = tuple(sorted(parsed))
    result = tuple(week)
    check_overlaps(result)
    if not any(result):
        raise ValueError("calendar has no open hours: every day is closed")
    return result


def _day_index(name: object) -> int:
    key = name.strip().lower() if isinstance(name, str) else None
    if key not in DAY_NAMES:
        raise ValueError(f"unknown day name {name!r} (use {', '.join(DAY_NAMES)})")
    return DAY_NAMES.index(key)


def check_overlaps(week: WeekHours) -> None:
    """Raise ValueError naming the first two intervals that overlap on the weekly clock.

    Intervals that cross midnight are compared with the next day's intervals too, and
    Sunday's run into Monday.  Intervals that only touch (09:00-12:00, 12:00-13:00) are fine.
    """
    placed = [
        _Placed(day * MINUTES_PER_DAY + s, day * MINUTES_PER_DAY + e, day, (s, e))
        for day, intervals in enumerate(week)
        for s, e in intervals
    ]
    # A second copy one week later catches Sunday night running into Monday.
    placed += [
        p._replace(start=p.start + MINUTES_PER_WEEK, end=p.end + MINUTES_PER_WEEK) for p in placed
    ]
    placed.sort()
    latest: _Placed | None = None
    for item in placed:
        if latest is not None and item.start < latest.end:
            raise ValueError(_overlap_message(latest, item))
        if latest is None or item.end > latest.end:
            latest = item


def _overlap_message(first: _Placed, second: _Placed) -> str:
    other_day = "" if first.day == second.day else f"{DAY_NAMES[second.day]} "
    return (
        f"{DAY_NAMES[first.day]}: interval {format_interval(first.interval)} "
        f"overlaps {other_day}{format_interval(second.interval)}"
    )


def hours_to_dict(week: WeekHours) -> dict[str, list[list[str]]]:
    """The JSON-friendly form: every day, each interval as ["HH:MM", "HH:MM"]."""
    return {
        DAY_NAMES[day]: [[format_minute(s), format_minute(e)] for s, e in intervals]
        for day, intervals in enumerate(week)
    }
