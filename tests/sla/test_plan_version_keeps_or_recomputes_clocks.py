"""On a plan version's day, the open tickets on the plan keep or recompute their running
clocks, as the version says, and each ticket's history says the plan changed to version
N (with the deadlines' move when they were recomputed). Solved tickets are left alone."""

from datetime import UTC, date, datetime, timedelta

import time_machine

from charterdesk.plans.models import ClockPolicy
from charterdesk.plans.sweep import apply_due_versions
from charterdesk.plans.versions import plan_version_publish
from charterdesk.sla.models import SlaClock
from charterdesk.tickets.models import TicketEvent
from charterdesk.tickets.services.changes import ticket_update
from charterdesk.tickets.wording import event_line
from tests.plans.versions import draft_version
from tests.tickets.factories import open_ticket

MONDAY_10 = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
TUESDAY = date(2026, 12, 1)
MIDNIGHT = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)


def _silver_version_2(clocks: str) -> None:
    """Silver 2 promises a first reply to urgent outages in 4 hours instead of 1 (24×7)."""
    version = draft_version("Silver", targets={("downtime", "urgent", "first_reply"): 240})
    plan_version_publish(version=version, effective_from=TUESDAY, clocks=clocks, now=MONDAY_10)


def _outage() -> object:
    with time_machine.travel(MONDAY_10, tick=False):
        return open_ticket("bob@globex.example", request_type="downtime", priority="urgent")


def _plan_events(ticket: object) -> list[TicketEvent]:
    return list(TicketEvent.objects.filter(ticket=ticket, field="plan_version"))


def test_recompute_moves_the_running_deadlines_and_says_so_in_the_history(
    personas, django_capture_on_commit_callbacks
):
    ticket = _outage()
    _silver_version_2(ClockPolicy.RECOMPUTE)
    with django_capture_on_commit_callbacks(execute=True):
        apply_due_versions(MIDNIGHT)
    first = SlaClock.objects.get(ticket=ticket, metric="first_reply")
    assert first.due_at == MONDAY_10 + timedelta(hours=4)  # counted from the same start
    ticket.refresh_from_db()
    assert ticket.first_reply_due_at == first.due_at
    [event] = _plan_events(ticket)
    assert event_line(event) == "Plan version: 1 → 2"
    assert event.note == (
        "The Silver plan changed to version 2: clocks recomputed "
        "(first reply due 30 Nov 11:00 → 30 Nov 14:00)."
    )


def test_keep_leaves_the_running_deadlines_as_promised(
    personas, django_capture_on_commit_callbacks
):
    ticket = _outage()
    _silver_version_2(ClockPolicy.KEEP)
    with django_capture_on_commit_callbacks(execute=True):
        apply_due_versions(MIDNIGHT)
    first = SlaClock.objects.get(ticket=ticket, metric="first_reply")
    assert first.due_at == MONDAY_10 + timedelta(hours=1)
    [event] = _plan_events(ticket)
    assert event.note == "The Silver plan changed to version 2: this ticket keeps its clocks."


def test_solved_tickets_and_other_plans_tickets_are_left_alone(
    personas, django_capture_on_commit_callbacks
):
    ticket = _outage()
    with time_machine.travel(MONDAY_10, tick=False):
        ticket_update(ticket, personas.tier1, status="solved")
        gold_ticket = open_ticket("alice@acme.example", request_type="downtime")
    _silver_version_2(ClockPolicy.RECOMPUTE)
    with django_capture_on_commit_callbacks(execute=True):
        apply_due_versions(MIDNIGHT)
    assert _plan_events(ticket) == [] and _plan_events(gold_ticket) == []
