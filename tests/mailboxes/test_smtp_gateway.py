"""The SMTP gateway for real: an aiosmtpd server on a free localhost port, mail sent with
smtplib, the ticket in the database; 4xx when the message could not be stored."""

import smtplib
import socket
from collections.abc import Iterator

import pytest
from django.db import OperationalError

from charterdesk.mail.models import InboundMail
from charterdesk.mailboxes.gateway import gateway
from charterdesk.mailboxes.ingest import pipeline
from charterdesk.tickets.models import Ticket

from .conftest import compose


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_port(live_personas: object) -> Iterator[int]:
    """The gateway as `charterdesk mail smtpd` runs it, with the real ingest; committed
    data (transactional_db), because ingest runs in the server's worker thread."""
    port = free_port()
    controller = gateway(host="127.0.0.1", port=port, max_size=200_000)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()
        controller.handler.close()  # the worker's database connection too


def send(port: int, raw: bytes, to: str = "support@charterdesk.example") -> dict:
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
        return client.sendmail("alice@acme.example", [to], raw)


def test_mail_sent_to_the_gateway_becomes_a_ticket(smtp_port):
    refused = send(smtp_port, compose(subject="Gateway: checkout fails"))

    assert refused == {}
    ticket = Ticket.objects.get(subject="Gateway: checkout fails")
    assert ticket.requester.email == "alice@acme.example"
    assert ticket.channel == "email"
    stored = InboundMail.objects.get(ticket=ticket)
    assert stored.source.startswith("smtp:127.0.0.1 to support@charterdesk.example")


def test_a_reply_address_with_a_token_is_accepted(smtp_port):
    send(smtp_port, compose(subject="Via token"), to="support+42-abc@charterdesk.example")

    assert InboundMail.objects.filter(subject="Via token").exists()


def test_recipients_outside_the_support_domain_are_refused_550(smtp_port):
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        send(smtp_port, compose(), to="someone@elsewhere.example")

    code, _ = refused.value.recipients["someone@elsewhere.example"]
    assert code == 550
    assert not InboundMail.objects.exists()


def test_when_the_database_is_down_the_sender_gets_4xx_and_may_retry(smtp_port, monkeypatch):
    def database_down(*args: object) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(pipeline, "inbound_store", database_down)
    monkeypatch.setattr(pipeline, "inbound_keep_raw", database_down)
    monkeypatch.setattr(pipeline, "database_answers", lambda: False)
    raw = compose(subject="Arrives during an outage")

    with pytest.raises(smtplib.SMTPDataError) as failed:
        send(smtp_port, raw)

    assert failed.value.smtp_code == 451
    assert not Ticket.objects.filter(subject="Arrives during an outage").exists()

    monkeypatch.undo()  # the database is back: the sending server's retry goes through
    send(smtp_port, raw)
    assert Ticket.objects.filter(subject="Arrives during an outage").count() == 1


def test_a_message_over_the_size_limit_is_refused(smtp_port):
    big = compose(subject="Too big", body="x" * 300_000)

    with pytest.raises(smtplib.SMTPException) as refused:
        send(smtp_port, big)

    assert "552" in str(refused.value)
    assert not InboundMail.objects.exists()
