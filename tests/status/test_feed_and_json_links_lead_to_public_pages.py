"""Every link the Atom feed, the calendar and the v2 JSON give answers 200: one page per
public incident (its public updates, newest first) and per public maintenance window
(its state and times). What is not public answers 404."""

import re
from datetime import timedelta
from urllib.parse import urlsplit
from xml.etree import ElementTree  # noqa: S405 - our own feed

from django.utils import timezone

from charterdesk.incidents import services
from charterdesk.incidents.models import Incident, IncidentUpdate, Maintenance
from tests.incidents.factories import acme_outage, service

ATOM = "{http://www.w3.org/2005/Atom}"
V2 = "/status/api/v2/"


def _public_outage(personas):
    incident = acme_outage(personas)
    Incident.objects.filter(pk=incident.pk).update(is_public=True, impact="major")
    IncidentUpdate.objects.create(incident=incident, status="identified", message="A disk.")
    IncidentUpdate.objects.create(
        incident=incident, status="identified", message="root password", is_public=False
    )
    incident.refresh_from_db()
    return incident


def _window(**given):
    now = timezone.now()
    window = Maintenance.objects.create(
        title=given.pop("title", "Database upgrade"),
        description="Writes pause for ten minutes.",
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=1, hours=2),
        **given,
    )
    window.services.set([service("Cloud")])
    return window


def _path(url):
    return urlsplit(url).path


def _links(client):
    feed = ElementTree.fromstring(client.get("/status/feed.atom").content)  # noqa: S314
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    calendar = client.get("/status/maintenance.ics").content.decode().replace("\r\n ", "")
    links += re.findall(r"^URL:(.*)$", calendar, re.M)
    for name in ("summary.json", "incidents.json", "scheduled-maintenances.json"):
        data = client.get(V2 + name).json()
        links.append(data["page"]["url"])
        for row in data.get("incidents", []) + data.get("scheduled_maintenances", []):
            links.append(row["shortlink"])
    return [_path(link) for link in links]


def test_every_link_in_the_feeds_and_the_json_answers(personas, client):
    incident = _public_outage(personas)
    window = _window()
    paths = _links(client)
    assert f"/status/incidents/{incident.pk}" in paths
    assert f"/status/maintenance/{window.pk}" in paths
    for path in set(paths):
        assert client.get(path).status_code == 200, path


def test_the_incident_page_shows_its_public_updates_newest_first(personas, client):
    incident = _public_outage(personas)
    services.incident_resolve(
        incident, personas.tier3, message="The disk was replaced.", now=timezone.now()
    )
    page = client.get(f"/status/incidents/{incident.pk}")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Cloud is down" in text and "Cloud" in text
    assert text.index("The disk was replaced.") < text.index("A disk.")
    assert "root password" not in text
    assert 'name="viewport"' in text  # phone-friendly, like every page


def test_the_maintenance_page_shows_its_state_and_times(personas, client):
    window = _window()
    page = client.get(f"/status/maintenance/{window.pk}")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Database upgrade" in text and "Scheduled" in text
    assert f"{timezone.localtime(window.starts_at):%H:%M}" in text
    assert "Writes pause for ten minutes." in text


def test_what_is_not_public_answers_404(personas, client):
    incident = acme_outage(personas)  # confirmed, not public
    assert client.get(f"/status/incidents/{incident.pk}").status_code == 404
    suspected = services.incident_open(
        personas.tier1, title="Maybe down", services=[service("Cloud")], now=timezone.now()
    )
    Incident.objects.filter(pk=suspected.pk).update(is_public=True)
    assert client.get(f"/status/incidents/{suspected.pk}").status_code == 404
    hidden = _window(title="Hidden work", is_public=False)
    assert client.get(f"/status/maintenance/{hidden.pk}").status_code == 404
    assert client.get("/status/incidents/999999").status_code == 404
