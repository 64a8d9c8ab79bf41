from django.db import connection
from django.test.utils import CaptureQueriesContext

from charterdesk.customers.models import Contact
from charterdesk.tickets.services import follower_add
from charterdesk.workspace.links import link_add
from charterdesk.workspace.models import LinkKind
from tests.tickets.factories import open_ticket


def _queries(client, ticket) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/desk/tickets/{ticket.pk}/").status_code == 200
    return len(queries)


def test_the_links_and_followers_card_costs_the_same_for_one_link_or_many(personas, login):
    ticket = open_ticket()
    client = login(personas.tier1)
    link_add(ticket, open_ticket(subject="First other"), LinkKind.RELATED, personas.tier1)
    follower_add(ticket, personas.tier1, user=personas.tier2)
    _queries(client, ticket)  # warm: the first page loads what later pages reuse
    few = _queries(client, ticket)
    for n in range(3):
        link_add(open_ticket(subject=f"Other {n}"), ticket, LinkKind.RELATED, personas.tier1)
    follower_add(ticket, personas.tier1, user=personas.tier3)
    follower_add(ticket, personas.tier1, contact=Contact.objects.get(email="wile@acme.example"))
    more = _queries(client, ticket)
    assert more == few
