import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from charterdesk.escalations.models import EscalationKind
from charterdesk.escalations.services import ticket_de_escalate, ticket_escalate
from charterdesk.routing.models import Queue, Team
from charterdesk.sla.models import SlaClock
from charterdesk.tickets.selectors import messages_visible_to
from tests.escalations.helpers import mail_to
from tests.tickets.factories import open_ticket

UP = EscalationKind.FUNCTIONAL


def up(ticket, agent, reason="Needs a log analysis", note="Reproduced on 4.1; logs attached"):  # type: ignore[no-untyped-def]
    return ticket_escalate(ticket, agent, kind=UP, reason=reason, note=note)


def test_escalation_moves_the_ticket_to_a_queue_of_the_next_tier(personas):
    ticket = open_ticket()
    assert ticket.queue.tier == 1
    escalation = up(ticket, personas.tier1)
    ticket.refresh_from_db()
    assert ticket.queue.tier == 2
    assert (escalation.from_tier, escalation.to_tier, escalation.handed_off) == (1, 2, True)
    assert escalation.reason == "Needs a log analysis"


def test_the_queue_of_the_same_product_is_preferred(personas):
    billing = Queue.objects.create(
        name="Billing experts",
        team=Team.objects.get(name="Engineering"),
        tier=2,
        product="Billing",
        position=90,
    )
    ticket = open_ticket()
    ticket.product = "Billing"
    ticket.save(update_fields=["product"])
    up(ticket, personas.tier1)
    ticket.refresh_from_db()
    assert ticket.queue == billing


def test_reason_and_hand_off_note_are_required(personas):
    with pytest.raises(ValidationError) as caught:
        up(open_ticket(), personas.tier1, reason=" ", note="")
    assert set(caught.value.message_dict) == {"reason", "note"}


def test_the_hand_off_note_is_an_internal_note_the_customer_never_sees(personas):
    ticket = open_ticket()
    up(ticket, personas.tier1, note="Customer runs an unsupported proxy")
    agent_view = [m.body for m in messages_visible_to(personas.tier2, ticket)]
    customer_view = [m.body for m in messages_visible_to(personas.alice, ticket)]
    assert any("unsupported proxy" in body for body in agent_view)
    assert not any("unsupported proxy" in body for body in customer_view)


def test_the_ticket_keeps_its_history_and_sla_clocks(personas):
    ticket = open_ticket()
    before = dict(SlaClock.objects.filter(ticket=ticket).values_list("metric", "due_at"))
    events_before = ticket.events.count()
    up(ticket, personas.tier1)
    after = dict(SlaClock.objects.filter(ticket=ticket).values_list("metric", "due_at"))
    assert before and after == before
    assert ticket.events.count() > events_before
    escalated = ticket.events.get(kind="escalated")
    assert escalated.actor == personas.tier1 and "log analysis" in escalated.note


def test_tier_three_is_the_top(personas):
    ticket = open_ticket()
    up(ticket, personas.tier1)
    up(ticket, personas.tier2)
    assert ticket.queue.tier == 3
    with pytest.raises(ValidationError) as caught:
        up(ticket, personas.tier3)
    assert "hierarchically" in caught.value.message_dict["kind"][0]


def test_de_escalation_goes_back_to_the_queue_it_came_from(personas):
    ticket = open_ticket()
    frontline = ticket.queue
    up(ticket, personas.tier1)
    ticket_de_escalate(
        ticket,
        personas.tier2,
        reason="Answered; follow-up is tier 1 work",
        note="Customer to confirm the fix",
    )
    ticket.refresh_from_db()
    assert ticket.queue == frontline
    assert ticket.events.filter(kind="de_escalated").exists()


def test_customers_cannot_escalate_directly(personas):
    with pytest.raises(PermissionDenied):
        up(open_ticket(), personas.alice)


def test_the_next_tier_hears_of_the_hand_off(personas):
    ticket = open_ticket()
    up(ticket, personas.tier1, reason="Checkout timeouts")
    # Incidents assigns by hand: the lead of its team (Engineering) is told
    [mail] = mail_to("manager@charterdesk.example", ticket)
    assert "Escalated to Incidents" in mail.subject and "Checkout timeouts" in mail.text
