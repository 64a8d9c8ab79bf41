"""N failures in a row open a suspected incident, M successes recover it, a flapping server
opens nothing, and one service gets one incident at a time (deduplication window)."""

from datetime import timedelta

from django.utils import timezone

from charterdesk.incidents.choices import EventKind, Qualification, Source
from charterdesk.incidents.models import Incident, Monitor, TimelineEvent
from charterdesk.incidents.monitors.sweep import sweep
from tests.incidents.factories import service

from .servers import Answer, http_server


def _monitor(url: str, **fields: object) -> Monitor:
    defaults: dict[str, object] = {
        "service": service("Cloud"),
        "name": "Home page",
        "kind": "http",
        "url": url,
        "interval_seconds": 30,
        "failures_to_open": 3,
        "successes_to_recover": 2,
        "timeout_seconds": 2,
        "next_check_at": timezone.now() - timedelta(minutes=1),
        **fields,
    }
    return Monitor.objects.create(**defaults)


def _checks(n: int, start, step=timedelta(seconds=30)):  # type: ignore[no-untyped-def]
    moment = start
    for _ in range(n):
        sweep(moment)
        moment += step
    return moment


def test_three_failures_open_a_suspected_incident_and_two_successes_recover(db):
    answer, now = Answer(), timezone.now()
    with http_server(answer) as url:
        monitor = _monitor(url)
        answer.status = 503
        moment = _checks(2, now)
        assert not Incident.objects.exists()
        moment = _checks(1, moment)
        incident = Incident.objects.get()
        assert incident.qualification == Qualification.SUSPECTED
        assert incident.source == Source.MONITOR
        assert "HTTP 503" in incident.nature
        monitor.refresh_from_db()
        assert monitor.state == "down" and monitor.incident == incident
        moment = _checks(3, moment)  # still failing: nothing new
        assert Incident.objects.count() == 1
        answer.status = 200
        moment = _checks(1, moment)
        monitor.refresh_from_db()
        assert monitor.state == "down"
        _checks(1, moment)
        monitor.refresh_from_db()
        assert monitor.state == "up"
    assert TimelineEvent.objects.filter(
        incident=incident, kind=EventKind.NOTE, text__contains="recovered"
    ).exists()
    assert monitor.results.count() == 8


def test_a_flapping_server_opens_nothing(db):
    answer, moment = Answer(), timezone.now()
    with http_server(answer) as url:
        monitor = _monitor(url)
        for n in range(10):
            answer.status = 500 if n % 2 else 200
            moment = _checks(1, moment)
    monitor.refresh_from_db()
    assert not Incident.objects.exists()
    assert monitor.state == "up"
    assert monitor.results.filter(ok=False).count() == 5


def test_two_monitors_of_one_service_share_one_incident(db):
    answer, now = Answer(), timezone.now()
    answer.status = 500
    with http_server(answer) as url:
        _monitor(url, name="Home page")
        _monitor(url, name="Login page")
        _checks(3, now)
    assert Incident.objects.count() == 1
    assert Monitor.objects.filter(state="down", incident__isnull=False).count() == 2


def test_failing_again_within_the_window_joins_the_dismissed_incident(db, personas):
    answer, now = Answer(), timezone.now()
    with http_server(answer) as url:
        _monitor(url, successes_to_recover=1, dedup_minutes=30)
        answer.status = 500
        moment = _checks(3, now)
        first = Incident.objects.get()
        Incident.objects.filter(pk=first.pk).update(qualification=Qualification.DISMISSED)
        answer.status = 200
        moment = _checks(1, moment)
        answer.status = 500
        moment = _checks(3, moment)
        assert Incident.objects.count() == 1  # within 30 minutes: joined
        answer.status = 200
        moment = _checks(1, moment + timedelta(minutes=40))
        answer.status = 500
        _checks(3, moment)
    assert Incident.objects.count() == 2  # past the window: a new one
