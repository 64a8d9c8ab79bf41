"""Intervals that cross midnight belong to the day they start on."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from charterdesk.calendars import BusinessCalendar

LONDON = ZoneInfo("Europe/London")
MONDAY_NIGHT = {"mon": [("22:00", "06:00")]}


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 1, day, hour, minute, tzinfo=LONDON)  # 5 January 2026 is a Monday


def test_monday_night_shift_runs_into_tuesday_morning() -> None:
    cal = BusinessCalendar("Europe/London", MONDAY_NIGHT)
    assert cal.is_open(at(6, 5, 59))
    assert not cal.is_open(at(6, 6))
    assert cal.elapsed(at(5, 0), at(6, 12)) == timedelta(hours=8)


def test_add_across_midnight_is_continuous() -> None:
    cal = BusinessCalendar("Europe/London", MONDAY_NIGHT)
    assert cal.add(at(5, 23), timedelta(hours=2)) == at(6, 1)


def test_add_past_the_end_of_the_shift_waits_a_week() -> None:
    cal = BusinessCalendar("Europe/London", MONDAY_NIGHT)
    assert cal.add(at(6, 5), timedelta(hours=2)) == at(12, 23)


def test_holiday_on_monday_closes_the_shift_that_starts_monday() -> None:
    cal = BusinessCalendar("Europe/London", MONDAY_NIGHT, holidays=[date(2026, 1, 5)])
    assert not cal.is_open(at(5, 23))
    assert not cal.is_open(at(6, 1))
    assert cal.next_open(at(5, 12)) == at(12, 22)


def test_holiday_on_tuesday_keeps_the_part_of_monday_night_after_midnight() -> None:
    cal = BusinessCalendar("Europe/London", MONDAY_NIGHT, holidays=[date(2026, 1, 6)])
    assert cal.is_open(at(6, 3))
    assert cal.elapsed(at(5, 0), at(7, 0)) == timedelta(hours=8)


def test_holiday_on_monday_keeps_the_part_of_sunday_night_after_midnight() -> None:
    cal = BusinessCalendar("Europe/London", {"sun": [("22:00", "06:00")]}, [date(2026, 1, 5)])
    assert cal.is_open(at(5, 3))
    assert cal.elapsed(at(4, 0), at(6, 0)) == timedelta(hours=8)


def test_shift_ending_at_midnight_touches_the_next_days_shift() -> None:
    cal = BusinessCalendar(
        "Europe/London", {"mon": [("18:00", "24:00")], "tue": [("00:00", "02:00")]}
    )
    assert cal.add(at(5, 23), timedelta(hours=2)) == at(6, 1)
    assert cal.is_open(at(6, 0))
    assert cal.elapsed(at(5, 0), at(7, 0)) == timedelta(hours=8)


def test_end_written_as_midnight_is_the_same_as_24_00() -> None:
    crossing = BusinessCalendar("Europe/London", {"mon": [("18:00", "00:00")]})
    explicit = BusinessCalendar("Europe/London", {"mon": [("18:00", "24:00")]})
    assert crossing == explicit
    assert crossing.elapsed(at(5, 0), at(6, 0)) == timedelta(hours=6)


def test_all_day_every_day_is_round_the_clock_minus_holidays() -> None:
    every_day = {d: [("00:00", "24:00")] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    cal = BusinessCalendar("Europe/London", every_day, holidays=[date(2026, 1, 6)])
    assert cal.elapsed(at(5, 0), at(8, 0)) == timedelta(hours=48)
    assert cal.add(at(5, 23), timedelta(hours=2)) == at(7, 1)
    assert cal.add(at(5, 23), timedelta(hours=1)) == at(6, 0)
