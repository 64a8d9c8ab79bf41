"""`charterdesk mail ingest PATH... [--json]`: .eml, mbox, Maildir and standard input, one
JSON line per message, every message with an outcome."""

import io
import json
import mailbox
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command

from charterdesk.mail.models import InboundMail
from charterdesk.tickets.models import Ticket

from .conftest import compose


def ingest_json(*paths: str) -> list[dict]:
    out, err = io.StringIO(), io.StringIO()
    call_command("mail", "ingest", *paths, "--json", stdout=out, stderr=err)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_an_eml_file_opens_a_ticket(personas, tmp_path):
    path = tmp_path / "request.eml"
    path.write_bytes(compose(subject="Invoices are not generated"))

    (line,) = ingest_json(str(path))

    assert line["source"] == str(path)
    assert line["outcome"] == "ticket_created"
    assert line["reason"] == "new request"
    ticket = Ticket.objects.get(pk=line["ticket"])
    assert ticket.subject == "Invoices are not generated"
    assert ticket.requester.email == "alice@acme.example"


def test_an_mbox_gives_one_line_per_message_in_order(personas, tmp_path):
    path = tmp_path / "archive.mbox"
    box = mailbox.mbox(str(path))
    box.add(compose(subject="Export broken", message_id="<m1@mail.acme.example>"))
    box.add(
        compose(
            subject="Re: Export broken",
            body="Here is the log.",
            headers={"In-Reply-To": "<m1@mail.acme.example>"},
        )
    )
    box.add(compose(subject="Out of office: Export broken", body="Back on Monday."))
    box.flush()

    lines = ingest_json(str(path))

    assert [line["source"] for line in lines] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert [line["outcome"] for line in lines] == ["ticket_created", "message_added", "ignored"]
    assert lines[1]["ticket"] == lines[0]["ticket"]
    assert lines[2]["reason"].startswith("automatic mail, not answered")
    assert Ticket.objects.get(pk=lines[0]["ticket"]).messages.count() == 2


def test_a_maildir_reads_new_and_cur(personas, tmp_path):
    box = mailbox.Maildir(str(tmp_path / "backup"))
    box.add(compose(subject="First from the backup"))
    moved = mailbox.MaildirMessage(compose(sender="bob@globex.example", subject="Second"))
    moved.set_subdir("cur")
    box.add(moved)

    lines = ingest_json(str(tmp_path / "backup"))

    assert sorted(line["outcome"] for line in lines) == ["ticket_created", "ticket_created"]
    assert all(line["source"].startswith(f"maildir:{tmp_path / 'backup'}/") for line in lines)
    assert {Ticket.objects.get(pk=line["ticket"]).subject for line in lines} == {
        "First from the backup",
        "Second",
    }


def test_standard_input_is_read_with_dash(personas, monkeypatch):
    envelope = b"From alice@acme.example Tue Dec  1 10:00:00 2026\n"
    stdin = io.TextIOWrapper(io.BytesIO(envelope + compose(subject="Piped in")))
    monkeypatch.setattr(sys, "stdin", stdin)

    (line,) = ingest_json("-")

    assert line["source"] == "-"
    assert Ticket.objects.get(pk=line["ticket"]).subject == "Piped in"


def test_importing_the_same_file_twice_adds_nothing(personas, tmp_path):
    path = tmp_path / "request.eml"
    path.write_bytes(compose())
    (first,) = ingest_json(str(path))

    (again,) = ingest_json(str(path))

    assert again["outcome"] == "ignored"
    assert again["ticket"] == first["ticket"]
    assert again["reason"].startswith("already received")
    assert InboundMail.objects.count() == 1


def test_something_that_is_not_mail_still_gets_an_outcome(personas, tmp_path):
    junk = tmp_path / "junk.eml"
    junk.write_bytes(b"\x00\x01 not a mail message at all")
    good = tmp_path / "good.eml"
    good.write_bytes(compose())

    lines = ingest_json(str(junk), str(good))

    assert [line["outcome"] for line in lines] == ["quarantined", "ticket_created"]
    assert lines[0]["ticket"] is None
    assert "not a mail message" in lines[0]["reason"]


def test_without_json_a_summary_is_printed(personas, tmp_path):
    path = tmp_path / "request.eml"
    path.write_bytes(compose())
    out = io.StringIO()

    call_command("mail", "ingest", str(path), stdout=out)

    assert out.getvalue().strip() == (
        "1 message: 1 ticket_created, 0 message_added, 0 ignored, 0 quarantined"
    )


def run_cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "charterdesk.cli", *args],
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
        env={
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "PATH": "/usr/bin:/bin",
            "CHARTERDESK_DATA_DIR": str(Path(tempfile.gettempdir()) / "charterdesk-cli-test"),
            "PYTHONPATH": "src:.",
        },
    )


@pytest.fixture
def not_a_maildir(tmp_path: Path) -> str:
    (tmp_path / "photos").mkdir()
    return str(tmp_path / "photos")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/nonexistent/archive.mbox"], "/nonexistent/archive.mbox: no such file or folder"),
        (["NOT_A_MAILDIR"], "a folder that is not a Maildir (no cur/ and new/)"),
        (["-", "-"], "standard input ('-') can be read only once"),
        ([], "the following arguments are required: PATH"),
        (["--jsn", "x.eml"], "unrecognized arguments: --jsn"),
    ],
)
def test_unusable_arguments_exit_2_with_one_line(args, message, not_a_maildir):
    args = [not_a_maildir if arg == "NOT_A_MAILDIR" else arg for arg in args]

    result = run_cli("mail", "ingest", *args)

    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert message in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert "Traceback" not in stderr


def test_a_bad_path_among_good_ones_ingests_nothing(personas, tmp_path):
    good = tmp_path / "good.eml"
    good.write_bytes(compose())

    with pytest.raises(Exception, match="no such file or folder"):
        call_command("mail", "ingest", str(good), str(tmp_path / "missing.eml"), "--json")

    assert InboundMail.objects.count() == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["smtpd", "--port", "70000"], "is not a port number"),
        (["poll", "--mailbox"], "expected one argument"),
        (["fetch"], "invalid choice: 'fetch'"),
    ],
)
def test_other_mail_actions_refuse_bad_arguments_with_exit_2(args, message):
    result = run_cli("mail", *args)

    stderr = result.stderr.decode()
    assert result.returncode == 2
    assert message in stderr
    assert len(stderr.strip().splitlines()) == 1
