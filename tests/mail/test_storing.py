"""Storing comes first and commits with the outcome: a failing database stores nothing
(the door keeps the message and retries), a failing step quarantines with the raw kept."""

import pytest
from django.db import OperationalError

from charterdesk.mail.models import Blob, InboundMail, Outcome
from charterdesk.mailboxes.ingest import pipeline
from charterdesk.mailboxes.ingest.store import blob_store
from charterdesk.tickets.models import Ticket

from .conftest import compose


def test_when_the_database_fails_while_processing_nothing_is_kept_and_ingest_raises(
    mail_in, monkeypatch
):
    def database_down(*args: object) -> None:
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(pipeline, "_route", database_down)
    monkeypatch.setattr(pipeline, "database_answers", lambda: False)
    raw = compose(subject="During the outage")

    with pytest.raises(OperationalError):
        mail_in(raw)

    assert not InboundMail.objects.exists()
    monkeypatch.undo()  # the door retries once the database is back
    assert mail_in(raw).outcome == Outcome.TICKET_CREATED
    assert Ticket.objects.filter(subject="During the outage").count() == 1


@pytest.mark.parametrize("size", [100, 1024 * 1024], ids=["small", "large"])
def test_a_message_whose_bytes_are_already_stored_is_still_taken(mail_in, size):
    raw = compose(subject="Forwarded as an attachment before", body="x" * size)
    earlier = blob_store(raw)  # e.g. the same bytes arrived as an .eml attachment

    result = mail_in(raw)

    assert result.outcome == Outcome.TICKET_CREATED
    assert InboundMail.objects.get(ticket_id=result.ticket).raw_id == earlier.pk
    assert Blob.objects.filter(sha256=earlier.sha256).count() == 1


def test_the_same_message_twice_is_stored_once(mail_in):
    raw = compose()
    first = mail_in(raw)

    again = mail_in(raw)

    assert again.outcome == Outcome.IGNORED
    assert again.ticket == first.ticket
    assert InboundMail.objects.count() == 1
