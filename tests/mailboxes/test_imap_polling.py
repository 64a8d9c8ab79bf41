"""Polling IMAP against a real Dovecot: messages are fetched, stored and ticketed, and only
then marked read or moved; a second poll adds nothing."""

from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import OperationalError

from charterdesk.mail.models import InboundMail
from charterdesk.mailboxes.imap import connect, poll_mailbox
from charterdesk.mailboxes.ingest import ingest
from charterdesk.mailboxes.models import AfterStoring, Mailbox, TlsMode
from charterdesk.tickets.models import Ticket

from .conftest import compose
from .dovecot import PASSWORD, USER, Dovecot, dovecot_or_skip

SEEN = "\\Seen"


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    with dovecot_or_skip() as server:
        yield server


@pytest.fixture
def mailbox(personas: object, dovecot: Dovecot) -> Mailbox:
    return Mailbox.objects.create(
        name="support",
        host="127.0.0.1",
        port=dovecot.imaps_port,
        tls=TlsMode.IMAPS,
        username=USER,
        password=PASSWORD,
    )


def poll(mailbox: Mailbox, dovecot: Dovecot, ingest=ingest):  # type: ignore[no-untyped-def]
    mailbox.refresh_from_db()
    return poll_mailbox(
        mailbox, ingest=ingest, connect=lambda box: connect(box, dovecot.ssl_context), force=True
    )


def three_messages(dovecot: Dovecot) -> None:
    dovecot.append(compose(subject="IMAP: export fails", message_id="<i1@mail.acme.example>"))
    dovecot.append(
        compose(
            subject="Re: IMAP: export fails",
            body="The log is attached now.",
            headers={"In-Reply-To": "<i1@mail.acme.example>"},
        )
    )
    dovecot.append(compose(sender="bob@globex.example", subject="IMAP: invoice missing"))


def test_poll_over_imaps_stores_tickets_and_marks_read(mailbox, dovecot):
    three_messages(dovecot)

    report = poll(mailbox, dovecot)

    assert report.error == ""
    assert dict(report.counts) == {"ticket_created": 2, "message_added": 1}
    export = Ticket.objects.get(subject="IMAP: export fails")
    assert export.messages.count() == 2
    assert Ticket.objects.filter(subject="IMAP: invoice missing").exists()
    assert all(SEEN in flags for _, flags in dovecot.folder())
    sources = InboundMail.objects.values_list("source", flat=True)
    expected = f"imap://support%40charterdesk.example@127.0.0.1:{dovecot.imaps_port}/INBOX;"
    assert all(source.startswith(expected) for source in sources)


def test_a_message_is_marked_only_after_it_was_stored(mailbox, dovecot):
    dovecot.append(compose(subject="Stored before marked"))
    seen_while_storing = []

    def ingest_and_look(raw: bytes, *, source: str):  # type: ignore[no-untyped-def]
        seen_while_storing.append([SEEN in flags for _, flags in dovecot.folder()])
        return ingest(raw, source=source)

    poll(mailbox, dovecot, ingest=ingest_and_look)

    assert seen_while_storing == [[False]]  # fetched with BODY.PEEK: still unread
    assert InboundMail.objects.filter(subject="Stored before marked").exists()
    assert [SEEN in flags for _, flags in dovecot.folder()] == [True]


def test_when_storing_fails_the_message_stays_unread_and_comes_again(mailbox, dovecot):
    three_messages(dovecot)
    calls = []

    def fails_on_the_second(raw: bytes, *, source: str):  # type: ignore[no-untyped-def]
        calls.append(source)
        if len(calls) == 2:
            raise OperationalError("database is locked")
        return ingest(raw, source=source)

    report = poll(mailbox, dovecot, ingest=fails_on_the_second)

    assert "database is locked" in report.error
    assert [SEEN in flags for _, flags in dovecot.folder()] == [True, False, False]
    assert InboundMail.objects.count() == 1
    mailbox.refresh_from_db()
    assert mailbox.failures == 1
    assert "database is locked" in mailbox.last_error

    report = poll(mailbox, dovecot)

    assert report.error == ""
    assert sum(report.counts.values()) == 2
    assert InboundMail.objects.count() == 3
    assert all(SEEN in flags for _, flags in dovecot.folder())


