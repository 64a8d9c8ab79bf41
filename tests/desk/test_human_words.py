"""The desk speaks in words: flash messages and history lines name fields and values as
people read them, never their codes."""

from charterdesk.escalations.requests import escalation_request_create
from tests.commitments.factories import promise
from tests.estimates.factories import quote
from tests.tickets.factories import open_ticket


def test_saving_properties_names_the_changed_fields_and_the_history_reads_well(personas, login):
    ticket = open_ticket(request_type="error")
    client = login(personas.tier1)
    response = client.post(
        f"/desk/tickets/{ticket.pk}/properties",
        {
            "request_type": "how_to",
            "priority": "normal",
            "status": "pending",
            "queue": ticket.queue_id,
            "assignee": "",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Saved: status, request type." in html
    assert "Status: New → Waiting on customer" in html
    assert "Request type: Error → How-to" in html
    assert "request_type" not in html.split('id="history"')[1]


def test_history_lines_of_promises_estimates_and_escalation_requests_read_as_words(personas, login):
    ticket = open_ticket(request_type="consulting")
    promise(ticket, personas.tier1)
    quote(ticket, personas.tier1)
    escalation_request_create(ticket, personas.alice, reason="We lose orders")
    page = login(personas.tier1).get(f"/desk/tickets/{ticket.pk}/").content.decode()
    history = page.split('id="history"')[1]
    assert "Commitment: Open" in history
    assert "Estimate: Awaiting approval" in history
    assert "Escalation requested: Acknowledged" in history
    for code in ("Commitment: open", "Estimate: sent", "Escalation requested: acknowledged"):
        assert code not in history
