from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from charterdesk.escalations.lines import escalation_owner
from charterdesk.escalations.models import EscalationRequest
from charterdesk.escalations.requests import escalation_request_answer, escalation_request_create
from charterdesk.plans.models import Plan
from charterdesk.tickets.services import ticket_update
from tests.escalations.helpers import mail_to
from tests.tickets.factories import open_ticket


def ask(ticket, customer, reason="Down for two days, nobody calls back"):  # type: ignore[no-untyped-def]
    return escalation_request_create(ticket, customer, reason=reason)


def test_the_request_is_recorded_and_acknowledged_at_once(personas):
    ticket = open_ticket()
    asked = ask(ticket, personas.alice)
    assert asked.state == "acknowledged" and asked.acknowledged_at is not None
    event = ticket.events.filter(kind="escalation_requested", new_value="requested").get()
    assert event.internal is False and "nobody calls back" in event.note
    [receipt] = mail_to("alice@acme.example", ticket)[-1:]
    assert "We received your escalation request" in receipt.subject
    assert mail_to("manager@charterdesk.example", ticket), "the management line is told"


def test_the_customer_asks_from_the_portal_and_sees_it_acknowledged(personas, login):
    ticket = open_ticket()
    client = login(personas.alice)
    page = client.post(
        f"/portal/tickets/{ticket.pk}/escalate", {"reason": "We lose orders"}, follow=True
    )
    assert "We received your escalation request" in page.content.decode()
    panel = page.content.decode().split('id="escalation"')[1]
    assert "We lose orders" in panel
    assert "acknowledged" in panel and "a support manager is looking at it" in panel
    assert "Ask to escalate" not in panel


def test_a_plan_limits_requests_per_month_with_a_clear_form_error(personas, login):
    Plan.objects.filter(name="Gold").update(escalation_requests_per_month=1)
    first, second = open_ticket(), open_ticket(subject="Another")
    ask(first, personas.alice)
    page = login(personas.alice).post(f"/portal/tickets/{second.pk}/escalate", {"reason": "Again"})
    assert page.status_code == 200
    assert "allows 1 escalation request(s) a month" in page.content.decode()
    assert not second.escalation_requests.exists()


def test_last_months_requests_do_not_count(personas):
    Plan.objects.filter(name="Gold").update(escalation_requests_per_month=1)
    ask(open_ticket(), personas.alice)
    EscalationRequest.objects.update(created_at=timezone.now() - timedelta(days=40))
    assert ask(open_ticket(subject="New"), personas.alice).pk


def test_one_open_request_per_ticket(personas):
    ticket = open_ticket()
    ask(ticket, personas.alice)
    with pytest.raises(ValidationError) as caught:
        ask(ticket, personas.alice, reason="again")
    assert "a manager answers soon" in caught.value.message_dict["reason"][0]


def test_accepting_escalates_up_the_management_line_and_tells_the_customer(personas):
    ticket = open_ticket()
    asked = ask(ticket, personas.alice)
    escalation_request_answer(asked, personas.manager, accept=True, answer="I own this now")
    assert asked.state == "answered" and asked.decision == "accepted"
    assert escalation_owner(ticket) == personas.manager
    assert ticket.escalations.get().source == "customer"
    answered = mail_to("alice@acme.example", ticket)[-1]
    assert "accepted" in answered.subject and "I own this now" in answered.text


def test_declining_needs_an_answer_that_is_mailed_to_the_customer(personas):
    ticket = open_ticket()
    asked = ask(ticket, personas.alice)
    with pytest.raises(ValidationError):
        escalation_request_answer(asked, personas.tier1, accept=False, answer="")
    escalation_request_answer(
        asked, personas.tier1, accept=False, answer="The fix ships tomorrow at 9:00"
    )
    assert asked.decision == "declined" and not ticket.escalations.exists()
    assert "ships tomorrow" in mail_to("alice@acme.example", ticket)[-1].text


def test_agents_answer_on_the_ticket_page_and_managers_list_open_requests(personas, login):
    ticket = open_ticket(subject="Orders vanish")
    asked = ask(ticket, personas.alice, reason="Losing revenue")
    client = login(personas.manager)
    desk = client.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert "The customer asks to escalate" in desk and "Losing revenue" in desk
    listed = client.get("/desk/escalation-requests").content.decode()
    assert "Orders vanish" in listed and "Losing revenue" in listed
    client.post(f"/desk/escalation-requests/{asked.pk}", {"decision": "accept", "back": "list"})
    asked.refresh_from_db()
    assert asked.decision == "accepted"
    after = client.get("/desk/escalation-requests").content.decode()
    waiting, owned = after.split('id="owned"')
    assert "Orders vanish" not in waiting and "Orders vanish" in owned


def test_customers_cannot_ask_on_other_organizations_tickets(personas, login):
    ticket = open_ticket()
    page = login(personas.bob).post(f"/portal/tickets/{ticket.pk}/escalate", {"reason": "x"})
    assert page.status_code == 404
    assert not EscalationRequest.objects.exists()


def test_a_closed_request_offers_no_escalation_and_shows_the_answer(personas, login):
    ticket = open_ticket()
    asked = ask(ticket, personas.alice, reason="Slow answers")
    escalation_request_answer(asked, personas.tier1, accept=False, answer="Fixed in 4.2")
    ticket_update(ticket, personas.tier1, status="solved")
    ticket_update(ticket, personas.tier1, status="closed")
    page = login(personas.alice).get(f"/portal/tickets/{ticket.pk}/").content.decode()
    panel = page.split('id="escalation"')[1]
    assert "Declined" in panel and "Fixed in 4.2" in panel
    assert "Ask to escalate" not in panel


def test_the_managers_list_is_paginated_in_few_queries(
    personas, login, django_assert_max_num_queries
):
    for i in range(4):
        ask(open_ticket(subject=f"Ticket {i}"), personas.alice, reason=f"Reason {i}")
    client = login(personas.manager)
    with django_assert_max_num_queries(12):
        page = client.get("/desk/escalation-requests")
    assert page.content.decode().count('name="decision"') == 4 * 2
