"""The JSON API reads like statuspage.io's v2: field names, status values, public data only."""

from datetime import timedelta

from django.utils import timezone

from charterdesk.incidents import services
from charterdesk.incidents.models import Incident, Maintenance
from tests.incidents.factories import acme_outage, service

V2 = "/status/api/v2/"


def test_an_open_incident_shows_in_summary_with_components_and_indicator(personas, client):
    incident = acme_outage(personas)
    Incident.objects.filter(pk=incident.pk).update(impact="critical", is_public=True)
    service("Billing API")
    data = client.get(f"{V2}summary.json").json()
    assert set(data) == {"page", "components", "incidents", "scheduled_maintenances", "status"}
    assert set(data["page"]) == {"id", "name", "url", "time_zone", "updated_at"}
    assert data["status"] == {"indicator": "critical", "description": "Major System Outage"}
    by_name = {c["name"]: c for c in data["components"]}
    assert by_name["Cloud"]["status"] == "major_outage"
    assert by_name["Billing API"]["status"] == "operational"
    [listed] = data["incidents"]
    assert listed["name"] == "Cloud is down"
    assert listed["status"] == "investigating"
    assert listed["impact"] == "critical"
    assert listed["components"][0]["name"] == "Cloud"


def test_all_clear_when_nothing_is_open(personas, client):
    service("Cloud")
    data = client.get(f"{V2}status.json").json()
    assert data["status"] == {"indicator": "none", "description": "All Systems Operational"}
    components = client.get(f"{V2}components.json").json()["components"]
    assert {c["status"] for c in components} == {"operational"}


def test_suspected_private_and_non_public_things_never_show(personas, client):
    now = timezone.now()
    hidden = service("Internal DB")
    hidden.is_public = False
    hidden.save()
    services.incident_open(personas.tier1, title="Maybe broken", services=[hidden], now=now)
    private = acme_outage(personas)
    Incident.objects.filter(pk=private.pk).update(is_public=False)
    text = client.get(f"{V2}summary.json").content.decode()
    assert "Internal DB" not in text
    assert "Maybe broken" not in text
    assert "Cloud is down" not in text
    assert client.get(f"{V2}incidents/unresolved.json").json()["incidents"] == []


def test_resolved_incidents_are_listed_but_not_unresolved(personas, client):
    incident = acme_outage(personas)
    Incident.objects.filter(pk=incident.pk).update(
        is_public=True, status="resolved", resolved_at=timezone.now()
    )
    assert [i["status"] for i in client.get(f"{V2}incidents.json").json()["incidents"]] == [
        "resolved"
    ]
    assert client.get(f"{V2}incidents/unresolved.json").json()["incidents"] == []


def test_maintenance_upcoming_and_active(personas, client):
    now = timezone.now()
    cloud = service("Cloud")
    later = Maintenance.objects.create(
        title="Database upgrade",
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=1, hours=2),
    )
    later.services.set([cloud])
    running = Maintenance.objects.create(
        title="Network work",
        status="in_progress",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
    )
    running.services.set([cloud])
    upcoming = client.get(f"{V2}scheduled-maintenances/upcoming.json").json()
    active = client.get(f"{V2}scheduled-maintenances/active.json").json()
    every = client.get(f"{V2}scheduled-maintenances.json").json()
    assert [m["name"] for m in upcoming["scheduled_maintenances"]] == ["Database upgrade"]
    assert [m["name"] for m in active["scheduled_maintenances"]] == ["Network work"]
    assert {m["name"] for m in every["scheduled_maintenances"]} == {
        "Database upgrade",
        "Network work",
    }
    first = upcoming["scheduled_maintenances"][0]
    assert first["status"] == "scheduled" and first["impact"] == "maintenance"
    assert first["scheduled_for"] and first["scheduled_until"]
    components = client.get(f"{V2}components.json").json()["components"]
    assert {c["name"]: c["status"] for c in components}["Cloud"] == "under_maintenance"
    assert client.get(f"{V2}status.json").json()["status"]["indicator"] == "maintenance"
