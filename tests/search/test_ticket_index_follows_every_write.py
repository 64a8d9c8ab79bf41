"""The ticket index changes with every write, in its transaction, whoever makes it:
services, bulk `.update()`, renames of a requester or an organization."""

from types import SimpleNamespace

import pytest
from django.db import transaction

from charterdesk.customers.models import Contact, Organization
from charterdesk.search.ticket_search import search_tickets
from charterdesk.tickets.models import Message, Ticket
from charterdesk.tickets.services import message_add
from tests.tickets.factories import open_ticket


def found(user: object, q: str) -> list[int]:
    return [hit.ticket.pk for hit in search_tickets(user, q).items]  # type: ignore[arg-type]


def test_a_new_ticket_is_found_by_its_subject_and_first_message(
    personas: SimpleNamespace,
) -> None:
    ticket = open_ticket(subject="Webhooks delayed", body="Deliveries arrive hours late.")
    assert found(personas.tier1, "webhooks") == [ticket.pk]
    assert found(personas.tier1, "deliveries") == [ticket.pk]


def test_a_reply_rolled_back_is_not_found(personas: SimpleNamespace) -> None:
    ticket = open_ticket()

    class AbandonedError(Exception):
        pass

    with pytest.raises(AbandonedError), transaction.atomic():
        message_add(ticket, personas.tier1, "Try the kaleidoscope setting.")
        assert found(personas.tier1, "kaleidoscope") == [ticket.pk]
        raise AbandonedError
    assert found(personas.tier1, "kaleidoscope") == []


def test_a_subject_changed_by_a_bulk_update_is_found(personas: SimpleNamespace) -> None:
    ticket = open_ticket(subject="Export fails")
    Ticket.objects.filter(pk=ticket.pk).update(subject="Invoice export fails")
    assert found(personas.tier1, "invoice") == [ticket.pk]


def test_an_edited_message_is_found_by_its_new_text_only(personas: SimpleNamespace) -> None:
    ticket = open_ticket(body="The gizmo is broken.")
    Message.objects.filter(ticket=ticket).update(body="The widget is broken.")
    assert found(personas.tier1, "gizmo") == []
    assert found(personas.tier1, "widget") == [ticket.pk]


def test_a_note_turned_public_becomes_searchable_for_customers(
    personas: SimpleNamespace,
) -> None:
    ticket = open_ticket()
    note = message_add(ticket, personas.tier1, "Workaround: flush the frobnicator.", "internal")
    assert found(personas.alice, "frobnicator") == []
    Message.objects.filter(pk=note.pk).update(visibility="public")
    assert found(personas.alice, "frobnicator") == [ticket.pk]


def test_renamed_organization_and_requester_are_found_by_their_new_names(
    personas: SimpleNamespace,
) -> None:
    ticket = open_ticket()
    Organization.objects.filter(name="Acme Corp").update(name="Acme Rockets")
    Contact.objects.filter(email="alice@acme.example").update(name="Alice Quillfeather")
    assert ticket.pk in found(personas.tier1, "rockets")
    assert ticket.pk in found(personas.tier1, "quillfeather")


def test_a_ticket_moved_to_another_organization_is_found_by_its_new_customers_only(
    personas: SimpleNamespace,
) -> None:
    # PostgreSQL matches a customer's search on the organization stored with the index row
    # (search_ticket_match): the move must rewrite it in the same transaction.
    ticket = open_ticket(body="The quasar exporter hangs.")
    assert found(personas.alice, "quasar") == [ticket.pk]
    assert found(personas.bob, "quasar") == []
    globex = Organization.objects.get(contacts__email="bob@globex.example")
    Ticket.objects.filter(pk=ticket.pk).update(organization=globex)
    assert found(personas.bob, "quasar") == [ticket.pk]
    assert found(personas.alice, "quasar") == []
