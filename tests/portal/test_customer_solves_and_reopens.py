"""A customer marks their request solved, and reopens it within the plan's window; both are
in the history, and a request solved too long ago stays solved."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from charterdesk.tickets.models import Status, Ticket, TicketEvent
from charterdesk.tickets.services import ticket_reopen_by_customer, ticket_solve_by_customer
from tests.tickets.factories import open_ticket


def test_customer_marks_the_request_solved_from_the_portal(login, personas):
    ticket = open_ticket("alice@acme.example")
    client = login(personas.alice)
    response = client.post(f"/portal/tickets/{ticket.pk}/solve", follow=True)
    ticket.refresh_from_db()
    assert ticket.status == Status.SOLVED
    assert ticket.solved_at is not None
    page = response.content.decode()
    assert "Your request was marked solved." in page
    assert "Reopen request" in page
    line = TicketEvent.objects.get(ticket=ticket, field="status")
    assert (line.old_value, line.new_value, line.actor) == ("new", "solved", personas.alice)
    assert line.note == "marked solved by the customer"


def test_customer_reopens_within_the_window_and_clocks_run_again(login, personas):
    ticket = open_ticket("alice@acme.example")
    ticket_solve_by_customer(ticket, personas.alice)
    response = login(personas.alice).post(f"/portal/tickets/{ticket.pk}/reopen", follow=True)
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN
    assert ticket.solved_at is None
    assert "Your request was reopened." in response.content.decode()
    notes = list(
        TicketEvent.objects.filter(ticket=ticket, field="status").values_list("note", flat=True)
    )
    assert notes == ["marked solved by the customer", "reopened by the customer"]


def test_reopening_after_the_plans_window_is_refused_with_a_reason(login, personas):
    ticket = open_ticket("alice@acme.example")
    days = ticket.contract.plan.reopen_days
    ticket_solve_by_customer(ticket, personas.alice, at=timezone.now() - timedelta(days=days + 1))
    response = login(personas.alice).post(f"/portal/tickets/{ticket.pk}/reopen", follow=True)
    ticket.refresh_from_db()
    assert ticket.status == Status.SOLVED
    page = response.content.decode()
    assert "The time to reopen this request has passed" in page
    assert "Reopen request" not in page


def test_customer_of_another_organization_gets_404(login, personas):
    ticket = open_ticket("alice@acme.example")
    response = login(personas.bob).post(f"/portal/tickets/{ticket.pk}/solve")
    assert response.status_code == 404
    assert Ticket.objects.get(pk=ticket.pk).status == Status.NEW


def test_the_service_refuses_agents_and_closed_requests(personas):
    ticket = open_ticket("alice@acme.example")
    with pytest.raises(PermissionDenied):
        ticket_solve_by_customer(ticket, personas.tier1)
    Ticket.objects.filter(pk=ticket.pk).update(status=Status.CLOSED)
    ticket.refresh_from_db()
    with pytest.raises(ValidationError):
        ticket_solve_by_customer(ticket, personas.alice)
    with pytest.raises(ValidationError):
        ticket_reopen_by_customer(ticket, personas.alice)
