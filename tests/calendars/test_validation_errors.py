"""Bad input raises ValueError with a message that says what is wrong."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta

import pytest

from charterdesk.calendars import BusinessCalendar

NINE_TO_FIVE = {"mon": [("09:00", "17:00")]}
AWARE = datetime(2026, 6, 1, 12, tzinfo=UTC)
NAIVE = datetime(2026, 6, 1, 12)  # noqa: DTZ001 - deliberately naive


def raises(message: str) -> pytest.RaisesExc[ValueError]:
    return pytest.raises(ValueError, match=f"^{re.escape(message)}$")


def make(hours: Mapping[str, Sequence[Sequence[str]]]) -> BusinessCalendar:
    return BusinessCalendar("Europe/London", hours)


def test_overlapping_intervals_on_one_day() -> None:
    with raises("mon: interval 09:00-12:30 overlaps 12:00-14:00"):
        make({"mon": [("12:00", "14:00"), ("09:00", "12:30")]})


def test_night_shift_overlapping_the_next_mornings_hours() -> None:
    with raises("mon: interval 22:00-06:00 overlaps tue 05:00-09:00"):
        make({"mon": [("22:00", "06:00")], "tue": [("05:00", "09:00")]})


def test_sunday_night_shift_overlapping_monday_morning() -> None:
    with raises("sun: interval 22:00-06:00 overlaps mon 05:00-09:00"):
        make({"mon": [("05:00", "09:00")], "sun": [("22:00", "06:00")]})


def test_the_same_interval_twice() -> None:
    with raises("tue: interval 09:00-17:00 overlaps 09:00-17:00"):
        make({"tue": [("09:00", "17:00"), ("09:00", "17:00")]})


def test_interval_inside_another() -> None:
    with raises("wed: interval 08:00-18:00 overlaps 12:00-13:00"):
        make({"wed": [("08:00", "18:00"), ("12:00", "13:00")]})


def test_intervals_that_only_touch_are_fine() -> None:
    cal = make({"mon": [("09:00", "12:00"), ("12:00", "17:00")], "tue": [("22:00", "09:00")]})
    assert cal.elapsed(datetime(2026, 6, 1, tzinfo=UTC), datetime(2026, 6, 4, tzinfo=UTC)) == (
        timedelta(hours=19)
    )


def test_unknown_day_name() -> None:
    with raises("unknown day name 'monday' (use mon, tue, wed, thu, fri, sat, sun)"):
        make({"monday": [("09:00", "17:00")]})


def test_day_given_twice() -> None:
    with raises("day 'Mon' is given more than once"):
        make({"mon": [("09:00", "10:00")], "Mon": [("11:00", "12:00")]})


@pytest.mark.parametrize("text", ["25:00", "9:00", "12:60", "24:30", "noon", "09:00:00", ""])
def test_badly_formatted_time(text: str) -> None:
    with raises(f"thu: bad time {text!r} (expected 'HH:MM' from 00:00 to 24:00)"):
        make({"thu": [("08:00", text)]})


def test_end_equal_to_start() -> None:
    with raises("mon: interval 09:00-09:00 is empty (end equals start)"):
        make({"mon": [("09:00", "09:00")]})


def test_start_at_24_00() -> None:
    with raises("fri: interval 24:00-06:00 cannot start at 24:00"):
        make({"fri": [("24:00", "06:00")]})


def test_interval_that_is_not_a_pair() -> None:
    with raises("sat: an interval must be a ('HH:MM', 'HH:MM') pair, got ('09:00',)"):
        make({"sat": [("09:00",)]})


def test_no_open_hours_at_all() -> None:
    with raises("calendar has no open hours: every day is closed"):
        make({"mon": [], "tue": []})
    with raises("calendar has no open hours: every day is closed"):
        make({})


def test_unknown_time_zone() -> None:
    with raises("unknown time zone 'Mars/Olympus_Mons'"):
        BusinessCalendar("Mars/Olympus_Mons", NINE_TO_FIVE)


def test_malformed_time_zone_name() -> None:
    with raises("unknown time zone '../etc/passwd'"):
        BusinessCalendar("../etc/passwd", NINE_TO_FIVE)


def test_holiday_that_is_not_a_date() -> None:
    with raises("holiday '2026-13-01' is not a date or a 'YYYY-MM-DD' string"):
        BusinessCalendar("UTC", NINE_TO_FIVE, ["2026-13-01"])
    with raises(
        "holiday datetime.datetime(2026, 12, 25, 0, 0) is not a date or a 'YYYY-MM-DD' string"
    ):
        BusinessCalendar("UTC", NINE_TO_FIVE, [datetime(2026, 12, 25)])  # noqa: DTZ001


def test_holidays_accept_iso_strings() -> None:
    cal = BusinessCalendar("UTC", NINE_TO_FIVE, ["2026-06-01"])
    assert cal.holidays == [date(2026, 6, 1)]


def test_naive_datetimes_are_refused_everywhere() -> None:
    cal = make(NINE_TO_FIVE)
    message = "naive datetime 2026-06-01T12:00:00 has no time zone; pass an aware one"
    with raises(message):
        cal.add(NAIVE, timedelta(hours=1))
    with raises(message):
        cal.elapsed(AWARE, NAIVE)
    with raises(message):
        cal.elapsed(NAIVE, AWARE)
    with raises(message):
        cal.is_open(NAIVE)
    with raises(message):
        cal.next_open(NAIVE)


def test_negative_duration_is_refused() -> None:
    with raises("duration must not be negative, got datetime.timedelta(days=-1, seconds=86399)"):
        make(NINE_TO_FIVE).add(AWARE, timedelta(seconds=-1))


def test_dates_beyond_the_supported_years() -> None:
    with raises("dates outside the years 2-9998 are not supported"):
        make(NINE_TO_FIVE).add(datetime(9998, 12, 1, tzinfo=UTC), timedelta(days=365))
