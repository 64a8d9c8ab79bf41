from datetime import UTC, datetime, timedelta

import time_machine

from charterdesk.plans.models import Contract, Plan
from charterdesk.plans.tasks import recompute_contract_clocks
from charterdesk.sla.models import SlaClock
from tests.tickets.factories import open_ticket

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def test_moving_a_contract_to_another_plan_recomputes_open_tickets_from_their_start(personas):
    with time_machine.travel(MONDAY_10, tick=False):
        ticket = open_ticket("bob@globex.example", request_type="downtime", priority="urgent")
    first = SlaClock.objects.get(ticket=ticket, metric="first_reply")
    assert first.due_at == MONDAY_10 + timedelta(minutes=60)  # Silver
    Contract.objects.filter(pk=ticket.contract_id).update(plan=Plan.objects.get(name="Gold"))
    assert recompute_contract_clocks.call(ticket.contract_id) == 1
    first.refresh_from_db()
    ticket.refresh_from_db()
    assert first.due_at == MONDAY_10 + timedelta(minutes=30)  # Gold, from the same start
    assert ticket.first_reply_due_at == first.due_at
    assert first.events.filter(kind="recomputed", note="plan changed").exists()
