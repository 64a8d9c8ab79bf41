"""A customer mails support, gets an acknowledgement that threads, an agent's reply
threads in the customer's client, and the customer's reply lands on the same ticket."""

from email import message_from_bytes

from django.core import mail

from charterdesk.mail.models import Outcome
from charterdesk.tickets.models import Message, Ticket
from charterdesk.tickets.services import message_add

from .conftest import compose


def _headers(sent: mail.EmailMessage) -> dict[str, str]:
    return {k.lower(): v for k, v in message_from_bytes(sent.message().as_bytes()).items()}


def test_it_round_trips_a_conversation(mail_in, personas, django_capture_on_commit_callbacks):
    first = compose(message_id="<q1@mail.acme.example>")
    result = mail_in(first)
    assert result.outcome == Outcome.TICKET_CREATED
    ticket = Ticket.objects.get(pk=result.ticket)
    assert ticket.requester.email == "alice@acme.example"
    assert ticket.channel == "email"

    ack = _headers(mail.outbox[-1])
    assert mail.outbox[-1].to == ["alice@acme.example"]
    assert f"[#{ticket.pk}]" in ack["subject"]
    assert ack["in-reply-to"] == "<q1@mail.acme.example>"
    assert ack["auto-submitted"] == "auto-replied"
    assert ack["reply-to"].startswith(f"support+{ticket.pk}-")

    with django_capture_on_commit_callbacks(execute=True):
        message_add(ticket, personas.tier1, "Please try again with 4.2.1.")
    reply = _headers(mail.outbox[-1])
    assert "auto-submitted" not in reply
    assert reply["in-reply-to"] == ack["message-id"]
    assert "<q1@mail.acme.example>" in reply["references"]
    assert "Please try again with 4.2.1." in mail.outbox[-1].body

    answer = compose(
        subject=f"Re: [#{ticket.pk}] Checkout fails",
        body="Still broken after the update.\n\nOn Mon, 23 Nov 2026 at 10:00, Support wrote:\n"
        "> Please try again with 4.2.1.\n",
        in_reply_to=reply["message-id"],
        references=f"<q1@mail.acme.example> {ack['message-id']} {reply['message-id']}",
    )
    result = mail_in(answer)
    assert result.outcome == Outcome.MESSAGE_ADDED
    assert result.ticket == ticket.pk
    last = Message.objects.filter(ticket=ticket).last()
    assert last.body == "Still broken after the update."
    assert last.author_contact.email == "alice@acme.example"


def test_internal_notes_are_never_mailed(mail_in, personas, django_capture_on_commit_callbacks):
    ticket = Ticket.objects.get(pk=mail_in(compose()).ticket)
    before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        message_add(ticket, personas.tier1, "Customer is on an old build", visibility="internal")
    assert len(mail.outbox) == before


def test_the_same_message_twice_adds_nothing_twice(mail_in):
    raw = compose(message_id="<twice@mail.acme.example>")
    first = mail_in(raw)
    relayed = b"Received: from relay.example by mx.example; Mon, 23 Nov 2026\r\n" + raw
    second, third = mail_in(raw), mail_in(relayed)
    assert first.outcome == Outcome.TICKET_CREATED
    assert (second.outcome, third.outcome) == (Outcome.IGNORED, Outcome.IGNORED)
    assert "already received" in second.reason
    assert Ticket.objects.filter(subject="Checkout fails").count() == 1


def test_a_different_message_with_a_reused_message_id_is_its_own_message(mail_in):
    one = mail_in(compose(subject="First", message_id="<same@x.example>"))
    two = mail_in(compose(subject="Second", message_id="<same@x.example>", body="Other text"))
    assert one.outcome == two.outcome == Outcome.TICKET_CREATED
    assert one.ticket != two.ticket
