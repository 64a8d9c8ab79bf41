"""A delivery report counts only for mail the desk sent: a forged "undeliverable" report
from anyone must not mark a customer as bouncing (after which promises and estimate
links to them would quietly not be sent)."""

from charterdesk.customers.models import Contact
from charterdesk.mail.models import Delivery, OutboundMail, Outcome
from charterdesk.mail.outbox import mail_queue

from .test_noise_and_loops import DSN


def test_a_report_about_a_message_id_we_never_sent_marks_nobody(mail_in):
    forged = DSN.replace(b"MESSAGE_ID", b"made-up@attacker.example")

    result = mail_in(forged)

    assert result.outcome == Outcome.IGNORED
    assert "did not send" in result.reason
    alice = Contact.objects.get(email="alice@acme.example")
    assert alice.bouncing_since is None
    promise = mail_queue(
        to=alice.email, template="mail/mail/acknowledgement", context={}, automatic=True
    )
    assert promise is not None
    assert promise.state == Delivery.QUEUED


def test_a_report_without_any_message_id_marks_nobody(mail_in):
    forged = DSN.replace(b"Message-ID: <MESSAGE_ID>\n", b"")

    mail_in(forged)

    assert Contact.objects.get(email="alice@acme.example").bouncing_since is None


def test_a_report_on_our_mail_naming_someone_else_marks_nobody(mail_in, personas):
    ticket = mail_in(
        b"From: bob@globex.example\nTo: support@charterdesk.example\nSubject: Hello\n"
        b"Message-ID: <b1@globex.example>\n\nInvoices missing.\n"
    ).ticket
    ack = OutboundMail.objects.filter(ticket_id=ticket).last()
    # the report names alice, but our mail went to bob
    report = DSN.replace(b"MESSAGE_ID", ack.message_id.encode())

    result = mail_in(report)

    assert "not counted" in result.reason
    assert Contact.objects.get(email="alice@acme.example").bouncing_since is None
    assert Contact.objects.get(email="bob@globex.example").bouncing_since is None
    ack.refresh_from_db()
    assert ack.state == Delivery.SENT
