"""Staff plan maintenance on the desk and move it scheduled -> in progress -> verifying ->
completed; a wrong move or a bad window is refused with a message; the public page follows."""

from datetime import timedelta

from django.utils import timezone

from charterdesk.incidents.models import Maintenance
from tests.incidents.factories import service


def _local(moment):  # type: ignore[no-untyped-def]
    return f"{timezone.localtime(moment):%Y-%m-%dT%H:%M}"


def test_plan_and_move_through_every_state(personas, login, client):
    now = timezone.now()
    cloud = service("Cloud")
    desk = login(personas.tier2)
    planned = desk.post(
        "/desk/maintenance",
        {
            "title": "Database upgrade",
            "description": "Read-only for ten minutes.",
            "services": [cloud.pk],
            "starts_at": _local(now + timedelta(hours=2)),
            "ends_at": _local(now + timedelta(hours=3)),
            "is_public": "on",
        },
    )
    assert planned.status_code == 302
    maintenance = Maintenance.objects.get()
    assert "Database upgrade" in client.get("/status/").content.decode()
    for step in ("in_progress", "verifying", "completed"):
        desk.post(f"/desk/maintenance/{maintenance.pk}/move", {"to": step})
        maintenance.refresh_from_db()
        assert maintenance.status == step
    assert maintenance.started_at is not None and maintenance.completed_at is not None
    refused = desk.post(
        f"/desk/maintenance/{maintenance.pk}/move", {"to": "in_progress"}, follow=True
    )
    assert "cannot move there" in refused.content.decode()


def test_a_window_that_ends_before_it_starts_is_refused_on_the_form(personas, login):
    now = timezone.now()
    page = login(personas.tier2).post(
        "/desk/maintenance",
        {
            "title": "Backwards",
            "services": [service("Cloud").pk],
            "starts_at": _local(now + timedelta(hours=3)),
            "ends_at": _local(now + timedelta(hours=2)),
        },
    )
    assert page.status_code == 200
    assert "The window must end after it starts." in page.content.decode()
    assert not Maintenance.objects.exists()


def test_customers_cannot_plan_maintenance(personas, login):
    assert login(personas.alice).get("/desk/maintenance").status_code in (302, 403, 404)
