from charterdesk.estimates.models import EstimateState
from charterdesk.plans.models import OveragePolicy
from tests.estimates.factories import consulting_ticket, quote
from tests.hours.factories import bank_set, log, metered_ticket


def test_the_customer_approves_in_the_portal_and_the_agent_sees_it(personas, login):
    estimate = quote(consulting_ticket(), personas.tier2)
    client = login(personas.alice)
    page = client.get(f"/portal/tickets/{estimate.ticket_id}/").content.decode()
    assert "Approve estimate" in page
    client.post(f"/portal/estimates/{estimate.pk}/decide", {"choice": "approve"})
    estimate.refresh_from_db()
    assert estimate.state == EstimateState.APPROVED
    desk = login(personas.tier2).get(f"/desk/tickets/{estimate.ticket_id}/").content.decode()
    assert "Approved" in desk and "Work tracked: <strong>0 of 6 h</strong>" in desk


def test_a_contact_of_another_organization_cannot_decide_in_the_portal(personas, login):
    estimate = quote(consulting_ticket(), personas.tier2)
    response = login(personas.bob).post(
        f"/portal/estimates/{estimate.pk}/decide", {"choice": "approve"}
    )
    assert response.status_code == 404
    estimate.refresh_from_db()
    assert estimate.state == EstimateState.SENT


def test_the_agent_sends_an_estimate_from_the_ticket_page(personas, login):
    ticket = consulting_ticket()
    client = login(personas.tier2)
    assert "Send an estimate" in client.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    client.post(
        f"/desk/tickets/{ticket.pk}/estimates", {"hours": "3", "rate": "100", "scope": "Plan"}
    )
    assert ticket.estimates.get().total == 300


def test_a_metered_request_past_a_bank_needing_approval_shows_approval_needed(personas, login):
    ticket = metered_ticket()
    bank_set(ticket.contract, included="1", policy=OveragePolicy.NEED_APPROVAL)
    log(ticket, personas.tier1, 60)
    later = metered_ticket(subject="Another question")
    page = login(personas.carol).get(f"/portal/tickets/{later.pk}/").content.decode()
    assert "Approval needed" in page
    desk = login(personas.tier1).get(f"/desk/tickets/{later.pk}/").content.decode()
    assert "Send an estimate" in desk
