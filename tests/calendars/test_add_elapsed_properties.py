"""Properties for arbitrary (not minute-aligned) instants and durations.

elapsed(a, add(a, d)) == d exactly; add lands on open time or exactly on the end of an
open interval and is the first such instant; elapsed is antisymmetric and additive.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from charterdesk.calendars import BusinessCalendar, holidays_for

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
ONE_US = timedelta(microseconds=1)
CALENDARS = [
    BusinessCalendar(
        "Europe/London",
        {d: [("09:00", "12:30"), ("13:30", "17:30")] for d in WEEKDAYS},
        holidays_for("GB", subdiv="ENG", years=range(2024, 2031)),
    ),
    BusinessCalendar(
        "America/New_York", {"sun": [("00:00", "04:00")], "mon": [("22:00", "06:00")]}
    ),
    BusinessCalendar("Australia/Sydney", {"sat": [("01:30", "02:30"), ("02:30", "01:15")]}),
    BusinessCalendar("Asia/Kolkata", {d: [("09:30", "18:00")] for d in WEEKDAYS}),
    BusinessCalendar("Pacific/Chatham", {"sun": [("02:00", "04:00")], "wed": [("12:00", "24:00")]}),
    BusinessCalendar.always_open(),
]
ZONES = [UTC, ZoneInfo("Europe/London"), ZoneInfo("America/New_York"), ZoneInfo("Asia/Kolkata")]
SETTINGS = settings(max_examples=150, deadline=None, database=None)


def utc(moment: datetime) -> datetime:
    """Compare and step instants in UTC: within one zone, ==, < and - ignore ``fold``."""
    return moment.astimezone(UTC)


def _clock_changes(year: int) -> list[datetime]:
    """UTC instants in ``year`` at which the calendars' zones change their offset."""
    changes = []
    for zone in {ZoneInfo(cal.timezone) for cal in CALENDARS}:
        hours = [datetime(year, 1, 1, tzinfo=UTC) + timedelta(hours=h) for h in range(8760)]
        offsets = [h.astimezone(zone).utcoffset() for h in hours]
        changes += [hours[i] for i in range(1, len(hours)) if offsets[i] != offsets[i - 1]]
    return sorted(changes)


calendars = st.sampled_from(CALENDARS)
anywhere = st.datetimes(datetime(2025, 1, 1), datetime(2027, 12, 31)).map(  # noqa: DTZ001
    lambda t: t.replace(tzinfo=UTC)
)
near_clock_changes = st.builds(
    lambda change, offset: change + offset,
    st.sampled_from(_clock_changes(2026)),
    st.timedeltas(-timedelta(days=2), timedelta(days=2)),
)
instants = st.builds(
    lambda t, zone: t.astimezone(zone), anywhere | near_clock_changes, st.sampled_from(ZONES)
)
durations = st.timedeltas(timedelta(0), timedelta(hours=30 * 8))


@SETTINGS
@given(calendars, instants, durations)
def test_elapsed_of_add_is_the_duration(cal: BusinessCalendar, a: datetime, d: timedelta) -> None:
    assert cal.elapsed(a, cal.add(a, d)) == d


@SETTINGS
@given(calendars, instants, durations)
def test_add_lands_on_open_time_or_the_end_of_an_interval(
    cal: BusinessCalendar, a: datetime, d: timedelta
) -> None:
    result = cal.add(a, d)
    assert utc(result) >= utc(a)
    assert result.tzinfo is a.tzinfo
    if d == timedelta(0):
        assert cal.is_open(result)
    else:
        assert cal.is_open(result) or cal.is_open(utc(result) - ONE_US)
        assert cal.elapsed(a, utc(result) - ONE_US) == d - ONE_US  # nothing earlier will do


@SETTINGS
@given(calendars, instants, durations)
def test_add_zero_is_next_open(cal: BusinessCalendar, a: datetime, d: timedelta) -> None:
    opening = cal.add(a, timedelta(0))
    assert utc(opening) == utc(cal.next_open(a))
    assert cal.elapsed(a, opening) == timedelta(0)
    assert utc(opening) == utc(a) or not cal.is_open(utc(opening) - ONE_US)


@SETTINGS
@given(calendars, instants, durations, durations)
def test_add_in_two_steps_equals_add_in_one(
    cal: BusinessCalendar, a: datetime, d1: timedelta, d2: timedelta
) -> None:
    if d2 > timedelta(0):
        assert utc(cal.add(cal.add(a, d1), d2)) == utc(cal.add(a, d1 + d2))


@SETTINGS
@given(calendars, instants, instants, instants)
def test_elapsed_is_antisymmetric_and_additive(
    cal: BusinessCalendar, a: datetime, b: datetime, c: datetime
) -> None:
    assert cal.elapsed(a, b) == -cal.elapsed(b, a)
    assert cal.elapsed(a, b) + cal.elapsed(b, c) == cal.elapsed(a, c)
    assert cal.elapsed(a, a) == timedelta(0)
