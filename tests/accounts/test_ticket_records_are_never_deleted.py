"""Tickets, their messages and their history are never hard-deleted, through any door."""

import pytest
from django.contrib import admin
from django.db import transaction
from django.db.models import CASCADE, ProtectedError
from django.test import RequestFactory

from charterdesk.tickets.models import Message, Ticket, TicketEvent
from tests.tickets.factories import open_ticket

KEPT = {Ticket, Message, TicketEvent}


def test_an_administrator_cannot_delete_a_ticket_in_the_admin(personas, login):
    ticket = open_ticket()
    client = login(personas.admin)
    page = client.post(f"/admin/tickets/ticket/{ticket.pk}/delete/", {"post": "yes"})
    assert page.status_code == 403
    assert Ticket.objects.filter(pk=ticket.pk).exists()


def test_the_admin_offers_no_bulk_delete(personas, login):
    ticket = open_ticket()
    client = login(personas.admin)
    client.post(
        "/admin/tickets/ticket/",
        {"action": "delete_selected", "_selected_action": [ticket.pk], "post": "yes"},
    )
    assert Ticket.objects.filter(pk=ticket.pk).exists()
    assert "delete_selected" not in client.get("/admin/routing/routingrule/").content.decode()


def test_deleting_a_ticket_in_code_is_refused_and_keeps_its_history(personas):
    ticket = open_ticket()
    events = ticket.events.count()
    with pytest.raises(ProtectedError, match="never deleted"), transaction.atomic():
        ticket.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        Ticket.objects.filter(pk=ticket.pk).delete()
    assert ticket.events.count() == events > 0


def test_messages_and_history_lines_cannot_be_deleted_on_their_own(personas):
    ticket = open_ticket()
    with pytest.raises(ProtectedError), transaction.atomic():
        ticket.messages.all().delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        TicketEvent.objects.filter(ticket=ticket).first().delete()  # type: ignore[union-attr]
    assert ticket.messages.exists()


def _cascades_into_kept(model, seen=None):  # type: ignore[no-untyped-def]
    """Whether deleting a `model` row would delete a ticket, a message or a history line."""
    seen = seen or set()
    if model in KEPT:
        return True
    seen.add(model)
    for relation in model._meta.related_objects:
        if getattr(relation, "on_delete", None) is CASCADE:
            child = relation.related_model
            if child not in seen and _cascades_into_kept(child, seen):
                return True
    return False


def test_no_admin_page_lets_an_administrator_delete_what_cascades_into_tickets(personas):
    request = RequestFactory().get("/admin/")
    request.user = personas.admin
    deletable = [
        model
        for model, model_admin in admin.site._registry.items()
        if model_admin.has_delete_permission(request) and _cascades_into_kept(model)
    ]
    assert deletable == []
    assert _cascades_into_kept(Ticket)  # the check itself sees a cascade
