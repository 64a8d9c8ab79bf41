"""A widget session is good for its contact's widget pages only: never another
organization's request, never the desk, the portal or the REST API."""

import pytest
from django.test import Client

from charterdesk.core.vocabulary import Channel
from charterdesk.intake.services import ticket_create

from .helpers import exchange, new_key, session_client, token_for


@pytest.fixture
def alice_widget(client, personas):
    key, secret = new_key(personas.manager)
    bearer = exchange(client, token_for(key, secret, "alice@acme.example")).json()["session"]
    return session_client(key, bearer)


def _ticket(contact, subject: str):
    return ticket_create(
        requester=contact, subject=subject, body="It broke.", channel=Channel.PORTAL
    )


def test_widget_shows_the_contacts_own_requests(alice_widget, personas):
    mine = _ticket(personas.alice.contact, "Export fails at midnight")
    page = alice_widget.get("/widget/api/requests").content.decode()
    assert "Export fails at midnight" in page
    assert alice_widget.get(f"/widget/api/requests/{mine.pk}").status_code == 200


def test_widget_session_cannot_read_another_organizations_request(alice_widget, personas):
    theirs = _ticket(personas.bob.contact, "Globex secret plans")
    assert "Globex secret plans" not in alice_widget.get("/widget/api/requests").content.decode()
    assert alice_widget.get(f"/widget/api/requests/{theirs.pk}").status_code == 404


def test_widget_session_does_not_open_the_desk_the_portal_or_the_api(alice_widget, personas):
    ticket = _ticket(personas.alice.contact, "Mine")
    assert alice_widget.get("/desk/").status_code == 302  # to the sign-in page
    assert alice_widget.get("/portal/").status_code == 302
    assert alice_widget.get(f"/api/v1/tickets/{ticket.pk}").status_code == 401
    assert alice_widget.get("/api/v1/widget-keys").status_code == 401


def test_a_session_token_with_another_key_is_refused(alice_widget, personas):
    other, _ = new_key(personas.manager)
    bearer = alice_widget.defaults["HTTP_AUTHORIZATION"].split()[1]
    stranger = Client(headers={"Authorization": f"Bearer {bearer}", "X-Widget-Key": other.kid})
    response = stranger.get("/widget/api/requests")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_revoking_the_key_ends_its_sessions(alice_widget, personas):
    from charterdesk.widget.models import WidgetKey
    from charterdesk.widget.services import widget_key_revoke

    key = WidgetKey.objects.get()
    widget_key_revoke(key=key)
    assert alice_widget.get("/widget/api/requests").status_code == 404  # the key is gone


def test_visitor_without_a_session_cannot_list_requests(personas):
    key, _ = new_key(personas.manager)
    visitor = Client(headers={"X-Widget-Key": key.kid})
    assert visitor.get("/widget/api/requests").status_code == 401
    assert visitor.get("/widget/api/search?q=anything").status_code == 200


def test_request_list_costs_the_same_queries_for_many_requests(
    alice_widget, personas, django_assert_max_num_queries
):
    for number in range(12):
        _ticket(personas.alice.contact, f"Request {number}")
    with django_assert_max_num_queries(8):
        page = alice_widget.get("/widget/api/requests").content.decode()
    assert page.count('data-go="/widget/api/requests/') == 10
