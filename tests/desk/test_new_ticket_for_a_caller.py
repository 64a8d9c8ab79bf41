"""An agent opens a ticket for a customer who called: intake as for any request, the channel
recorded, the call logged as time."""

from charterdesk.tickets.models import Ticket


def test_a_phone_ticket_has_coverage_clocks_and_the_call_as_time(personas, login):
    client = login(personas.tier1)
    response = client.post(
        "/desk/tickets/new",
        {
            "requester_email": "bob@globex.example",
            "channel": "phone",
            "subject": "Checkout returns error 502",
            "body": "Bob called: checkout fails since 10:00.",
            "request_type": "error",
            "priority": "high",
            "minutes": "12",
        },
    )
    ticket = Ticket.objects.get(subject="Checkout returns error 502")
    assert response.status_code == 302 and response["Location"] == f"/desk/tickets/{ticket.pk}/"
    assert (ticket.channel, ticket.requester.email, ticket.organization.name) == (
        "phone",
        "bob@globex.example",
        "Globex",
    )
    assert ticket.coverage and ticket.clocks.exists()
    call = ticket.time.get()
    assert (call.minutes, call.activity, call.agent) == (12, "call", personas.tier1)
    page = client.get(f"/desk/tickets/{ticket.pk}/").content.decode()
    assert "via Phone" in page and "12 min</strong> Call" in page


def test_a_walk_in_is_recorded_as_such(personas, login):
    login(personas.tier1).post(
        "/desk/tickets/new",
        {
            "requester_email": "carol@initech.example",
            "channel": "walk_in",
            "subject": "Password reset at the front desk",
            "body": "Carol came by.",
            "priority": "normal",
        },
    )
    ticket = Ticket.objects.get(subject="Password reset at the front desk")
    assert ticket.get_channel_display() == "Walk-in" and not ticket.time.exists()


def test_an_unknown_requester_is_an_error_beside_the_field(personas, login):
    response = login(personas.tier1).post(
        "/desk/tickets/new",
        {
            "requester_email": "nobody@nowhere.example",
            "channel": "chat",
            "subject": "Lost",
            "body": "Typed in chat",
            "priority": "normal",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Ticket.objects.filter(subject="Lost").exists()
    label = html[html.rindex("<label", 0, html.index('name="requester_email"')) :]
    assert "No contact has the address nobody@nowhere.example" in label.split("</label>")[0]
    assert "Typed in chat" in html


def test_customers_cannot_open_the_desk_new_ticket_page(personas, login):
    assert login(personas.alice).get("/desk/tickets/new").status_code == 403
