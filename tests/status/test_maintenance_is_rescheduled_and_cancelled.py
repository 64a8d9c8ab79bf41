"""Before it completes, a maintenance window can be edited, rescheduled and cancelled:
its customers and subscribers hear of it, the reminder re-arms on a reschedule, the status
page, its JSON and the iCalendar feed follow (a cancelled window is STATUS:CANCELLED)."""

from datetime import UTC, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from charterdesk.incidents import maintenance as service
from charterdesk.incidents.models import Maintenance
from charterdesk.mail.models import OutboundMail
from charterdesk.status.sweep import maintenance_remind
from tests.incidents.factories import deploy
from tests.incidents.factories import service as a_service

from .subscribers import subscriber


def _plan(personas, now, **fields) -> Maintenance:  # type: ignore[no-untyped-def]
    values = {
        "title": "Database upgrade",
        "description": "Read-only for ten minutes.",
        "services": [a_service("Cloud")],
        "starts_at": now + timedelta(hours=3),
        "ends_at": now + timedelta(hours=4),
        "is_public": True,
        "now": now,
    }
    return service.maintenance_create(personas.tier2, **(values | fields))


def _edit(personas, maintenance, now, **fields) -> None:  # type: ignore[no-untyped-def]
    values = {
        "title": maintenance.title,
        "description": maintenance.description,
        "services": list(maintenance.services.all()),
        "regions": maintenance.regions,
        "starts_at": maintenance.starts_at,
        "ends_at": maintenance.ends_at,
        "is_public": maintenance.is_public,
        "now": now,
    }
    service.maintenance_edit(personas.tier2, maintenance, **(values | fields))


def _subjects(email: str) -> list[str]:
    rows = OutboundMail.objects.filter(recipient=email).order_by("id")
    return [s.split("]")[0].lstrip("[") for s in rows.values_list("subject", flat=True)]


def test_a_reschedule_tells_everyone_and_re_arms_the_reminder(personas, client):
    now = timezone.now()
    cloud = a_service("Cloud")
    deploy(personas.alice.contact.organization, cloud, "EU")
    subscriber("dana@example.com", cloud)
    maintenance = _plan(personas, now)
    assert maintenance_remind(now + timedelta(hours=2, minutes=5)) == [maintenance.pk]
    later = now + timedelta(hours=2, minutes=10)
    maintenance.refresh_from_db()
    _edit(
        personas,
        maintenance,
        later,
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=1, hours=1),
    )
    for email in ("dana@example.com", "alice@acme.example"):
        assert _subjects(email)[-1] == "Rescheduled", email
    mail = OutboundMail.objects.filter(recipient="dana@example.com").order_by("id").last()
    assert mail is not None and "rescheduled" in mail.text
    maintenance.refresh_from_db()
    assert maintenance.reminded_at is None and maintenance.sequence == 1
    assert maintenance_remind(later + timedelta(minutes=5)) == []  # not at the old time
    assert maintenance_remind(now + timedelta(hours=23, minutes=5)) == [maintenance.pk]
    calendar = client.get("/status/maintenance.ics").content.decode()
    assert "SEQUENCE:1" in calendar and "STATUS:CONFIRMED" in calendar
    start = maintenance.starts_at.astimezone(UTC)
    assert f"DTSTART:{start:%Y%m%dT%H%M%S}Z" in calendar


def test_a_reschedule_within_the_hour_is_its_own_reminder(personas):
    now = timezone.now()
    subscriber("dana@example.com", a_service("Cloud"))
    maintenance = _plan(personas, now)
    soon = now + timedelta(minutes=30)
    _edit(personas, maintenance, now, starts_at=soon, ends_at=soon + timedelta(hours=1))
    assert maintenance_remind(now + timedelta(minutes=5)) == []
    assert _subjects("dana@example.com") == ["Scheduled maintenance", "Rescheduled"]


def test_wording_changes_tell_nobody_and_new_regions_tell_the_new_audience(personas):
    now = timezone.now()
    cloud = a_service("Cloud")
    deploy(personas.alice.contact.organization, cloud, "EU")
    deploy(personas.bob.contact.organization, cloud, "US")
    maintenance = _plan(personas, now, regions=["EU"])
    assert _subjects("alice@acme.example") == ["Scheduled maintenance"]
    assert _subjects("bob@globex.example") == []
    _edit(personas, maintenance, now, title="Database upgrade (v16)")
    assert _subjects("alice@acme.example") == ["Scheduled maintenance"]
    _edit(personas, maintenance, now, regions=["EU", " US ", "EU"])
    maintenance.refresh_from_db()
    assert maintenance.regions == ["EU", "US"]
    assert _subjects("bob@globex.example") == ["Updated"]


def test_a_cancelled_window_is_told_dropped_and_marked_in_the_calendar(personas, client):
    now = timezone.now()
    subscriber("dana@example.com", a_service("Cloud"))
    maintenance = _plan(personas, now)
    assert "Database upgrade" in client.get("/status/").content.decode()
    service.maintenance_cancel(personas.tier2, maintenance, now, "The vendor moved the patch.")
    assert _subjects("dana@example.com") == ["Scheduled maintenance", "Cancelled"]
    mail = OutboundMail.objects.filter(recipient="dana@example.com").order_by("id").last()
    assert mail is not None and "The vendor moved the patch." in mail.text
    assert maintenance_remind(now + timedelta(hours=2, minutes=5)) == []
    assert "Database upgrade" not in client.get("/status/").content.decode()
    for which in ("", "/upcoming"):
        listed = client.get(f"/status/api/v2/scheduled-maintenances{which}.json").json()
        assert listed["scheduled_maintenances"] == [], which
    calendar = client.get("/status/maintenance.ics").content.decode()
    assert "STATUS:CANCELLED" in calendar and "SEQUENCE:1" in calendar
    with pytest.raises(ValidationError, match="cannot be cancelled"):
        service.maintenance_cancel(personas.tier2, maintenance, now)
    with pytest.raises(ValidationError, match="cannot be changed"):
        _edit(personas, maintenance, now, title="Again")


def test_a_started_window_moves_only_its_end_and_a_completed_one_not_at_all(personas):
    now = timezone.now()
    maintenance = _plan(personas, now, starts_at=now - timedelta(minutes=5))
    service.maintenance_move(personas.tier2, maintenance, "in_progress", now)
    with pytest.raises(ValidationError) as refused:
        _edit(personas, maintenance, now, starts_at=now + timedelta(hours=1))
    assert "only its end can move" in str(refused.value)
    _edit(personas, maintenance, now, ends_at=now + timedelta(hours=6))
    maintenance.refresh_from_db()
    assert maintenance.ends_at == now + timedelta(hours=6) and maintenance.reminded_at is not None
    service.maintenance_move(personas.tier2, maintenance, "completed", now)
    with pytest.raises(ValidationError):
        service.maintenance_cancel(personas.tier2, maintenance, now)


def test_a_private_window_made_public_is_announced_once_and_reminded_later(personas):
    now = timezone.now()
    subscriber("dana@example.com", a_service("Cloud"))
    maintenance = _plan(personas, now, is_public=False)
    _edit(personas, maintenance, now, is_public=True)
    assert _subjects("dana@example.com") == ["Scheduled maintenance"]
    assert maintenance_remind(now + timedelta(hours=2, minutes=5)) == [maintenance.pk]
    soon = _plan(personas, now, is_public=False, starts_at=now + timedelta(minutes=20))
    _edit(personas, soon, now, is_public=True)
    assert maintenance_remind(now + timedelta(minutes=5)) == []  # the announcement was it