def test_a_second_poll_adds_nothing(mailbox, dovecot):
    three_messages(dovecot)
    poll(mailbox, dovecot)
    tickets = Ticket.objects.count()

    report = poll(mailbox, dovecot)

    assert sum(report.counts.values()) == 0
    assert InboundMail.objects.count() == 3
    assert Ticket.objects.count() == tickets


def test_reading_the_folder_again_from_the_start_adds_nothing(mailbox, dovecot):
    three_messages(dovecot)
    poll(mailbox, dovecot)
    tickets = Ticket.objects.count()
    Mailbox.objects.filter(pk=mailbox.pk).update(last_uid=0)  # as after a UIDVALIDITY change

    report = poll(mailbox, dovecot)

    assert dict(report.counts) == {"ignored": 3}
    assert InboundMail.objects.count() == 3
    assert Ticket.objects.count() == tickets


def test_move_after_storing_empties_the_inbox(mailbox, dovecot):
    dovecot.create("Processed")
    three_messages(dovecot)
    Mailbox.objects.filter(pk=mailbox.pk).update(
        after_storing=AfterStoring.MOVE, move_to="Processed"
    )

    report = poll(mailbox, dovecot)

    assert sum(report.counts.values()) == 3
    assert dovecot.folder("INBOX") == []
    assert len(dovecot.folder("Processed")) == 3
    assert sum(poll(mailbox, dovecot).counts.values()) == 0


def test_delete_after_storing_removes_the_messages(mailbox, dovecot):
    three_messages(dovecot)
    Mailbox.objects.filter(pk=mailbox.pk).update(after_storing=AfterStoring.DELETE)

    poll(mailbox, dovecot)

    assert dovecot.folder("INBOX") == []
    assert InboundMail.objects.count() == 3


def test_the_poll_command_reads_a_local_mailbox(personas, dovecot, capsys):
    Mailbox.objects.create(
        name="local",
        host="127.0.0.1",
        port=dovecot.imap_port,
        tls=TlsMode.PLAIN,
        username=USER,
        password=PASSWORD,
    )
    dovecot.append(compose(subject="Polled by the command"))

    call_command("mail", "poll")

    assert capsys.readouterr().out.strip() == "local: 1 fetched (1 ticket_created)"
    assert Ticket.objects.filter(subject="Polled by the command").exists()


def test_wrong_password_is_reported_on_the_mailbox(mailbox, dovecot):
    Mailbox.objects.filter(pk=mailbox.pk).update(password="wrong")  # noqa: S106

    report = poll(mailbox, dovecot)

    assert "AUTHENTICATIONFAILED" in report.error or "failed" in report.error.lower()
    mailbox.refresh_from_db()
    assert mailbox.failures == 1
    assert mailbox.next_poll_at is not None


def test_the_scheduler_job_polls_the_enabled_mailboxes(personas, dovecot):
    from charterdesk.core.schedule import JOBS

    (job,) = [
        job for job in JOBS if job.task.module_path == "charterdesk.mailboxes.tasks.poll_mailboxes"
    ]
    Mailbox.objects.create(
        name="local",
        host="127.0.0.1",
        port=dovecot.imap_port,
        tls=TlsMode.PLAIN,
        username=USER,
        password=PASSWORD,
    )
    dovecot.append(compose(subject="Polled by the scheduler"))

    result = job.task.enqueue()

    assert result.return_value == {"local": {"ticket_created": 1}}
    assert Ticket.objects.filter(subject="Polled by the scheduler").exists()
