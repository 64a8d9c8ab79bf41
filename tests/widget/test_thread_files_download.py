"""Files of a request's public thread are downloaded from inside the widget: by the signed-in
contact whose request it is, and by the visitor whose pass follows the confirmed request;
never an internal note's file, another request's, or by anyone else (404 problem+json)."""

import re

from django.test import Client

from charterdesk.mail.models import Attachment, OutboundMail
from charterdesk.mailboxes.ingest.store import blob_store
from charterdesk.tickets.models import Message, Ticket
from charterdesk.tickets.services import message_add
from tests.tickets.factories import open_ticket

from .helpers import exchange, new_key, session_client, token_for

PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 32


def _attach(message: Message, name: str, data: bytes = PNG) -> Attachment:
    return Attachment.objects.create(
        message=message, blob=blob_store(data), filename=name, content_type="image/png",
        size=len(data),
    )  # fmt: skip


def _thread_with_files(ticket: Ticket, agent):
    public = message_add(ticket, agent, "Here is the fixed export.")
    note = message_add(ticket, agent, "Customer's data dump", visibility="internal")
    return _attach(public, "fixed.png"), _attach(note, "dump.png", b"secret bytes")


def _signed_in(client, personas, email="alice@acme.example"):
    key, secret = new_key(personas.manager)
    bearer = exchange(client, token_for(key, secret, email)).json()["session"]
    return key, session_client(key, bearer)


def _assert_download(response, data, name):
    assert response.status_code == 200
    assert response.content == data
    assert response["Content-Type"] == "application/octet-stream"
    assert (
        response["Content-Disposition"].startswith("attachment;")
        and name in response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_contact_downloads_the_public_files_of_their_own_request(client, personas):
    ticket = open_ticket("alice@acme.example")
    shown, hidden = _thread_with_files(ticket, personas.tier1)
    key, widget = _signed_in(client, personas)
    thread = widget.get(f"/widget/api/requests/{ticket.pk}").content.decode()
    url = f"/widget/api/requests/{ticket.pk}/files/{shown.pk}"
    assert f'data-download="{url}"' in thread and "dump.png" not in thread
    _assert_download(widget.get(url), PNG, "fixed.png")
    note_file = widget.get(f"/widget/api/requests/{ticket.pk}/files/{hidden.pk}")
    assert note_file.status_code == 404
    assert note_file["Content-Type"] == "application/problem+json"


def test_no_file_of_another_request_or_without_the_session(client, personas):
    theirs = open_ticket("bob@globex.example", subject="Globex plans")
    their_file, _ = _thread_with_files(theirs, personas.tier1)
    mine = open_ticket("alice@acme.example")
    key, widget = _signed_in(client, personas)
    # Another organization's request, and its file through my own request's URL.
    assert widget.get(f"/widget/api/requests/{theirs.pk}/files/{their_file.pk}").status_code == 404
    assert widget.get(f"/widget/api/requests/{mine.pk}/files/{their_file.pk}").status_code == 404
    # No session: the key alone reads no request's file.
    anonymous = Client(headers={"X-Widget-Key": key.kid})
    refused = anonymous.get(f"/widget/api/requests/{mine.pk}/files/{their_file.pk}")
    assert refused.status_code == 401
    assert refused["Content-Type"] == "application/problem+json"
    # The site's own session cookie is not the widget's.
    client.force_login(personas.bob)
    assert client.get(f"/widget/api/requests/{theirs.pk}/files/{their_file.pk}").status_code == 404


def _visitor(key, visitor_pass=""):
    headers = {"X-Widget-Key": key.kid}
    if visitor_pass:
        headers["X-Widget-Visitor"] = visitor_pass
    return Client(headers=headers)


def _visitor_ticket(key):
    form = {
        "email": "visitor@example.org", "name": "Val", "subject": "Export button?",
        "body": "Where is it?", "request_type": "how_to",
    }  # fmt: skip
    sent = _visitor(key).post("/widget/api/visitor-requests", form).content.decode()
    visitor_pass = re.search(r'data-visitor-pass="([^"]+)"', sent).group(1)
    mail = OutboundMail.objects.filter(recipient="visitor@example.org").latest("id")
    Client().post(re.search(r"https?://\S+(/widget/confirm/\S+)", mail.text).group(1))
    return Ticket.objects.get(subject="Export button?"), visitor_pass


def test_a_visitor_downloads_the_public_files_of_the_request_their_pass_follows(personas):
    key, _ = new_key(personas.manager, anonymous_requests=True)
    ticket, visitor_pass = _visitor_ticket(key)
    shown, hidden = _thread_with_files(ticket, personas.tier1)
    widget = _visitor(key, visitor_pass)
    thread = widget.get(f"/widget/api/visitor-requests/{ticket.pk}").content.decode()
    url = f"/widget/api/visitor-requests/{ticket.pk}/files/{shown.pk}"
    assert f'data-download="{url}"' in thread
    _assert_download(widget.get(url), PNG, "fixed.png")
    assert (
        widget.get(f"/widget/api/visitor-requests/{ticket.pk}/files/{hidden.pk}").status_code == 404
    )
    # Without the pass, with another key, or another request's file: not found.
    other_key, _ = new_key(personas.manager, anonymous_requests=True)
    for stranger in (_visitor(key), _visitor(other_key, visitor_pass)):
        assert stranger.get(url).status_code == 404
    theirs = open_ticket("bob@globex.example")
    their_file, _ = _thread_with_files(theirs, personas.tier1)
    assert (
        widget.get(f"/widget/api/visitor-requests/{ticket.pk}/files/{their_file.pk}").status_code
        == 404
    )
    assert (
        widget.get(f"/widget/api/visitor-requests/{theirs.pk}/files/{their_file.pk}").status_code
        == 404
    )
