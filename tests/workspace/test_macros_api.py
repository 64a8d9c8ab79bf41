from charterdesk.tickets.models import Message
from charterdesk.tickets.services import ticket_set_tags, ticket_update
from tests.tickets.factories import open_ticket


def test_create_and_apply_a_macro_over_the_api(personas, api):
    client = api.as_(personas.tier1)
    response = client.post(
        "/api/v1/macros",
        {
            "title": "Logs",
            "body": "Please send logs for #{{ ticket.id }}.",
            "visibility": "personal",
            "changes": {"status": "pending"},
        },  # fmt: skip
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    macro_id = response.json()["id"]
    ticket = open_ticket()
    response = client.post(f"/api/v1/tickets/{ticket.pk}/macros/{macro_id}/apply")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "pending"
    reply = Message.objects.get(ticket=ticket, from_staff=True)
    assert (reply.visibility, reply.body) == ("public", f"Please send logs for #{ticket.pk}.")
    listed = client.get("/api/v1/macros").json()
    assert [(m["title"], m["usage_count"]) for m in listed] == [("Logs", 1)]


def test_a_wrong_placeholder_is_a_field_error_in_the_api(personas, api):
    response = api.as_(personas.tier1).post(
        "/api/v1/macros",
        {"title": "Bad", "body": "{{ ticket.requester.user.password }}"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "body" in response.content.decode()


def test_customers_cannot_use_macros(personas, api):
    response = api.as_(personas.alice).get("/api/v1/macros")
    assert response.status_code == 403


def test_views_with_counts_over_the_api(personas, api):
    ticket_set_tags(open_ticket(), personas.tier1, ["vip"])
    client = api.as_(personas.tier1)
    response = client.post(
        "/api/v1/views", {"name": "VIP", "filters": {"tag": "vip"}}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["count"] == 1
    assert [(v["name"], v["count"]) for v in client.get("/api/v1/views").json()] == [("VIP", 1)]
    bad = client.post(
        "/api/v1/views",
        {"name": "Odd", "filters": {"status": "x"}},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert "status" in bad.content.decode()


def test_bulk_update_over_the_api_gives_an_outcome_per_ticket(personas, api):
    first, closed = open_ticket(), open_ticket()
    ticket_update(closed, personas.tier1, status="closed")
    client = api.as_(personas.tier1)
    response = client.post(
        "/api/v1/tickets/bulk",
        {"ids": [first.pk, closed.pk], "changes": {"priority": "high"}},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    outcomes = {o["id"]: o for o in response.json()["outcomes"]}
    assert outcomes[first.pk]["ok"] and outcomes[first.pk]["changed"] == ["priority"]
    assert not outcomes[closed.pk]["ok"]
    assert "closed ticket is final" in outcomes[closed.pk]["error"]
    undo = client.post("/api/v1/tickets/bulk/undo")
    assert undo.status_code == 200
    first.refresh_from_db()
    assert first.priority == "normal"


def test_bulk_update_with_a_bad_change_is_a_field_error(personas, api):
    ticket = open_ticket()
    response = api.as_(personas.tier1).post(
        "/api/v1/tickets/bulk",
        {"ids": [ticket.pk], "changes": {"priority": "extreme"}},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "priority" in response.content.decode()
