import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from charterdesk.core.models import AuditEntry
from charterdesk.incidents.models import Deployment
from tests.incidents.factories import service

GOOD_AND_BAD = (
    "organization,service,region\n"
    "Acme Corp,Cloud,EU\n"
    "globex,cloud,\n"
    "Nobody Ltd,Cloud,EU\n"
    "Acme Corp,Teleport,EU\n"
    "Acme Corp,Cloud,EU\n"
)


@pytest.fixture
def file(tmp_path):
    def write(text: str, name: str = "deployments.csv"):  # type: ignore[no-untyped-def]
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def _pairs() -> set[tuple[str, str, str]]:
    return set(Deployment.objects.values_list("organization__name", "service__name", "region"))


def test_good_rows_are_imported_and_bad_ones_reported_with_their_line(personas, file, capsys):
    service("Cloud")
    before = _pairs()
    with pytest.raises(SystemExit) as exited:
        call_command("incidents", "import-deployments", file(GOOD_AND_BAD))
    out, err = capsys.readouterr()
    assert exited.value.code == 1
    acme, globex = personas.alice.contact.organization.name, personas.bob.contact.organization.name
    assert _pairs() - before == {(acme, "Cloud", "EU"), (globex, "Cloud", "")}
    assert "line 4: No organization is called “Nobody Ltd”." in err
    assert "line 5: No service is called “Teleport”." in err
    assert "Added 2 deployments; 1 already there; 2 rows refused." in out
    assert AuditEntry.objects.filter(kind="incidents.deployment", action="created").count() >= 2


def test_importing_the_same_file_twice_adds_nothing_the_second_time(personas, file, capsys):
    service("Cloud")
    text = "organization,service,region\nAcme Corp,Cloud,EU\n"
    call_command("incidents", "import-deployments", file(text))
    count = Deployment.objects.count()
    call_command("incidents", "import-deployments", file(text))
    assert Deployment.objects.count() == count
    assert "Added 0 deployments; 1 already there." in capsys.readouterr().out


def test_a_dry_run_writes_nothing(personas, file, capsys):
    service("Cloud")
    count = Deployment.objects.count()
    call_command(
        "incidents",
        "import-deployments",
        file("organization,service\nAcme Corp,Cloud\n"),
        "--dry-run",
    )
    assert Deployment.objects.count() == count
    assert "Would add 1 deployment; 0 already there. Dry run" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name,region\nAcme Corp,EU\n", "organization and service are missing"),
        (b"\xff\xfeorganization", "not UTF-8 text"),
        (b"", "organization and service are missing"),
    ],
)
def test_a_bad_file_is_one_line_and_exit_code_2(personas, tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message) as caught:
        call_command("incidents", "import-deployments", str(path))
    assert caught.value.returncode == 2
    assert "\n" not in str(caught.value)


def test_a_missing_file_is_exit_code_2(personas):
    with pytest.raises(CommandError, match="cannot read /no/such.csv") as caught:
        call_command("incidents", "import-deployments", "/no/such.csv")
    assert caught.value.returncode == 2
