"""describe(): one readable line for the UI."""

from __future__ import annotations

from datetime import date

from charterdesk.calendars import BusinessCalendar, holidays_for

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def test_office_hours_with_holidays() -> None:
    holidays = holidays_for("GB", subdiv="ENG", years=[2027])[:8]
    cal = BusinessCalendar("Europe/London", {d: [("09:00", "17:30")] for d in WEEKDAYS}, holidays)
    assert cal.describe() == "Mon–Fri 09:00–17:30 Europe/London, 8 public holidays a year"


def test_lunch_break_lists_both_intervals() -> None:
    day = [("09:00", "12:30"), ("13:30", "17:30")]
    cal = BusinessCalendar("Europe/London", dict.fromkeys(WEEKDAYS, day))
    assert cal.describe() == "Mon–Fri 09:00–12:30, 13:30–17:30 Europe/London, no public holidays"


def test_days_with_different_hours_get_their_own_groups() -> None:
    hours = {d: [("09:00", "17:30")] for d in ("mon", "tue", "wed", "thu")}
    hours |= {"fri": [("09:00", "16:00")], "sat": [("10:00", "14:00")]}
    cal = BusinessCalendar("America/New_York", hours, [date(2026, 7, 3)])
    assert cal.describe() == (
        "Mon–Thu 09:00–17:30; Fri 09:00–16:00; Sat 10:00–14:00 America/New_York, "
        "1 public holiday a year"
    )


def test_same_hours_on_days_apart_are_not_merged() -> None:
    hours = {"mon": [("09:00", "17:00")], "wed": [("09:00", "17:00")]}
    assert BusinessCalendar("UTC", hours).describe() == (
        "Mon 09:00–17:00; Wed 09:00–17:00 UTC, no public holidays"
    )


def test_night_shift_and_midnight_end() -> None:
    hours = {"mon": [("22:00", "06:00")], "sat": [("18:00", "00:00")]}
    assert BusinessCalendar("UTC", hours).describe() == (
        "Mon 22:00–06:00; Sat 18:00–24:00 UTC, no public holidays"
    )


def test_always_open() -> None:
    assert BusinessCalendar.always_open().describe() == "24/7 UTC, no public holidays"
    assert repr(BusinessCalendar.always_open("Asia/Kolkata")) == (
        "<BusinessCalendar 24/7 Asia/Kolkata, no public holidays>"
    )


def test_holidays_are_counted_per_year_not_over_every_year_kept() -> None:
    holidays = holidays_for("GB", subdiv="ENG", years=range(2029, 2032))
    cal = BusinessCalendar("Europe/London", {d: [("09:00", "17:30")] for d in WEEKDAYS}, holidays)
    assert len(holidays) == 24
    assert cal.describe() == "Mon–Fri 09:00–17:30 Europe/London, 8 public holidays a year"
