import json

import pytest

from tests.tickets.factories import open_ticket


def post(client, url, data):  # type: ignore[no-untyped-def]
    return client.post(url, json.dumps(data), content_type="application/json")


def patch(client, url, data):  # type: ignore[no-untyped-def]
    return client.patch(url, json.dumps(data), content_type="application/json")


def test_customer_creates_a_ticket_and_sees_its_coverage(api, personas):
    response = post(
        api.as_(personas.alice),
        "/api/v1/tickets",
        {
            "subject": "Checkout down",
            "body": "502 everywhere",
            "type": "downtime",
            "priority": "urgent",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["type"] == "downtime" and body["type_source"] == "customer"
    assert body["coverage"]["decision"] == "included"
    assert "24×7" in body["coverage"]["reason"]
    assert body["organization"]["name"] == "Acme Corp"
    assert body["queue"]["name"] == "Incidents" and body["tier"] == 2
    assert body["status"] == "new" and body["priority"] == "urgent"
    assert body["created_at"] and body["first_reply_due_at"]


def test_ticket_without_type_gets_an_automatic_guess(api, personas):
    response = post(
        api.as_(personas.bob),
        "/api/v1/tickets",
        {"subject": "How do I rotate keys?", "body": "How do I rotate API keys?"},
    )
    assert response.status_code == 201
    assert (response.json()["type"], response.json()["type_source"]) == ("how_to", "auto")


def test_agent_opens_a_ticket_for_a_contact(api, personas):
    response = post(
        api.as_(personas.tier1),
        "/api/v1/tickets",
        {
            "subject": "Phone call",
            "body": "Caller reports an error",
            "requester_email": "bob@globex.example",
            "type": "error",
        },
    )
    assert response.status_code == 201
    assert response.json()["requester"]["email"] == "bob@globex.example"
    assert response.json()["type_source"] == "agent"


def test_invalid_input_is_problem_json_with_field_messages(api, personas):
    response = post(
        api.as_(personas.alice),
        "/api/v1/tickets",
        {"subject": "", "body": "x", "type": "sales", "priority": "asap"},
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422
    assert set(problem["errors"]) == {"subject", "type", "priority"}


def test_malformed_json_is_a_problem_not_a_crash(api, personas):
    response = api.as_(personas.alice).post(
        "/api/v1/tickets", "{oops", content_type="application/json"
    )
    assert response.status_code in (400, 422)
    assert response["Content-Type"] == "application/problem+json"


def test_agent_must_name_an_existing_contact(api, personas):
    response = post(
        api.as_(personas.tier1),
        "/api/v1/tickets",
        {"subject": "Call", "body": "x", "requester_email": "nobody@nowhere.example"},
    )
    assert response.status_code == 422
    assert "requester_email" in response.json()["errors"]


def test_requests_without_a_token_get_401(client, personas):
    response = client.get("/api/v1/tickets")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert (
        client.get("/api/v1/tickets", headers={"Authorization": "Bearer nope"}).status_code == 401
    )


def test_customer_asking_for_another_organizations_ticket_gets_404(api, personas):
    ticket = open_ticket("bob@globex.example")
    client = api.as_(personas.alice)
    assert client.get(f"/api/v1/tickets/{ticket.pk}").status_code == 404
    assert client.get(f"/api/v1/tickets/{ticket.pk}/messages").status_code == 404
    assert post(client, f"/api/v1/tickets/{ticket.pk}/messages", {"body": "hi"}).status_code == 404


def test_customer_cannot_post_internal_notes_and_never_reads_them(api, personas):
    ticket = open_ticket("alice@acme.example")
    agent = api.as_(personas.tier1)
    assert (
        post(
            agent,
            f"/api/v1/tickets/{ticket.pk}/messages",
            {"body": "internal theory", "visibility": "internal"},
        ).status_code
        == 201
    )
    customer = api.as_(personas.alice)
    response = post(
        customer,
        f"/api/v1/tickets/{ticket.pk}/messages",
        {"body": "psst", "visibility": "internal"},
    )
    assert response.status_code == 403
    bodies = [m["body"] for m in customer.get(f"/api/v1/tickets/{ticket.pk}/messages").json()]
    assert "internal theory" not in bodies and "psst" not in bodies
    history = customer.get(f"/api/v1/tickets/{ticket.pk}/history").json()
    assert "noted" not in [e["kind"] for e in history]


def test_list_is_scoped_filtered_and_paginated_by_cursor(api, personas):
    ours = [open_ticket("alice@acme.example", subject=f"T{i}") for i in range(5)]
    open_ticket("bob@globex.example")
    client = api.as_(personas.alice)
    first = client.get("/api/v1/tickets?limit=2").json()
    assert [t["id"] for t in first["items"]] == [ours[4].pk, ours[3].pk]
    second = client.get(first["next"]).json()
    assert [t["id"] for t in second["items"]] == [ours[2].pk, ours[1].pk]
    third = client.get(second["next"]).json()
    assert [t["id"] for t in third["items"]] == [ours[0].pk]
    assert third["next"] is None
    assert client.get("/api/v1/tickets?status=solved").json()["items"] == []


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "cursor=!!", "status=bogus"])
def test_bad_list_parameters_are_problems(api, personas, query):
    response = api.as_(personas.alice).get(f"/api/v1/tickets?{query}")
    assert response.status_code in (400, 422)
    assert response["Content-Type"] == "application/problem+json"


def test_agent_reclassifies_and_assigns_through_patch(api, personas):
    ticket = open_ticket("carol@initech.example", request_type="error")
    client = api.as_(personas.tier1)
    response = patch(
        client,
        f"/api/v1/tickets/{ticket.pk}",
        {"type": "how_to", "assignee_email": "tier2@charterdesk.example"},
    )
    assert response.status_code == 200
    assert response.json()["coverage"]["decision"] == "metered"
    assert response.json()["assignee"]["email"] == "tier2@charterdesk.example"
    fields = [e["field"] for e in client.get(f"/api/v1/tickets/{ticket.pk}/history").json()]
    assert "request_type" in fields and "assignee" in fields


def test_customer_cannot_patch_their_ticket(api, personas):
    ticket = open_ticket("alice@acme.example")
    response = patch(
        api.as_(personas.alice), f"/api/v1/tickets/{ticket.pk}", {"priority": "urgent"}
    )
    assert response.status_code == 403


def test_patch_with_unknown_assignee_names_the_field(api, personas):
    ticket = open_ticket()
    response = patch(
        api.as_(personas.tier1),
        f"/api/v1/tickets/{ticket.pk}",
        {"assignee_email": "bob@globex.example"},
    )
    assert response.status_code == 422
    assert "assignee_email" in response.json()["errors"]
