"""`charterdesk config export|import`: a file that copies a set-up, a dry run, and bad
input answered in one line with exit code 2."""

import json

import pytest
from django.core.management import call_command

from charterdesk.customers.models import Organization

from .test_commands import run_cli


def test_export_writes_a_file_that_imports_as_unchanged(personas, tmp_path, capsys):
    path = tmp_path / "setup.json"
    call_command("config", "export", str(path))
    document = json.loads(path.read_text())
    assert "Secrets are not exported" in document["secrets"]

    call_command("config", "import", str(path))

    out = capsys.readouterr().out
    assert "organizations 0 new, 0 changed, 3 unchanged" in out


def test_dry_run_says_what_would_change_and_writes_nothing(personas, tmp_path, capsys):
    path = tmp_path / "setup.json"
    call_command("config", "export", str(path))
    document = json.loads(path.read_text())
    document["organizations"].append({"name": "Umbrella"})
    path.write_text(json.dumps(document))

    call_command("config", "import", str(path), "--dry-run")

    out = capsys.readouterr().out
    assert "Created organizations: Umbrella" in out and "Dry run: nothing was written." in out
    assert not Organization.objects.filter(name="Umbrella").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        ("{not json", "is not JSON (line 1"),
        ('{"format": "charterdesk-configuration", "version": 1, "plans": [{"name": 1}]}', "error"),
    ],
)
def test_bad_file_gets_a_clear_error_and_exit_code_2(tmp_path, content, message):
    path = tmp_path / "setup.json"
    if content is not None:
        path.write_text(content)

    result = run_cli("config", "import", str(path))

    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_argument_is_one_line(tmp_path):
    result = run_cli("config", "import")

    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
