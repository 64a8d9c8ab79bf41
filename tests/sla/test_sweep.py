from datetime import UTC, datetime, timedelta

import time_machine
from django.core import mail

from charterdesk.plans.models import Plan, SlaAction
from charterdesk.routing.models import Queue
from charterdesk.sla.models import SlaClock, SlaEvent
from charterdesk.sla.sweep import sweep
from charterdesk.tickets.services import ticket_update
from tests.tickets.factories import open_ticket

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def urgent_downtime(personas, **plan_settings):  # type: ignore[no-untyped-def]
    Plan.objects.filter(name="Gold").update(**plan_settings)
    with time_machine.travel(MONDAY_10, tick=False):
        ticket = open_ticket("alice@acme.example", request_type="downtime", priority="urgent")
    ticket_update(ticket, personas.tier1, assignee=personas.tier1)
    return ticket


def test_warning_comes_at_the_plans_lead_time_and_only_once(personas):
    ticket = urgent_downtime(personas, sla_warn_minutes=10)
    first = SlaClock.objects.get(ticket=ticket, metric="first_reply")
    assert first.warn_at == MONDAY_10 + timedelta(minutes=20)
    assert sweep(MONDAY_10 + timedelta(minutes=19)).warned == []
    assert sweep(MONDAY_10 + timedelta(minutes=20)).warned == [first.pk]
    assert sweep(MONDAY_10 + timedelta(minutes=21)).warned == []
    assert SlaEvent.objects.filter(clock=first, kind="warned").count() == 1


def test_percent_warning_comes_first_when_it_is_earlier(personas):
    ticket = urgent_downtime(personas, sla_warn_minutes=1, sla_warn_percent=50)
    first = SlaClock.objects.get(ticket=ticket, metric="first_reply")
    assert first.warn_at == MONDAY_10 + timedelta(minutes=15)


def test_breach_is_found_once_and_notifies_assignee_and_team_lead(
    personas, django_capture_on_commit_callbacks
):
    ticket = urgent_downtime(personas)
    with django_capture_on_commit_callbacks(execute=True):
        breached = sweep(MONDAY_10 + timedelta(minutes=31)).breached
    first = SlaClock.objects.get(ticket=ticket, metric="first_reply")
    assert breached == [first.pk]
    first.refresh_from_db()
    assert first.breached and first.state == "active"
    recipients = sorted(m.to[0] for m in mail.outbox if "breached" in m.subject)
    assert recipients == ["manager@charterdesk.example", "tier1@charterdesk.example"]
    assert f"#{ticket.pk}" in mail.outbox[-1].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep(MONDAY_10 + timedelta(minutes=40)).breached == []
    assert mail.outbox == []


def test_breach_can_raise_priority_and_escalate_a_tier_with_history(personas):
    ticket = urgent_downtime(personas, sla_breach_actions=[SlaAction.ESCALATE_TIER])
    ticket_update(ticket, personas.tier1, priority="high")
    sweep(MONDAY_10 + timedelta(hours=2))
    ticket.refresh_from_db()
    assert ticket.queue == Queue.objects.get(tier=3)
    assert ticket.events.filter(field="queue", actor=None).exists()


def test_paused_and_fulfilled_clocks_are_never_breached(personas):
    ticket = urgent_downtime(personas)
    ticket_update(ticket, personas.tier1, status="pending")
    from charterdesk.tickets.services import message_add

    message_add(ticket, personas.tier1, "done")
    result = sweep(MONDAY_10 + timedelta(days=30))
    assert (
        SlaClock.objects.filter(ticket=ticket, pk__in=result.breached, state="paused").count() == 0
    )
