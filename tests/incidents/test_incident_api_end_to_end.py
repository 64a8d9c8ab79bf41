"""The whole process through the API: services, deployments, open, qualify, audience,
update, resolve, post-mortem; and what customers may read."""

from datetime import timedelta

from django.utils import timezone

from charterdesk.mail.models import OutboundMail

from .factories import roles, severity


def _setup(api, personas):
    manager = api.as_(personas.manager)
    cloud = manager.post("/api/v1/services", {"name": "Cloud"}, content_type="application/json")
    assert cloud.status_code == 201, cloud.content
    part = manager.post(
        "/api/v1/services",
        {"name": "Cloud API", "parent_id": cloud.json()["id"]},
        content_type="application/json",
    )
    assert part.status_code == 201
    acme = personas.alice.contact.organization
    deployed = manager.post(
        f"/api/v1/organizations/{acme.pk}/deployments",
        {"service_id": cloud.json()["id"], "region": "EU"},
        content_type="application/json",
    )
    assert deployed.status_code == 201, deployed.content
    severity(1)
    roles(personas)
    return part.json()["id"]


def test_an_incident_from_opening_to_post_mortem(api, personas):
    part_id = _setup(api, personas)
    agent = api.as_(personas.tier3)
    opened = agent.post(
        "/api/v1/incidents",
        {"title": "API errors", "service_ids": [part_id], "regions": ["EU"]},
        content_type="application/json",
    )
    assert opened.status_code == 201, opened.content
    incident_id = opened.json()["id"]
    next_at = (timezone.now() + timedelta(minutes=30)).isoformat()
    qualified = agent.post(
        f"/api/v1/incidents/{incident_id}/qualify",
        {"severity": 1, "next_update_at": next_at, "nature": "Half the calls fail."},
        content_type="application/json",
    )
    assert qualified.status_code == 200, qualified.content
    assert qualified.json()["qualification"] == "confirmed"

    audience = agent.get(f"/api/v1/incidents/{incident_id}/audience").json()
    assert [o["name"] for o in audience["organizations"]] == ["Acme Corp"]
    assert {"email": "alice@acme.example"} in audience["contacts"]

    update = agent.post(
        f"/api/v1/incidents/{incident_id}/updates",
        {
            "status": "identified",
            "message": "A bad deploy; rolling back.",
            "next_update_at": next_at,
        },
        content_type="application/json",
    )
    assert update.status_code == 201, update.content
    assert OutboundMail.objects.filter(
        recipient="alice@acme.example", text__contains="rolling back"
    ).exists()

    resolved = agent.post(
        f"/api/v1/incidents/{incident_id}/resolve",
        {"message": "Rolled back; all calls succeed.", "data_lost": False},
        content_type="application/json",
    )
    assert resolved.status_code == 200, resolved.content
    assert OutboundMail.objects.filter(
        recipient="alice@acme.example", subject__startswith="[Resolved]"
    ).exists()

    postmortem = agent.get(f"/api/v1/incidents/{incident_id}/postmortem").json()
    assert postmortem["state"] == "draft"
    assert postmortem["organizations_affected"] == 1
    lead = api.as_(personas.manager)
    written = lead.patch(
        f"/api/v1/incidents/{incident_id}/postmortem",
        {
            "root_cause": "change",
            "customer_version": "A deploy broke the API for 20 minutes.",
            "approve": True,
            "send": True,
        },
        content_type="application/json",
    )
    assert written.status_code == 200, written.content
    assert written.json()["state"] == "sent"
    assert OutboundMail.objects.filter(
        recipient="alice@acme.example", text__contains="A deploy broke the API"
    ).exists()


def test_customers_read_only_incidents_that_affect_them(api, personas):
    part_id = _setup(api, personas)
    agent = api.as_(personas.tier3)
    incident_id = agent.post(
        "/api/v1/incidents",
        {"title": "API errors", "service_ids": [part_id]},
        content_type="application/json",
    ).json()["id"]
    alice, bob = api.as_(personas.alice), api.as_(personas.bob)
    assert alice.get(f"/api/v1/incidents/{incident_id}").status_code == 404  # still suspected
    agent.post(
        f"/api/v1/incidents/{incident_id}/qualify",
        {"severity": 1, "next_update_at": (timezone.now() + timedelta(minutes=30)).isoformat()},
        content_type="application/json",
    )
    seen = alice.get(f"/api/v1/incidents/{incident_id}")
    assert seen.status_code == 200
    assert seen.json()["missed_updates"] is None  # staff only
    assert bob.get(f"/api/v1/incidents/{incident_id}").status_code == 404
    assert bob.get("/api/v1/incidents").json()["items"] == []
    assert alice.get(f"/api/v1/incidents/{incident_id}/audience").status_code == 403


def test_bad_input_gets_field_messages(api, personas):
    _setup(api, personas)
    agent = api.as_(personas.tier3)
    missing = agent.post(
        "/api/v1/incidents",
        {"title": "x", "service_ids": [999999]},
        content_type="application/json",
    )
    assert missing.status_code == 422
    assert "service_ids" in missing.content.decode()
    customer = api.as_(personas.alice)
    refused = customer.post("/api/v1/services", {"name": "Mine"}, content_type="application/json")
    assert refused.status_code == 403
