from decimal import Decimal

from charterdesk.estimates.models import EstimateState
from charterdesk.tickets.models import Status
from tests.estimates.factories import consulting_ticket, quote
from tests.hours.factories import log


def _post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def test_an_agent_sends_an_estimate_and_the_customer_approves_it(personas, api):
    ticket = consulting_ticket()
    sent = _post(
        api.as_(personas.tier2),
        f"/api/v1/tickets/{ticket.pk}/estimates",
        {"hours": "6", "rate": "120", "scope": "Sharding plan"},
    )
    assert sent.status_code == 201, sent.content
    estimate_id = sent.json()["id"]
    approved = _post(api.as_(personas.alice), f"/api/v1/estimates/{estimate_id}/approve")
    assert approved.status_code == 200, approved.content
    assert (approved.json()["state"], approved.json()["decided_by"]) == (
        "approved",
        "alice@acme.example",
    )


def test_time_logged_after_approval_is_tracked_against_the_estimate(personas, api):
    ticket = consulting_ticket()
    estimate = quote(ticket, personas.tier2, "2")
    _post(api.as_(personas.alice), f"/api/v1/estimates/{estimate.pk}/approve")
    log(ticket, personas.tier2, 45, activity="consulting")
    listed = api.as_(personas.alice).get(f"/api/v1/tickets/{ticket.pk}/estimates").json()
    assert [(e["state"], Decimal(e["tracked_hours"])) for e in listed] == [
        ("approved", Decimal("0.75"))
    ]


def test_a_declined_request_closes_with_the_alternatives_offered(personas, api):
    ticket = consulting_ticket()
    estimate = quote(ticket, personas.tier2)
    declined = _post(
        api.as_(personas.alice), f"/api/v1/estimates/{estimate.pk}/decline", {"note": "Too dear"}
    )
    assert declined.json()["state"] == "declined"
    ticket.refresh_from_db()
    assert ticket.status == Status.CLOSED
    last = ticket.messages.order_by("-id").first()
    assert last.visibility == "public"
    assert "Knowledge base" in last.body and "Community forum" in last.body
    assert "A partner" in last.body


def test_another_organization_cannot_see_or_decide(personas, api):
    estimate = quote(consulting_ticket(), personas.tier2)
    bob = api.as_(personas.bob)
    assert _post(bob, f"/api/v1/estimates/{estimate.pk}/approve").status_code == 404
    listed = bob.get(f"/api/v1/tickets/{estimate.ticket_id}/estimates")
    assert listed.status_code == 404
    estimate.refresh_from_db()
    assert estimate.state == EstimateState.SENT


def test_agents_cannot_approve_for_the_customer(personas, api):
    estimate = quote(consulting_ticket(), personas.tier2)
    response = _post(api.as_(personas.tier1), f"/api/v1/estimates/{estimate.pk}/approve")
    assert response.status_code == 403


def test_customers_cannot_send_estimates(personas, api):
    ticket = consulting_ticket()
    response = _post(
        api.as_(personas.alice),
        f"/api/v1/tickets/{ticket.pk}/estimates",
        {"hours": "1", "scope": "x"},
    )
    assert response.status_code == 403


def test_bad_input_gets_field_messages(personas, api):
    ticket = consulting_ticket()
    response = _post(
        api.as_(personas.tier2),
        f"/api/v1/tickets/{ticket.pk}/estimates",
        {"hours": "-2", "scope": ""},
    )
    assert response.status_code == 422
    assert {"hours", "scope"} <= set(response.json()["errors"])


def test_a_decided_estimate_cannot_be_decided_again(personas, api):
    estimate = quote(consulting_ticket(), personas.tier2)
    alice = api.as_(personas.alice)
    _post(alice, f"/api/v1/estimates/{estimate.pk}/approve")
    again = _post(alice, f"/api/v1/estimates/{estimate.pk}/decline")
    assert again.status_code == 422
    assert "already approved" in again.content.decode()


def test_an_agent_withdraws_an_estimate(personas, api):
    estimate = quote(consulting_ticket(), personas.tier2)
    response = _post(api.as_(personas.tier2), f"/api/v1/estimates/{estimate.pk}/withdraw")
    assert response.json()["state"] == "withdrawn"


def test_the_list_takes_the_same_queries_for_many_estimates(
    personas, api, django_assert_max_num_queries
):
    ticket = consulting_ticket()
    for hours in ("1", "2", "3", "4", "5"):
        quote(ticket, personas.tier2, hours)
    client = api.as_(personas.alice)
    with django_assert_max_num_queries(5):
        listed = client.get(f"/api/v1/tickets/{ticket.pk}/estimates").json()
    assert [e["state"] for e in listed] == ["sent"] + ["withdrawn"] * 4


def test_declining_on_a_request_closed_meanwhile_still_records_the_decision(personas, api):
    ticket = consulting_ticket()
    estimate = quote(ticket, personas.tier2)
    ticket.status = Status.CLOSED
    ticket.save(update_fields=["status"])
    declined = _post(api.as_(personas.alice), f"/api/v1/estimates/{estimate.pk}/decline")
    assert declined.json()["state"] == "declined"


def test_the_alternatives_link_where_the_operator_set_an_address(personas, api, settings):
    settings.SUPPORT_ALTERNATIVE_LINKS = {
        "knowledge_base": "https://help.example.com/kb",
        "community": "",
        "partner": "",
    }
    ticket = consulting_ticket()
    estimate = quote(ticket, personas.tier2)
    _post(api.as_(personas.alice), f"/api/v1/estimates/{estimate.pk}/decline")
    body = ticket.messages.order_by("-id").first().body
    assert "- Knowledge base: https://help.example.com/kb" in body
    assert "- Community forum\n" in body and "http" not in body.split("Community forum")[1][:5]
