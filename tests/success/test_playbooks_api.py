from charterdesk.customers.models import Organization
from charterdesk.success.models import RunTask

PLAYBOOK = {
    "title": "Renewal",
    "situation": "renewal",
    "summary": "Sixty days before the contract ends.",
    "script": "Ask what they would change.",
    "steps": [
        {"title": "Prepare the usage summary", "owner_role": "assigned_agent", "due_days": 0},
        {"title": "Renewal call", "owner_role": "relationship_manager", "due_days": 5},
    ],
    "templates": [
        {"name": "Invite", "subject": "Your renewal, {organization}", "body": "Hi {contact_name}"}
    ],
}


def _create_and_publish(client) -> int:  # type: ignore[no-untyped-def]
    response = client.post("/api/v1/playbooks", PLAYBOOK, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["live"] is None and body["draft"]["number"] == 1
    published = client.post(f"/api/v1/playbooks/{body['id']}/publish")
    assert published.status_code == 200, published.content
    assert published.json()["live"]["title"] == "Renewal"
    return int(body["id"])


def test_a_manager_creates_publishes_and_runs_a_playbook(personas, api):
    client = api.as_(personas.manager)
    playbook_id = _create_and_publish(client)
    acme = Organization.objects.get(name="Acme Corp")
    response = client.post(
        f"/api/v1/playbooks/{playbook_id}/runs",
        {"organization_id": acme.pk},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    run = response.json()
    assert [t["title"] for t in run["tasks"]] == ["Prepare the usage summary", "Renewal call"]
    assert run["tasks"][1]["owner_email"] == "manager@charterdesk.example"
    task_id = run["tasks"][0]["id"]
    done = client.patch(
        f"/api/v1/playbook-runs/{run['id']}/tasks/{task_id}",
        {"state": "done", "note": "Sent"},
        content_type="application/json",
    )
    assert done.status_code == 200, done.content
    assert [t["state"] for t in done.json()["tasks"]] == ["done", "open"]
    listed = api.as_(personas.tier1).get("/api/v1/playbooks").json()
    assert [(p["title"], p["version"]) for p in listed] == [("Renewal", 1)]


def test_a_wrong_placeholder_is_a_field_error_over_the_api(personas, api):
    bad = {**PLAYBOOK, "templates": [{"name": "x", "subject": "{secret_key}", "body": "ok"}]}
    response = api.as_(personas.manager).post(
        "/api/v1/playbooks", bad, content_type="application/json"
    )
    assert response.status_code == 422
    assert "templates[0].subject" in response.content.decode()


def test_agents_read_but_do_not_write_and_customers_get_nothing(personas, api):
    playbook_id = _create_and_publish(api.as_(personas.manager))
    agent = api.as_(personas.tier1)
    assert agent.get(f"/api/v1/playbooks/{playbook_id}").status_code == 200
    refused = agent.post("/api/v1/playbooks", PLAYBOOK, content_type="application/json")
    assert refused.status_code == 403
    acme = Organization.objects.get(name="Acme Corp")
    run = agent.post(
        f"/api/v1/playbooks/{playbook_id}/runs",
        {"organization_id": acme.pk},
        content_type="application/json",
    )
    assert run.status_code == 403
    customer = api.as_(personas.alice)
    assert customer.get("/api/v1/playbooks").status_code == 403
    assert customer.get(f"/api/v1/organizations/{acme.pk}/health").status_code == 403
    assert not RunTask.objects.exists()


def test_a_run_of_an_unpublished_playbook_is_refused(personas, api):
    client = api.as_(personas.manager)
    created = client.post("/api/v1/playbooks", PLAYBOOK, content_type="application/json").json()
    acme = Organization.objects.get(name="Acme Corp")
    response = client.post(
        f"/api/v1/playbooks/{created['id']}/runs",
        {"organization_id": acme.pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "Publish" in response.content.decode()
