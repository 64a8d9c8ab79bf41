from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from charterdesk.core.vocabulary import Channel
from charterdesk.customers.models import Contact
from charterdesk.intake.services import ticket_create
from charterdesk.tickets.models import EventKind, Status, TypeSource


def contact(email: str) -> Contact:
    return Contact.objects.select_related("organization").get(email=email)


def test_request_gets_coverage_queue_and_history(personas):
    ticket = ticket_create(
        requester=contact("carol@initech.example"),
        subject="How to export?",
        body="Where is the export button?",
        request_type="how_to",
        actor=personas.carol,
    )
    assert ticket.coverage == "metered"
    assert ticket.organization.name == "Initech"
    assert ticket.contract.plan.name == "Bronze"
    assert ticket.queue.name == "Frontline"
    assert ticket.type_source == TypeSource.CUSTOMER
    assert ticket.status == Status.NEW
    kinds = [e.kind for e in ticket.events.all()]
    assert kinds == [EventKind.CREATED, EventKind.COVERAGE, EventKind.ROUTED]
    assert ticket.messages.get().body == "Where is the export button?"


def test_round_the_clock_downtime_promises_a_reply_in_calendar_minutes(personas):
    ticket = ticket_create(
        requester=contact("alice@acme.example"),
        subject="Site down",
        body="All down",
        request_type="downtime",
        priority="urgent",
    )
    assert ticket.first_reply_due_at == ticket.created_at + timedelta(minutes=30)
    assert ticket.attention_at == ticket.first_reply_due_at
    assert ticket.queue.name == "Incidents"
    assert ticket.queue.tier == 2


def test_business_hours_promise_lands_inside_london_working_hours(personas):
    ticket = ticket_create(
        requester=contact("carol@initech.example"),
        subject="Error",
        body="Crash",
        request_type="error",
        priority="urgent",
    )
    calendar = ticket.contract.plan.calendar.business_calendar
    due = ticket.first_reply_due_at
    assert calendar.elapsed(ticket.created_at, due) == timedelta(hours=4)
    local = due.astimezone(ZoneInfo("Europe/London"))
    assert local.weekday() < 5
    assert (9, 0) < (local.hour, local.minute) <= (17, 30)


def test_request_without_a_type_gets_a_guess_marked_auto(personas):
    ticket = ticket_create(
        requester=contact("bob@globex.example"),
        subject="Site is down",
        body="502 everywhere",
        channel=Channel.API,
    )
    assert ticket.request_type == "downtime"
    assert ticket.type_source == TypeSource.AUTO


def test_not_authorized_contact_still_gets_a_ticket_with_a_clear_decision(personas):
    ticket = ticket_create(
        requester=contact("milton@initech.example"),
        subject="Stapler",
        body="Where is my stapler? Error!",
        request_type="error",
    )
    assert ticket.coverage == "not_covered"
    assert ticket.coverage_alternative == "authorized_contact"
    assert ticket.first_reply_due_at is None
    assert ticket.attention_at == ticket.created_at + timedelta(hours=24)


@pytest.mark.parametrize(
    ("subject", "body", "field"),
    [
        ("", "text", "subject"),
        ("x" * 251, "text", "subject"),
        ("Hi", "   ", "body"),
        ("Hi", "x" * 1_000_001, "body"),
    ],
)
def test_bad_subject_or_body_is_refused_with_the_field_named(personas, subject, body, field):
    with pytest.raises(ValidationError) as error:
        ticket_create(requester=contact("bob@globex.example"), subject=subject, body=body)
    assert field in error.value.message_dict


def test_unknown_type_or_priority_is_refused(personas):
    with pytest.raises(ValidationError) as error:
        ticket_create(
            requester=contact("bob@globex.example"),
            subject="Hi",
            body="Hello",
            request_type="sales",
        )
    assert "type" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        ticket_create(
            requester=contact("bob@globex.example"), subject="Hi", body="Hello", priority="asap"
        )
    assert "priority" in error.value.message_dict
