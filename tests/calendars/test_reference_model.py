"""A slow, obviously-correct reference for business time, and checks of the reference itself.

The reference walks UTC minute by minute and reads the local wall clock at each minute.
An interval opens at the first minute at which the wall clock has reached its start and
closes after the last minute at which the wall clock still reads before its end.  So a
wall-clock hour that never happens (spring forward) is never open, and an hour the clock
shows twice (autumn back) is open both times.  Other test files import ``Reference``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import cache
from itertools import accumulate
from zoneinfo import ZoneInfo

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MINUTE = timedelta(minutes=1)


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


@cache
def _wall_clock(zone: str, start: datetime, count: int) -> tuple[set[date], list[int], list[int]]:
    """Local days seen, and for each UTC minute the highest wall time shown so far and the
    lowest wall time still to come (wall time as local day ordinal * 1440 + minute of day).
    """
    walls = [(start + i * MINUTE).astimezone(ZoneInfo(zone)) for i in range(count)]
    keys = [w.toordinal() * 1440 + w.hour * 60 + w.minute for w in walls]
    reached = list(accumulate(keys, max))
    still_before = list(accumulate(reversed(keys), min))[::-1]
    return {w.date() for w in walls}, reached, still_before


class Reference:
    """Business time in whole minutes between ``first`` and ``last`` (aware, minute-aligned)."""

    def __init__(
        self,
        zone: str,
        hours: Mapping[str, Sequence[Sequence[str]]],
        holidays: Iterable[date],
        first: datetime,
        last: datetime,
    ) -> None:
        self.start = first.astimezone(UTC) - timedelta(days=3)
        count = int((last.astimezone(UTC) + timedelta(days=3) - self.start) / MINUTE)
        days, reached, still_before = _wall_clock(zone, self.start, count)
        self.open = [False] * count
        closed = set(holidays)
        for day in sorted(days - closed):
            for start_text, end_text in hours.get(DAYS[day.weekday()], []):
                start, end = _minutes(start_text), _minutes(end_text)
                if end <= start:
                    end += 1440  # crosses midnight
                first_open = bisect_left(reached, day.toordinal() * 1440 + start)
                first_closed = bisect_left(still_before, day.toordinal() * 1440 + end)
                for i in range(first_open, first_closed):
                    self.open[i] = True

    def _index(self, moment: datetime) -> int:
        offset = moment.astimezone(UTC) - self.start
        assert offset % MINUTE == timedelta(0), "the reference works in whole minutes"
        index = int(offset / MINUTE)
        assert 0 <= index < len(self.open), "outside the reference window"
        return index

    def _moment(self, index: int) -> datetime:
        assert 0 <= index < len(self.open), "outside the reference window"
        return self.start + index * MINUTE

    def is_open(self, moment: datetime) -> bool:
        return self.open[self._index(moment)]

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        a, b = self._index(start), self._index(end)
        if b < a:
            return -self.elapsed(end, start)
        return sum(self.open[a:b]) * MINUTE

    def add(self, start: datetime, duration: timedelta) -> datetime:
        index = self._index(start)
        left = int(duration / MINUTE)
        if left == 0:  # nothing to count: wait for the opening
            while not self.open[index]:
                index += 1
        while left > 0:
            if self.open[index]:
                left -= 1
            index += 1
        return self._moment(index)


LONDON = ZoneInfo("Europe/London")
NIGHTS = {"sun": [("00:00", "04:00")]}


def _reference(hours: Mapping[str, Sequence[Sequence[str]]], day: date) -> Reference:
    first = datetime(day.year, day.month, day.day, tzinfo=LONDON)
    return Reference("Europe/London", hours, [], first, first + timedelta(days=2))


def test_reference_skips_the_spring_forward_hour() -> None:
    ref = _reference(NIGHTS, date(2026, 3, 29))
    start = datetime(2026, 3, 29, tzinfo=LONDON)
    assert ref.elapsed(start, start + timedelta(hours=6)) == timedelta(hours=3)


def test_reference_counts_the_autumn_hour_twice() -> None:
    ref = _reference(NIGHTS, date(2026, 10, 25))
    start = datetime(2026, 10, 25, tzinfo=LONDON)
    assert ref.elapsed(start, start + timedelta(hours=6)) == timedelta(hours=5)
    assert ref.add(start, timedelta(hours=5)) == datetime(2026, 10, 25, 4, tzinfo=UTC)


def test_reference_add_zero_waits_for_the_opening() -> None:
    ref = _reference({"mon": [("09:00", "17:00")]}, date(2026, 6, 1))
    start = datetime(2026, 6, 1, 7, tzinfo=LONDON)
    assert ref.add(start, timedelta(0)) == datetime(2026, 6, 1, 8, tzinfo=UTC)
    assert ref.add(start, timedelta(hours=8)) == datetime(2026, 6, 1, 16, tzinfo=UTC)


def test_reference_night_shift_runs_past_midnight() -> None:
    ref = _reference({"mon": [("22:00", "06:00")]}, date(2026, 1, 5))
    assert ref.is_open(datetime(2026, 1, 6, 5, 59, tzinfo=LONDON))
    assert not ref.is_open(datetime(2026, 1, 6, 6, tzinfo=LONDON))
    assert not ref.is_open(datetime(2026, 1, 5, 21, 59, tzinfo=LONDON))
