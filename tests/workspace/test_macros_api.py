from charterdesk.tickets.models import Message
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
