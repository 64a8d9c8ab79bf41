"""Auto-replies, mailing lists and bounces are recorded, never open tickets and never get
an automatic answer; automatic mail to one address is limited per hour."""

from django.core import mail
from django.test import override_settings

from charterdesk.customers.models import Contact
from charterdesk.mail.models import Delivery, OutboundMail, Outcome
from charterdesk.mail.outbox import mail_queue
from charterdesk.tickets.models import Ticket, TicketEvent

from .conftest import compose

DSN = b"""From: MAILER-DAEMON@mx.acme.example (Mail Delivery System)
To: support@charterdesk.example
Subject: Undelivered Mail Returned to Sender
Message-ID: <dsn-1@mx.acme.example>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"

--BOUNDARY
Content-Type: text/plain

I'm sorry to have to inform you that your message could not be delivered.

--BOUNDARY
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.acme.example

Final-Recipient: rfc822; alice@acme.example
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <alice@acme.example>: Recipient address rejected

--BOUNDARY
Content-Type: text/rfc822-headers

From: support@charterdesk.example
To: alice@acme.example
Subject: [#1] Checkout fails
Message-ID: <MESSAGE_ID>

--BOUNDARY--
"""


def test_an_out_of_office_reply_is_recorded_and_not_answered(mail_in):
    ticket = mail_in(compose()).ticket
    sent = len(mail.outbox)
    ack_id = OutboundMail.objects.filter(ticket_id=ticket).last().message_id
    result = mail_in(
        compose(
            subject=f"Automatic reply: [#{ticket}] Checkout fails",
            body="I am out of the office until Monday.",
            in_reply_to=f"<{ack_id}>",
            headers={"Auto-Submitted": "auto-replied"},
        )
    )
    assert result.outcome == Outcome.IGNORED
    assert len(mail.outbox) == sent
    assert Ticket.objects.get(pk=ticket).messages.count() == 1
    assert TicketEvent.objects.filter(ticket_id=ticket, kind="mail", new_value="auto-reply")


def test_mailing_list_mail_opens_no_ticket(mail_in):
    before = Ticket.objects.count()
    result = mail_in(compose(headers={"Precedence": "list", "List-Id": "<news.acme.example>"}))
    assert result.outcome == Outcome.IGNORED
    assert Ticket.objects.count() == before


def test_a_bounce_marks_the_address_and_the_mail(mail_in):
    ticket = mail_in(compose()).ticket
    ack = OutboundMail.objects.filter(ticket_id=ticket).last()
    result = mail_in(DSN.replace(b"MESSAGE_ID", ack.message_id.encode()))
    assert result.outcome == Outcome.IGNORED
    assert result.ticket == ticket
    ack.refresh_from_db()
    assert ack.state == Delivery.BOUNCED
    alice = Contact.objects.get(email="alice@acme.example")
    assert alice.bouncing_since is not None
    assert "5.1.1" in alice.bounce_reason
    # no automatic mail goes to a bouncing address any more
    later = mail_queue(
        to=alice.email, template="mail/mail/acknowledgement", context={}, automatic=True
    )
    assert later.state == Delivery.SUPPRESSED


@override_settings(MAIL_AUTOMATIC_PER_HOUR=2)
def test_automatic_mail_to_one_sender_is_limited_per_hour(mail_in):
    for n in range(4):
        mail_in(compose(subject=f"Request {n}", body=f"Body {n}"))
    acks = OutboundMail.objects.filter(recipient="alice@acme.example", kind="acknowledgement")
    assert acks.filter(state=Delivery.SENT).count() == 2
    assert acks.filter(state=Delivery.SUPPRESSED).count() == 2
    assert Ticket.objects.filter(subject__startswith="Request ").count() == 4


def test_mail_from_the_desk_itself_is_ignored(mail_in):
    result = mail_in(compose("support@charterdesk.example", "Loop", "Hello me"))
    assert result.outcome == Outcome.IGNORED
    assert "loop" in result.reason
