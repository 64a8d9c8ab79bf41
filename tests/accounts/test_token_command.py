"""`charterdesk token EMAIL --scope … --expires …`."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from charterdesk.accounts.models import ApiToken
from tests.cli.test_commands import run_cli


def test_the_token_gets_the_scopes_and_lifetime_asked_for(personas, capsys):
    call_command("token", "tier1@charterdesk.example", "--scope", "read", "--expires", "7")
    token = ApiToken.find(capsys.readouterr().out.strip())
    assert token is not None and token.scopes == ["read"]
    assert token.expires_at is not None
    assert timedelta(days=6) < token.expires_at - timezone.now() <= timedelta(days=7)


def test_by_default_a_token_reads_and_writes_for_ninety_days(personas, capsys):
    call_command("token", "alice@acme.example")
    token = ApiToken.find(capsys.readouterr().out.strip())
    assert token is not None and token.scopes == ["read", "write"]
    assert token.expires_at is not None
    assert token.expires_at - timezone.now() > timedelta(days=89)


def test_a_customer_cannot_get_an_admin_token(personas):
    with pytest.raises(CommandError, match="cannot hold the admin scope") as error:
        call_command("token", "alice@acme.example", "--scope", "admin")
    assert error.value.returncode == 2
    assert not ApiToken.objects.filter(user=personas.alice).exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--expires", "soon"], "'soon' is not a number of days"),
        (["--scope", "root"], "invalid choice: 'root'"),
    ],
)
def test_bad_options_get_one_line_and_exit_code_2(args, message):
    result = run_cli("token", "alice@acme.example", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
