"""BusinessCalendar: opening hours in a time zone, minus holidays, as business time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from ._describe import describe
from ._instants import duration_us, from_us, load_zone, to_us
from ._timeline import AlwaysOpenTimeline, Timeline, TimelineLike
from ._weekly import DAY_NAMES, MINUTES_PER_DAY, HoursInput, hours_to_dict, parse_hours

_DICT_KEYS = frozenset({"timezone", "hours", "holidays"})


def _parse_holiday(value: object) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"holiday {value!r} is not a date or a 'YYYY-MM-DD' string")


def _zone_of(moment: datetime) -> tzinfo:
    """The tzinfo of ``moment``; ValueError if it is not an aware datetime."""
    if not isinstance(moment, datetime):
        raise ValueError(f"expected an aware datetime, got {moment!r}")
    zone = moment.tzinfo
    if zone is None:
        raise ValueError(f"naive datetime {moment.isoformat()} has no time zone; pass an aware one")
    return zone


def _aware(moment: datetime) -> tuple[int, tzinfo]:
    """UTC microseconds of ``moment`` and its tzinfo; ValueError if it is naive."""
    zone = _zone_of(moment)
    return to_us(moment), zone


class BusinessCalendar:
    """Weekly opening hours in an IANA time zone, closed on whole-day holidays.

    ``hours`` maps "mon".."sun" to lists of ("HH:MM", "HH:MM") intervals in local wall
    time; missing days are closed.  An interval whose end is before its start crosses
    midnight and belongs to the day it starts on; "24:00" is allowed as an end.
    Holidays close the intervals that start on that local date.

    Business time is real elapsed time while open, so a repeated autumn hour inside
    opening hours counts twice and a skipped spring hour does not count.  ``add`` takes
    only durations >= 0 (a negative one raises ValueError).  Results are in the zone of
    the datetime passed in.
    """

    __slots__ = ("_holidays", "_timeline", "_week", "_zone")

    def __init__(
        self,
        timezone: str,
        hours: HoursInput,
        holidays: Iterable[date | str] = (),
    ) -> None:
        self._zone = load_zone(timezone)
        self._week = parse_hours(hours)
        if isinstance(holidays, str | bytes) or not isinstance(holidays, Iterable):
            raise ValueError(f"holidays must be a list of dates, got {holidays!r}")
        self._holidays = frozenset(_parse_holiday(day) for day in holidays)
        all_day = ((0, MINUTES_PER_DAY),)
        self._timeline: TimelineLike
        if not self._holidays and all(day == all_day for day in self._week):
            self._timeline = AlwaysOpenTimeline()
        else:
            self._timeline = Timeline(self._zone, self._week, self._holidays)

    @classmethod
    def always_open(cls, timezone: str = "UTC") -> BusinessCalendar:
        """Open around the clock every day (24x7), with no holidays."""
        return cls(timezone, {day: [("00:00", "24:00")] for day in DAY_NAMES})

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BusinessCalendar:
        """Build from the JSON-friendly form made by ``to_dict``."""
        if not isinstance(data, Mapping):
            raise ValueError(f"calendar data must be a mapping, got {data!r}")
        unknown = sorted(set(data) - _DICT_KEYS)
        if unknown:
            raise ValueError(f"unknown calendar keys: {', '.join(map(repr, unknown))}")
        for key in ("timezone", "hours"):
            if key not in data:
                raise ValueError(f"calendar data is missing {key!r}")
        return cls(data["timezone"], data["hours"], data.get("holidays", ()))

    def to_dict(self) -> dict[str, Any]:
        """``{"timezone": ..., "hours": {"mon": [["09:00", "17:30"]], ...}, "holidays": [...]}``."""
        return {
            "timezone": self._zone.key,
            "hours": hours_to_dict(self._week),
            "holidays": [day.isoformat() for day in self.holidays],
        }

    @property
    def timezone(self) -> str:
        return self._zone.key

    @property
    def holidays(self) -> list[date]:
        return sorted(self._holidays)

    def describe(self) -> str:
        """E.g. "Mon–Fri 09:00–12:30, 13:30–17:30 Europe/London, 8 public holidays a year"."""
        return describe(self._zone.key, self._week, self._holidays)

    def is_open(self, moment: datetime) -> bool:
        """Whether the calendar is open at ``moment`` (intervals are half-open)."""
        t, _ = _aware(moment)
        return self._timeline.is_open(t)

    def next_open(self, moment: datetime) -> datetime:
        """``moment`` itself if open, else the instant the calendar next opens."""
        t, zone = _aware(moment)
        return from_us(self._timeline.next_open(t), zone)

    def openings(self, moment: datetime, count: int) -> list[tuple[datetime, datetime | None]]:
        """The next ``count`` open intervals from ``moment`` (the current one first if open)
        as (opens, closes); a 24x7 calendar has one that never closes (closes None)."""
        t, zone = _aware(moment)
        found: list[tuple[datetime, datetime | None]] = []
        while len(found) < count:
            opens = self._timeline.next_open(t)
            closes = self._timeline.next_close(opens)
            found.append((from_us(opens, zone), None if closes is None else from_us(closes, zone)))
            if closes is None:
                break
            t = closes
        return found

    def add(self, start: datetime, duration: timedelta) -> datetime:
        """The instant at which ``duration`` of business time after ``start`` has passed.

        A zero duration gives ``start`` if open, else the next opening.  The result is open
        or is exactly the end of an open interval.  Negative durations raise ValueError.
        """
        zone = _zone_of(start)
        d = duration_us(duration)
        if d < 0:
            raise ValueError(f"duration must not be negative, got {duration!r}")
        t = to_us(start)
        timeline = self._timeline
        return from_us(timeline.add(t, d) if d else timeline.next_open(t), zone)

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        """Business time from ``start`` to ``end``; negative if ``end`` is before ``start``."""
        a, _ = _aware(start)
        b, _ = _aware(end)
        return timedelta(microseconds=self._timeline.elapsed(a, b))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BusinessCalendar):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"<BusinessCalendar {self.describe()}>"

    def _key(self) -> tuple[str, tuple[tuple[tuple[int, int], ...], ...], frozenset[date]]:
        return (self._zone.key, self._week, self._holidays)
