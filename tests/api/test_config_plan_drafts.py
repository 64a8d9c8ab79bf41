"""A plan is created and changed as a draft, then published; a published plan is not
changed in place."""

from charterdesk.plans.models import Plan, PlanStatus

from .config_helpers import draft_plan, send


def test_manager_creates_a_draft_with_its_coverage_and_targets(api, personas):
    client = api.as_(personas.manager)

    response = send(client, "post", "/api/v1/config/plans", draft_plan())

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft" and body["slug"] == "platinum"
    assert body["hours_included"] == "20.00"
    assert [c["request_type"] for c in body["coverage"]] == ["downtime", "how_to"]
    assert body["targets"] == [
        {"request_type": "downtime", "priority": "urgent", "metric": "first_reply", "minutes": 15}
    ]
    assert Plan.objects.get(slug="platinum").status == PlanStatus.DRAFT


def test_a_draft_changes_only_the_fields_given(api, personas):
    client = api.as_(personas.manager)
    plan_id = send(client, "post", "/api/v1/config/plans", draft_plan()).json()["id"]

    response = send(
        client, "patch", f"/api/v1/config/plans/{plan_id}", {"summary": "For the biggest"}
    )

    assert response.status_code == 200
    assert response.json()["summary"] == "For the biggest"
    assert response.json()["channels"] == ["portal", "email"]
    assert len(response.json()["coverage"]) == 2


def test_published_plan_is_not_changed_in_place(api, personas):
    client = api.as_(personas.manager)
    plan_id = send(client, "post", "/api/v1/config/plans", draft_plan()).json()["id"]

    published = send(client, "post", f"/api/v1/config/plans/{plan_id}/publish")
    changed = send(client, "patch", f"/api/v1/config/plans/{plan_id}", {"hours_included": "99"})

    assert published.status_code == 200 and published.json()["status"] == "published"
    assert changed.status_code == 422
    assert "new version" in changed.json()["errors"]["status"][0]
    assert Plan.objects.get(pk=plan_id).hours_included == 20


def test_contract_cannot_use_a_draft(api, personas):
    client = api.as_(personas.manager)
    send(client, "post", "/api/v1/config/plans", draft_plan())
    send(client, "post", "/api/v1/config/organizations", {"name": "Umbrella"})

    response = send(
        client,
        "post",
        "/api/v1/config/contracts",
        {"organization": "Umbrella", "plan": "platinum", "starts_on": "2026-01-01"},
    )

    assert response.status_code == 422
    assert "draft" in response.json()["errors"]["plan"][0]


def test_an_item_read_can_be_sent_back_changed(api, personas):
    client = api.as_(personas.manager)
    plan_id = send(client, "post", "/api/v1/config/plans", draft_plan()).json()["id"]
    item = send(client, "get", f"/api/v1/config/plans/{plan_id}").json()
    item["targets"][0]["minutes"] = 20

    response = send(client, "patch", f"/api/v1/config/plans/{plan_id}", item)

    assert response.status_code == 200, response.json()
    assert Plan.objects.get(pk=plan_id).targets.get().minutes == 20


def test_a_plan_chooses_its_incident_rule(api, personas):
    client = api.as_(personas.manager)
    made = send(client, "post", "/api/v1/config/plans", draft_plan())
    plan_id = made.json()["id"]
    assert made.json()["incident_rule"] == "pause_first_reply"  # the default

    kept = send(
        client, "patch", f"/api/v1/config/plans/{plan_id}", {"incident_rule": "keep_running"}
    )
    refused = send(client, "patch", f"/api/v1/config/plans/{plan_id}", {"incident_rule": "shrug"})

    assert kept.status_code == 200 and kept.json()["incident_rule"] == "keep_running"
    assert refused.status_code == 422 and "incident_rule" in refused.json()["errors"]
    assert Plan.objects.get(pk=plan_id).incident_rule == "keep_running"
