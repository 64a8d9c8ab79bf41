"""Agents and customers searching tickets: what each finds, what each never finds."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from charterdesk.search.ticket_search import search_tickets
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.services import message_add
from tests.tickets.factories import open_ticket


def found(user: object, q: str, **options: object) -> list[int]:
    return [hit.ticket.pk for hit in search_tickets(user, q, **options).items]  # type: ignore[arg-type]


@pytest.fixture
def saml(personas: SimpleNamespace) -> Ticket:
    ticket = open_ticket(subject="Sign-in broken", body="Nobody at Acme can sign in since Monday.")
    message_add(ticket, personas.tier1, "The SAML certificate expired; please upload a new one.")
    message_add(
        ticket, personas.tier1, "Customer's IdP is run by Zeppelinco.", visibility="internal"
    )
    return ticket


def test_agent_finds_a_ticket_by_a_word_only_in_a_reply(
    personas: SimpleNamespace, saml: Ticket
) -> None:
    results = search_tickets(personas.tier2, "certificate")
    assert [hit.ticket for hit in results.items] == [saml]
    assert "<mark>certificate</mark>" in results.items[0].snippet_html


def test_agent_finds_a_word_of_an_internal_note(personas: SimpleNamespace, saml: Ticket) -> None:
    assert found(personas.tier1, "zeppelinco") == [saml.pk]


def test_customer_never_matches_internal_note_text(personas: SimpleNamespace, saml: Ticket) -> None:
    assert found(personas.alice, "certificate") == [saml.pk]
    results = search_tickets(personas.alice, "zeppelinco")
    assert results.items == []
    assert results.corrected_query is None
    misspelt = search_tickets(personas.alice, "zepelinco")
    assert misspelt.items == [] and misspelt.corrected_query is None
    # An excluded word of an internal note does not hide the ticket from its customer.
    assert found(personas.alice, "certificate -zeppelinco") == [saml.pk]


def test_customer_snippet_never_shows_an_internal_note(
    personas: SimpleNamespace, saml: Ticket
) -> None:
    for q in ("sign", "acme", "certificate"):
        for hit in search_tickets(personas.alice, q).items:
            assert "Zeppelinco" not in hit.snippet_html + hit.title_html


def test_customer_searches_only_their_organizations_tickets(
    personas: SimpleNamespace, saml: Ticket
) -> None:
    globex = open_ticket("bob@globex.example", subject="Certificate warning in the browser")
    assert found(personas.alice, "certificate") == [saml.pk]
    assert found(personas.bob, "certificate") == [globex.pk]
    assert set(found(personas.tier1, "certificate")) == {saml.pk, globex.pk}


def test_requester_and_organization_names_are_searchable(
    personas: SimpleNamespace, saml: Ticket
) -> None:
    assert saml.pk in found(personas.tier1, "alice@acme.example")
    assert saml.pk in found(personas.tier1, "acme")


def test_a_number_jumps_to_a_ticket_the_reader_may_open(
    personas: SimpleNamespace, saml: Ticket
) -> None:
    assert search_tickets(personas.tier1, f"#{saml.pk}").jump_to == saml
    assert search_tickets(personas.alice, str(saml.pk)).jump_to == saml
    assert search_tickets(personas.bob, f"#{saml.pk}").jump_to is None
    assert search_tickets(personas.bob, f"#{saml.pk}").items == []


def test_did_you_mean_corrects_a_typo_and_runs_the_corrected_query(
    personas: SimpleNamespace, saml: Ticket
) -> None:
    results = search_tickets(personas.tier1, "certficate")
    assert results.corrected_query == "certificate"
    assert [hit.ticket for hit in results.items] == [saml]


def test_pages_of_tickets_follow_each_other(personas: SimpleNamespace) -> None:
    made = [open_ticket(subject=f"Quota exceeded {n}").pk for n in range(5)]
    for order in ("relevance", "date"):
        seen: list[int] = []
        cursor = None
        while True:
            page = search_tickets(personas.tier1, "quota", order=order, limit=2, cursor=cursor)
            seen += [hit.ticket.pk for hit in page.items]
            if not (cursor := page.next_cursor):
                break
        assert sorted(seen) == sorted(made)
    assert found(personas.tier1, "quota", order="date") == sorted(made, reverse=True)


@pytest.mark.parametrize(
    ("q", "message"),
    [("status:lost", "status: use one of"), ("tier:two", "tier number")],
)
def test_a_bad_filter_is_a_field_error(personas: SimpleNamespace, q: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        search_tickets(personas.tier1, q)


def test_customers_cannot_filter_by_the_desks_internals(personas: SimpleNamespace) -> None:
    with pytest.raises(ValidationError, match="filter for agents"):
        search_tickets(personas.alice, "tier:2 export")
