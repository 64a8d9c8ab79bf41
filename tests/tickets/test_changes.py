import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from charterdesk.tickets.models import EventKind, Status, TypeSource
from charterdesk.tickets.services import ticket_update

from .factories import open_ticket


def test_reclassifying_decides_coverage_again_and_records_it(personas):
    ticket = open_ticket("carol@initech.example", request_type="error")
    assert ticket.coverage == "included"
    ticket_update(ticket, personas.tier1, request_type="how_to")
    ticket.refresh_from_db()
    assert ticket.coverage == "metered"
    assert ticket.type_source == TypeSource.AGENT
    changes = ticket.events.filter(kind=EventKind.CHANGED, field="request_type").get()
    assert (changes.old_value, changes.new_value, changes.actor) == (
        "error",
        "how_to",
        personas.tier1,
    )
    coverage = ticket.events.filter(kind=EventKind.COVERAGE).last()
    assert (coverage.old_value, coverage.new_value) == ("included", "metered")


def test_raising_priority_before_first_reply_recomputes_promise_from_the_start(personas):
    ticket = open_ticket("alice@acme.example", request_type="downtime", priority="low")
    created = ticket.created_at
    ticket_update(ticket, personas.tier2, priority="urgent")
    ticket.refresh_from_db()
    assert (ticket.first_reply_due_at - created).total_seconds() == 30 * 60


def test_every_changed_field_is_in_the_history_with_old_and_new_value(personas):
    ticket = open_ticket()
    changed = ticket_update(
        ticket, personas.tier1, status=Status.PENDING, assignee=personas.tier2, priority="normal"
    )
    assert changed == ["status", "assignee"]
    rows = list(
        ticket.events.filter(kind=EventKind.CHANGED).values_list("field", "old_value", "new_value")
    )
    assert rows == [("status", "new", "pending"), ("assignee", "", "tier2@charterdesk.example")]


def test_solving_stamps_the_time_and_reopening_clears_it(personas):
    ticket = open_ticket()
    ticket_update(ticket, personas.tier1, status=Status.SOLVED)
    assert ticket.solved_at is not None
    ticket_update(ticket, personas.tier1, status=Status.OPEN)
    assert ticket.solved_at is None


def test_customers_cannot_change_properties(personas):
    ticket = open_ticket()
    with pytest.raises(PermissionDenied):
        ticket_update(ticket, personas.alice, priority="urgent")


def test_only_agents_can_be_assigned(personas):
    ticket = open_ticket()
    with pytest.raises(ValidationError) as error:
        ticket_update(ticket, personas.tier1, assignee=personas.bob)
    assert "assignee" in error.value.message_dict


def test_closed_tickets_are_final(personas):
    ticket = open_ticket()
    ticket_update(ticket, personas.tier1, status=Status.CLOSED)
    with pytest.raises(ValidationError):
        ticket_update(ticket, personas.tier1, status=Status.OPEN)
