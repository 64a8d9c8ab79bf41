"""Clock changes: a skipped hour is not worked, a repeated hour is worked twice.

Europe/London 2026: clocks go forward at 01:00 GMT on Sunday 29 March and back at
02:00 BST (01:00 UTC) on Sunday 25 October.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from charterdesk.calendars import BusinessCalendar

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
NIGHT = BusinessCalendar("Europe/London", {"sun": [("00:00", "04:00")]})


def utc(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def sunday(hours: tuple[str, str]) -> BusinessCalendar:
    return BusinessCalendar("Europe/London", {"sun": [hours]})


def test_spring_forward_night_shift_does_not_count_the_missing_hour() -> None:
    start = datetime(2026, 3, 29, 0, 0, tzinfo=LONDON)
    assert NIGHT.elapsed(start, datetime(2026, 3, 29, 6, tzinfo=LONDON)) == timedelta(hours=3)
    assert NIGHT.add(start, timedelta(hours=3)) == datetime(2026, 3, 29, 4, tzinfo=LONDON)
    assert NIGHT.add(start, timedelta(hours=1)) == datetime(2026, 3, 29, 2, tzinfo=LONDON)
    assert NIGHT.is_open(utc(3, 29, 1, 30))  # 02:30 BST


def test_autumn_back_night_shift_counts_the_repeated_hour_twice() -> None:
    start = datetime(2026, 10, 25, 0, 0, tzinfo=LONDON)
    assert NIGHT.elapsed(start, datetime(2026, 10, 25, 6, tzinfo=LONDON)) == timedelta(hours=5)
    first_one = datetime(2026, 10, 25, 1, 0, tzinfo=LONDON)  # 01:00 BST
    second_one = datetime(2026, 10, 25, 1, 0, fold=1, tzinfo=LONDON)  # 01:00 GMT
    assert NIGHT.elapsed(first_one, second_one) == timedelta(hours=1)
    assert NIGHT.add(start, timedelta(hours=5)).astimezone(UTC) == utc(10, 25, 4)


def test_add_into_the_repeated_hour_lands_on_its_second_pass() -> None:
    start = datetime(2026, 10, 25, 0, 0, tzinfo=LONDON)
    result = NIGHT.add(start, timedelta(hours=2, minutes=30))
    assert result.astimezone(UTC) == utc(10, 25, 1, 30)
    assert (result.hour, result.minute, result.fold) == (1, 30, 1)


def test_interval_starting_in_the_skipped_hour_opens_when_the_clock_jumps() -> None:
    cal = sunday(("01:30", "03:00"))
    assert cal.next_open(utc(3, 28, 12)).astimezone(UTC) == utc(3, 29, 1)  # 02:00 BST
    assert cal.elapsed(utc(3, 28, 12), utc(3, 29, 12)) == timedelta(hours=1)


def test_interval_ending_in_the_skipped_hour_closes_when_the_clock_jumps() -> None:
    cal = sunday(("00:00", "01:30"))
    assert cal.elapsed(utc(3, 28, 12), utc(3, 29, 12)) == timedelta(hours=1)
    assert cal.add(utc(3, 28, 12), timedelta(hours=1)).astimezone(UTC) == utc(3, 29, 1)


def test_interval_starting_in_the_repeated_hour_opens_on_its_first_pass() -> None:
    cal = sunday(("01:30", "03:00"))
    assert cal.next_open(utc(10, 24, 12)).astimezone(UTC) == utc(10, 25, 0, 30)  # 01:30 BST
    assert cal.elapsed(utc(10, 24, 12), utc(10, 25, 12)) == timedelta(hours=2, minutes=30)


def test_interval_ending_in_the_repeated_hour_closes_on_its_second_pass() -> None:
    cal = sunday(("00:00", "01:30"))
    assert cal.elapsed(utc(10, 24, 12), utc(10, 25, 12)) == timedelta(hours=2, minutes=30)
    assert not cal.is_open(utc(10, 25, 1, 30))  # 01:30 GMT
    assert cal.is_open(utc(10, 25, 1, 29))


def test_interval_ending_where_the_repeat_begins_closes_on_the_first_pass() -> None:
    cal = sunday(("00:00", "01:00"))
    assert cal.elapsed(utc(10, 24, 12), utc(10, 25, 12)) == timedelta(hours=1)
    assert not cal.is_open(utc(10, 25, 0, 30))  # 01:30 BST: the repeat is after the interval


def test_office_hours_keep_their_length_across_the_change() -> None:
    weekdays = {d: [("09:00", "17:00")] for d in ("mon", "tue", "wed", "thu", "fri")}
    cal = BusinessCalendar("America/New_York", weekdays)
    friday = datetime(2026, 3, 6, 17, tzinfo=NEW_YORK)
    assert cal.add(friday, timedelta(hours=1)) == datetime(2026, 3, 9, 10, tzinfo=NEW_YORK)
    assert cal.elapsed(friday, datetime(2026, 3, 10, 9, tzinfo=NEW_YORK)) == timedelta(hours=8)
