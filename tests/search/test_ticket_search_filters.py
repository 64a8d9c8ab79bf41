"""The field syntax narrows a ticket search by the ticket's own fields."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import time_machine

from charterdesk.search.ticket_search import search_tickets
from charterdesk.tickets.services import ticket_update
from tests.tickets.factories import open_ticket


def found(user: object, q: str) -> set[int]:
    return {hit.ticket.pk for hit in search_tickets(user, q).items}  # type: ignore[arg-type]


def test_each_field_narrows_the_search(personas: SimpleNamespace) -> None:
    outage = open_ticket(subject="Outage in EU", request_type="downtime")
    question = open_ticket(
        "bob@globex.example", subject="Outage report wanted", request_type="how_to"
    )
    ticket_update(outage, personas.tier1, assignee=personas.tier1, status="pending")
    agent = personas.tier1
    assert found(agent, "outage") == {outage.pk, question.pk}
    assert found(agent, "outage status:pending") == {outage.pk}
    assert found(agent, "outage status:new") == {question.pk}
    assert found(agent, "outage type:downtime") == {outage.pk}
    assert found(agent, "outage type:how-to") == {question.pk}
    assert found(agent, "outage org:globex") == {question.pk}
    assert found(agent, "outage assignee:me") == {outage.pk}
    assert found(agent, "outage assignee:none") == {question.pk}
    assert found(agent, "outage requester:bob@globex.example") == {question.pk}
    assert found(agent, f"outage tier:{outage.queue.tier}") >= {outage.pk}
    assert found(agent, "outage type:downtime type:how_to") == {outage.pk, question.pk}


def test_filters_alone_list_the_newest_tickets_first(personas: SimpleNamespace) -> None:
    first = open_ticket(request_type="downtime")
    second = open_ticket(request_type="downtime")
    results = search_tickets(personas.tier1, "type:downtime")
    assert [hit.ticket.pk for hit in results.items][:2] == [second.pk, first.pk]


def test_created_before_and_after_a_day(personas: SimpleNamespace) -> None:
    with time_machine.travel(datetime(2026, 11, 2, 12, tzinfo=UTC), tick=False):
        early = open_ticket(subject="Billing question")
    with time_machine.travel(datetime(2026, 11, 20, 12, tzinfo=UTC), tick=False):
        late = open_ticket(subject="Billing question")
    agent = personas.tier1
    assert found(agent, "billing created>2026-11-10") == {late.pk}
    assert found(agent, "billing created<2026-11-10") == {early.pk}
    assert found(agent, "billing created>2026-11-01 created<2026-11-03") == {early.pk}
    assert found(agent, "billing created>2026-11-02") == {late.pk}
    assert late.created_at - early.created_at == timedelta(days=18)


def test_a_customer_filters_their_own_requests(personas: SimpleNamespace) -> None:
    mine = open_ticket(subject="Outage", request_type="downtime")
    open_ticket("bob@globex.example", subject="Outage", request_type="downtime")
    assert found(personas.alice, "type:downtime") == {mine.pk}
    assert found(personas.alice, "outage requester:alice@acme.example") == {mine.pk}
