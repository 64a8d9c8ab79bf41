"""Monitors on a service's set-up page: listed with their current state and thresholds,
added and edited by managers (errors on the form), heartbeats show their secret address,
and an archived service takes no new monitor."""

from django.utils import timezone

from charterdesk.incidents.models import Monitor
from charterdesk.incidents.monitors.models import MonitorState
from charterdesk.incidents.services import setup

from .factories import service

SETUP = "/desk/incidents/setup"


def _fields(**extra: object) -> dict[str, object]:
    return {
        "name": "Home page",
        "kind": "http",
        "url": "https://cloud.example/health",
        "expected_status": 200,
        "body_contains": "ok",
        "host": "",
        "port": "",
        "max_latency_ms": 800,
        "min_days_left": 14,
        "timeout_seconds": 10,
        "interval_seconds": 60,
        "grace_seconds": 60,
        "failures_to_open": 3,
        "successes_to_recover": 2,
        "dedup_minutes": 30,
        **extra,
    }


def test_a_manager_adds_a_monitor_to_a_service_and_sees_its_state(personas, login):
    cloud = service("Cloud")
    client = login(personas.manager)
    added = client.post(f"{SETUP}/services/{cloud.pk}/monitors", _fields())
    assert added.status_code == 302, added.content.decode()[:3000]
    monitor = Monitor.objects.get(name="Home page")
    assert monitor.service == cloud
    Monitor.objects.filter(pk=monitor.pk).update(state=MonitorState.DOWN, failures=3)
    page = client.get(f"{SETUP}/services/{cloud.pk}").content.decode()
    assert "Home page" in page
    assert ">Down<" in page
    assert "3 failures; recovers after 2 successes; joins within 30 min" in page


def test_a_heartbeat_shows_its_secret_address(personas, login):
    cloud = service("Cloud")
    client = login(personas.manager)
    client.post(
        f"{SETUP}/services/{cloud.pk}/monitors",
        _fields(name="Nightly job", kind="heartbeat", url=""),
    )
    monitor = Monitor.objects.get(name="Nightly job")
    page = client.get(f"{SETUP}/services/{cloud.pk}").content.decode()
    assert f"/heartbeat/{monitor.secret}" in page


def test_bad_monitor_input_is_shown_on_the_service_page(personas, login):
    cloud = service("Cloud")
    refused = login(personas.manager).post(
        f"{SETUP}/services/{cloud.pk}/monitors", _fields(kind="tcp", url="", host="", port="")
    )
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "Give the host to connect to." in text
    assert "Give the port to connect to." in text
    assert not Monitor.objects.exists()


def test_editing_a_monitor_changes_its_thresholds_and_starts_counting_again(personas, login):
    cloud = service("Cloud")
    monitor = Monitor.objects.create(
        service=cloud, name="Home page", kind="http", url="https://cloud.example/", failures=2
    )
    client = login(personas.manager)
    saved = client.post(
        f"{SETUP}/monitors/{monitor.pk}", _fields(failures_to_open=5, dedup_minutes=60)
    )
    assert saved.status_code == 302, saved.content.decode()[:3000]
    monitor.refresh_from_db()
    assert (monitor.failures_to_open, monitor.dedup_minutes, monitor.failures) == (5, 60, 0)
    refused = client.post(f"{SETUP}/monitors/{monitor.pk}", _fields(failures_to_open=0))
    assert refused.status_code == 400
    assert "greater than or equal to 1" in refused.content.decode()


def test_an_agent_reads_a_monitor_but_cannot_change_it(personas, login):
    monitor = Monitor.objects.create(
        service=service("Cloud"), name="Home page", kind="http", url="https://cloud.example/"
    )
    client = login(personas.tier1)
    assert "Save monitor" not in client.get(f"{SETUP}/monitors/{monitor.pk}").content.decode()
    refused = client.post(f"{SETUP}/monitors/{monitor.pk}", _fields(name="Renamed"))
    assert refused.status_code == 403
    monitor.refresh_from_db()
    assert monitor.name == "Home page"


def test_an_archived_service_takes_no_new_monitor(personas, login):
    cloud = service("Cloud")
    setup.service_archive(personas.manager, cloud, now=timezone.now())
    refused = login(personas.manager).post(f"{SETUP}/services/{cloud.pk}/monitors", _fields())
    assert refused.status_code == 400
    assert "archived" in refused.content.decode()
    assert not Monitor.objects.exists()
