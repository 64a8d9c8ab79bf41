from datetime import UTC, datetime, timedelta

import time_machine

from charterdesk.plans.models import Plan, SlaAction
from charterdesk.routing.models import Queue
from charterdesk.sla.models import SlaClock
from charterdesk.sla.sweep import sweep
from charterdesk.tickets.services import ticket_update
from tests.tickets.factories import open_ticket

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def test_a_breach_escalates_through_the_same_service_keeping_the_clocks(personas):
    Plan.objects.filter(name="Gold").update(sla_breach_actions=[SlaAction.ESCALATE_TIER])
    with time_machine.travel(MONDAY_10, tick=False):
        ticket = open_ticket(priority="urgent")
    due = dict(SlaClock.objects.filter(ticket=ticket).values_list("metric", "due_at"))
    sweep(MONDAY_10 + timedelta(hours=3))
    ticket.refresh_from_db()
    escalation = ticket.escalations.get()
    assert (escalation.source, escalation.from_tier, escalation.to_tier) == ("sla", 1, 2)
    assert escalation.reason == "SLA breached" and escalation.actor is None
    assert ticket.queue.tier == 2
    assert dict(SlaClock.objects.filter(ticket=ticket).values_list("metric", "due_at")) == due


def test_a_warning_on_a_tier_three_ticket_changes_nothing(personas):
    Plan.objects.filter(name="Gold").update(
        sla_warning_actions=[SlaAction.ESCALATE_TIER], sla_warn_minutes=10
    )
    with time_machine.travel(MONDAY_10, tick=False):
        ticket = open_ticket(priority="urgent")
    ticket_update(ticket, personas.tier3, queue=Queue.objects.get(name="Engineering"))
    sweep(MONDAY_10 + timedelta(minutes=55))
    ticket.refresh_from_db()
    assert ticket.queue.name == "Engineering" and not ticket.escalations.exists()
