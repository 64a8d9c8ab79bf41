"""Inputs may be in any zone; results come back in the zone of the input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from charterdesk.calendars import BusinessCalendar

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
OFFICE = BusinessCalendar(
    "Europe/London", {d: [("09:00", "17:30")] for d in ("mon", "tue", "wed", "thu", "fri")}
)


def test_add_with_new_york_input_returns_new_york_time() -> None:
    start = datetime(2026, 6, 1, 4, 0, tzinfo=NEW_YORK)  # 09:00 in London
    result = OFFICE.add(start, timedelta(hours=1))
    assert result == datetime(2026, 6, 1, 5, 0, tzinfo=NEW_YORK)
    assert result.tzinfo is NEW_YORK


def test_add_with_utc_input_returns_utc() -> None:
    result = OFFICE.add(datetime(2026, 12, 1, 17, 0, tzinfo=UTC), timedelta(hours=1))
    assert result == datetime(2026, 12, 2, 9, 30, tzinfo=UTC)
    assert result.tzinfo is UTC


def test_add_with_fixed_offset_input_returns_that_offset() -> None:
    india = timezone(timedelta(hours=5, minutes=30))
    result = OFFICE.add(datetime(2026, 6, 1, 12, 0, tzinfo=india), timedelta(0))
    assert result == datetime(2026, 6, 1, 13, 30, tzinfo=india)  # 09:00 BST
    assert result.tzinfo is india


def test_next_open_returns_the_input_zone() -> None:
    result = OFFICE.next_open(datetime(2026, 6, 6, 12, tzinfo=NEW_YORK))  # a Saturday
    assert result == datetime(2026, 6, 8, 4, 0, tzinfo=NEW_YORK)
    assert result.tzinfo is NEW_YORK


def test_elapsed_with_inputs_in_different_zones() -> None:
    start = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)  # 09:00 BST
    end = datetime(2026, 6, 1, 8, 0, tzinfo=NEW_YORK)  # 13:00 BST
    assert OFFICE.elapsed(start, end) == timedelta(hours=4)


def test_is_open_uses_the_calendars_zone_not_the_inputs() -> None:
    assert OFFICE.is_open(datetime(2026, 6, 1, 4, 30, tzinfo=NEW_YORK))  # 09:30 London
    assert not OFFICE.is_open(datetime(2026, 6, 1, 13, 0, tzinfo=NEW_YORK))  # 18:00 London
