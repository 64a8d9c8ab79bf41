"""One crafted message never blocks a door: a From domain of 50,000 characters (SQLite
cannot LIKE it) and a NUL byte in a header (PostgreSQL cannot store it) are kept raw and
quarantined with a reason, and the good messages around them become tickets, whether
they come in by file, SMTP or IMAP."""

import io
import json
import logging
import smtplib
from collections.abc import Iterator

import pytest
from django.core.management import call_command

from charterdesk.mail.models import InboundMail, Outcome
from charterdesk.mailboxes.gateway import gateway
from charterdesk.mailboxes.imap import GIVE_UP_AFTER
from charterdesk.mailboxes.ingest import ingest
from charterdesk.tickets.models import Ticket

from .conftest import compose
from .test_imap_polling import SEEN, dovecot, mailbox, poll  # noqa: F401 - fixtures
from .test_smtp_gateway import free_port

LONG_DOMAIN = "a" * 50_001 + ".example"


def poison_and_good() -> list[bytes]:
    """A good message, the two poison ones, a good one: in this order."""
    nul = compose(sender="carol@acme.example", subject="Nul byte here")
    return [
        compose(subject="Poison: first good one"),
        compose(sender=f"mallory@{LONG_DOMAIN}", subject="Long domain"),
        nul.replace(b"Subject: Nul byte here", b"Subject: Nul\x00byte here"),
        compose(sender="bob@globex.example", subject="Poison: second good one"),
    ]


def assert_good_ones_are_tickets_and_poison_quarantined() -> None:
    assert Ticket.objects.filter(subject="Poison: first good one").exists()
    assert Ticket.objects.filter(subject="Poison: second good one").exists()
    quarantined = InboundMail.objects.filter(outcome=Outcome.QUARANTINED)
    reasons = sorted(quarantined.values_list("reason", flat=True))
    assert len(reasons) == 2
    assert "NUL" in reasons[0]
    assert "longer than a mail address can be" in reasons[1]
    raws = [bytes(mail.raw.data) for mail in quarantined.select_related("raw")]
    assert all(b"Long domain" in raw or b"Nul\x00byte" in raw for raw in raws)


def test_the_cli_quarantines_the_poison_and_goes_on(personas, tmp_path):
    paths = []
    for number, raw in enumerate(poison_and_good(), 1):
        path = tmp_path / f"{number}.eml"
        path.write_bytes(raw)
        paths.append(str(path))
    out = io.StringIO()

    call_command("mail", "ingest", *paths, "--json", stdout=out, stderr=io.StringIO())

    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["outcome"] for line in lines] == [
        "ticket_created",
        "quarantined",
        "quarantined",
        "ticket_created",
    ]
    assert_good_ones_are_tickets_and_poison_quarantined()


def test_a_quarantined_message_is_one_line_on_the_console(personas, tmp_path, capsys, caplog):
    path = tmp_path / "poison.eml"
    path.write_bytes(poison_and_good()[2])

    with caplog.at_level(logging.INFO):
        call_command("mail", "ingest", str(path))

    console = capsys.readouterr()
    assert console.out.splitlines() == [
        f"{path}: quarantined (a header contains a NUL character)",
        "1 message: 0 ticket_created, 0 message_added, 0 ignored, 1 quarantined",
    ]
    assert [r for r in caplog.records if r.levelno >= logging.INFO] == []


@pytest.fixture
def smtp_port(live_personas: object) -> Iterator[int]:
    port = free_port()
    controller = gateway(host="127.0.0.1", port=port, max_size=500_000)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()
        controller.handler.close()


def test_the_smtp_gateway_accepts_and_quarantines_the_poison(smtp_port):
    with smtplib.SMTP("127.0.0.1", smtp_port, timeout=30) as client:
        for raw in poison_and_good():
            refused = client.sendmail("alice@acme.example", ["support@charterdesk.example"], raw)
            assert refused == {}  # 250 for every message: none is left to retry forever

    assert_good_ones_are_tickets_and_poison_quarantined()


def test_the_imap_poller_quarantines_the_poison_and_marks_all_read(mailbox, dovecot):  # noqa: F811
    for raw in poison_and_good():
        dovecot.append(raw)

    report = poll(mailbox, dovecot)

    assert report.error == ""
    assert all(SEEN in flags for _, flags in dovecot.folder())
    assert Ticket.objects.filter(subject="Poison: first good one").exists()
    assert Ticket.objects.filter(subject="Poison: second good one").exists()
    # An IMAP server never hands out a NUL (RFC 3501 forbids it; Dovecot stores 0x80
    # instead), so that one arrives readable and becomes a ticket of its own.
    assert dict(report.counts) == {"ticket_created": 3, "quarantined": 1}
    (quarantined,) = InboundMail.objects.filter(outcome=Outcome.QUARANTINED)
    assert "longer than a mail address can be" in quarantined.reason


def test_the_imap_poller_moves_past_a_message_that_keeps_failing(mailbox, dovecot):  # noqa: F811
    dovecot.append(compose(subject="Fails every time"))
    dovecot.append(compose(sender="bob@globex.example", subject="Waits behind it"))

    def fails_on_one(raw: bytes, *, source: str):  # type: ignore[no-untyped-def]
        if b"Fails every time" in raw:
            raise RuntimeError("a bug in a parser step")
        return ingest(raw, source=source)

    for _ in range(GIVE_UP_AFTER - 1):  # retried in the next rounds first
        report = poll(mailbox, dovecot, ingest=fails_on_one)
        assert "a bug in a parser step" in report.error
        assert not Ticket.objects.filter(subject="Waits behind it").exists()
        assert [SEEN in flags for _, flags in dovecot.folder()] == [False, False]

    report = poll(mailbox, dovecot, ingest=fails_on_one)

    assert report.error == ""
    assert dict(report.counts) == {"quarantined": 1, "ticket_created": 1}
    assert Ticket.objects.filter(subject="Waits behind it").exists()
    kept = InboundMail.objects.get(outcome=Outcome.QUARANTINED)
    assert b"Subject: Fails every time" in bytes(kept.raw.data)
    assert kept.reason.startswith("could not be stored in 3 rounds in a row: RuntimeError")
    assert all(SEEN in flags for _, flags in dovecot.folder())


def test_the_gateway_keeps_a_message_that_ingest_cannot_take(live_personas):
    def broken(raw: bytes, *, source: str) -> None:
        raise RuntimeError("a bug in a parser step")

    port = free_port()
    controller = gateway(host="127.0.0.1", port=port, ingest=broken)
    controller.start()
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
            refused = client.sendmail(
                "alice@acme.example", ["support@charterdesk.example"], compose(subject="Kept")
            )
    finally:
        controller.stop()
        controller.handler.close()

    assert refused == {}
    kept = InboundMail.objects.get()
    assert kept.outcome == Outcome.QUARANTINED
    assert b"Subject: Kept" in bytes(kept.raw.data)
    assert "RuntimeError: a bug in a parser step" in kept.reason
