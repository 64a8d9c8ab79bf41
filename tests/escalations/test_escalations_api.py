from charterdesk.escalations.requests import escalation_request_create
from charterdesk.tickets.selectors import events_visible_to
from charterdesk.tickets.services import ticket_update
from tests.escalations.helpers import swarm_queue
from tests.tickets.factories import open_ticket

JSON = "application/json"


def url(ticket, what="escalations"):  # type: ignore[no-untyped-def]
    return f"/api/v1/tickets/{ticket.pk}/{what}"


def test_an_agent_escalates_a_tier_up(personas, api):
    ticket = open_ticket()
    response = api.as_(personas.tier1).post(
        url(ticket),
        {"kind": "functional", "reason": "Needs a DBA", "note": "Slow query attached"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["from_tier"], body["to_tier"]) == ("functional", 1, 2)
    assert body["note"] == "Slow query attached"


def test_a_customers_post_is_a_request_to_escalate(personas, api):
    ticket = open_ticket()
    response = api.as_(personas.alice).post(
        url(ticket), {"kind": "hierarchical", "reason": "Nobody answers"}, content_type=JSON
    )
    assert response.status_code == 202, response.content
    assert response.json()["state"] == "acknowledged"
    assert not ticket.escalations.exists()


def test_customers_read_their_requests_but_not_internal_reasons_and_notes(personas, api):
    ticket = open_ticket()
    api.as_(personas.tier1).post(
        url(ticket),
        {"kind": "functional", "reason": "Customer misconfigured", "note": "secret detail"},
        content_type=JSON,
    )
    escalation_request_create(ticket, personas.alice, reason="Please hurry")
    seen = api.as_(personas.alice).get(url(ticket))
    assert seen.status_code == 200
    body = seen.json()
    assert body["escalated"] is True and body["tier"] == 2
    assert body["escalations"] == [] and body["escalation_owner"] is None
    assert [r["reason"] for r in body["requests"]] == ["Please hurry"]
    assert "secret detail" not in seen.content.decode()
    assert "misconfigured" not in seen.content.decode()
    agent_view = api.as_(personas.tier2).get(url(ticket)).json()
    assert agent_view["escalations"][0]["note"] == "secret detail"


def test_other_organizations_tickets_are_not_found(personas, api):
    ticket = open_ticket()
    client = api.as_(personas.bob)
    assert client.get(url(ticket)).status_code == 404
    posted = client.post(url(ticket), {"kind": "functional", "reason": "x"}, content_type=JSON)
    down = client.post(
        url(ticket, "de-escalations"), {"reason": "x", "note": "y"}, content_type=JSON
    )
    assert (posted.status_code, down.status_code) == (404, 404)


def test_bad_input_is_a_field_error(personas, api):
    ticket = open_ticket()
    client = api.as_(personas.tier1)
    wrong_kind = client.post(url(ticket), {"kind": "sideways", "reason": "x"}, content_type=JSON)
    no_note = client.post(url(ticket), {"kind": "functional", "reason": "x"}, content_type=JSON)
    for response in (wrong_kind, no_note):
        assert response.status_code == 422
        assert response["Content-Type"] == "application/problem+json"
    assert "kind" in wrong_kind.json()["errors"]
    assert set(no_note.json()["errors"]) == {"note"}


def test_customers_cannot_pass_tickets_down(personas, api):
    ticket = open_ticket()
    response = api.as_(personas.alice).post(
        url(ticket, "de-escalations"), {"reason": "x", "note": "y"}, content_type=JSON
    )
    assert response.status_code == 403


def test_de_escalation_from_a_swarm_queue_is_refused_with_a_message(personas, api):
    ticket = open_ticket()
    ticket_update(ticket, personas.tier2, queue=swarm_queue())
    response = api.as_(personas.tier2).post(
        url(ticket, "de-escalations"), {"reason": "x", "note": "y"}, content_type=JSON
    )
    assert response.status_code == 422
    assert "collaborators" in response.json()["errors"]["queue"][0]


def test_agents_answer_requests_and_list_the_open_ones(
    personas, api, django_assert_max_num_queries
):
    asked = [
        escalation_request_create(open_ticket(subject=f"T{i}"), personas.alice, reason=f"R{i}")
        for i in range(3)
    ]
    client = api.as_(personas.manager)
    with django_assert_max_num_queries(6):
        listed = client.get("/api/v1/escalation-requests?limit=2").json()
    assert [r["reason"] for r in listed["items"]] == ["R2", "R1"] and listed["next"]
    answered = client.post(
        f"/api/v1/escalation-requests/{asked[0].pk}/answer",
        {"decision": "decline", "answer": "Fixed in the next release"},
        content_type=JSON,
    )
    assert answered.json()["decision"] == "declined"
    assert api.as_(personas.alice).get("/api/v1/escalation-requests").status_code == 403


def test_the_customers_history_shows_the_request_but_no_internal_escalation(personas, api):
    ticket = open_ticket()
    api.as_(personas.tier1).post(
        url(ticket),
        {"kind": "hierarchical", "reason": "Churn risk flagged by sales"},
        content_type=JSON,
    )
    escalation_request_create(ticket, personas.alice, reason="Please call me")
    kinds = {e.kind for e in events_visible_to(personas.alice, ticket)}
    notes = " ".join(e.note for e in events_visible_to(personas.alice, ticket))
    assert "escalation_requested" in kinds and "escalated" not in kinds
    assert "Churn risk" not in notes
