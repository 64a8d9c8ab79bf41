"""Every set-up form answers bad input (a NUL character, a wrong id, a word for a number)
with an error on the page, never a 500, and saves nothing."""

import pytest

from charterdesk.incidents.models import MessageTemplate, Monitor, RoleAssignment, SeverityPolicy

from .factories import service, severity

SETUP = "/desk/incidents/setup"


@pytest.mark.parametrize(
    ("address", "fields"),
    [
        ("services", {"name": "a\x00b", "parent": "999999", "position": "first"}),
        ("severities", {"level": "one", "name": "x\x00", "max_update_interval_minutes": "-1"}),
        ("roles", {"role": "boss", "user": "abc", "team": "999999"}),
        ("templates/update", {"subject": "\x00", "body": "{next_update", "save": "1"}),
    ],
)
def test_a_bad_form_is_an_error_on_the_page(personas, login, address, fields):
    client = login(personas.manager)
    answer = client.post(f"{SETUP}/{address}", fields)
    assert answer.status_code == 400
    assert 'class="errorlist' in answer.content.decode()
    assert not RoleAssignment.objects.exists()
    assert not MessageTemplate.objects.exists()
    assert not SeverityPolicy.objects.exists()


def test_a_bad_monitor_and_a_bad_preview_question_are_errors_too(personas, login):
    cloud = service("Cloud")
    severity(1)
    client = login(personas.manager)
    answer = client.post(
        f"{SETUP}/services/{cloud.pk}/monitors",
        {"name": "x\x00", "kind": "smoke", "interval_seconds": "often"},
    )
    assert answer.status_code == 400
    assert not Monitor.objects.exists()
    asked = client.get(f"{SETUP}/roles", {"role": "boss", "service": "abc", "severity": "9"})
    assert asked.status_code == 400
    assert 'class="errorlist' in asked.content.decode()


def test_unknown_records_are_not_found(personas, login):
    client = login(personas.manager)
    for address in ("services/999999", "monitors/999999", "severities/999999"):
        assert client.get(f"{SETUP}/{address}").status_code == 404, address
    assert client.post(f"{SETUP}/roles/999999/delete").status_code == 404
    assert client.post(f"{SETUP}/services/999999/archive", {"archive": "1"}).status_code == 404
