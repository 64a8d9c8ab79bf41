"""The 90-day bars: every service x day from one SQL query, an incident colours the days it
was open, with its worst impact."""

from datetime import UTC, datetime, timedelta

from charterdesk.incidents.models import Incident
from charterdesk.status.history import history, uptime
from tests.incidents.factories import acme_outage, service


def test_an_incident_colours_the_days_it_was_open(personas, django_assert_num_queries):
    now = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    incident = acme_outage(personas, now - timedelta(days=3))
    Incident.objects.filter(pk=incident.pk).update(
        is_public=True,
        impact="major",
        started_at=datetime(2026, 11, 30, 23, 0, tzinfo=UTC),
        resolved_at=datetime(2026, 12, 1, 1, 0, tzinfo=UTC),
        status="resolved",
    )
    cloud, api = service("Cloud"), service("Billing API")
    others = [service(f"Extra {n}") for n in range(5)]
    with django_assert_num_queries(1):
        days = history([cloud, api, *others], now)
    bars = days[cloud.pk]
    assert len(bars) == 90
    assert bars[-1].day.isoformat() == "2026-12-04"
    coloured = {d.day.isoformat(): d.level for d in bars if d.incidents}
    assert coloured == {"2026-11-30": "major", "2026-12-01": "major"}
    assert all(d.incidents == 0 for d in days[api.pk])
    assert uptime(bars) == round(100 * 88 / 90, 2)


def test_an_open_incident_runs_until_today_and_private_ones_do_not_count(personas):
    now = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    incident = acme_outage(personas, now - timedelta(days=1))
    cloud = service("Cloud")
    assert all(d.incidents == 0 for d in history([cloud], now)[cloud.pk])  # not public
    Incident.objects.filter(pk=incident.pk).update(is_public=True, impact="critical")
    bars = history([cloud], now)[cloud.pk]
    assert [d.level for d in bars[-2:]] == ["critical", "critical"]
    assert bars[-3].level == "ok"


def test_any_number_of_services_reads_the_history(personas):
    """Three services once made PostgreSQL read the day rows' casts into the services' list."""
    now = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    for count in (1, 2, 3, 4):
        found = history([service(f"Counted {n}") for n in range(count)], now)
        assert len(found) == count
