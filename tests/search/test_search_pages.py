"""The desk's search (top bar box and results page) and the portal's search of a
customer's requests, through the client."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from charterdesk.tickets.models import Ticket
from charterdesk.tickets.services import message_add
from tests.tickets.factories import open_ticket


@pytest.fixture
def ticket(personas: SimpleNamespace) -> Ticket:
    ticket = open_ticket(subject="Reports are empty", body="The monthly report shows nothing.")
    message_add(ticket, personas.tier1, "Rebuild the warehouse cache, then reload.")
    message_add(ticket, personas.tier1, "Caused by the quokka migration.", visibility="internal")
    return ticket


def test_every_desk_page_has_the_search_box(login, personas: SimpleNamespace) -> None:
    page = login(personas.tier1).get(reverse("desk:queue")).content.decode()
    assert 'action="/desk/search"' in page and 'name="q"' in page


def test_agent_finds_a_ticket_by_a_reply_word_with_the_match_marked(
    login, personas: SimpleNamespace, ticket: Ticket
) -> None:
    page = login(personas.tier2).get(reverse("desk:search"), {"q": "warehouse"}).content.decode()
    assert reverse("desk:ticket", args=[ticket.pk]) in page
    assert "<mark>warehouse</mark>" in page


def test_the_filter_fields_narrow_the_search(
    login, personas: SimpleNamespace, ticket: Ticket
) -> None:
    client = login(personas.tier1)
    solved = client.get(reverse("desk:search"), {"q": "warehouse", "status": "solved"})
    assert reverse("desk:ticket", args=[ticket.pk]) not in solved.content.decode()
    anything = client.get(reverse("desk:search"), {"q": "warehouse", "status": ""})
    assert reverse("desk:ticket", args=[ticket.pk]) in anything.content.decode()


def test_a_ticket_number_opens_the_ticket(login, personas: SimpleNamespace, ticket: Ticket) -> None:
    response = login(personas.tier1).get(reverse("desk:search"), {"q": f"#{ticket.pk}"})
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:ticket", args=[ticket.pk])


def test_a_bad_query_is_an_error_next_to_the_field(login, personas: SimpleNamespace) -> None:
    response = login(personas.tier1).get(reverse("desk:search"), {"q": "created>someday"})
    assert response.status_code == 200
    assert "is not a date" in response.content.decode()


def test_did_you_mean_is_offered_with_a_link(
    login, personas: SimpleNamespace, ticket: Ticket
) -> None:
    page = login(personas.tier1).get(reverse("desk:search"), {"q": "warehuose"}).content.decode()
    assert "showing results for" in page
    assert "?q=warehouse" in page


def test_customer_searches_requests_in_the_portal_without_internal_notes(
    login, personas: SimpleNamespace, ticket: Ticket
) -> None:
    client = login(personas.alice)
    found = client.get(reverse("portal:search"), {"q": "warehouse"}).content.decode()
    assert reverse("portal:ticket", args=[ticket.pk]) in found
    hidden = client.get(reverse("portal:search"), {"q": "quokka"}).content.decode()
    assert reverse("portal:ticket", args=[ticket.pk]) not in hidden
    assert "quokka" not in hidden.replace('value="quokka"', "").replace("“quokka”", "")


def test_another_organizations_customer_finds_nothing(
    login, personas: SimpleNamespace, ticket: Ticket
) -> None:
    page = login(personas.bob).get(reverse("portal:search"), {"q": "warehouse"}).content.decode()
    assert reverse("portal:ticket", args=[ticket.pk]) not in page
    assert "None of your organization's requests match" in page


def test_customers_cannot_open_the_desk_search(login, personas: SimpleNamespace) -> None:
    response = login(personas.alice).get(reverse("desk:search"), {"q": "warehouse"})
    assert response.status_code in (302, 403)
