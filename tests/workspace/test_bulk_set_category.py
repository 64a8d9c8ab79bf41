"""Bulk "set category": each ticket's category set by the agent (source person), with an
outcome per ticket, and undone like the other bulk changes: the category goes back with
how it was set (a model's suggestion stays the model's)."""

import pytest

from charterdesk.tickets.models import CategorySource, TicketEvent
from charterdesk.tickets.services import category_create, category_update, ticket_categorize
from charterdesk.workspace.bulk import bulk_undo, tickets_bulk_update
from tests.tickets.factories import open_ticket


@pytest.fixture
def tree(personas):
    billing = category_create(actor=personas.manager, name="Billing")
    return {
        "billing": billing,
        "refunds": category_create(actor=personas.manager, name="Refunds", parent=billing),
        "access": category_create(actor=personas.manager, name="Access"),
    }


def test_an_agent_sets_the_category_of_many_tickets_and_undoes_it(personas, tree):
    guessed, empty, same = open_ticket(), open_ticket(), open_ticket()
    ticket_categorize(guessed, tree["access"], by=None, source=CategorySource.MODEL,
                      confidence=0.91)  # fmt: skip
    ticket_categorize(same, tree["refunds"], by=personas.tier1, source=CategorySource.PERSON)
    ids = [guessed.pk, empty.pk, same.pk]
    result = tickets_bulk_update(personas.tier1, ids, {"category": tree["refunds"].pk})
    assert [(o.ok, o.changed) for o in result.outcomes] == [
        (True, ["category"]),
        (True, ["category"]),
        (True, []),
    ]
    assert result.bulk.description == "category Billing › Refunds on 3 tickets"
    for ticket in (guessed, empty):
        ticket.refresh_from_db()
        assert (ticket.category, ticket.category_source, ticket.category_set_by) == (
            tree["refunds"],
            CategorySource.PERSON,
            personas.tier1,
        )
    line = TicketEvent.objects.filter(ticket=guessed, field="category").latest("id")
    assert (line.old_value, line.new_value, line.note) == (
        "Access",
        "Billing › Refunds",
        "by person",
    )
    undone = bulk_undo(personas.tier1, result.bulk)
    assert [(o.id, o.changed) for o in undone.outcomes] == [
        (guessed.pk, ["category"]),
        (empty.pk, ["category"]),
    ]
    guessed.refresh_from_db()
    empty.refresh_from_db()
    assert (guessed.category, guessed.category_source, guessed.category_confidence) == (
        tree["access"],
        CategorySource.MODEL,
        0.91,
    )
    assert (empty.category, empty.category_source) == (None, "")


def test_a_deactivated_or_unknown_category_is_refused_on_its_field(personas, tree):
    ticket = open_ticket()
    category_update(tree["access"], actor=personas.manager, active=False)
    for wrong, message in (
        (tree["access"].pk, "“Access” is deactivated; choose another."),
        (10**30, "No category has this id."),
        ("x", "Give an id."),
    ):
        with pytest.raises(Exception) as refused:
            tickets_bulk_update(personas.tier1, [ticket.pk], {"category": wrong})
        assert refused.value.message_dict == {"category": [message]}


def test_the_bulk_bar_sets_a_category(personas, login):
    billing = category_create(actor=personas.manager, name="Billing")
    ticket = open_ticket()
    client = login(personas.tier1)
    queue_page = client.get("/desk/").content.decode()
    assert f'<option value="{billing.pk}">Billing</option>' in queue_page
    response = client.post(
        "/desk/bulk", {"ids": [ticket.pk], "category": billing.pk, "next": "/desk/"}, follow=True
    )
    assert "Changed 1 ticket(s)." in response.content.decode()
    ticket.refresh_from_db()
    assert ticket.category == billing


def test_the_api_clears_categories_in_bulk(personas, api):
    billing = category_create(actor=personas.manager, name="Billing")
    ticket = open_ticket()
    ticket_categorize(ticket, billing, by=personas.tier1, source=CategorySource.PERSON)
    response = api.as_(personas.tier1).post(
        "/api/v1/tickets/bulk",
        {"ids": [ticket.pk], "changes": {"category": None}},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["outcomes"][0]["changed"] == ["category"]
    ticket.refresh_from_db()
    assert ticket.category is None


def test_the_bulk_bar_offers_the_active_categories_and_agents_the_filters_all(
    personas, tree, login
):
    """The queue reads agents and categories once for the filters and the bulk bar; the bar
    still offers only those that can be chosen now."""
    category_update(tree["access"], actor=personas.manager, active=False)
    personas.tier3.is_active = False
    personas.tier3.save(update_fields=["is_active"])
    open_ticket()
    page = login(personas.tier1).get("/desk/").content.decode()
    filters, _, bar = page.partition('id="bulk-bar"')
    assert f'<option value="{tree["access"].pk}">Access</option>' in filters
    assert f'<option value="{tree["access"].pk}">Access</option>' not in bar
    assert f'<option value="{tree["billing"].pk}">Billing</option>' in bar
    assert f'<option value="{personas.tier3.pk}">' in filters
    assert f'<option value="{personas.tier3.pk}">' not in bar
    assert f'<option value="{personas.tier2.pk}">' in bar
