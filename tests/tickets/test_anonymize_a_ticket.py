"""Tickets are never deleted; when a person's data must go, an administrator or an operator
anonymizes the ticket (desk page or `charterdesk anonymize`): the texts, files and
addresses go, the ticket with its number, clocks and history stays, and the history says
who did it, when and why."""

from email.message import EmailMessage
from email.utils import make_msgid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from charterdesk.accounts.models import Role
from charterdesk.commitments.models import Commitment
from charterdesk.escalations.models import EscalationRequest
from charterdesk.escalations.requests import escalation_request_create
from charterdesk.estimates.models import Estimate
from charterdesk.hours.models import TimeEntry
from charterdesk.mail.models import Attachment, Blob, Delivery, InboundMail, OutboundMail
from charterdesk.mailboxes.ingest import ingest
from charterdesk.sla.models import SlaClock
from charterdesk.tickets.models import Status, Ticket, TicketEvent
from charterdesk.tickets.services import message_add, ticket_anonymize, ticket_update
from tests.accounts.factories import staff
from tests.commitments.factories import promise
from tests.estimates.factories import consulting_ticket, quote
from tests.hours.factories import log

PASSPORT = b"%PDF-1.4 passport of Alice Liddell"


def _mailed_ticket(personas, capture) -> Ticket:  # type: ignore[no-untyped-def]
    mail = EmailMessage()
    mail["From"] = "Alice Liddell <alice@acme.example>"
    mail["To"] = "support@charterdesk.example"
    mail["Subject"] = "Refund for Alice Liddell, card 4111"
    mail["Message-ID"] = make_msgid(domain="mail.acme.example")
    mail.set_content("My home address is 12 Rabbit Hole Lane.")
    mail.add_attachment(PASSPORT, maintype="application", subtype="pdf", filename="passport.pdf")
    with capture(execute=True):
        result = ingest(mail.as_bytes(), source="test")
        ticket = Ticket.objects.get(pk=result.ticket)
        message_add(ticket, personas.tier1, "Dear Alice, refunded to card 4111.")
        ticket_update(ticket, personas.tier1, status=Status.SOLVED)
    return ticket


@pytest.fixture
def solved(personas, django_capture_on_commit_callbacks) -> Ticket:  # type: ignore[no-untyped-def]
    return _mailed_ticket(personas, django_capture_on_commit_callbacks)


def _anonymize_on_the_desk(client, ticket, **fields):  # type: ignore[no-untyped-def]
    data = {"reason": "Erasure request of 2 Dec", "confirm": "on", **fields}
    return client.post(f"/desk/tickets/{ticket.pk}/anonymize", data, follow=True)


def test_an_administrator_anonymizes_a_solved_ticket_on_the_desk(solved, personas, login):
    clocks_before = SlaClock.objects.filter(ticket=solved).count()
    client = login(personas.admin)
    page = _anonymize_on_the_desk(client, solved).content.decode()

    assert "Anonymized: its texts, files and addresses are removed." in page
    # "card 4111", not "4111": a timestamp's microseconds on the page can hold those digits
    for personal in ("Rabbit Hole", "card 4111", "Liddell", "passport.pdf"):
        assert personal not in page
    assert "Erasure request of 2 Dec" in page  # the history line says why
    line = TicketEvent.objects.get(ticket=solved, kind="anonymized")
    assert (line.actor, line.note, line.internal) == (
        personas.admin,
        "Erasure request of 2 Dec",
        True,
    )

    solved.refresh_from_db()
    assert solved.status == Status.CLOSED and solved.anonymized_at is not None
    assert "This ticket is closed" in page  # no reply box: nothing brings text back
    assert SlaClock.objects.filter(ticket=solved).count() == clocks_before
    assert not solved.messages.filter(body__contains="4111").exists()
    inbound = InboundMail.objects.get(ticket=solved)
    assert (inbound.from_address, inbound.subject, bytes(inbound.raw.data)) == ("", "", b"")
    assert not Blob.objects.filter(data=PASSPORT).exists()
    assert all(a.blob is None and a.filename == "file" for a in Attachment.objects.all())
    sent = OutboundMail.objects.filter(ticket=solved)
    assert sent.exists()
    assert not sent.exclude(recipient="").exists() and not sent.exclude(text="").exists()


def test_the_customer_sees_the_ticket_without_its_texts(solved, personas, login):
    _anonymize_on_the_desk(login(personas.admin), solved)
    page = login(personas.alice).get(f"/portal/tickets/{solved.pk}/")
    assert page.status_code == 200
    assert "Rabbit Hole" not in page.content.decode()
    assert "Erasure request" not in page.content.decode()  # the reason is internal


