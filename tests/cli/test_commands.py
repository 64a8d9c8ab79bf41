import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command

from charterdesk.accounts.models import ApiToken, User
from charterdesk.sla.models import SlaClock
from charterdesk.tickets.models import Ticket


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "charterdesk.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "PATH": "/usr/bin:/bin",
            "CHARTERDESK_DATA_DIR": str(Path(tempfile.gettempdir()) / "charterdesk-cli-test"),
            "PYTHONPATH": "src:.",
        },
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["seed", "--tickets", "abc"], "'abc' is not a whole number"),
        (["seed"], "the following arguments are required: --tickets"),
        (["web", "--port", "70000"], "is not a port number"),
        (["web", "--keep-alive", "-1"], "'-1' must be 0 or more"),
        (["web", "--workers", "0"], "'0' must be 1 or more"),
        (["bogus-command"], "unknown command 'bogus-command'"),
    ],
)
def test_bad_arguments_get_one_line_and_exit_code_2(args, message):
    result = run_cli(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_token_prints_a_working_token(personas, capsys):
    call_command("token", "alice@acme.example")
    plain = capsys.readouterr().out.strip()
    assert ApiToken.find(plain).user == personas.alice


def test_token_for_unknown_user_is_a_clear_error(personas):
    result = run_cli("token", "nobody@nowhere.example")
    assert result.returncode in (1, 2)
    assert "no active user" in result.stderr or "no such table" in result.stderr


def test_demo_is_idempotent_and_has_the_documented_accounts(personas, capsys):
    call_command("demo")
    first = (User.objects.count(), Ticket.objects.count())
    call_command("demo")
    assert (User.objects.count(), Ticket.objects.count()) == first
    out = capsys.readouterr().out
    for email in (
        "alice@acme.example",
        "bob@globex.example",
        "carol@initech.example",
        "tier1@charterdesk.example",
        "tier2@charterdesk.example",
        "tier3@charterdesk.example",
        "manager@charterdesk.example",
        "admin@charterdesk.example",
    ):
        assert email in out
    assert set(User.objects.values_list("email", flat=True)) == {
        "alice@acme.example",
        "bob@globex.example",
        "carol@initech.example",
        "tier1@charterdesk.example",
        "tier2@charterdesk.example",
        "tier3@charterdesk.example",
        "manager@charterdesk.example",
        "admin@charterdesk.example",
        "riley@charterdesk.example",  # the new agent on a learning path, in shadow mode
    }
    assert Ticket.objects.filter(status="solved").exists()
    assert Ticket.objects.filter(messages__visibility="internal").exists()


def test_seed_adds_tickets_with_conversations(personas):
    call_command("seed", tickets=300, orgs=3)
    assert Ticket.objects.count() == 300
    assert Ticket.objects.filter(status__in=["new", "open"]).exists()
    assert Ticket.objects.filter(status="closed").exists()
    assert Ticket.objects.filter(messages__isnull=True).count() == 0
    running = SlaClock.objects.filter(state="active", ticket__status__in=["new", "open"])
    assert running.exists()
    assert not SlaClock.objects.filter(ticket__status="closed", state="active").exists()
    newest = Ticket.objects.order_by("-id").first()
    assert newest.events.filter(kind="created").exists()
