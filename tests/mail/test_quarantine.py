"""Whatever cannot be processed is quarantined with its reason and the raw message,
listed for agents and processed again after a fix."""

import pytest

from charterdesk.mail.models import InboundMail, Outcome
from charterdesk.mailboxes import ingest as ingest_package
from charterdesk.mailboxes.ingest import pipeline

from .conftest import compose


def test_a_parser_crash_is_a_quarantine_entry_not_a_lost_message(
    mail_in, monkeypatch, login, personas
):
    def crash(raw: bytes, **kwargs: object) -> None:
        raise RuntimeError("parser bug")

    monkeypatch.setattr(pipeline, "parse", crash)
    result = mail_in(compose(subject="Crashes the parser"))
    assert result.outcome == Outcome.QUARANTINED
    assert "parser bug" in result.reason
    inbound = InboundMail.objects.get(outcome=Outcome.QUARANTINED)
    assert b"Crashes the parser" in bytes(inbound.raw.data)

    page = login(personas.tier1).get("/desk/mail/")
    assert b"Crashes the parser" in page.content

    monkeypatch.undo()  # the fix is deployed
    response = login(personas.tier1).post(f"/desk/mail/{inbound.pk}/retry", follow=True)
    inbound.refresh_from_db()
    assert inbound.outcome == Outcome.TICKET_CREATED
    assert b"Processed again: Ticket created." in response.content


def test_not_mail_at_all_is_quarantined(mail_in):
    result = mail_in(b"\x00\x01 this is not mail")
    assert result.outcome == Outcome.QUARANTINED


@pytest.mark.parametrize("path", ["/desk/mail/", "/desk/mail/outbox/"])
def test_customers_never_see_the_mail_pages(login, personas, path):
    assert login(personas.alice).get(path).status_code == 403


def test_agents_download_the_original(mail_in, login, personas):
    raw = compose(subject="Keep me")
    result = mail_in(raw)
    inbound = InboundMail.objects.get(ticket_id=result.ticket)
    response = login(personas.tier1).get(f"/desk/mail/{inbound.pk}/raw")
    assert response.content == raw
    assert response["Content-Disposition"].startswith("attachment")
    message = inbound.ticket_message
    page = login(personas.tier1).get(f"/desk/tickets/{result.ticket}/")
    assert f"/desk/mail/messages/{message.pk}".encode() in page.content


def test_ingest_is_exported_for_the_doors():
    assert ingest_package.ingest is pipeline.ingest
