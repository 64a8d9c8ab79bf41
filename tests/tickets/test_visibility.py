import pytest

from charterdesk.routing.models import Queue
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.selectors import messages_visible_to, ticket_get_for, tickets_visible_to
from charterdesk.tickets.services import message_add, ticket_update

from .factories import open_ticket


def test_customer_sees_only_their_organizations_tickets(personas):
    acme = open_ticket("alice@acme.example")
    globex = open_ticket("bob@globex.example")
    assert list(tickets_visible_to(personas.alice)) == [acme]
    assert list(tickets_visible_to(personas.bob)) == [globex]
    assert set(tickets_visible_to(personas.tier1)) == {acme, globex}


def test_customer_cannot_read_other_organizations_ticket(personas):
    globex = open_ticket("bob@globex.example")
    with pytest.raises(Ticket.DoesNotExist):
        ticket_get_for(personas.alice, globex.pk)


def test_internal_notes_never_reach_customers(personas):
    ticket = open_ticket()
    message_add(ticket, personas.tier1, "internal theory", "internal")
    message_add(ticket, personas.tier1, "public answer")
    bodies = [m.body for m in messages_visible_to(personas.alice, ticket)]
    assert "internal theory" not in bodies
    assert "public answer" in bodies
    assert "internal theory" in [m.body for m in messages_visible_to(personas.tier1, ticket)]


def test_inactive_customer_sees_nothing(personas):
    open_ticket("alice@acme.example")
    personas.alice.is_active = False
    assert not tickets_visible_to(personas.alice).exists()


def test_queue_moves_stay_out_of_the_customers_history(personas, api):
    ticket = open_ticket()
    engineering = Queue.objects.get(name="Engineering")
    ticket_update(ticket, personas.tier1, queue=engineering, priority="high")
    customer = api.as_(personas.alice).get(f"/api/v1/tickets/{ticket.pk}/history").json()
    agent = api.as_(personas.tier1).get(f"/api/v1/tickets/{ticket.pk}/history").json()
    assert "queue" not in [e["field"] for e in customer]
    assert "priority" in [e["field"] for e in customer]
    assert "queue" in [e["field"] for e in agent]
