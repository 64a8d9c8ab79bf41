"""Many messages at once (`charterdesk mail ingest` of an mbox): several a transaction, and
still one bad message never takes the others with it, every new request is acknowledged
once, and a message is reported only once it is stored."""

from types import SimpleNamespace

import pytest
from django.core import mail
from django.db import connection

from charterdesk.mail.models import InboundMail, Outcome
from charterdesk.mailboxes.ingest import batch, conversation, ingest_many, pipeline
from charterdesk.mailparse import parse
from charterdesk.tickets.models import Ticket
from charterdesk.triage import receivers as triage_receivers

from .conftest import compose


def _crash_on(word: bytes):  # type: ignore[no-untyped-def]
    def parse_or_crash(raw: bytes, **kwargs: object):  # type: ignore[no-untyped-def]
        if word in raw:
            raise RuntimeError("parser bug")
        return parse(raw, **kwargs)  # type: ignore[arg-type]

    return parse_or_crash


def test_a_bad_message_in_a_batch_is_quarantined_and_the_others_acknowledged(
    personas, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(pipeline, "parse", _crash_on(b"Crashes the parser"))
    messages = [
        ("1", compose(subject="Export fails")),
        ("2", compose(subject="Crashes the parser")),
        ("3", compose(sender="bob@globex.example", subject="Login fails")),
    ]

    with django_capture_on_commit_callbacks(execute=True):
        results = list(ingest_many(messages))

    assert [r.outcome for r in results] == [
        Outcome.TICKET_CREATED,
        Outcome.QUARANTINED,
        Outcome.TICKET_CREATED,
    ]
    assert [r.source for r in results] == ["1", "2", "3"]
    quarantined = InboundMail.objects.get(outcome=Outcome.QUARANTINED)
    assert b"Crashes the parser" in bytes(quarantined.raw.data)
    acknowledged = sorted((m.to[0], m.subject) for m in mail.outbox)
    tickets = {t.subject: t.pk for t in Ticket.objects.all()}
    assert len(acknowledged) == 2
    assert acknowledged[0][0] == "alice@acme.example"
    assert f"[#{tickets['Export fails']}]" in acknowledged[0][1]
    assert acknowledged[1][0] == "bob@globex.example"
    assert f"[#{tickets['Login fails']}]" in acknowledged[1][1]


def test_a_reply_in_the_same_batch_lands_on_the_ticket_its_request_opened(personas):
    request = compose(subject="Checkout fails", message_id="<b1@mail.acme.example>")
    reply = compose(
        subject="Re: Checkout fails",
        body="Still failing.",
        message_id="<b2@mail.acme.example>",
        in_reply_to="<b1@mail.acme.example>",
    )

    first, second = ingest_many([("1", request), ("2", reply)])

    assert first.outcome == Outcome.TICKET_CREATED
    assert second.outcome == Outcome.MESSAGE_ADDED
    assert second.ticket == first.ticket
    assert Ticket.objects.get(pk=first.ticket).messages.count() == 2


def test_the_same_message_twice_in_a_batch_is_stored_once(personas):
    raw = compose(subject="Sent twice")

    first, again = ingest_many([("1", raw), ("2", raw)])

    assert first.outcome == Outcome.TICKET_CREATED
    assert again.outcome == Outcome.IGNORED
    assert InboundMail.objects.count() == 1


def test_messages_read_before_a_read_failure_are_stored_then_it_raises(personas):
    def messages():  # type: ignore[no-untyped-def]
        yield "1", compose(subject="Before the broken file")
        raise OSError("the disk went away")

    results = ingest_many(messages())

    first = next(results)
    assert first.outcome == Outcome.TICKET_CREATED
    assert Ticket.objects.filter(subject="Before the broken file").exists()
    with pytest.raises(OSError, match="the disk went away"):
        next(results)


def test_a_batch_triages_its_new_tickets_with_one_task_enqueued_in_its_transaction(
    personas, monkeypatch, django_capture_on_commit_callbacks
):
    """One triage task for the batch's new tickets, written in the batch's transaction
    (durable with them); a ticket whose message failed after it was created (rolled back
    with the message's savepoint) is not in it."""
    enqueued: list[tuple[list[int], bool]] = []
    monkeypatch.setattr(
        triage_receivers,
        "_enqueue_many",
        lambda ids: enqueued.append((list(ids), connection.in_atomic_block)),
    )
    monkeypatch.setattr(
        triage_receivers,
        "triage_ticket",
        SimpleNamespace(enqueue=lambda pk: pytest.fail("one task per ticket")),
    )
    # One batch whatever the machine's load (its 0.25 s of work can run out on a busy one).
    monkeypatch.setattr(batch, "BATCH_SECONDS", 60)
    queue = conversation.mail_queue

    def queue_or_crash(**kwargs):  # type: ignore[no-untyped-def]
        if kwargs["ticket"].subject == "Fails late":
            raise RuntimeError("the acknowledgement failed")
        return queue(**kwargs)

    monkeypatch.setattr(conversation, "mail_queue", queue_or_crash)
    messages = [
        ("1", compose(subject="Export fails")),
        ("2", compose(subject="Fails late")),
        ("3", compose(sender="bob@globex.example", subject="Login fails")),
    ]

    with django_capture_on_commit_callbacks(execute=True):
        results = list(ingest_many(messages))

    assert [r.outcome for r in results] == [
        Outcome.TICKET_CREATED,
        Outcome.QUARANTINED,
        Outcome.TICKET_CREATED,
    ]
    tickets = {t.subject: t.pk for t in Ticket.objects.all()}
    assert "Fails late" not in tickets
    assert enqueued == [([tickets["Export fails"], tickets["Login fails"]], True)]
