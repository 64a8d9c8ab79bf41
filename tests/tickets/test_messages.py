import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from charterdesk.tickets.models import EventKind, Status
from charterdesk.tickets.services import message_add, ticket_update

from .factories import open_ticket


def test_first_public_agent_reply_opens_the_ticket_and_stamps_the_reply(personas):
    ticket = open_ticket()
    message = message_add(ticket, personas.tier1, "Looking into it.")
    assert ticket.status == Status.OPEN
    assert ticket.first_replied_at == message.created_at


def test_internal_note_does_not_count_as_a_reply(personas):
    ticket = open_ticket()
    message_add(ticket, personas.tier1, "Probably the export bug.", "internal")
    assert ticket.first_replied_at is None
    assert ticket.status == Status.NEW
    assert ticket.events.filter(kind=EventKind.NOTED, internal=True).count() == 1


def test_customer_cannot_write_internal_notes(personas):
    ticket = open_ticket()
    with pytest.raises(PermissionDenied):
        message_add(ticket, personas.alice, "psst", "internal")


def test_customer_reply_reopens_a_ticket_waiting_on_them(personas):
    ticket = open_ticket()
    ticket_update(ticket, personas.tier1, status=Status.PENDING)
    message_add(ticket, personas.alice, "Here are the logs.")
    assert ticket.status == Status.OPEN
    assert ticket.events.filter(field="status", new_value="open").exists()


def test_public_reply_is_mailed_to_the_requester_and_a_note_is_not(
    personas, django_capture_on_commit_callbacks
):
    ticket = open_ticket()
    with django_capture_on_commit_callbacks(execute=True):
        message_add(ticket, personas.tier1, "Secret theory", "internal")
        message_add(ticket, personas.tier1, "Fixed in 4.2, please retry.")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@acme.example"]
    assert mail.outbox[0].subject == f"[#{ticket.pk}] Export fails"
    assert "Fixed in 4.2" in mail.outbox[0].body
    assert "Secret theory" not in mail.outbox[0].body
