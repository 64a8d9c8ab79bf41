from tests.swarms.helpers import skilled
from tests.tickets.factories import open_ticket

JSON = "application/json"


def test_an_agent_asks_for_help_and_an_expert_joins(personas, api):
    skilled(personas.tier2, "postgres")
    ticket = open_ticket()
    asked = api.as_(personas.tier1).post(
        f"/api/v1/tickets/{ticket.pk}/help-requests",
        {"skills": ["postgres"], "note": "Replication lag"},
        content_type=JSON,
    )
    assert asked.status_code == 201, asked.content
    assert asked.json()["notified"] == ["tier2@charterdesk.example"]
    joined = api.as_(personas.tier2).post(
        f"/api/v1/tickets/{ticket.pk}/collaborators", {}, content_type=JSON
    )
    assert joined.status_code == 201
    listed = api.as_(personas.tier1).get(f"/api/v1/tickets/{ticket.pk}/collaborators").json()
    assert [c["agent"]["email"] for c in listed] == ["tier2@charterdesk.example"]


def test_an_agent_adds_and_removes_another(personas, api):
    ticket = open_ticket()
    client = api.as_(personas.tier1)
    url = f"/api/v1/tickets/{ticket.pk}/collaborators"
    added = client.post(url, {"agent_email": "tier3@charterdesk.example"}, content_type=JSON)
    assert added.json()["added_by"]["email"] == "tier1@charterdesk.example"
    removed = client.delete(f"{url}?agent_email=tier3@charterdesk.example")
    assert removed.status_code == 204
    assert client.get(url).json() == []


def test_bad_input_is_a_field_error(personas, api):
    ticket = open_ticket()
    client = api.as_(personas.tier1)
    no_skills = client.post(
        f"/api/v1/tickets/{ticket.pk}/help-requests", {"skills": []}, content_type=JSON
    )
    unknown = client.post(
        f"/api/v1/tickets/{ticket.pk}/collaborators",
        {"agent_email": "alice@acme.example"},
        content_type=JSON,
    )
    assert (no_skills.status_code, unknown.status_code) == (422, 422)
    assert "skills" in no_skills.json()["errors"]
    assert "agent_email" in unknown.json()["errors"]


def test_customers_get_forbidden_or_not_found(personas, api):
    ticket = open_ticket()
    own = api.as_(personas.alice).get(f"/api/v1/tickets/{ticket.pk}/collaborators")
    other = api.as_(personas.bob).post(
        f"/api/v1/tickets/{ticket.pk}/help-requests", {"skills": ["x"]}, content_type=JSON
    )
    assert (own.status_code, other.status_code) == (403, 404)
