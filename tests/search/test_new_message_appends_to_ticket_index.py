"""A new message appends its body to its ticket's index row (no recompute): the row is
the one a full recompute writes, a reply found by agents and customers, a note by agents
only; a ticket written while the triggers were off gets its row with its next message."""

from types import SimpleNamespace

from django.db import connection

from charterdesk.search import ticket_index
from charterdesk.search.models import TicketEntry
from charterdesk.search.ticket_search import search_tickets
from charterdesk.tickets.services import message_add
from tests.tickets.factories import open_ticket


def found(user: object, q: str) -> list[int]:
    return [hit.ticket.pk for hit in search_tickets(user, q).items]  # type: ignore[arg-type]


def texts(ticket_id: int) -> tuple[str, str]:
    entry = TicketEntry.objects.get(ticket_id=ticket_id)
    return entry.public_text, entry.internal_text


def test_appended_replies_and_notes_equal_the_recomputed_row(
    personas: SimpleNamespace,
) -> None:
    ticket = open_ticket(subject="Export fails", body="The export stops at 50%.")
    message_add(ticket, personas.tier1, "Try the quasar setting.")
    message_add(ticket, personas.tier1, "Customer on the legacy plan.", "internal")
    message_add(ticket, personas.tier1, "Fixed in 4.2.")
    appended = texts(ticket.pk)
    ticket_index.refill(connection, first=ticket.pk, last=ticket.pk)
    assert appended == texts(ticket.pk)
    assert appended == (
        "The export stops at 50%. Try the quasar setting. Fixed in 4.2.",
        "Customer on the legacy plan.",
    )
    assert found(personas.alice, "quasar") == [ticket.pk]
    assert found(personas.alice, "legacy") == []
    assert found(personas.tier1, "legacy") == [ticket.pk]


def test_a_ticket_written_without_triggers_is_indexed_with_its_next_message(
    personas: SimpleNamespace,
) -> None:
    ticket_index.uninstall(connection)
    try:
        ticket = open_ticket(subject="Pulsar gateway down", body="Since this morning.")
    finally:
        ticket_index.install(connection)
    assert found(personas.tier1, "pulsar") == []
    message_add(ticket, personas.tier1, "Looking into the nebula logs.")
    assert found(personas.tier1, "pulsar") == [ticket.pk]
    assert found(personas.tier1, "nebula") == [ticket.pk]
