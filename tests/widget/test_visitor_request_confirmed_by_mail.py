"""A visitor without a token may send a request where the key allows it: it becomes a
ticket only once the link mailed to the address given is opened and confirmed."""

import re
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from charterdesk.customers.models import Contact
from charterdesk.mail.models import OutboundMail
from charterdesk.tickets.models import Ticket
from charterdesk.widget.models import PendingRequest
from charterdesk.widget.sweep import widget_sweep

from .helpers import new_key

FORM = {
    "email": "visitor@example.org",
    "name": "Val",
    "subject": "Where is the export button?",
    "body": "I cannot find the export button on the dashboard.",
    "request_type": "how_to",
}


def _link(mail: OutboundMail) -> str:
    found = re.search(r"https?://\S+/widget/confirm/\S+", mail.text)
    assert found
    return found.group(0).split("/widget/", 1)[1]


def test_visitor_request_becomes_a_ticket_after_the_mailed_confirmation(personas):
    key, _ = new_key(personas.manager, anonymous_requests=True)
    visitor = Client(headers={"X-Widget-Key": key.kid})
    assert b"Ask the support team" in visitor.get("/widget/frame/home").content
    response = visitor.post("/widget/api/visitor-requests", FORM)
    assert response.status_code == 202
    assert b"Check your mail" in response.content
    assert not Ticket.objects.filter(subject=FORM["subject"]).exists()
    path = "/widget/" + _link(OutboundMail.objects.get(recipient="visitor@example.org"))
    browser = Client()
    assert b"Send it to the support team" in browser.get(path).content
    assert not Ticket.objects.filter(subject=FORM["subject"]).exists()  # a GET confirms nothing
    page = browser.post(path).content.decode()
    ticket = Ticket.objects.get(subject=FORM["subject"])
    assert f"request #{ticket.pk} is open" in page
    assert ticket.requester == Contact.objects.get(email="visitor@example.org")
    browser.post(path)
    assert Ticket.objects.filter(subject=FORM["subject"]).count() == 1


def test_keys_without_visitor_requests_refuse_them(personas):
    key, _ = new_key(personas.manager)
    visitor = Client(headers={"X-Widget-Key": key.kid})
    assert visitor.post("/widget/api/visitor-requests", FORM).status_code == 401
    assert not PendingRequest.objects.exists()


def test_unconfirmed_requests_expire_and_are_swept(personas):
    key, _ = new_key(personas.manager, anonymous_requests=True)
    Client(headers={"X-Widget-Key": key.kid}).post("/widget/api/visitor-requests", FORM)
    path = "/widget/" + _link(OutboundMail.objects.get(recipient="visitor@example.org"))
    later = timezone.now() + timedelta(hours=25)
    assert widget_sweep(later)["pending"] == 1
    assert Client().get(path).status_code == 404


def test_sweep_forgets_used_tokens_only_after_they_expire(client, personas):
    from .helpers import exchange, token_for

    key, secret = new_key(personas.manager)
    exchange(client, token_for(key, secret, "alice@acme.example"))
    assert widget_sweep(timezone.now())["tokens"] == 0
    assert widget_sweep(timezone.now() + timedelta(minutes=6))["tokens"] == 1


def test_one_address_cannot_flood_the_team_with_unconfirmed_requests(personas):
    key, _ = new_key(personas.manager, anonymous_requests=True)
    visitor = Client(headers={"X-Widget-Key": key.kid})
    for _ in range(3):
        assert visitor.post("/widget/api/visitor-requests", FORM).status_code == 202
    refused = visitor.post("/widget/api/visitor-requests", FORM)
    assert refused.status_code == 422
    assert b"wait for their confirmation" in refused.content
    assert PendingRequest.objects.count() == 3
