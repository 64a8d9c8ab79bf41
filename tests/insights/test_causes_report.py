import re

from django.urls import reverse

from charterdesk.hours.models import TimeEntry
from charterdesk.tickets.services import ticket_record_cause, ticket_update

from .helpers import ticket_in


def solved(personas, cause: str, product: str, minutes: int = 0):  # type: ignore[no-untyped-def]
    ticket = ticket_in(None)
    ticket_record_cause(ticket, by=personas.tier1, cause=cause, product=product)
    ticket_update(ticket, personas.tier1, status="solved")
    if minutes:
        TimeEntry.objects.create(
            ticket=ticket, agent=personas.tier1, minutes=minutes, activity="investigation"
        )
    return ticket


def test_fix_the_cause_ranks_causes_by_hours_and_links_to_their_tickets(personas, login):
    defect = solved(personas, "product_defect", "Cloud", minutes=240)
    solved(personas, "user_error", "Cloud", minutes=30)
    solved(personas, "user_error", "Cloud", minutes=30)
    page = login(personas.tier1).get(reverse("insights:causes")).content.decode()
    fix = page.split('id="fix"')[1].split("</section>")[0]
    rows = re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td><td class=\"num\">([^<]+)</td>", fix)
    assert rows == [("Product defect", "Cloud", "4.0"), ("User error", "Cloud", "1.0")]
    link = re.search(r'href="([^"]*value=product_defect[^"]*)"', fix)
    behind = login(personas.tier1).get(link.group(1).replace("&amp;", "&")).content.decode()
    assert "1 ticket" in behind and f"#{defect.pk} " in behind


def test_causes_are_counted_by_cause_product_and_request_type(personas, login):
    solved(personas, "configuration", "Server")
    response = login(personas.tier1).get(
        reverse("insights:causes"), {"format": "csv", "table": "cause"}
    )
    assert "configuration,Configuration,1" in response.content.decode().splitlines()
