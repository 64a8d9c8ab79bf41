"""The desk speaks in words: flash messages and history lines name fields and values as
people read them, never their codes."""

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
