from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from charterdesk.commitments.models import CommitmentState
from charterdesk.commitments.services import commitment_reschedule, commitment_settle
from charterdesk.customers.models import Contact
from tests.commitments.factories import promise
from tests.tickets.factories import open_ticket


def test_a_promise_is_on_the_ticket_history_for_the_customer_to_see(personas):
    ticket = open_ticket()
    promise(ticket, personas.tier1, "Call back Friday 10:00")
    event = ticket.events.get(kind="commitment")
    assert event.internal is False
    assert "Call back Friday 10:00" in event.note
    assert event.actor == personas.tier1


def test_the_requester_is_mailed_the_promise_and_the_owner_is_told(
    personas, django_capture_on_commit_callbacks
):
    ticket = open_ticket()
    with django_capture_on_commit_callbacks(execute=True):
        promise(ticket, personas.tier1, "Fix ships in 4.2", owner=personas.tier2)
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert "Fix ships in 4.2" in by_recipient["alice@acme.example"].subject
    assert "Fix ships in 4.2" in by_recipient["alice@acme.example"].body
    assert "You own a promise" in by_recipient["tier2@charterdesk.example"].subject


def test_no_mail_goes_to_a_bouncing_requester(personas, django_capture_on_commit_callbacks):
    Contact.objects.filter(email="alice@acme.example").update(bouncing_since=timezone.now())
    ticket = open_ticket()
    with django_capture_on_commit_callbacks(execute=True):
        promise(ticket, personas.tier1)
    assert [m.to for m in mail.outbox] == []


def test_customers_cannot_make_promises(personas):
    with pytest.raises(PermissionDenied):
        promise(open_ticket(), personas.alice)


def test_a_promise_needs_text_a_future_due_time_and_an_agent_owner(personas):
    ticket = open_ticket()
    with pytest.raises(ValidationError) as caught:
        promise(ticket, personas.tier1, text=" ", due_in=timedelta(hours=-1), owner=personas.bob)
    assert set(caught.value.message_dict) == {"text", "due_at", "owner_email"}


def test_kept_promise_records_when_and_cannot_be_settled_twice(personas):
    commitment = promise(open_ticket(), personas.tier1)
    commitment_settle(commitment, personas.tier1, CommitmentState.KEPT, "called at 9:55")
    assert commitment.state == "kept" and commitment.kept_at is not None
    assert commitment.ticket.events.filter(new_value="kept").exists()
    with pytest.raises(ValidationError):
        commitment_settle(commitment, personas.manager, CommitmentState.BROKEN)


def test_moving_a_promise_tells_the_customer_and_rearms_the_reminder(
    personas, django_capture_on_commit_callbacks
):
    commitment = promise(open_ticket(), personas.tier1)
    commitment.reminded_at = timezone.now()
    new_due = timezone.now() + timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        commitment_reschedule(commitment, personas.tier1, new_due, "waiting on the vendor")
    assert commitment.due_at == new_due and commitment.reminded_at is None
    moved = [m for m in mail.outbox if "New time" in m.subject]
    assert moved and "waiting on the vendor" in moved[0].body
    event = commitment.ticket.events.filter(field="due_at").get()
    assert "waiting on the vendor" in event.note
