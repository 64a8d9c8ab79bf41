"""Open intervals are computed per year on demand; spans across years stay exact."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from charterdesk.calendars import BusinessCalendar

LONDON = ZoneInfo("Europe/London")
EVERY_DAY = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def test_new_years_eve_night_shift_runs_into_new_years_day_holiday() -> None:
    cal = BusinessCalendar(
        "Europe/London", {"thu": [("22:00", "06:00")]}, holidays=[date(2027, 1, 1)]
    )
    assert cal.is_open(datetime(2027, 1, 1, 3, tzinfo=LONDON))
    assert cal.add(datetime(2026, 12, 31, 23, tzinfo=LONDON), timedelta(hours=3)) == datetime(
        2027, 1, 1, 2, tzinfo=LONDON
    )


def test_interval_starting_at_new_year_midnight_is_open() -> None:
    cal = BusinessCalendar("Europe/London", {d: [("00:00", "00:15")] for d in EVERY_DAY})
    new_year = datetime(2027, 1, 1, tzinfo=LONDON)
    assert cal.is_open(new_year)
    assert cal.next_open(new_year - timedelta(hours=1)) == new_year


def test_add_ending_exactly_at_new_year_midnight() -> None:
    cal = BusinessCalendar("Europe/London", {d: [("23:00", "24:00")] for d in EVERY_DAY})
    new_year = datetime(2027, 1, 1, tzinfo=LONDON)
    assert cal.add(datetime(2026, 12, 31, 23, tzinfo=LONDON), timedelta(hours=1)) == new_year
    assert cal.add(new_year, timedelta(0)) == datetime(2027, 1, 1, 23, tzinfo=LONDON)


def test_add_over_many_years_on_a_sparse_calendar() -> None:
    cal = BusinessCalendar("Europe/London", {"sun": [("09:00", "10:00")]})
    start = datetime(2026, 1, 1, tzinfo=LONDON)  # first Sunday is 4 January
    expected_day = date(2026, 1, 4) + timedelta(weeks=199)
    assert cal.add(start, timedelta(hours=200)) == datetime(
        expected_day.year, expected_day.month, expected_day.day, 10, tzinfo=LONDON
    )


def test_elapsed_backwards_over_a_decade_counts_every_sunday() -> None:
    cal = BusinessCalendar("UTC", {"sun": [("09:00", "10:00")]})
    later = datetime(2036, 1, 1, tzinfo=UTC)
    cal.is_open(later)  # fill the cache for 2036 first, then reach back to 2026
    earlier = datetime(2026, 1, 1, tzinfo=UTC)
    sundays = sum(
        1 for n in range((later - earlier).days) if (earlier + timedelta(days=n)).weekday() == 6
    )
    assert cal.elapsed(later, earlier) == -timedelta(hours=sundays)
    assert sundays == 522


def test_results_do_not_depend_on_which_years_were_asked_for_first() -> None:
    hours = {"mon": [("09:00", "17:00")], "sun": [("23:00", "01:00")]}
    fresh = BusinessCalendar("Europe/London", hours)
    used = BusinessCalendar("Europe/London", hours)
    used.is_open(datetime(2031, 6, 1, tzinfo=UTC))
    used.is_open(datetime(2019, 6, 1, tzinfo=UTC))
    start = datetime(2026, 12, 27, 23, 30, tzinfo=LONDON)
    assert fresh.add(start, timedelta(hours=40)) == used.add(start, timedelta(hours=40))
    assert fresh.add(start, timedelta(hours=40)) == datetime(2027, 1, 24, 23, 30, tzinfo=LONDON)
