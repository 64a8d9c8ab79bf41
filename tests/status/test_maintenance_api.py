"""Maintenance in the REST API: plan with regions, reschedule with PATCH (a notice, the
reminder re-armed), move along, cancel; problem+json for bad input and for customers."""

from datetime import timedelta

from django.utils import timezone

from charterdesk.incidents.models import Maintenance
from charterdesk.mail.models import OutboundMail
from tests.incidents.factories import service as a_service

from .subscribers import subscriber

JSON = "application/json"


def _plan(agent, **changes):  # type: ignore[no-untyped-def]
    now = timezone.now()
    body = {
        "title": "Database upgrade",
        "service_ids": [a_service("Cloud").pk],
        "regions": ["EU"],
        "starts_at": (now + timedelta(hours=3)).isoformat(),
        "ends_at": (now + timedelta(hours=4)).isoformat(),
    } | changes
    return agent.post("/api/v1/maintenance", body, content_type=JSON)


def test_plan_reschedule_move_and_cancel_through_the_api(api, personas):
    subscriber("dana@example.com", a_service("Cloud"))
    agent = api.as_(personas.tier2)
    planned = _plan(agent)
    assert planned.status_code == 201, planned.content
    body = planned.json()
    assert body["regions"] == ["EU"] and body["status"] == "scheduled"
    url = f"/api/v1/maintenance/{body['id']}"
    Maintenance.objects.filter(pk=body["id"]).update(reminded_at=timezone.now())
    later = timezone.now() + timedelta(days=1)
    moved = agent.patch(
        url,
        {"starts_at": later.isoformat(), "ends_at": (later + timedelta(hours=1)).isoformat()},
        content_type=JSON,
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["sequence"] == 1 and moved.json()["title"] == "Database upgrade"
    assert Maintenance.objects.get(pk=body["id"]).reminded_at is None
    subjects = list(
        OutboundMail.objects.filter(recipient="dana@example.com").values_list("subject", flat=True)
    )
    assert any(s.startswith("[Rescheduled]") for s in subjects)
    listed = agent.get("/api/v1/maintenance?status=scheduled").json()
    assert [m["id"] for m in listed["items"]] == [body["id"]]
    started = agent.post(f"{url}/move", {"status": "in_progress"}, content_type=JSON)
    assert started.json()["status"] == "in_progress"
    cancelled = agent.post(f"{url}/cancel", {"reason": "Rolled back."}, content_type=JSON)
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    again = agent.post(f"{url}/cancel", {}, content_type=JSON)
    assert again.status_code in (400, 422)
    assert again["Content-Type"].startswith("application/problem+json")
    assert "cannot be cancelled" in again.content.decode()


def test_bad_input_is_a_field_problem(api, personas):
    agent = api.as_(personas.tier2)
    now = timezone.now()
    backwards = _plan(agent, ends_at=(now + timedelta(hours=1)).isoformat())
    assert backwards.status_code in (400, 422)
    assert "The window must end after it starts." in backwards.content.decode()
    assert _plan(agent, service_ids=[999999]).status_code in (400, 422)
    assert _plan(agent, regions=["x" * 33]).status_code in (400, 422)
    assert agent.patch("/api/v1/maintenance/999999", {}, content_type=JSON).status_code == 404
    assert not Maintenance.objects.exists()


def test_customers_cannot_read_or_plan(api, personas):
    alice = api.as_(personas.alice)
    assert alice.get("/api/v1/maintenance").status_code == 403
    assert _plan(alice).status_code == 403
    assert not Maintenance.objects.exists()