def test_unsent_mail_of_the_ticket_is_not_sent(solved, personas, login):
    OutboundMail.objects.filter(ticket=solved).update(state=Delivery.QUEUED)
    _anonymize_on_the_desk(login(personas.admin), solved)
    assert set(OutboundMail.objects.filter(ticket=solved).values_list("state", flat=True)) == {
        Delivery.SUPPRESSED
    }


def test_it_asks_for_a_reason_and_a_confirmation(solved, personas, login):
    page = _anonymize_on_the_desk(login(personas.admin), solved, reason="", confirm="")
    text = page.content.decode()
    assert "This field is required." in text
    assert "Tick the box to confirm: this cannot be undone." in text
    solved.refresh_from_db()
    assert solved.anonymized_at is None


def test_an_open_ticket_is_solved_or_closed_first(personas, login, solved):
    Ticket.objects.filter(pk=solved.pk).update(status=Status.OPEN)
    page = _anonymize_on_the_desk(login(personas.admin), solved).content.decode()
    assert "Solve or close the ticket first" in page
    assert "Rabbit Hole" in page


def test_a_support_manager_may_not_anonymize(solved, personas, login):
    client = login(personas.manager)
    assert "Anonymize this ticket" not in client.get(f"/desk/tickets/{solved.pk}/").content.decode()
    assert _anonymize_on_the_desk(client, solved).status_code == 403
    solved.refresh_from_db()
    assert solved.anonymized_at is None


def test_an_operator_anonymizes_from_the_command_line(solved, db, capsys):
    staff(Role.OPERATOR, "ops@charterdesk.example")
    call_command(
        "anonymize",
        str(solved.pk),
        "--reason",
        "Retention: 3 years",
        "--by",
        "OPS@charterdesk.example",
    )
    assert f"Ticket #{solved.pk} anonymized." in capsys.readouterr().out
    line = TicketEvent.objects.get(ticket=solved, kind="anonymized")
    assert (line.actor.email, line.note) == ("ops@charterdesk.example", "Retention: 3 years")


@pytest.mark.parametrize(
    ("ticket", "by", "reason", "says"),
    [
        ("999999", "admin@charterdesk.example", "r", "no ticket #999999"),
        ("{pk}", "nobody@example.com", "r", "no active user has the address nobody@example.com"),
        ("{pk}", "tier1@charterdesk.example", "r", "Only administrators and operators"),
        ("{pk}", "admin@charterdesk.example", "a\x00b", "Remove the NUL character"),
        ("{pk}", "admin@charterdesk.example", "  ", "Say why the data is removed"),
    ],
)
def test_the_command_refuses_with_one_line_and_exit_2(solved, ticket, by, reason, says):  # type: ignore[no-untyped-def]
    with pytest.raises(CommandError) as refused:
        call_command("anonymize", ticket.format(pk=solved.pk), "--reason", reason, "--by", by)
    assert says in str(refused.value)
    assert refused.value.returncode == 2
    solved.refresh_from_db()
    assert solved.anonymized_at is None


def test_promises_estimates_time_notes_and_escalations_lose_their_words(
    personas, django_capture_on_commit_callbacks
):
    ticket = consulting_ticket()
    with django_capture_on_commit_callbacks(execute=True):
        promise(ticket, personas.tier2, text="Call Alice on +44 20 7946 0000")
        estimate = quote(ticket, personas.tier2, scope="Migrate Alice Liddell's 4111 records")
        entry = log(ticket, personas.tier2, minutes=45, note="Talked to Alice at home")
        escalation_request_create(ticket, personas.alice, reason="Alice is furious")
        ticket_update(ticket, personas.tier2, status=Status.SOLVED)
        ticket_anonymize(ticket, personas.admin, reason="Erasure request")

    texts = [
        *Commitment.objects.filter(ticket=ticket).values_list("text", flat=True),
        *EscalationRequest.objects.filter(ticket=ticket).values_list("reason", flat=True),
        Estimate.objects.get(pk=estimate.pk).scope,
        TimeEntry.objects.get(pk=entry.pk).note,
        *TicketEvent.objects.filter(ticket=ticket).values_list("note", flat=True),
    ]
    assert not [text for text in texts if "Alice" in text], texts
    assert TimeEntry.objects.get(pk=entry.pk).minutes == 45  # the hours bank stays true
    kinds = set(TicketEvent.objects.filter(ticket=ticket).values_list("kind", flat=True))
    assert {"commitment", "estimate", "time", "escalation_requested", "anonymized"} <= kinds
    assert Estimate.objects.get(pk=estimate.pk).hours == estimate.hours
