"""The shared guards (accounts.guards.check_agent, tickets.guards.check_not_closed): every
feature refuses customers and closed tickets, each in its own words."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from charterdesk.commitments.services import commitment_create
from charterdesk.escalations.requests import escalation_request_create
from charterdesk.estimates.services import estimate_send
from charterdesk.hours.services import time_entry_create
from charterdesk.swarms.services import help_request_create
from charterdesk.tickets.services import ticket_update
from tests.tickets.factories import open_ticket

LATER = datetime(2099, 1, 1, tzinfo=UTC)


def _attempts(ticket, actor):  # type: ignore[no-untyped-def]
    return {
        "hours": lambda: time_entry_create(ticket, actor, minutes=30, activity="call"),
        "estimates": lambda: estimate_send(ticket, actor, hours=Decimal(2), scope="Work"),
        "swarms": lambda: help_request_create(ticket, actor, skills=["postgres"]),
        "commitments": lambda: commitment_create(
            ticket, actor, text="A call", due_at=LATER, owner=actor
        ),
    }


@pytest.mark.parametrize(
    ("feature", "message"),
    [
        ("hours", "Only agents log time."),
        ("estimates", "Only agents send estimates."),
        ("swarms", "Only agents work in swarms."),
        ("commitments", "Only agents record and change commitments."),
    ],
)
def test_customers_are_refused_in_each_features_words(personas, feature, message):  # type: ignore[no-untyped-def]
    ticket = open_ticket()
    with pytest.raises(PermissionDenied) as exc:
        _attempts(ticket, personas.alice)[feature]()
    assert str(exc.value) == message


@pytest.mark.parametrize(
    ("feature", "field", "message"),
    [
        ("hours", "minutes", "The ticket is closed; time can no longer be logged."),
        ("estimates", "scope", "The ticket is closed; open a follow-up instead."),
        ("swarms", "ticket", "The ticket is closed; open a follow-up instead."),
        ("commitments", "text", "The ticket is closed; open a follow-up instead."),
    ],
)
def test_closed_tickets_take_no_more_work(personas, feature, field, message):  # type: ignore[no-untyped-def]
    ticket = open_ticket()
    ticket_update(ticket, personas.tier1, status="closed")
    with pytest.raises(ValidationError) as exc:
        _attempts(ticket, personas.tier1)[feature]()
    assert exc.value.message_dict == {field: [message]}


def test_a_closed_request_cannot_be_escalated_by_its_customer(personas):  # type: ignore[no-untyped-def]
    ticket = open_ticket()
    ticket_update(ticket, personas.tier1, status="closed")
    with pytest.raises(ValidationError) as exc:
        escalation_request_create(ticket, personas.alice, reason="Too slow")
    assert exc.value.message_dict == {"reason": ["This request is closed; open a new one."]}
