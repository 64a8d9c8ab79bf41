"""BusinessCalendar agrees with the minute-stepping reference on random weekly hours.

Zones: DST in both hemispheres (London, New York, Sydney), a half-hour offset (Kolkata)
and a 45-minute one with DST at 02:45 (Chatham).  Starts are near the 2026 DST changes
and Christmas; hours sit on a 15-minute grid so boundaries land inside the skipped and
repeated hours.  Everything is minute-aligned so the reference can count it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charterdesk.calendars import BusinessCalendar

from .test_reference_model import DAYS, Reference

Hours = dict[str, list[tuple[str, str]]]

# Days just before each zone's 2026 clock changes, plus Christmas week.
ANCHORS = {
    "Europe/London": [date(2026, 3, 27), date(2026, 10, 23), date(2026, 12, 21)],
    "America/New_York": [date(2026, 3, 6), date(2026, 10, 30), date(2026, 12, 21)],
    "Australia/Sydney": [date(2026, 4, 3), date(2026, 10, 2), date(2026, 12, 21)],
    "Asia/Kolkata": [date(2026, 3, 27), date(2026, 12, 21)],
    "Pacific/Chatham": [date(2026, 4, 3), date(2026, 9, 25), date(2026, 12, 21)],
}
WEEK = 7 * 1440
QUARTER = timedelta(minutes=15)
SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


def _text(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


@st.composite
def weekly_hours(draw: st.DrawFn) -> Hours:
    """Non-overlapping intervals on a 15-minute grid, some crossing midnight or touching."""
    hours: Hours = {}
    first = draw(st.integers(0, WEEK // 15 - 1)) * 15
    start = first
    pieces = draw(
        st.lists(st.tuples(st.integers(0, 384), st.integers(1, 95)), min_size=1, max_size=6)
    )
    for index, (gap, length) in enumerate(pieces):
        if index:
            start += gap * 15  # gap 0 makes intervals that touch
        end = start + length * 15
        if end > first + WEEK:
            break
        weekday, offset = divmod(start, 1440)
        ends_at = end - weekday * 1440
        midnight = "24:00" if draw(st.booleans()) else "00:00"
        end_text = midnight if ends_at == 1440 else _text(ends_at % 1440)
        hours.setdefault(DAYS[weekday % 7], []).append((_text(offset), end_text))
        start = end
    return hours


@st.composite
def night_hours(draw: st.DrawFn) -> Hours:
    """Intervals between 00:00 and 05:00 on a 15-minute grid, where clocks change."""
    hours: Hours = {}
    for day in DAYS:
        marks = sorted(draw(st.lists(st.integers(0, 20), max_size=4, unique=True)))
        pairs = zip(marks[::2], marks[1::2], strict=False)
        hours[day] = [(_text(a * 15), _text(b * 15)) for a, b in pairs]
    if not any(hours.values()):
        hours["sun"] = [("01:00", "03:00")]
    return hours


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _open_minutes(hours: Hours) -> int:
    """Wall-clock minutes open in a week (an interval ending where it starts is 24 hours)."""
    return sum(
        (_minutes(end) - _minutes(start)) % 1440 or 1440
        for intervals in hours.values()
        for start, end in intervals
    )


def _check_against_reference(data: st.DataObject, zone: str, hours: Hours) -> None:
    tz = ZoneInfo(zone)
    anchor = data.draw(st.sampled_from(ANCHORS[zone]), label="anchor")
    holidays = data.draw(
        st.lists(st.integers(0, 20).map(lambda n: anchor + timedelta(days=n)), max_size=2)
    )
    cal = BusinessCalendar(zone, hours, holidays)
    midnight = datetime(anchor.year, anchor.month, anchor.day, tzinfo=tz)
    ref = Reference(zone, hours, holidays, midnight, midnight + timedelta(days=28))
    start = midnight + data.draw(st.integers(0, 4 * 96 - 1), label="quarters") * QUARTER
    start += data.draw(st.integers(0, 14), label="minutes") * timedelta(minutes=1)
    weekly = _open_minutes(hours)
    duration = timedelta(minutes=data.draw(st.integers(0, weekly // 2), label="duration"))

    # Compare in UTC: == between zones is False for ambiguous wall times (PEP 495).
    assert cal.add(start, duration).astimezone(UTC) == ref.add(start, duration)
    assert cal.next_open(start).astimezone(UTC) == ref.add(start, timedelta(0))
    other = start + timedelta(minutes=data.draw(st.integers(-2 * 1440, 20 * 1440)))
    assert cal.elapsed(start, other) == ref.elapsed(start, other)
    moments = [(start.astimezone(UTC) + i * QUARTER).astimezone(tz) for i in range(-192, 1344)]
    assert [cal.is_open(m) for m in moments] == [ref.is_open(m) for m in moments]


@pytest.mark.parametrize("zone", sorted(ANCHORS))
@SETTINGS
@given(data=st.data())
def test_random_hours_match_reference(zone: str, data: st.DataObject) -> None:
    _check_against_reference(data, zone, data.draw(weekly_hours(), label="hours"))


@pytest.mark.parametrize("zone", sorted(ANCHORS))
@SETTINGS
@given(data=st.data())
def test_boundaries_during_clock_changes_match_reference(zone: str, data: st.DataObject) -> None:
    _check_against_reference(data, zone, data.draw(night_hours(), label="hours"))
