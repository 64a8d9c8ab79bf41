"""Routing rules match a ticket's category (with every category below it) and can set a
category on a new ticket (recorded as set by a rule). When triage's model sets the
category of a new ticket, the rules are tried again with it."""

import pytest
from django.utils import timezone

from charterdesk.routing.models import Queue, RoutingRule
from charterdesk.routing.rules import Facts, category_line, route
from charterdesk.tickets.models import CategorySource, EventKind, Status, TicketEvent
from charterdesk.tickets.services import category_create, ticket_categorize, ticket_update
from charterdesk.tickets.wording import event_line
from tests.routing.factories import agent, queue, team
from tests.tickets.factories import open_ticket


@pytest.fixture
def tree(personas):
    billing = category_create(actor=personas.manager, name="Billing")
    refunds = category_create(actor=personas.manager, name="Refunds", parent=billing)
    access = category_create(actor=personas.manager, name="Access")
    return {"billing": billing, "refunds": refunds, "access": access}


def _rule(name, to, position=0, **fields):
    return RoutingRule.objects.create(name=name, queue=to, position=position, **fields)


def test_a_rule_on_a_category_takes_the_categories_below_it(personas, tree):
    money = queue(team())
    _rule("Money", money, categories=[tree["billing"].pk])
    facts = Facts(request_type="error", channel="portal")
    refund = Facts("error", "portal", categories=category_line(tree["refunds"]))
    login = Facts("error", "portal", categories=category_line(tree["access"]))
    assert route(refund).queue == money
    assert route(login).queue != money
    assert route(facts).queue != money  # no category yet: the rule waits for one


def test_a_rule_sets_the_category_of_a_new_ticket_as_a_rule(personas, tree):
    _rule("Globex billing", Queue.objects.get(name="Frontline"), set_category=tree["refunds"])
    ticket = open_ticket("bob@globex.example")
    assert (ticket.category, ticket.category_source) == (tree["refunds"], CategorySource.RULE)
    line = TicketEvent.objects.get(ticket=ticket, field="category")
    assert event_line(line) == "Category: — → Billing › Refunds"
    assert line.note == "by rule 'Globex billing'" and line.internal


def test_the_models_category_routes_a_new_ticket_again(personas, tree):
    crew = team()
    cashier = agent("Cashier", crew)
    money = queue(crew)
    _rule("Money", money, categories=[tree["billing"].pk])
    ticket = open_ticket("bob@globex.example")
    first_queue = ticket.queue
    assert first_queue != money
    ticket_categorize(
        ticket, tree["refunds"], by=None, source=CategorySource.MODEL, at=timezone.now()
    )
    ticket.refresh_from_db()
    assert (ticket.queue, ticket.assignee) == (money, cashier)
    moved = TicketEvent.objects.filter(ticket=ticket, kind=EventKind.ROUTED).latest("id")
    assert moved.note == (
        f"category Billing › Refunds set by the model → rule 'Money' → queue '{money.name}'"
    )


def test_a_persons_category_or_a_worked_ticket_stays_where_it_is(personas, tree):
    money = queue(team())
    _rule("Money", money, categories=[tree["billing"].pk])
    corrected = open_ticket("bob@globex.example")
    ticket_categorize(corrected, tree["refunds"], by=personas.tier1, source="person")
    worked = open_ticket("bob@globex.example")
    ticket_update(worked, personas.tier1, status=Status.OPEN)
    ticket_categorize(worked, tree["refunds"], by=None, source=CategorySource.MODEL)
    for ticket in (corrected, worked):
        ticket.refresh_from_db()
        assert ticket.queue != money


def test_a_category_no_rule_asks_for_keeps_the_intake_decision(personas, tree):
    _rule("Money", queue(team()), categories=[tree["billing"].pk])
    ticket = open_ticket("bob@globex.example")
    before = ticket.queue
    ticket_categorize(ticket, tree["access"], by=None, source=CategorySource.MODEL)
    ticket.refresh_from_db()
    assert ticket.queue == before
    assert TicketEvent.objects.filter(ticket=ticket, kind=EventKind.ROUTED).count() == 1
