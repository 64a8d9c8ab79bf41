"""On the desk, a window is edited or rescheduled from its page (with regions), and
cancelled with a reason; bad input is a form error, customers cannot reach the pages."""

from datetime import timedelta

from django.utils import timezone

from charterdesk.incidents import maintenance as service
from charterdesk.incidents.models import Maintenance
from tests.incidents.factories import service as a_service


def _local(moment):  # type: ignore[no-untyped-def]
    return f"{timezone.localtime(moment):%Y-%m-%dT%H:%M}"


def _plan(personas) -> Maintenance:  # type: ignore[no-untyped-def]
    now = timezone.now()
    return service.maintenance_create(
        personas.tier2,
        title="Database upgrade",
        description="Read-only for ten minutes.",
        services=[a_service("Cloud")],
        starts_at=now + timedelta(hours=3, seconds=17),
        ends_at=now + timedelta(hours=4),
        is_public=True,
        now=now,
    )


def _fields(maintenance, **changes):  # type: ignore[no-untyped-def]
    fields = {
        "title": maintenance.title,
        "description": maintenance.description,
        "services": [s.pk for s in maintenance.services.all()],
        "regions": ", ".join(maintenance.regions),
        "starts_at": _local(maintenance.starts_at),
        "ends_at": _local(maintenance.ends_at),
        "is_public": "on",
    }
    return fields | changes


def test_edit_page_shows_the_window_and_saves_a_reschedule(personas, login):
    maintenance = _plan(personas)
    desk = login(personas.tier2)
    page = desk.get(f"/desk/maintenance/{maintenance.pk}").content.decode()
    assert f'value="{_local(maintenance.starts_at)}"' in page
    assert "Cancel the maintenance" in page
    unchanged = desk.post(f"/desk/maintenance/{maintenance.pk}", _fields(maintenance))
    assert unchanged.status_code == 302
    maintenance.refresh_from_db()
    assert maintenance.sequence == 0  # the same minute is the same moment
    later = maintenance.starts_at + timedelta(days=2)
    saved = desk.post(
        f"/desk/maintenance/{maintenance.pk}",
        _fields(
            maintenance,
            starts_at=_local(later),
            ends_at=_local(later + timedelta(hours=1)),
            regions="EU, US",
        ),
    )
    assert saved.status_code == 302
    maintenance.refresh_from_db()
    assert maintenance.regions == ["EU", "US"] and maintenance.sequence == 1
    assert _local(maintenance.starts_at) == _local(later)
    listing = desk.get("/desk/maintenance").content.decode()
    assert "(EU, US)" in listing


def test_a_bad_edit_is_a_form_error(personas, login):
    maintenance = _plan(personas)
    page = login(personas.tier2).post(
        f"/desk/maintenance/{maintenance.pk}",
        _fields(maintenance, ends_at=_local(maintenance.starts_at - timedelta(hours=1))),
    )
    assert page.status_code == 200
    assert "The window must end after it starts." in page.content.decode()


def test_cancel_from_the_desk_then_the_window_is_closed(personas, login):
    maintenance = _plan(personas)
    desk = login(personas.tier2)
    done = desk.post(
        f"/desk/maintenance/{maintenance.pk}/cancel", {"reason": "Not needed."}, follow=True
    )
    assert "Database upgrade: cancelled." in done.content.decode()
    maintenance.refresh_from_db()
    assert maintenance.status == "cancelled" and maintenance.cancelled_at is not None
    page = desk.get(f"/desk/maintenance/{maintenance.pk}").content.decode()
    assert "it can no longer change" in page
    again = desk.post(f"/desk/maintenance/{maintenance.pk}/cancel", {}, follow=True)
    assert "cannot be cancelled" in again.content.decode()


def test_customers_cannot_edit_or_cancel(personas, login):
    maintenance = _plan(personas)
    alice = login(personas.alice)
    assert alice.get(f"/desk/maintenance/{maintenance.pk}").status_code in (302, 403, 404)
    alice.post(f"/desk/maintenance/{maintenance.pk}/cancel", {})
    maintenance.refresh_from_db()
    assert maintenance.status == "scheduled"
