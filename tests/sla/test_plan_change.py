from datetime import UTC, datetime, timedelta

import time_machine

from charterdesk.plans.hooks import contract_terms_changed
from charterdesk.plans.models import Contract, Plan
from charterdesk.sla.models import SlaClock
from charterdesk.sla.tasks import recompute_contract_clocks
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


def test_a_contract_terms_change_recomputes_its_clocks_once_committed(
    personas, django_capture_on_commit_callbacks
):
    with time_machine.travel(MONDAY_10, tick=False):
        ticket = open_ticket("bob@globex.example", request_type="downtime", priority="urgent")
    contract = Contract.objects.get(pk=ticket.contract_id)
    contract.plan = Plan.objects.get(name="Gold")
    contract.save()
    with django_capture_on_commit_callbacks(execute=True):
        contract_terms_changed.announce(contract)
    first = SlaClock.objects.get(ticket=ticket, metric="first_reply")
    assert first.due_at == MONDAY_10 + timedelta(minutes=30)
