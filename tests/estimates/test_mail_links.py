from charterdesk.customers.models import Contact
from charterdesk.estimates.models import EstimateState
from charterdesk.estimates.services import token_for
from tests.estimates.factories import consulting_ticket, quote


def _url(estimate) -> str:
    alice = Contact.objects.get(email="alice@acme.example")
    return f"/estimate/{token_for(estimate, alice)}"


def test_opening_the_link_does_not_decide(personas, client):
    estimate = quote(consulting_ticket(), personas.tier2)
    page = client.get(_url(estimate) + "?choice=approve")
    assert page.status_code == 200
    assert "Confirm" in page.content.decode()
    estimate.refresh_from_db()
    assert estimate.state == EstimateState.SENT


def test_confirming_on_the_page_approves_without_signing_in(personas, client):
    estimate = quote(consulting_ticket(), personas.tier2)
    page = client.post(_url(estimate), {"choice": "approve", "note": "Go ahead"}, follow=True)
    assert "the estimate is approved" in page.content.decode()
    estimate.refresh_from_db()
    assert (estimate.state, estimate.decided_by.email, estimate.decision_note) == (
        EstimateState.APPROVED,
        "alice@acme.example",
        "Go ahead",
    )


def test_a_tampered_link_is_not_found(personas, client):
    estimate = quote(consulting_ticket(), personas.tier2)
    assert client.get(_url(estimate)[:-3] + "abc").status_code == 404


def test_the_link_of_a_replaced_estimate_no_longer_decides(personas, client):
    ticket = consulting_ticket()
    old = quote(ticket, personas.tier2, "6")
    quote(ticket, personas.tier2, "4")
    page = client.post(_url(old), {"choice": "approve"})
    assert "This estimate was withdrawn" in page.content.decode()
    old.refresh_from_db()
    assert old.state == EstimateState.WITHDRAWN
