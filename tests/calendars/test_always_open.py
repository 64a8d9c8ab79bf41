"""always_open(): 24x7 with no holidays, where business time is elapsed time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from charterdesk.calendars import BusinessCalendar

LONDON = ZoneInfo("Europe/London")
ALWAYS = BusinessCalendar.always_open()


def test_add_is_plain_addition_to_the_microsecond() -> None:
    start = datetime(2026, 3, 28, 23, 59, 59, 999_999, tzinfo=UTC)
    assert ALWAYS.add(start, timedelta(days=3, microseconds=2)) == datetime(
        2026, 4, 1, 0, 0, 0, 1, tzinfo=UTC
    )


def test_elapsed_is_real_time_across_a_clock_change() -> None:
    start = datetime(2026, 3, 29, 0, 0, tzinfo=LONDON)
    end = datetime(2026, 3, 29, 3, 0, tzinfo=LONDON)
    assert ALWAYS.elapsed(start, end) == timedelta(hours=2)
    assert ALWAYS.elapsed(end, start) == -timedelta(hours=2)


def test_always_open_is_open_and_next_open_is_now() -> None:
    moment = datetime(2026, 12, 25, 12, tzinfo=LONDON)
    assert ALWAYS.is_open(moment)
    assert ALWAYS.next_open(moment) == moment


def test_always_open_works_far_from_today() -> None:
    start = datetime(1900, 1, 1, tzinfo=UTC)
    assert ALWAYS.add(start, timedelta(days=365 * 200)) == datetime(2099, 11, 13, tzinfo=UTC)


def test_all_day_hours_in_a_zone_equal_always_open_there() -> None:
    every_day = {d: [("00:00", "24:00")] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    cal = BusinessCalendar("Europe/London", every_day)
    assert cal == BusinessCalendar.always_open("Europe/London")
    start = datetime(2026, 10, 24, 12, tzinfo=LONDON)
    assert cal.elapsed(start, datetime(2026, 10, 26, 12, tzinfo=LONDON)) == timedelta(hours=49)


def test_all_day_hours_with_a_holiday_skip_that_local_day() -> None:
    every_day = {d: [("00:00", "24:00")] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    cal = BusinessCalendar("Europe/London", every_day, [date(2026, 10, 25)])  # a 25-hour day
    start = datetime(2026, 10, 24, 12, tzinfo=LONDON)
    assert cal.elapsed(start, datetime(2026, 10, 26, 12, tzinfo=LONDON)) == timedelta(hours=24)
    assert cal.add(start, timedelta(hours=13)) == datetime(2026, 10, 26, 1, tzinfo=LONDON)
