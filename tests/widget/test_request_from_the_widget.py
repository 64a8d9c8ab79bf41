"""A contact opens a request in the widget, with a file: it goes through intake like any
request and shows in the portal; only public replies come back to the widget."""

from django.core.files.uploadedfile import SimpleUploadedFile

from charterdesk.mail.models import Attachment
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.services import message_add

from .helpers import exchange, new_key, session_client, token_for


def _alice_widget(client, personas):
    key, secret = new_key(personas.manager)
    bearer = exchange(client, token_for(key, secret, "alice@acme.example")).json()["session"]
    return session_client(key, bearer)


def test_request_with_a_file_reaches_the_portal(client, personas):
    widget = _alice_widget(client, personas)
    response = widget.post(
        "/widget/api/requests",
        {
            "subject": "Charts are blank",
            "body": "Since this morning every chart is blank.",
            "request_type": "error",
            "priority": "normal",
            "attachments": SimpleUploadedFile("shot.png", b"\x89PNG\r\n\x1a\n1234", "image/png"),
        },
    )
    assert response.status_code == 201
    ticket = Ticket.objects.get(subject="Charts are blank")
    assert f"Request #{ticket.pk} was sent" in response.content.decode()
    assert ticket.requester == personas.alice.contact
    assert ticket.coverage  # decided by intake as for any request
    assert Attachment.objects.filter(message__ticket=ticket, filename="shot.png").exists()
    portal = client
    portal.force_login(personas.alice)
    assert "Charts are blank" in portal.get("/portal/").content.decode()


def test_a_request_without_a_subject_shows_the_field_error(client, personas):
    widget = _alice_widget(client, personas)
    before = Ticket.objects.count()
    response = widget.post("/widget/api/requests", {"body": "x", "request_type": "error"})
    assert response.status_code == 422
    assert "This field is required." in response.content.decode()
    assert Ticket.objects.count() == before


def test_internal_notes_never_reach_the_widget(client, personas):
    widget = _alice_widget(client, personas)
    widget.post(
        "/widget/api/requests",
        {"subject": "Slow", "body": "Slow pages", "request_type": "error", "priority": "normal"},
    )
    ticket = Ticket.objects.get(subject="Slow")
    message_add(ticket, personas.tier1, "We are looking into it.")
    message_add(ticket, personas.tier1, "Customer is on an old version", visibility="internal")
    page = widget.get(f"/widget/api/requests/{ticket.pk}").content.decode()
    assert "We are looking into it." in page
    assert "old version" not in page
