"""A visitor's request with files: the files wait with it and reach the ticket when the
mailed link is confirmed; then the widget that sent it (its visitor pass) reads the public
thread and replies, and nothing else: not another visitor's request, not before the
confirmation, never an internal note."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from charterdesk.mail.models import Attachment, OutboundMail
from charterdesk.tickets.models import Message, Status, Ticket
from charterdesk.tickets.services import follower_add, message_add
from charterdesk.widget.models import PendingFile, PendingRequest
from tests.tickets.factories import open_ticket

from .helpers import new_key

FORM = {
    "email": "visitor@example.org",
    "name": "Val",
    "subject": "Where is the export button?",
    "body": "I cannot find the export button on the dashboard.",
    "request_type": "how_to",
}


def _file(name="screen.png", data=b"\x89PNG\r\n\x1a\n1234"):
    return SimpleUploadedFile(name, data, "image/png")


def _send(visitor, **extra):
    response = visitor.post("/widget/api/visitor-requests", {**FORM, **extra})
    found = re.search(r'data-visitor-pass="([^"]+)"', response.content.decode())
    return response, (found.group(1) if found else "")


def _confirm(email="visitor@example.org"):
    mail = OutboundMail.objects.filter(recipient=email).latest("id")
    path = re.search(r"https?://\S+(/widget/confirm/\S+)", mail.text).group(1)
    Client().post(path)
    return Ticket.objects.filter(subject=FORM["subject"]).latest("id")


def _visitor(key, visitor_pass=""):
    headers = {"X-Widget-Key": key.kid}
    if visitor_pass:
        headers["X-Widget-Visitor"] = visitor_pass
    return Client(headers=headers)


def test_visitors_files_wait_for_the_confirmation_then_reach_the_ticket(personas):
    key, _ = new_key(personas.manager, anonymous_requests=True)
    response, _ = _send(_visitor(key), attachments=[_file(), _file("log.txt", b"trace")])
    assert response.status_code == 202
    assert PendingFile.objects.count() == 2
    assert not Attachment.objects.filter(filename="screen.png").exists()
    ticket = _confirm()
    first = ticket.messages.order_by("id").first()
    names = set(Attachment.objects.filter(message=first).values_list("filename", flat=True))
    assert names == {"screen.png", "log.txt"}


def test_visitors_may_attach_fewer_files_and_no_empty_ones(personas):
    key, _ = new_key(personas.manager, anonymous_requests=True)
    files = [_file(f"shot{i}.png") for i in range(4)]
    response, _ = _send(_visitor(key), attachments=files)
    assert response.status_code == 422
    assert "Attach at most 3 files" in response.content.decode()
    empty, _ = _send(_visitor(key), attachments=[_file("blank.png", b"")])
    assert empty.status_code == 422
    assert not PendingRequest.objects.exists()


@override_settings(MAIL_MAX_ATTACHMENT_BYTES=1024)
def test_a_file_over_the_size_limit_is_refused(personas):
    key, _ = new_key(personas.manager, anonymous_requests=True)
    response, _ = _send(_visitor(key), attachments=[_file("big.bin", b"x" * 2048)])
    assert response.status_code == 422
    assert "larger than the limit" in response.content.decode()


def test_the_pass_reads_the_confirmed_thread_and_replies(personas):
    key, _ = new_key(personas.manager, anonymous_requests=True)
    _, visitor_pass = _send(_visitor(key))
    assert visitor_pass.startswith("wgv_")
    widget = _visitor(key, visitor_pass)
    waiting = widget.get("/widget/api/visitor-requests").content.decode()
    assert "Waiting for you to confirm it" in waiting
    ticket = _confirm()
    follower_add(ticket, personas.tier1, user=personas.tier1)
    message_add(ticket, personas.tier1, "It is under the ⋯ menu.")
    message_add(ticket, personas.tier1, "Visitor seems new", visibility="internal")
    assert (
        f"#{ticket.pk} {ticket.subject}"
        in widget.get("/widget/api/visitor-requests").content.decode()
    )
    thread = widget.get(f"/widget/api/visitor-requests/{ticket.pk}").content.decode()
    assert "It is under the ⋯ menu." in thread and "Visitor seems new" not in thread
    assert "Up to 3 files." in thread  # a visitor's limit, not a contact's 10
    replied = widget.post(
        f"/widget/api/visitor-requests/{ticket.pk}",
        {"body": "Found it, thanks!", "attachments": _file("found.png")},
    )
    assert replied.status_code == 200 and "Found it, thanks!" in replied.content.decode()
    reply = Message.objects.filter(ticket=ticket).latest("id")
    assert (reply.author, reply.author_contact, reply.from_staff) == (None, ticket.requester, False)
    assert Attachment.objects.filter(message=reply, filename="found.png").exists()
    assert OutboundMail.objects.filter(recipient=personas.tier1.email, ticket=ticket).exists()
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN


def test_a_second_request_from_the_same_widget_keeps_its_pass(personas):
    key, _ = new_key(personas.manager, anonymous_requests=True)
    _, first = _send(_visitor(key))
    _, second = _send(_visitor(key, first), subject="Another question")
    assert first == second
    assert PendingRequest.objects.filter(visitor_hash="").count() == 0


def test_no_pass_reads_what_it_did_not_send(personas):
    key, _ = new_key(personas.manager, anonymous_requests=True)
    _, visitor_pass = _send(_visitor(key))
    pending = PendingRequest.objects.get()
    other_key, _ = new_key(personas.manager, anonymous_requests=True)
    _, stranger = _send(_visitor(key), email="mallory@example.org")
    for client in (_visitor(key), _visitor(key, stranger), _visitor(other_key, visitor_pass)):
        assert client.get(f"/widget/api/visitor-requests/{pending.pk}").status_code == 404
    ticket = _confirm()
    for client in (_visitor(key), _visitor(key, stranger), _visitor(other_key, visitor_pass)):
        assert client.get(f"/widget/api/visitor-requests/{ticket.pk}").status_code == 404
        refused = client.post(f"/widget/api/visitor-requests/{ticket.pk}", {"body": "Hi"})
        assert refused.status_code == 404
    assert not Message.objects.filter(ticket=ticket, body="Hi").exists()
    theirs = open_ticket("bob@globex.example")
    widget = _visitor(key, visitor_pass)
    assert widget.get(f"/widget/api/visitor-requests/{theirs.pk}").status_code == 404


def test_an_unconfirmed_request_cannot_be_read_with_its_pass(personas):
    key, _ = new_key(personas.manager, anonymous_requests=True)
    _, visitor_pass = _send(_visitor(key))
    other = open_ticket("bob@globex.example")
    PendingRequest.objects.update(ticket=other)  # linked but never confirmed
    widget = _visitor(key, visitor_pass)
    assert widget.get(f"/widget/api/visitor-requests/{other.pk}").status_code == 404
