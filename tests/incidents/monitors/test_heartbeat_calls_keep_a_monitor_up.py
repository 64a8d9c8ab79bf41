"""`POST /heartbeat/{secret}` keeps a heartbeat monitor up; silence opens an incident."""

from datetime import timedelta

from django.utils import timezone

from charterdesk.incidents.models import Incident, Monitor
from charterdesk.incidents.monitors.sweep import sweep
from tests.incidents.factories import service


def test_calls_keep_it_up_and_silence_opens_an_incident(db, client):
    now = timezone.now()
    monitor = Monitor.objects.create(
        service=service("Nightly export"),
        name="Export job",
        kind="heartbeat",
        interval_seconds=60,
        grace_seconds=30,
        failures_to_open=2,
        created_at=now,
        next_check_at=now,
    )
    assert client.post(f"/heartbeat/{monitor.secret}").status_code == 204
    assert client.get(f"/heartbeat/{monitor.secret}").status_code == 405
    assert client.post("/heartbeat/not-a-secret").status_code == 404
    monitor.refresh_from_db()
    assert monitor.last_heartbeat_at is not None
    sweep(monitor.last_heartbeat_at + timedelta(seconds=60))
    assert not Incident.objects.exists()
    sweep(monitor.last_heartbeat_at + timedelta(seconds=120))
    sweep(monitor.last_heartbeat_at + timedelta(seconds=180))
    incident = Incident.objects.get()
    assert "Export job" in incident.title


def test_a_paused_heartbeat_refuses_calls(db, client):
    monitor = Monitor.objects.create(
        service=service("Cloud"), name="Job", kind="heartbeat", is_active=False
    )
    assert client.post(f"/heartbeat/{monitor.secret}").status_code == 404
