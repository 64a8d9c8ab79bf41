import pytest
from django.core.exceptions import ValidationError

from charterdesk.search.ticket_search import search_tickets
from charterdesk.tickets.category_models import CategorySource
from charterdesk.tickets.services import category_create, ticket_categorize

from .factories import open_ticket


def test_category_filter_finds_a_category_and_the_ones_under_it(personas):
    billing = category_create(actor=personas.manager, name="Billing")
    refunds = category_create(actor=personas.manager, name="Refunds", parent=billing)
    logins = category_create(actor=personas.manager, name="Login")
    for category, subject in ((billing, "Invoice"), (refunds, "Refund"), (logins, "Login")):
        ticket = open_ticket(subject=f"{subject} question")
        ticket_categorize(ticket, category, by=personas.tier1, source=CategorySource.PERSON)

    def found(q: str) -> list[str]:
        return sorted(hit.ticket.subject for hit in search_tickets(personas.tier1, q).items)

    assert found("question category:billing") == ["Invoice question", "Refund question"]
    assert found('question category:"Billing › Refunds"') == ["Refund question"]
    assert found("question category:billing/refunds") == ["Refund question"]


def test_customers_cannot_filter_by_category(personas):
    with pytest.raises(ValidationError, match="for agents"):
        search_tickets(personas.alice, "export category:billing")
