from charterdesk.tickets.models import Status, Ticket
from charterdesk.workspace.links import link_add
from charterdesk.workspace.models import LinkKind
from tests.tickets.factories import open_ticket


def test_an_agent_links_and_unlinks_tickets_over_the_api(api, personas):
    first, second = open_ticket(), open_ticket(subject="Second")
    agent = api.as_(personas.tier1)
    made = agent.post(
        f"/api/v1/tickets/{first.pk}/links",
        {"target_id": second.pk, "kind": "related"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    listed = agent.get(f"/api/v1/tickets/{second.pk}/links").json()
    assert [(x["source_id"], x["target_id"]) for x in listed] == [(first.pk, second.pk)]
    again = agent.post(
        f"/api/v1/tickets/{second.pk}/links",
        {"target_id": first.pk},
        content_type="application/json",
    )
    assert again.status_code == 422
    assert again["Content-Type"] == "application/problem+json"
    assert "already linked" in again.json()["errors"]["target_id"][0]
    gone = agent.delete(f"/api/v1/tickets/{second.pk}/links/{made.json()['id']}")
    assert gone.status_code == 204
    customer = api.as_(personas.alice).get(f"/api/v1/tickets/{first.pk}/links")
    assert customer.status_code == 403


def test_merge_over_the_api_and_a_ticket_of_another_organization(api, personas):
    surviving, duplicate = open_ticket(), open_ticket(subject="Dup")
    bobs = open_ticket(email="bob@globex.example")
    agent = api.as_(personas.tier1)
    refused = agent.post(
        f"/api/v1/tickets/{bobs.pk}/merge",
        {"into_id": surviving.pk},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "another organization" in refused.json()["errors"]["into_id"][0]
    done = agent.post(
        f"/api/v1/tickets/{duplicate.pk}/merge",
        {"into_id": surviving.pk},
        content_type="application/json",
    )
    assert done.json() == {
        "surviving_id": surviving.pk,
        "merged_id": duplicate.pk,
        "messages_carried": 1,
    }
    seen = api.as_(personas.alice).get(f"/api/v1/tickets/{duplicate.pk}").json()
    assert (seen["status"], seen["merged_into"]) == ("closed", surviving.pk)


def test_a_problem_is_solved_with_its_incidents_over_the_api(api, personas):
    problem, incident = open_ticket(subject="Outage"), open_ticket(subject="Down")
    agent = api.as_(personas.tier2)
    marked = agent.put(
        f"/api/v1/tickets/{problem.pk}/problem", {"is_problem": True}, "application/json"
    )
    assert marked.json()["is_problem"] is True
    problem.refresh_from_db()
    link_add(incident, problem, LinkKind.INCIDENT_OF, personas.tier2)
    solved = agent.post(
        f"/api/v1/tickets/{problem.pk}/problem/solve",
        {"reply": "Fixed, {{ requester.first_name }}."},
        content_type="application/json",
    )
    assert solved.json() == {"problem_id": problem.pk, "solved": [incident.pk]}
    assert Ticket.objects.get(pk=incident.pk).status == Status.SOLVED


def test_a_colleague_follows_over_the_api_and_not_another_customers_ticket(api, personas):
    ticket = open_ticket(email="wile@acme.example")
    alice = api.as_(personas.alice)
    made = alice.post(f"/api/v1/tickets/{ticket.pk}/followers", {}, "application/json")
    assert made.status_code == 201, made.content
    assert made.json()["email"] == "alice@acme.example"
    other = alice.post(
        f"/api/v1/tickets/{ticket.pk}/followers",
        {"email": "tier1@charterdesk.example"},
        "application/json",
    )
    assert other.status_code == 403
    bob = api.as_(personas.bob).post(
        f"/api/v1/tickets/{ticket.pk}/followers", {}, "application/json"
    )
    assert bob.status_code == 404
    gone = alice.delete(f"/api/v1/tickets/{ticket.pk}/followers/{made.json()['id']}")
    assert gone.status_code == 204
    assert not ticket.followers.exists()
