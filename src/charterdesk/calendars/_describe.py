"""One-line human descriptions of a calendar, e.g. "Mon–Fri 09:00–17:30 Europe/London"."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from statistics import median_low

from ._weekly import DAY_NAMES, MINUTES_PER_DAY, WeekHours, format_interval

_ALL_DAY = ((0, MINUTES_PER_DAY),)


def _day_label(first: int, last: int) -> str:
    if first == last:
        return DAY_NAMES[first].title()
    return f"{DAY_NAMES[first].title()}–{DAY_NAMES[last].title()}"


def describe_week(week: WeekHours) -> str:
    """Consecutive days with the same hours share one group; closed days are left out."""
    if all(intervals == _ALL_DAY for intervals in week):
        return "24/7"
    groups: list[tuple[int, int]] = []
    for day, intervals in enumerate(week):
        if not intervals:
            continue
        if groups and groups[-1][1] == day - 1 and week[groups[-1][0]] == intervals:
            groups[-1] = (groups[-1][0], day)
        else:
            groups.append((day, day))
    return "; ".join(
        f"{_day_label(first, last)} "
        + ", ".join(format_interval(interval, "–") for interval in week[first])
        for first, last in groups
    )


def describe_holidays(holidays: Iterable[date]) -> str:
    """Holidays as a reader counts them: per year (a calendar holds several years of them)."""
    per_year = Counter(day.year for day in holidays)
    if not per_year:
        return "no public holidays"
    count = median_low(per_year.values())
    return "1 public holiday a year" if count == 1 else f"{count} public holidays a year"


def describe(zone_name: str, week: WeekHours, holidays: Iterable[date]) -> str:
    return f"{describe_week(week)} {zone_name}, {describe_holidays(holidays)}"
