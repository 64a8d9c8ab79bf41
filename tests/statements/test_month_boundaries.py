import pytest

from charterdesk.sla.models import Calendar
from charterdesk.statements.calendar_months import Month
from charterdesk.statements.usage import usage_statement

from .conftest import utc


def test_the_month_runs_from_midnight_to_midnight_in_the_contracts_time_zone(july):
    s = usage_statement(july.acme, Month(2026, 7), july.now)
    assert str(s.zone) == "Europe/London"
    assert (s.start, s.end) == (utc(2026, 6, 30, 23), utc(2026, 7, 31, 23))
    # 00:30 on 1 July in London counts in July; 23:59 on 30 June does not.
    assert s.tickets == 5


def test_a_contract_on_a_utc_calendar_counts_the_same_rows_in_other_months(july):
    calendar = july.acme.plan.calendar
    Calendar.objects.filter(pk=calendar.pk).update(timezone="UTC")
    calendar.timezone = "UTC"
    july_utc = usage_statement(july.acme, Month(2026, 7), july.now)
    june_utc = usage_statement(july.acme, Month(2026, 6), july.now)
    # The tickets opened at 23:30 and 22:59 UTC on 30 June are June's in UTC.
    assert (july_utc.tickets, june_utc.tickets) == (5, 2)
    # The ticket at 23:00 UTC on 31 July is July's in UTC, August's in London.
    assert {r.key: r.value for r in july_utc.tickets_by_type}["error"] == 3


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-00", "26-07", "July", "2026-7", "", "9999-12", "0001-01"]
)
def test_months_that_are_not_yyyy_mm_are_refused_with_a_message(text):
    with pytest.raises(ValueError, match="YYYY-MM"):
        Month.parse(text)


def test_december_is_followed_by_january():
    assert (Month(2026, 12).next(), Month(2026, 1).previous()) == (Month(2027, 1), Month(2025, 12))
