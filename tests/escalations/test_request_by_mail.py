from charterdesk.escalations.by_mail import reason_in
from charterdesk.mail.models import Outcome
from charterdesk.mailboxes.ingest import ingest
from charterdesk.plans.models import Plan
from tests.escalations.helpers import mail_to
from tests.mail.conftest import compose
from tests.tickets.factories import open_ticket


def reply(ticket, body):  # type: ignore[no-untyped-def]
    raw = compose(subject=f"Re: [#{ticket.pk}] {ticket.subject}", body=body)
    result = ingest(raw, source="test")
    assert result.outcome == Outcome.MESSAGE_ADDED and result.ticket == ticket.pk
    return result


def test_a_reply_starting_with_escalate_is_an_escalation_request(personas):
    ticket = open_ticket()
    reply(ticket, "Escalate: three days without an answer.\n\nRegards, Alice")
    asked = ticket.escalation_requests.get()
    assert asked.reason == "three days without an answer."
    assert asked.state == "acknowledged" and asked.requested_by.email == "alice@acme.example"


def test_an_ordinary_reply_is_only_a_reply(personas):
    ticket = open_ticket()
    reply(ticket, "Thanks, the escalated issue from last week is fine now.")
    assert not ticket.escalation_requests.exists()


def test_over_the_limit_the_customer_is_told_and_agents_see_a_note(personas):
    Plan.objects.filter(name="Gold").update(escalation_requests_per_month=0)
    ticket = open_ticket()
    reply(ticket, "ESCALATE\nWe need a manager on this.")
    assert not ticket.escalation_requests.exists()
    assert "not recorded" in mail_to("alice@acme.example", ticket)[-1].subject
    assert ticket.events.filter(kind="mail", internal=True, note__contains="escalate").exists()


def test_the_reason_is_the_rest_of_the_line_or_the_rest_of_the_mail():
    assert reason_in("escalate - too slow") == "too slow"
    assert reason_in("\nEscalate\nWe need a manager.") == "We need a manager."
    assert reason_in("Escalated last week") is None
