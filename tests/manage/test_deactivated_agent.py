"""Deactivating an agent keeps the history and stops the work: they cannot sign in, their
sessions end, routing passes them over, nobody can assign them a ticket, and their open
tickets go back to the queue unassigned with a line in each history that names them."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from charterdesk.accounts.models import User
from charterdesk.routing.assignment import choose
from charterdesk.routing.models import Assignment
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.services import ticket_update
from tests.routing.factories import agent, queue, team
from tests.tickets.factories import open_ticket

from .agent_helpers import agent_data, invitation_link

NOON = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)


def _deactivate(login, personas, user):  # type: ignore[no-untyped-def]
    return login(personas.manager).post(f"/manage/agents/{user.pk}/deactivate", follow=True)


def test_the_open_tickets_go_back_to_the_queue_and_history_keeps_the_name(login, personas):
    ticket = open_ticket()
    ticket_update(ticket, personas.manager, assignee=personas.tier1)
    done = open_ticket(subject="Old one")
    ticket_update(done, personas.manager, assignee=personas.tier1, status="solved")
    page = _deactivate(login, personas, personas.tier1)
    assert "1 open ticket went back to the queue" in page.content.decode()
    ticket.refresh_from_db()
    done.refresh_from_db()
    assert ticket.assignee is None and done.assignee == personas.tier1
    line = ticket.events.filter(field="assignee").latest("id")
    assert (line.old_value, line.new_value) == (personas.tier1.email, "")


def test_a_deactivated_agent_cannot_sign_in(login, personas):
    personas.tier1.set_password("a long fresh secret 9")
    personas.tier1.save()
    _deactivate(login, personas, personas.tier1)
    page = Client().post(
        "/login/", {"username": personas.tier1.email, "password": "a long fresh secret 9"}
    )
    assert not page.wsgi_request.user.is_authenticated


def test_routing_passes_a_deactivated_agent_over(login, personas):
    crew = team()
    ann, ben = agent("Ann", crew), agent("Ben", crew)
    lane = queue(crew, Assignment.ROUND_ROBIN)
    _deactivate(login, personas, ann)
    picked = {choose(lane, NOON.replace(minute=m)).assignee for m in range(3)}
    assert picked == {ben}


def test_nobody_can_assign_a_deactivated_agent(login, personas):
    ticket = open_ticket()
    _deactivate(login, personas, personas.tier2)
    personas.tier2.refresh_from_db()
    with pytest.raises(ValidationError, match="is deactivated"):
        ticket_update(ticket, personas.manager, assignee=personas.tier2)
    assert Ticket.objects.get(pk=ticket.pk).assignee is None


def test_the_agent_can_be_reactivated(login, personas):
    personas.tier1.set_password("a long fresh secret 9")
    personas.tier1.save()
    _deactivate(login, personas, personas.tier1)
    page = login(personas.manager).post(
        f"/manage/agents/{personas.tier1.pk}/reactivate", follow=True
    )
    assert "can sign in again" in page.content.decode()
    personas.tier1.refresh_from_db()
    assert personas.tier1.is_active


def test_a_withdrawn_invitation_link_stops_working_and_can_be_sent_again(login, personas):
    client = login(personas.manager)
    client.post("/manage/agents/invite", agent_data(email="dana@charterdesk.example"))
    dana = User.objects.get(email="dana@charterdesk.example")
    first = invitation_link(dana.email)
    page = client.get(f"/manage/agents/{dana.pk}/").content.decode()
    assert "Withdraw the invitation" in page
    client.post(f"/manage/agents/{dana.pk}/deactivate")
    assert Client().get(first).status_code == 410
    page = client.post(f"/manage/agents/{dana.pk}/reactivate", follow=True).content.decode()
    assert "is invited again" in page
    assert Client().get(invitation_link(dana.email)).status_code == 200
