import json
from datetime import timedelta

from django.utils import timezone

from charterdesk.incidents import services
from charterdesk.incidents.maintenance import (
    maintenance_cancel,
    maintenance_create,
    maintenance_move,
)
from charterdesk.incidents.webhooks.models import WebhookDelivery, WebhookEvent
from charterdesk.incidents.webhooks.services import endpoint_create
from tests.incidents.factories import acme_outage, service

ALL = [e.value for e in WebhookEvent if e != WebhookEvent.PING]


def _sent() -> list[dict]:
    rows = WebhookDelivery.objects.order_by("pk").values_list("body", flat=True)
    return [json.loads(body) for body in rows]


def test_an_incident_from_open_to_post_mortem_emits_each_step_once(personas):
    endpoint_create(
        personas.manager,
        name="All",
        url="https://hooks.example.com",
        events=ALL,
        now=timezone.now(),
    )
    now = timezone.now()
    incident = acme_outage(personas, now)
    services.incident_post_update(
        incident,
        personas.tier2,
        status="identified",
        message="A bad switch.",
        next_update_at=now + timedelta(minutes=20),
        now=now,
    )
    services.incident_resolve(incident, personas.tier3, message="Switch replaced.", now=now)
    postmortem = incident.postmortem
    postmortem.customer_version = "What happened."
    postmortem.save()
    services.postmortem_approve(postmortem, personas.manager, now)
    services.postmortem_send(postmortem, personas.manager, now)
    sent = _sent()
    assert [b["event"] for b in sent] == [
        "incident.created",
        "incident.qualified",
        "incident.updated",
        "incident.resolved",
        "postmortem.published",
    ]
    qualified, updated = sent[1]["data"], sent[2]["data"]
    assert (qualified["incident"]["qualification"], qualified["incident"]["severity"]) == (
        "confirmed",
        1,
    )
    assert qualified["incident"]["services"] == [
        {"id": incident.services.get().pk, "name": "Cloud"}
    ]
    assert (updated["incident"]["status"], updated["update"]["message"]) == (
        "identified",
        "A bad switch.",
    )
    assert sent[4]["data"]["postmortem"]["customer_version"] == "What happened."


def test_a_dismissed_incident_is_qualified_too(personas):
    endpoint_create(
        personas.manager,
        name="Q",
        url="https://hooks.example.com",
        events=["incident.qualified"],
        now=timezone.now(),
    )
    now = timezone.now()
    incident = services.incident_open(personas.tier1, title="Blip", services=[service()], now=now)
    services.incident_qualify(incident, personas.tier3, confirm=False, now=now)
    assert [b["data"]["incident"]["qualification"] for b in _sent()] == ["dismissed"]


def test_maintenance_is_emitted_when_planned_and_moved(personas):
    endpoint_create(
        personas.manager,
        name="M",
        url="https://hooks.example.com",
        events=["maintenance.updated"],
        now=timezone.now(),
    )
    now = timezone.now()
    window = maintenance_create(
        personas.tier1,
        title="Database upgrade",
        description="",
        services=[service()],
        starts_at=now + timedelta(hours=1),
        ends_at=now + timedelta(hours=2),
        is_public=True,
        now=now,
    )
    maintenance_move(personas.tier1, window, "in_progress", now)
    maintenance_cancel(personas.tier1, window, now, "Rolled back.")
    statuses = [b["data"]["maintenance"]["status"] for b in _sent()]
    assert statuses == ["scheduled", "in_progress", "cancelled"]


def test_nothing_is_queued_without_an_endpoint_that_chose_the_event(personas):
    endpoint_create(
        personas.manager,
        name="Only resolved",
        url="https://hooks.example.com",
        events=["incident.resolved"],
        now=timezone.now(),
    )
    acme_outage(personas)
    assert not WebhookDelivery.objects.exists()
