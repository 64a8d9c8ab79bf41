"""Several intervals a day: a lunch break is closed time."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from charterdesk.calendars import BusinessCalendar

LONDON = ZoneInfo("Europe/London")
DAY = [("09:00", "12:30"), ("13:30", "17:30")]
OFFICE = BusinessCalendar("Europe/London", dict.fromkeys(("mon", "tue", "wed", "thu", "fri"), DAY))


def at(hour: int, minute: int = 0, day: int = 1) -> datetime:
    return datetime(2026, 6, day, hour, minute, tzinfo=LONDON)  # 1 June 2026 is a Monday


def test_add_across_lunch_skips_the_break() -> None:
    assert OFFICE.add(at(12), timedelta(hours=1)) == at(14)


def test_add_that_uses_up_the_morning_ends_at_the_start_of_lunch() -> None:
    assert OFFICE.add(at(12), timedelta(minutes=30)) == at(12, 30)


def test_add_zero_during_lunch_is_the_afternoon_opening() -> None:
    assert OFFICE.add(at(12, 45), timedelta(0)) == at(13, 30)


def test_add_zero_while_open_is_the_start_itself() -> None:
    assert OFFICE.add(at(10, 15), timedelta(0)) == at(10, 15)


def test_add_past_the_end_of_the_day_continues_next_morning() -> None:
    assert OFFICE.add(at(17), timedelta(hours=1)) == at(9, 30, day=2)


def test_add_on_friday_afternoon_continues_on_monday() -> None:
    assert OFFICE.add(at(17, day=5), timedelta(hours=4, minutes=30)) == at(14, 0, day=8)


def test_elapsed_over_a_day_is_seven_and_a_half_hours() -> None:
    assert OFFICE.elapsed(at(0), at(0, day=2)) == timedelta(hours=7, minutes=30)


def test_elapsed_over_a_week_is_five_working_days() -> None:
    assert OFFICE.elapsed(at(0), at(0, day=8)) == timedelta(hours=37, minutes=30)


def test_elapsed_backwards_is_negative() -> None:
    assert OFFICE.elapsed(at(14), at(12)) == -timedelta(hours=1)


def test_lunch_is_closed_and_intervals_are_half_open() -> None:
    assert OFFICE.is_open(at(12, 29))
    assert OFFICE.is_open(at(12, 30) - timedelta(microseconds=1))
    assert not OFFICE.is_open(at(12, 30))
    assert not OFFICE.is_open(at(13, 29))
    assert OFFICE.is_open(at(13, 30))


def test_next_open_from_lunch_and_from_the_weekend() -> None:
    assert OFFICE.next_open(at(12, 30)) == at(13, 30)
    assert OFFICE.next_open(at(18, day=6)) == at(9, day=8)


def test_add_keeps_microseconds_exact() -> None:
    start = at(12, 29) + timedelta(seconds=59, microseconds=999_999)
    assert OFFICE.add(start, timedelta(microseconds=2)) == at(13, 30) + timedelta(microseconds=1)
