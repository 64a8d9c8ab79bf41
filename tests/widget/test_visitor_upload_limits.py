"""Files visitors without a token send through the widget are limited per client address
and per widget key and hour: past either, 429 problem+json with Retry-After and a message
the widget shows; nothing of the refused request is kept or counted. Signed-in contacts
are not limited here."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from charterdesk.core.limits import RateLimitError
from charterdesk.mail.models import OutboundMail
from charterdesk.tickets.models import Message, Ticket
from charterdesk.widget.models import PendingFile, PendingRequest, UploadCount
from charterdesk.widget.sweep import widget_sweep
from charterdesk.widget.upload_limits import visitor_files_count

from .helpers import new_key

FORM = {
    "email": "visitor@example.org",
    "name": "Val",
    "subject": "Where is the export button?",
    "body": "I cannot find it.",
    "request_type": "how_to",
}


def _files(n):
    return [
        SimpleUploadedFile(f"shot{i}.png", b"\x89PNG\r\n\x1a\n12", "image/png") for i in range(n)
    ]


def _visitor(key, address="203.0.113.5"):
    return Client(headers={"X-Widget-Key": key.kid}, REMOTE_ADDR=address)


def _send(visitor, n, email="visitor@example.org"):
    return visitor.post(
        "/widget/api/visitor-requests", {**FORM, "email": email, "attachments": _files(n)}
    )


@override_settings(WIDGET_VISITOR_FILES_PER_ADDRESS=4, WIDGET_VISITOR_FILES_PER_KEY=100)
def test_files_from_one_address_past_the_limit_are_429_with_retry_after(personas):
    key, _ = new_key(personas.manager, anonymous_requests=True)
    visitor = _visitor(key)
    assert _send(visitor, 3).status_code == 202
    refused = _send(visitor, 2, email="other@example.org")
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert 1 <= int(refused["Retry-After"]) <= 3600
    problem = refused.json()
    assert problem["status"] == 429 and "Files from your network" in problem["detail"]
    assert "without files" in problem["detail"]
    # Nothing of the refused request was kept, and it was not counted.
    assert PendingRequest.objects.count() == 1 and PendingFile.objects.count() == 3
    assert UploadCount.objects.get(scope="ip:203.0.113.5").count == 3
    # The same visitor may still send without files, or one more file; another address
    # has its own count.
    assert _send(visitor, 0, email="other@example.org").status_code == 202
    assert _send(visitor, 1, email="third@example.org").status_code == 202
    assert _send(_visitor(key, "198.51.100.7"), 3, email="fourth@example.org").status_code == 202


@override_settings(WIDGET_VISITOR_FILES_PER_ADDRESS=100, WIDGET_VISITOR_FILES_PER_KEY=3)
def test_files_through_one_key_past_its_limit_are_429(personas):
    key, _ = new_key(personas.manager, anonymous_requests=True)
    other, _ = new_key(personas.manager, anonymous_requests=True)
    assert _send(_visitor(key, "203.0.113.1"), 2).status_code == 202
    refused = _send(_visitor(key, "203.0.113.2"), 2, email="b@example.org")
    assert refused.status_code == 429
    assert "takes no more files from visitors" in refused.json()["detail"]
    assert _send(_visitor(other, "203.0.113.2"), 2, email="b@example.org").status_code == 202


@override_settings(WIDGET_VISITOR_FILES_PER_ADDRESS=2)
def test_the_limit_counts_a_visitors_replies_too(personas):
    key, _ = new_key(personas.manager, anonymous_requests=True)
    sent = _send(_visitor(key), 1).content.decode()
    visitor_pass = re.search(r'data-visitor-pass="([^"]+)"', sent).group(1)
    mail = OutboundMail.objects.filter(recipient="visitor@example.org").latest("id")
    Client().post(re.search(r"https?://\S+(/widget/confirm/\S+)", mail.text).group(1))
    ticket = Ticket.objects.get(subject=FORM["subject"])
    widget = Client(
        headers={"X-Widget-Key": key.kid, "X-Widget-Visitor": visitor_pass},
        REMOTE_ADDR="203.0.113.5",
    )
    url = f"/widget/api/visitor-requests/{ticket.pk}"
    assert widget.post(url, {"body": "One more shot", "attachments": _files(1)}).status_code == 200
    refused = widget.post(url, {"body": "And another", "attachments": _files(1)})
    assert refused.status_code == 429 and "Retry-After" in refused
    assert not Message.objects.filter(ticket=ticket, body="And another").exists()
    assert widget.post(url, {"body": "Without a file then"}).status_code == 200


def test_the_count_is_per_hour_and_the_sweep_forgets_past_hours(personas, settings):
    settings.WIDGET_VISITOR_FILES_PER_ADDRESS = 2
    key, _ = new_key(personas.manager, anonymous_requests=True)
    ten = datetime(2026, 3, 2, 10, 59, 30, tzinfo=UTC)
    visitor_files_count(key=key, client="203.0.113.5", files=2, now=ten)
    with pytest.raises(RateLimitError) as refused:
        visitor_files_count(key=key, client="203.0.113.5", files=1, now=ten)
    assert refused.value.retry_after == 30
    visitor_files_count(key=key, client="203.0.113.5", files=2, now=ten + timedelta(minutes=1))
    assert widget_sweep(ten + timedelta(hours=1))["upload_counts"] == 2  # ip and key, 10:00
    assert UploadCount.objects.count() == 2  # the 11:00 counts stay
