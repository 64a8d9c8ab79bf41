"""The outbox against a real SMTP server on localhost (aiosmtpd as the sink): proper
headers, at most once per row, retries with backoff, failures recorded."""

import socket
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from django.test import override_settings
from django.utils import timezone

from charterdesk.customers.models import Contact
from charterdesk.mail.models import Delivery, OutboundMail
from charterdesk.mail.outbox import mail_queue
from charterdesk.mail.sending import outbound_send
from charterdesk.mail.sweep import outbox_sweep
from tests.tickets.factories import open_ticket


class Sink:
    """Keeps what it receives; refuses recipients it is told to refuse."""

    def __init__(self) -> None:
        self.received: list[Message] = []
        self.refuse: dict[str, str] = {}

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        self.received.append(message_from_bytes(envelope.content))  # type: ignore[arg-type]
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[Sink]:
    sink = Sink()
    port = _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_TIMEOUT=5,
    ):
        yield sink
    controller.stop()


def _queue(ticket, to="alice@acme.example", automatic=False) -> OutboundMail:
    mail = mail_queue(
        to=to,
        template="tickets/mail/reply",
        context={"message": ticket.messages.first()},
        ticket=ticket,
        automatic=automatic,
    )
    assert mail is not None
    return mail


def test_it_sends_threaded_multipart_mail_over_smtp(smtp, personas):
    ticket = open_ticket("alice@acme.example", subject="Export fails")
    mail = _queue(ticket)
    assert outbound_send(mail.pk) == Delivery.SENT
    received = smtp.received[-1]
    assert received["Message-ID"] == f"<{mail.message_id}>"
    assert received["Subject"] == f"[#{ticket.pk}] Export fails"
    assert received["Reply-To"].startswith(f"support+{ticket.pk}-")
    assert received["Auto-Submitted"] is None
    assert received.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in received.get_payload()] == ["text/plain", "text/html"]


def test_a_row_is_sent_at_most_once(smtp, personas):
    mail = _queue(open_ticket("alice@acme.example"))
    assert outbound_send(mail.pk) == Delivery.SENT
    assert outbound_send(mail.pk) == Delivery.SENT
    outbox_sweep()
    assert len(smtp.received) == 1


def test_a_worker_that_died_mid_send_leaves_the_row_uncertain_not_resent(smtp, personas):
    mail = _queue(open_ticket("alice@acme.example"))
    OutboundMail.objects.filter(pk=mail.pk).update(
        state=Delivery.SENDING, lease_until=timezone.now() - timedelta(seconds=1)
    )
    outbox_sweep()
    mail.refresh_from_db()
    assert mail.state == Delivery.UNCERTAIN
    assert smtp.received == []


def test_a_temporary_failure_is_retried_with_backoff(smtp, personas):
    smtp.refuse["alice@acme.example"] = "451 4.3.0 Try again later"
    mail = _queue(open_ticket("alice@acme.example"))
    now = timezone.now()
    assert outbound_send(mail.pk, now) == Delivery.RETRYING
    mail.refresh_from_db()
    assert mail.next_attempt_at == now + timedelta(minutes=1)
    assert "451" in mail.last_error
    assert outbound_send(mail.pk, now) == Delivery.RETRYING  # not due yet: untouched
    assert mail.attempts == 1
    del smtp.refuse["alice@acme.example"]
    outbox_sweep(now + timedelta(minutes=2))
    mail.refresh_from_db()
    assert mail.state == Delivery.SENT
    assert len(smtp.received) == 1


def test_a_permanent_failure_marks_the_address_as_bouncing(smtp, personas):
    smtp.refuse["alice@acme.example"] = "550 5.1.1 No such user"
    mail = _queue(open_ticket("alice@acme.example"))
    assert outbound_send(mail.pk) == Delivery.FAILED
    contact = Contact.objects.get(email="alice@acme.example")
    assert contact.bouncing_since is not None
    assert "550" in contact.bounce_reason


def test_nothing_is_queued_for_a_rolled_back_change(personas):
    from django.db import transaction

    ticket = open_ticket("alice@acme.example")
    before = OutboundMail.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        _queue(ticket)
        raise RuntimeError("the change failed")
    assert OutboundMail.objects.count() == before
