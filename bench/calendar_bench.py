"""Benchmark charterdesk.calendars against minute stepping.

    python bench/calendar_bench.py [--calls N] [--slow-calls N] [--seed N]

A London business calendar (Mon-Fri 09:00-12:30 and 13:30-17:30, English bank holidays)
gets random minute-aligned starts in 2025-2027 and spans of up to 30 business days.
``BusinessCalendar.add`` / ``elapsed`` are timed on the full sample; the same work on a
smaller sample is done by stepping minute by minute (the reference algorithm, copied
here), and the results are checked to agree.  always_open() is timed too.  Prints a
markdown table.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from charterdesk.calendars import BusinessCalendar, holidays_for  # noqa: E402

ZONE = "Europe/London"
DAY = [("09:00", "12:30"), ("13:30", "17:30")]
HOURS = dict.fromkeys(("mon", "tue", "wed", "thu", "fri"), DAY)
MINUTE = timedelta(minutes=1)
MAX_SPAN_MINUTES = 30 * 450  # 30 business days of 7.5 hours
T = TypeVar("T")


class MinuteStepper:
    """The slow reference: step through UTC minutes, reading the local wall clock."""

    def __init__(self, zone: str, hours: dict[str, list[tuple[str, str]]], holidays: list[date]):
        self.zone = ZoneInfo(zone)
        self.holidays = set(holidays)
        names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        self.week = [[self._interval(s, e) for s, e in hours.get(n, [])] for n in names]

    @staticmethod
    def _interval(start: str, end: str) -> tuple[int, int]:
        a = int(start[:2]) * 60 + int(start[3:])
        b = int(end[:2]) * 60 + int(end[3:])
        return (a, b if b > a else b + 1440)  # an end before the start crosses midnight

    def is_open(self, moment: datetime) -> bool:
        local = moment.astimezone(self.zone)
        minute = local.hour * 60 + local.minute
        for back in (0, 1):  # intervals of today, and of yesterday running past midnight
            day = local.date() - timedelta(days=back)
            if day in self.holidays:
                continue
            if any(s <= minute + back * 1440 < e for s, e in self.week[day.weekday()]):
                return True
        return False

    def add(self, start: datetime, duration: timedelta) -> datetime:
        moment, left = start.astimezone(UTC), duration // MINUTE
        if left == 0:
            while not self.is_open(moment):
                moment += MINUTE
        while left > 0:
            left -= self.is_open(moment)
            moment += MINUTE
        return moment.astimezone(start.tzinfo)

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        moment, end = start.astimezone(UTC), end.astimezone(UTC)
        total = 0
        while moment < end:
            total += self.is_open(moment)
            moment += MINUTE
        return total * MINUTE


def sample(rng: random.Random, count: int) -> list[tuple[datetime, timedelta]]:
    """Minute-aligned London starts in 2025-2027 and spans of 0-30 business days."""
    zone = ZoneInfo(ZONE)
    first = datetime(2025, 1, 1, tzinfo=UTC)
    minutes = int((datetime(2028, 1, 1, tzinfo=UTC) - first) / MINUTE)
    return [
        (
            (first + rng.randrange(minutes) * MINUTE).astimezone(zone),
            rng.randint(0, MAX_SPAN_MINUTES) * MINUTE,
        )
        for _ in range(count)
    ]


def rate(call: Callable[[datetime, T], object], work: Sequence[tuple[datetime, T]]) -> float:
    """Calls per second of ``call`` over ``work``."""
    started = time.perf_counter()
    for a, b in work:
        call(a, b)
    return len(work) / (time.perf_counter() - started)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark charterdesk.calendars.")
    parser.add_argument("--calls", type=int, default=200_000)
    parser.add_argument("--slow-calls", type=int, default=40)
    parser.add_argument("--seed", type=int, default=20260101)
    args = parser.parse_args(argv)

    holidays = holidays_for("GB", subdiv="ENG", years=range(2024, 2031))
    cal = BusinessCalendar(ZONE, HOURS, holidays)
    always = BusinessCalendar.always_open()
    stepper = MinuteStepper(ZONE, HOURS, holidays)
    work = sample(random.Random(args.seed), args.calls)
    cal.elapsed(datetime(2024, 6, 1, tzinfo=UTC), datetime(2029, 6, 1, tzinfo=UTC))  # warm up

    ends = [cal.add(a, d) for a, d in work]
    spans = list(zip([a for a, _ in work], ends, strict=True))
    slow_work, slow_spans = work[: args.slow_calls], spans[: args.slow_calls]
    agree = [cal.add(a, d) for a, d in slow_work] == [stepper.add(a, d) for a, d in slow_work]
    agree &= all(cal.elapsed(a, b) == stepper.elapsed(a, b) for a, b in slow_spans)

    rows = [
        ("add", "London office", rate(cal.add, work), rate(stepper.add, slow_work)),
        ("elapsed", "London office", rate(cal.elapsed, spans), rate(stepper.elapsed, slow_spans)),
        ("add", "always_open", rate(always.add, work), None),
        ("elapsed", "always_open", rate(always.elapsed, spans), None),
    ]
    print(f"seed {args.seed}; {args.calls} fast calls, {args.slow_calls} minute-stepping calls;")
    print(f"results agree with minute stepping: {'yes' if agree else 'NO'}\n")
    print("| operation | calendar | BusinessCalendar calls/s | minute stepping calls/s | ratio |")
    print("|---|---|---:|---:|---:|")
    for operation, name, fast, slow in rows:
        slow_text = f"{slow:,.1f}" if slow else "-"
        ratio = f"{fast / slow:,.0f}x" if slow else "-"
        print(f"| {operation} | {name} | {fast:,.0f} | {slow_text} | {ratio} |")
    if not agree:
        sys.exit(1)


if __name__ == "__main__":
    main()
