"""Deactivating an agent through the configuration API or an import does what the agent's
page does (one service, routing.agents.agent_deactivate): their sessions end, their open
tickets go back to the queue unassigned with a line in each history, and what they did
keeps their name."""

from django.test import Client

from charterdesk.accounts.records import SignInSession
from charterdesk.configuration.transfer import configuration_export, configuration_import
from charterdesk.tickets.services import ticket_update
from tests.tickets.factories import open_ticket

from .config_helpers import send


def _busy_and_signed_in(personas):  # type: ignore[no-untyped-def]
    """tier1 with an open ticket, a solved one, and a browser signed in."""
    ticket = open_ticket()
    ticket_update(ticket, personas.manager, assignee=personas.tier1)
    done = open_ticket(subject="Old one")
    ticket_update(done, personas.manager, assignee=personas.tier1, status="solved")
    Client().force_login(personas.tier1)
    assert SignInSession.objects.filter(user=personas.tier1).exists()
    return ticket, done


def _assert_left_like_on_the_page(personas, ticket, done):  # type: ignore[no-untyped-def]
    personas.tier1.refresh_from_db()
    ticket.refresh_from_db()
    done.refresh_from_db()
    assert not personas.tier1.is_active
    assert not SignInSession.objects.filter(user=personas.tier1).exists()
    assert ticket.assignee is None and done.assignee == personas.tier1
    line = ticket.events.filter(field="assignee").latest("id")
    assert (line.old_value, line.new_value) == (personas.tier1.email, "")
    assert line.actor == personas.manager


def test_api_deactivation_hands_open_tickets_back_and_ends_sessions(api, personas):
    ticket, done = _busy_and_signed_in(personas)

    response = send(
        api.as_(personas.manager),
        "patch",
        f"/api/v1/config/agents/{personas.tier1.pk}",
        {"is_active": False},
    )

    assert response.status_code == 200, response.json()
    assert response.json()["is_active"] is False
    _assert_left_like_on_the_page(personas, ticket, done)


def test_import_deactivation_does_the_same(personas):
    ticket, done = _busy_and_signed_in(personas)
    document = configuration_export()
    for agent in document["agents"]:
        if agent["email"] == personas.tier1.email:
            agent["is_active"] = False

    report = configuration_import(
        {"format": document["format"], "version": 1, "agents": document["agents"]},
        actor=personas.manager,
    )

    assert report.errors == {}
    _assert_left_like_on_the_page(personas, ticket, done)


def test_an_agent_dropped_from_a_file_with_delete_missing_leaves_the_same_way(personas):
    ticket, done = _busy_and_signed_in(personas)
    document = configuration_export()
    agents = [a for a in document["agents"] if a["email"] != personas.tier1.email]

    report = configuration_import(
        {"format": document["format"], "version": 1, "agents": agents},
        delete_missing=True,
        actor=personas.manager,
    )

    assert report.errors == {}
    assert ("agents", personas.tier1.email, "deactivated") in {
        (c.kind, c.key, c.action) for c in report.changes
    }
    _assert_left_like_on_the_page(personas, ticket, done)
