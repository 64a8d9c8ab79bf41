import pytest
from django.core.exceptions import ValidationError

from charterdesk.search.ticket_search import search_tickets
from charterdesk.tickets.services import ticket_set_tags
from tests.tickets.factories import open_ticket


def test_the_queue_filters_by_tag(personas, login):
    tagged, other = open_ticket(subject="Tagged one"), open_ticket(subject="Plain one")
    ticket_set_tags(tagged, personas.tier1, ["vip"])
    page = login(personas.tier1).get("/desk/", {"tag": "VIP"}).content.decode()
    assert "Tagged one" in page
    assert "Plain one" not in page
    assert other.pk


def test_search_finds_tickets_by_tag_for_agents(personas):
    tagged = open_ticket(subject="Login broken")
    open_ticket(subject="Login slow")
    ticket_set_tags(tagged, personas.tier1, ["vip"])
    results = search_tickets(personas.tier1, "tag:vip")
    assert [hit.ticket.pk for hit in results.items] == [tagged.pk]


def test_customers_cannot_search_by_tag(personas):
    with pytest.raises(ValidationError, match="tag: is a filter for agents"):
        search_tickets(personas.alice, "tag:vip")
