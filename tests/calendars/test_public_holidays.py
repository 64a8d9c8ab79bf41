"""Public holidays from holidays_for close whole days: Christmas and Easter in England."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from charterdesk.calendars import BusinessCalendar, holidays_for

LONDON = ZoneInfo("Europe/London")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


@pytest.fixture(scope="module")
def office() -> BusinessCalendar:
    holidays = holidays_for("GB", subdiv="ENG", years=range(2024, 2031))
    return BusinessCalendar("Europe/London", {d: [("09:00", "17:30")] for d in WEEKDAYS}, holidays)


def test_holidays_for_england_2026_lists_bank_holidays_and_observed_days() -> None:
    assert holidays_for("GB", subdiv="ENG", years=[2026]) == [
        date(2026, 1, 1),
        date(2026, 4, 3),  # Good Friday
        date(2026, 4, 6),  # Easter Monday
        date(2026, 5, 4),
        date(2026, 5, 25),
        date(2026, 8, 31),
        date(2026, 12, 25),
        date(2026, 12, 26),  # Boxing Day, a Saturday
        date(2026, 12, 28),  # Boxing Day (observed)
    ]


def test_holidays_for_takes_a_single_year() -> None:
    assert holidays_for("GB", subdiv="ENG", years=2027)[-2:] == [
        date(2027, 12, 27),
        date(2027, 12, 28),
    ]


def test_holidays_for_defaults_to_years_around_now() -> None:
    this_year = datetime.now(UTC).year
    found = holidays_for("GB", subdiv="ENG")
    assert date(this_year, 12, 25) in found
    assert date(this_year + 10, 12, 25) in found
    assert found == sorted(found)


def test_holidays_for_unknown_country_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="no public holidays known for 'XX'"):
        holidays_for("XX", years=[2026])


def test_holidays_for_unknown_subdivision_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="no public holidays known for 'GB'.*ZZZ"):
        holidays_for("GB", subdiv="ZZZ", years=[2026])


def test_add_skips_christmas_holiday(office: BusinessCalendar) -> None:
    # Thu 24th: 16:30-17:30 counts 1h; Fri 25th, the weekend and Mon 28th are closed.
    start = datetime(2026, 12, 24, 16, 30, tzinfo=LONDON)
    assert office.add(start, timedelta(hours=2)) == datetime(2026, 12, 29, 10, 0, tzinfo=LONDON)


def test_elapsed_over_christmas_counts_only_the_working_days(office: BusinessCalendar) -> None:
    start = datetime(2026, 12, 24, 9, tzinfo=LONDON)
    end = datetime(2026, 12, 30, 9, tzinfo=LONDON)
    assert office.elapsed(start, end) == timedelta(hours=17)  # 24th and 29th


def test_add_skips_easter_from_good_friday_to_easter_monday(office: BusinessCalendar) -> None:
    start = datetime(2026, 4, 2, 17, 0, tzinfo=LONDON)  # Thursday before Good Friday
    assert office.add(start, timedelta(hours=1)) == datetime(2026, 4, 7, 9, 30, tzinfo=LONDON)


def test_calendar_is_closed_on_christmas_day(office: BusinessCalendar) -> None:
    assert not office.is_open(datetime(2026, 12, 25, 11, tzinfo=LONDON))
    assert office.next_open(datetime(2026, 12, 25, 11, tzinfo=LONDON)) == datetime(
        2026, 12, 29, 9, tzinfo=LONDON
    )
