from charterdesk.tickets.models import FieldKind
from charterdesk.tickets.services import ticket_set_fields, ticket_set_tags
from tests.tickets.factories import open_ticket
from tests.workspace.factories import custom_field


def test_an_agent_sets_tags_and_fields_through_the_api(personas, api):
    custom_field("seats", kind=FieldKind.NUMBER, options=[])
    ticket = open_ticket()
    response = api.as_(personas.tier1).patch(
        f"/api/v1/tickets/{ticket.pk}",
        {"tags": ["vip", "Billing"], "fields": {"seats": 12}},
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["tags"] == ["billing", "vip"]
    assert body["fields"] == {"seats": 12}


def test_a_wrong_field_value_is_a_field_error(personas, api):
    custom_field("seats", kind=FieldKind.NUMBER, options=[])
    ticket = open_ticket()
    response = api.as_(personas.tier1).patch(
        f"/api/v1/tickets/{ticket.pk}",
        {"fields": {"seats": "lots"}},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "seats" in response.content.decode()


def test_customers_get_no_tags_and_only_visible_fields(personas, api):
    custom_field("environment", visible_to_customers=True)
    custom_field("internal_rating", kind=FieldKind.TEXT, options=[])
    ticket = open_ticket()
    ticket_set_tags(ticket, personas.tier1, ["difficult"])
    ticket_set_fields(ticket, personas.tier1, {"environment": "staging", "internal_rating": "hard"})
    body = api.as_(personas.alice).get(f"/api/v1/tickets/{ticket.pk}").json()
    assert body["tags"] == []
    assert body["fields"] == {"environment": "staging"}


def test_the_ticket_list_reads_tags_and_fields_without_a_query_per_ticket(
    personas, api, django_assert_max_num_queries
):
    custom_field("environment")
    for _ in range(5):
        ticket = open_ticket()
        ticket_set_tags(ticket, personas.tier1, ["vip"])
        ticket_set_fields(ticket, personas.tier1, {"environment": "staging"})
    client = api.as_(personas.tier1)
    with django_assert_max_num_queries(12):
        body = client.get("/api/v1/tickets", {"tag": "vip"}).json()
    assert len(body["items"]) == 5
    assert all(item["fields"] == {"environment": "staging"} for item in body["items"])
