"""The Atom feed of public updates and the RFC 5545 calendar of maintenance."""

from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree  # noqa: S405 - our own feed

from django.utils import timezone

from charterdesk.incidents.models import Incident, IncidentUpdate, Maintenance
from charterdesk.status.feeds import _fold
from tests.incidents.factories import acme_outage, service

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_atom_feed_lists_public_updates_only(personas, client):
    incident = acme_outage(personas)
    Incident.objects.filter(pk=incident.pk).update(is_public=True)
    IncidentUpdate.objects.create(incident=incident, status="identified", message="Found it.")
    IncidentUpdate.objects.create(
        incident=incident, status="identified", message="secret", is_public=False
    )
    response = client.get("/status/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own feed
    entries = root.findall(f"{ATOM}entry")
    texts = [e.findtext(f"{ATOM}summary") for e in entries]
    assert "Found it." in texts
    assert "secret" not in response.content.decode()


def test_the_calendar_has_one_event_per_public_maintenance(personas, client):
    start = datetime(2026, 12, 10, 22, 0, tzinfo=UTC)
    shown = Maintenance.objects.create(
        title="Upgrade; phase 1, part A",
        description="Line one\nline two",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )
    shown.services.set([service("Cloud")])
    Maintenance.objects.create(
        title="Hidden work", is_public=False, starts_at=start, ends_at=start + timedelta(hours=1)
    )
    response = client.get("/status/maintenance.ics")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 1
    assert "DTSTART:20261210T220000Z" in text and "DTEND:20261211T000000Z" in text
    assert "SUMMARY:Upgrade\\; phase 1\\, part A" in text
    assert "Line one\\nline two" in text.replace("\r\n ", "")
    assert "Hidden work" not in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert timezone.now()


def test_long_lines_fold_without_splitting_a_character():
    line = "DESCRIPTION:" + "é" * 100
    folded = _fold(line)
    parts = folded.split("\r\n ")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert "".join(parts) == line
