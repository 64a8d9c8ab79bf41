from datetime import UTC, date, datetime
from decimal import Decimal

from charterdesk.accounts.models import User
from charterdesk.hours.selectors import bank_of
from charterdesk.statements.calendar_months import Month
from charterdesk.statements.usage import usage_statement
from charterdesk.tickets.models import Ticket

from .factories import time_entry


def _values(rows):
    return {row.key: row.value for row in rows}


def test_hours_bank_counts_metered_time_of_the_month_and_what_was_used_before(july):
    s = usage_statement(july.acme, Month(2026, 7), july.now)
    assert (s.hours_included, s.hours_purchased) == (Decimal(40), Decimal(10))
    assert s.hours_used_before == Decimal("10.00")
    assert s.hours_used == Decimal("4.25")
    assert s.hours_remaining == Decimal("35.75")
    assert s.hours_overage == Decimal(0)


def test_tickets_opened_in_the_month_by_type_priority_and_coverage(july):
    s = usage_statement(july.acme, Month(2026, 7), july.now)
    assert (s.tickets, s.open_tickets) == (5, 4)
    assert _values(s.tickets_by_type) == {"downtime": 1, "error": 2, "how_to": 1, "consulting": 1}
    assert _values(s.tickets_by_priority) == {"urgent": 1, "high": 1, "normal": 2, "low": 1}
    assert _values(s.tickets_by_coverage) == {
        "included": 1,
        "metered": 3,
        "billable": 1,
        "not_covered": 0,
    }


def test_time_by_activity_and_tier(july):
    s = usage_statement(july.acme, Month(2026, 7), july.now)
    assert (s.time_total, s.time_billable) == (Decimal("6.00"), Decimal("4.00"))
    assert _values(s.time_by_activity) == {
        "investigation": Decimal("3.50"),
        "reply": Decimal("1.00"),
        "call": Decimal("0.50"),
        "consulting": Decimal("1.00"),
        "training": 0,
    }
    assert _values(s.time_by_tier) == {
        "1": Decimal("1.50"),
        "2": Decimal("2.50"),
        "3": Decimal("2.00"),
    }


def test_who_is_asking_lists_each_requester_with_tickets_and_hours(july):
    s = usage_statement(july.acme, Month(2026, 7), july.now)
    assert [(r.email, r.tickets, r.hours) for r in s.requesters] == [
        ("alice@acme.example", 3, Decimal("4.25")),
        ("wile@acme.example", 2, Decimal("1.75")),
    ]


def test_sla_attainment_per_metric(july):
    s = usage_statement(july.acme, Month(2026, 7), july.now)
    rows = {r.metric: (r.achieved, r.breached, r.active, r.percent) for r in s.sla}
    assert rows == {
        "first_reply": (2, 1, 1, Decimal("66.7")),
        "next_reply": (0, 0, 0, None),
        "periodic_update": (0, 0, 0, None),
        "resolution": (1, 0, 0, Decimal("100.0")),
    }


def test_promises_due_in_the_month_kept_broken_and_overdue(july):
    p = usage_statement(july.acme, Month(2026, 7), july.now).promises
    assert (p.due, p.kept, p.broken, p.cancelled, p.open, p.overdue) == (5, 1, 1, 1, 2, 1)


def test_satisfaction_answers_average_and_distribution(july):
    sat = usage_statement(july.acme, Month(2026, 7), july.now).satisfaction
    assert (sat.answers, sat.average, sat.csat_percent) == (3, Decimal("3.67"), Decimal("66.7"))
    assert _values(sat.distribution) == {"1": 0, "2": 1, "3": 0, "4": 1, "5": 1}


def test_past_the_bank_the_remaining_hours_go_negative_and_show_as_overage(july):
    july.acme.hours_included, july.acme.hours_purchased = Decimal(12), Decimal(0)
    s = usage_statement(july.acme, Month(2026, 7), july.now)
    assert s.hours_remaining == Decimal("-2.25")
    assert s.hours_overage == Decimal("2.25")
    assert s.used_percent == 118


def test_an_empty_month_has_zeros_not_errors(july):
    s = usage_statement(july.acme, Month(2025, 1), july.now)
    assert (s.tickets, s.hours_used, s.hours_used_before, s.requesters) == (0, 0, 0, [])
    assert s.satisfaction.average is None and s.promises.due == 0


def test_the_bank_at_the_end_of_the_last_month_worked_agrees_with_the_hours_bank(july):
    august = usage_statement(july.acme, Month(2026, 8), july.now)
    bank = bank_of(july.acme)
    assert august.hours_used_before + august.hours_used == bank.used == Decimal("15.92")
    assert august.hours_remaining == bank.total - bank.used


def test_time_after_the_contract_ended_draws_on_no_bank(july):
    july.acme.ends_on = date(2026, 7, 31)
    july.acme.save(update_fields=["ends_on"])
    late = Ticket.objects.filter(contract=july.acme).first()
    agent = User.objects.get(email="tier1@charterdesk.example")
    time_entry(late, agent, 60, datetime(2026, 8, 5, tzinfo=UTC), draws_on_bank=True)
    august = usage_statement(july.acme, Month(2026, 8), july.now)
    bank = bank_of(july.acme)
    assert august.hours_used_before + august.hours_used == bank.used == Decimal("15.92")
