"""Open intervals as sorted UTC-microsecond arrays with prefix sums of business time.

The intervals of each local calendar year are computed the first time a query needs that
year and cached.  The arrays cover a contiguous run of years; a query outside it widens
the run and rebuilds the arrays (rare: once per newly needed year).  Queries are then two
``bisect`` calls on plain lists of ints, so ``add`` and ``elapsed`` are O(log n).

The state is one immutable tuple swapped in under a lock, so readers in other threads
always see consistent arrays without locking.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple, Protocol
from zoneinfo import ZoneInfo

from ._instants import local_year, wall_to_us
from ._weekly import WeekHours

MIN_YEAR = 2
MAX_YEAR = 9998

Span = tuple[int, int]


class TimelineLike(Protocol):
    def is_open(self, t: int) -> bool: ...
    def next_open(self, t: int) -> int: ...
    def next_close(self, t: int) -> int | None: ...
    def add(self, t: int, d: int) -> int: ...
    def elapsed(self, a: int, b: int) -> int: ...


class AlwaysOpenTimeline:
    """24x7 with no holidays: business time is plain elapsed time."""

    def is_open(self, t: int) -> bool:
        return True

    def next_open(self, t: int) -> int:
        return t

    def next_close(self, t: int) -> int | None:
        return None  # never closes

    def add(self, t: int, d: int) -> int:
        return t + d

    def elapsed(self, a: int, b: int) -> int:
        return b - a


class _State(NamedTuple):
    first_year: int
    last_year: int
    low: int  # every open interval touching [low, high) is in the arrays
    high: int
    starts: list[int]
    ends: list[int]
    cum: list[int]  # cum[i]: business microseconds in intervals before i; len(starts) + 1


_EMPTY = _State(0, -1, 1, 0, [], [], [0])


def _position(state: _State, t: int) -> int:
    """Business microseconds from the start of the arrays up to instant ``t``."""
    i = bisect_right(state.starts, t) - 1
    if i < 0:
        return 0
    if t < state.ends[i]:
        return state.cum[i] + t - state.starts[i]
    return state.cum[i + 1]


def merge(spans: list[Span]) -> tuple[list[int], list[int], list[int]]:
    """Union of half-open spans as (starts, ends, prefix sums); touching spans join."""
    spans.sort()
    starts: list[int] = []
    ends: list[int] = []
    cum = [0]
    for start, end in spans:
        if starts and start <= ends[-1]:
            if end > ends[-1]:
                cum[-1] += end - ends[-1]
                ends[-1] = end
        else:
            starts.append(start)
            ends.append(end)
            cum.append(cum[-1] + end - start)
    return starts, ends, cum


class Timeline:
    """Business-time arithmetic in UTC microseconds for one zone, week and holiday set."""

    def __init__(self, zone: ZoneInfo, week: WeekHours, holidays: Iterable[date]) -> None:
        self._zone = zone
        self._week = week
        self._holiday_ordinals = frozenset(day.toordinal() for day in holidays)
        self._years: dict[int, list[Span]] = {}
        self._lock = threading.Lock()
        self._state = _EMPTY

    def is_open(self, t: int) -> bool:
        state = self._covering(t, t)
        i = bisect_right(state.starts, t) - 1
        return i >= 0 and t < state.ends[i]

    def next_open(self, t: int) -> int:
        state = self._covering(t, t)
        while True:
            starts = state.starts
            i = bisect_right(starts, t) - 1
            if i >= 0 and t < state.ends[i]:
                return t
            if i + 1 < len(starts) and starts[i + 1] <= state.high:
                return starts[i + 1]
            state = self._extend_later(state)

    def next_close(self, t: int) -> int | None:
        """``t`` itself if closed, else the instant the open interval around ``t`` ends."""
        state = self._covering(t, t)
        while True:
            i = bisect_right(state.starts, t) - 1
            if i < 0 or t >= state.ends[i]:
                return t
            if state.ends[i] < state.high:
                return state.ends[i]
            state = self._extend_later(state)

    def add(self, t: int, d: int) -> int:
        """The first instant at which ``d`` > 0 business microseconds have passed since ``t``."""
        state = self._state
        if not state.low <= t < state.high:
            state = self._covering(t, t)
        while True:
            starts, cum = state.starts, state.cum
            i = bisect_right(starts, t) - 1
            if i < 0:
                target = d
            elif t < state.ends[i]:
                target = cum[i] + t - starts[i] + d
            else:
                target = cum[i + 1] + d
            j = bisect_left(cum, target) - 1  # cum[j] < target <= cum[j + 1]
            if j + 1 < len(cum):
                result = starts[j] + target - cum[j]
                if result <= state.high:
                    return result
            state = self._extend_later(state)

    def elapsed(self, a: int, b: int) -> int:
        if b < a:
            return -self.elapsed(b, a)
        state = self._state
        if not (state.low <= a and b < state.high):
            state = self._covering(a, b)
        return _position(state, b) - _position(state, a)

    def _covering(self, a: int, b: int) -> _State:
        """A state whose arrays are complete for every instant in [a, b]."""
        state = self._state
        if state.low <= a and b < state.high:
            return state
        with self._lock:
            state = self._state
            if state.low <= a and b < state.high:  # another thread got there first
                return state
            first, last = local_year(a, self._zone), local_year(b, self._zone)
            if state.first_year <= state.last_year:
                first, last = min(first, state.first_year), max(last, state.last_year)
            state = self._build(first, last)
            while a < state.low or b >= state.high:
                if a < state.low:
                    first -= 1
                if b >= state.high:
                    last += 1
                state = self._build(first, last)
            self._state = state
            return state

    def _extend_later(self, seen: _State) -> _State:
        with self._lock:
            state = self._state
            if state.high <= seen.high:
                state = self._build(state.first_year, state.last_year + 1)
                self._state = state
            return state

    def _build(self, first: int, last: int) -> _State:
        if first < MIN_YEAR or last > MAX_YEAR:
            raise ValueError(f"dates outside the years {MIN_YEAR}-{MAX_YEAR} are not supported")
        # The last days of the year before can run into this range (night shifts).
        spans = self._spans(date(first - 1, 12, 29).toordinal(), date(first, 1, 1).toordinal())
        for year in range(first, last + 1):
            spans += self._year_spans(year)
        starts, ends, cum = merge(spans)
        low = wall_to_us(self._zone, date(first, 1, 1).toordinal(), 0, is_end=False)
        high = wall_to_us(self._zone, date(last + 1, 1, 1).toordinal(), 0, is_end=False)
        return _State(first, last, low, high, starts, ends, cum)

    def _year_spans(self, year: int) -> list[Span]:
        spans = self._years.get(year)
        if spans is None:
            spans = self._spans(date(year, 1, 1).toordinal(), date(year + 1, 1, 1).toordinal())
            self._years[year] = spans
        return spans

    def _spans(self, first_ordinal: int, end_ordinal: int) -> list[Span]:
        """Open spans of the intervals that start on local days [first, end)."""
        zone, week, closed = self._zone, self._week, self._holiday_ordinals
        spans: list[Span] = []
        for ordinal in range(first_ordinal, end_ordinal):
            if ordinal in closed:
                continue
            for start, end in week[(ordinal - 1) % 7]:  # ordinal 1 (0001-01-01) is a Monday
                opened = wall_to_us(zone, ordinal, start, is_end=False)
                closes = wall_to_us(zone, ordinal, end, is_end=True)
                if closes > opened:
                    spans.append((opened, closes))
        return spans
