"""A signed-in contact reads their own request's public thread in the widget and replies
to it, through the portal's service: history, clocks and the followers' mail follow, as
when the reply is written in the portal."""

from django.core.files.uploadedfile import SimpleUploadedFile

from charterdesk.mail.models import Attachment, OutboundMail
from charterdesk.sla.models import ClockState, SlaClock
from charterdesk.tickets.models import EventKind, Message, Status
from charterdesk.tickets.services import follower_add, message_add
from tests.tickets.factories import open_ticket

from .helpers import exchange, new_key, session_client, token_for


def _widget_of(client, personas, email="alice@acme.example"):
    key, secret = new_key(personas.manager)
    bearer = exchange(client, token_for(key, secret, email)).json()["session"]
    return session_client(key, bearer)


def _reply(widget, ticket, body="It still fails after the update.", **extra):
    return widget.post(f"/widget/api/requests/{ticket.pk}", {"body": body, **extra})


def test_reply_reopens_the_request_restarts_the_clock_and_tells_the_follower(client, personas):
    ticket = open_ticket("alice@acme.example")
    follower_add(ticket, personas.tier1, user=personas.tier1)
    message_add(ticket, personas.tier1, "Please try version 4.2.")
    ticket.status = Status.PENDING
    ticket.save(update_fields=["status"])
    widget = _widget_of(client, personas)
    shot = SimpleUploadedFile("after.png", b"\x89PNG\r\n\x1a\n5678", "image/png")
    response = _reply(widget, ticket, attachments=shot)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your reply was added" in page
    assert "It still fails after the update." in page and "after.png" in page
    reply = Message.objects.filter(ticket=ticket).latest("id")
    assert (reply.author, reply.from_staff, reply.visibility) == (personas.alice, False, "public")
    assert Attachment.objects.filter(message=reply, filename="after.png").exists()
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN
    assert ticket.events.filter(kind=EventKind.REPLIED, actor=personas.alice).exists()
    assert SlaClock.objects.filter(
        ticket=ticket, metric="next_reply", state=ClockState.ACTIVE
    ).exists()
    told = OutboundMail.objects.filter(recipient=personas.tier1.email, ticket=ticket)
    assert "It still fails after the update." in told.latest("id").text


def test_another_organizations_request_is_not_found(client, personas):
    theirs = open_ticket("bob@globex.example", subject="Globex secret plans")
    widget = _widget_of(client, personas)
    assert widget.get(f"/widget/api/requests/{theirs.pk}").status_code == 404
    refused = _reply(widget, theirs, body="Let me in")
    assert refused.status_code == 404
    assert refused["Content-Type"] == "application/problem+json"
    assert not Message.objects.filter(ticket=theirs, body="Let me in").exists()


def test_a_colleagues_request_is_not_in_the_widget(client, personas):
    colleague = open_ticket("alice@acme.example", subject="Alice's own")
    colleague.requester = personas.alice.contact.organization.contacts.exclude(
        pk=personas.alice.contact.pk
    ).first()
    colleague.save(update_fields=["requester"])
    widget = _widget_of(client, personas)
    assert _reply(widget, colleague).status_code == 404


def test_the_thread_never_shows_internal_notes(client, personas):
    ticket = open_ticket("alice@acme.example")
    message_add(ticket, personas.tier1, "We are on it.")
    message_add(ticket, personas.tier2, "Customer runs the old build", visibility="internal")
    widget = _widget_of(client, personas)
    for response in (widget.get(f"/widget/api/requests/{ticket.pk}"), _reply(widget, ticket)):
        page = response.content.decode()
        assert "We are on it." in page
        assert "old build" not in page


def test_an_empty_reply_shows_the_field_error(client, personas):
    ticket = open_ticket("alice@acme.example")
    before = ticket.messages.count()
    response = _reply(_widget_of(client, personas), ticket, body="   ")
    assert response.status_code == 422
    assert "This field is required." in response.content.decode()
    assert ticket.messages.count() == before


def test_a_closed_request_takes_no_reply(client, personas):
    ticket = open_ticket("alice@acme.example")
    ticket.status = Status.CLOSED
    ticket.save(update_fields=["status"])
    widget = _widget_of(client, personas)
    assert "Send the reply" not in widget.get(f"/widget/api/requests/{ticket.pk}").content.decode()
    refused = _reply(widget, ticket)
    assert refused.status_code == 422
    assert "closed" in refused.content.decode()
    assert ticket.messages.count() == 1


def test_a_reply_without_a_session_is_refused(client, personas):
    ticket = open_ticket("alice@acme.example")
    key, _ = new_key(personas.manager)
    client.defaults["HTTP_X_WIDGET_KEY"] = key.kid
    assert _reply(client, ticket).status_code == 401
    assert ticket.messages.count() == 1
