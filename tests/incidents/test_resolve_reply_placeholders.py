"""The resolve form's reply on linked tickets: pre-filled with real words (what happened
goes where {message} stands), and a reply still holding a placeholder is refused."""

import re
from html import unescape

from charterdesk.tickets.models import Status
from tests.tickets.factories import open_ticket

from .factories import acme_outage


def _prefilled_reply(page: str) -> str:
    found = re.search(r'<textarea name="ticket_reply"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, "the resolve form has a reply for linked tickets"
    return unescape(found.group(1)).strip()


def test_the_unedited_reply_reaches_customers_with_what_happened(personas, login):
    incident = acme_outage(personas)
    ticket = open_ticket(subject="Cloud does not load")
    client = login(personas.tier3)
    reply = _prefilled_reply(client.get(f"/desk/incidents/{incident.pk}").content.decode())
    assert "(what happened)" not in reply
    assert "Cloud is down" in reply  # the title is filled in already
    resolved = client.post(
        f"/desk/incidents/{incident.pk}/resolve",
        {"message": "A bad router was replaced.", "data_lost": "no", "ticket_reply": reply},
    )
    assert resolved.status_code == 302, resolved.content.decode()[:2000]
    body = ticket.messages.filter(from_staff=True).get().body
    assert "A bad router was replaced." in body
    assert "{" not in body and "(what happened)" not in body
    ticket.refresh_from_db()
    assert ticket.status == Status.SOLVED


def test_a_reply_still_holding_a_placeholder_is_refused(personas, login):
    incident = acme_outage(personas)
    ticket = open_ticket(subject="Cloud does not load")
    client = login(personas.tier3)
    for marker in ("(what happened)", "{next_update}"):
        refused = client.post(
            f"/desk/incidents/{incident.pk}/resolve",
            {"message": "Fixed.", "data_lost": "no", "ticket_reply": f"Resolved: {marker}"},
        )
        assert refused.status_code == 400
        assert "with real words" in refused.content.decode()
    incident.refresh_from_db()
    assert incident.is_open
    assert not ticket.messages.filter(from_staff=True).exists()


def test_the_api_fills_in_message_and_refuses_a_placeholder(personas, api):
    incident = acme_outage(personas)
    ticket = open_ticket(subject="Cloud does not load")
    agent = api.as_(personas.tier3)
    refused = agent.post(
        f"/api/v1/incidents/{incident.pk}/resolve",
        {"message": "Fixed.", "ticket_reply": "Resolved. {next_update}"},
        content_type="application/json",
    )
    assert refused.status_code in (400, 422), refused.content
    assert "ticket_reply" in refused.content.decode()
    assert not ticket.messages.filter(from_staff=True).exists()
    resolved = agent.post(
        f"/api/v1/incidents/{incident.pk}/resolve",
        {"message": "The router was replaced.", "ticket_reply": "Resolved: {message}"},
        content_type="application/json",
    )
    assert resolved.status_code == 200, resolved.content
    body = ticket.messages.filter(from_staff=True).get().body
    assert body == "Resolved: The router was replaced."
