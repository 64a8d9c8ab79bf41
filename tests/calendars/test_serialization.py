"""to_dict / from_dict: a JSON-friendly form for a Django JSONField."""

from __future__ import annotations

import json
from datetime import date

import pytest

from charterdesk.calendars import BusinessCalendar

HOURS = {
    "mon": [("09:00", "12:30"), ("13:30", "17:30")],
    "fri": [("22:00", "06:00")],
    "sat": [("18:00", "00:00")],
}
CAL = BusinessCalendar("Europe/London", HOURS, [date(2026, 12, 28), date(2026, 12, 25)])


def test_to_dict_lists_every_day_with_hh_mm_strings_and_iso_holidays() -> None:
    assert CAL.to_dict() == {
        "timezone": "Europe/London",
        "hours": {
            "mon": [["09:00", "12:30"], ["13:30", "17:30"]],
            "tue": [],
            "wed": [],
            "thu": [],
            "fri": [["22:00", "06:00"]],
            "sat": [["18:00", "24:00"]],
            "sun": [],
        },
        "holidays": ["2026-12-25", "2026-12-28"],
    }


def test_round_trip_through_json_gives_an_equal_calendar() -> None:
    again = BusinessCalendar.from_dict(json.loads(json.dumps(CAL.to_dict())))
    assert again == CAL
    assert hash(again) == hash(CAL)
    assert again.to_dict() == CAL.to_dict()


def test_from_dict_without_holidays_has_none() -> None:
    cal = BusinessCalendar.from_dict({"timezone": "UTC", "hours": {"mon": [["09:00", "17:00"]]}})
    assert cal.holidays == []
    assert cal.timezone == "UTC"


def test_always_open_round_trips() -> None:
    data = BusinessCalendar.always_open().to_dict()
    assert data["hours"]["sun"] == [["00:00", "24:00"]]
    assert BusinessCalendar.from_dict(data) == BusinessCalendar.always_open()


def test_calendars_with_different_holidays_differ() -> None:
    assert BusinessCalendar("Europe/London", HOURS) != CAL


def test_from_dict_refuses_unknown_keys() -> None:
    with pytest.raises(ValueError, match="^unknown calendar keys: 'tz'$"):
        BusinessCalendar.from_dict({"tz": "UTC", "timezone": "UTC", "hours": {}})


def test_from_dict_refuses_missing_keys() -> None:
    with pytest.raises(ValueError, match="^calendar data is missing 'hours'$"):
        BusinessCalendar.from_dict({"timezone": "UTC"})


def test_from_dict_refuses_a_non_mapping() -> None:
    with pytest.raises(ValueError, match="^calendar data must be a mapping, got \\[\\]$"):
        BusinessCalendar.from_dict([])  # type: ignore[arg-type]
