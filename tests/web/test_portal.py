from charterdesk.tickets.models import Ticket
from charterdesk.tickets.services import message_add
from tests.tickets.factories import open_ticket


def test_customer_opens_a_request_from_the_portal(login, personas):
    client = login(personas.carol)
    response = client.post(
        "/portal/new/",
        {
            "request_type": "how_to",
            "priority": "normal",
            "subject": "Add an admin",
            "body": "How do I?",
        },
    )
    ticket = Ticket.objects.get(subject="Add an admin")
    assert response.status_code == 302
    assert response["Location"] == f"/portal/tickets/{ticket.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Metered" in page and "hours bank" in page


def test_new_request_form_shows_errors_and_keeps_the_text(login, personas):
    client = login(personas.carol)
    response = client.post(
        "/portal/new/",
        {
            "request_type": "how_to",
            "priority": "normal",
            "subject": "",
            "body": "My long description",
        },
    )
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert "My long description" in response.content.decode()
    assert not Ticket.objects.exists()


def test_preview_shows_coverage_and_first_response_before_submitting(login, personas):
    client = login(personas.alice)
    page = client.get("/portal/new/preview?request_type=downtime&priority=urgent").content.decode()
    assert "Included" in page
    assert "30 min (around the clock)" in page
    page = client.get("/portal/new/preview?request_type=consulting&priority=normal").content
    assert b"Billable" in page and b"estimate" in page


def test_customer_sees_the_reply_and_not_the_note(login, personas):
    ticket = open_ticket("alice@acme.example")
    message_add(ticket, personas.tier1, "Here is the fix.")
    message_add(ticket, personas.tier1, "Customer is grumpy", "internal")
    page = login(personas.alice).get(f"/portal/tickets/{ticket.pk}/").content.decode()
    assert "Here is the fix." in page
    assert "Customer is grumpy" not in page


def test_customer_cannot_open_another_organizations_ticket(login, personas):
    ticket = open_ticket("bob@globex.example")
    assert login(personas.alice).get(f"/portal/tickets/{ticket.pk}/").status_code == 404


def test_customer_replies_from_the_portal(login, personas):
    ticket = open_ticket("alice@acme.example")
    client = login(personas.alice)
    client.post(f"/portal/tickets/{ticket.pk}/", {"body": "More details here"})
    assert ticket.messages.filter(body="More details here", visibility="public").exists()


def test_the_portal_ticket_page_shows_what_just_happened(login, personas):
    ticket = open_ticket("alice@acme.example")
    page = login(personas.alice).post(
        f"/portal/tickets/{ticket.pk}/", {"body": "More details here"}, follow=True
    )
    assert "Your reply was added" in page.content.decode()


def test_customers_are_kept_out_of_the_agent_workspace(login, personas):
    assert login(personas.alice).get("/desk/").status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    response = client.get("/portal/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_ticket_page_calls_sla_deadlines_promised_response_times(login, personas):
    ticket = open_ticket("alice@acme.example", request_type="downtime", priority="urgent")
    page = login(personas.alice).get(f"/portal/tickets/{ticket.pk}/").content.decode()
    assert "Promised response times" in page
    assert "First reply</dt>" in page and "due by" in page
