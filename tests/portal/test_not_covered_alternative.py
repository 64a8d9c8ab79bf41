"""When a request is not covered, the portal links to where the help is, or says nothing
about an alternative that does not exist yet."""

from django.test import override_settings

from charterdesk.tickets.models import Ticket
from tests.tickets.factories import open_ticket

LINKS = {"knowledge_base": "https://kb.example.com/", "community": "", "partner": ""}


def _page(login, personas, alternative):  # type: ignore[no-untyped-def]
    ticket = open_ticket("alice@acme.example")
    Ticket.objects.filter(pk=ticket.pk).update(
        coverage="not_covered", coverage_alternative=alternative
    )
    return login(personas.alice).get(f"/portal/tickets/{ticket.pk}/").content.decode()


@override_settings(SUPPORT_ALTERNATIVE_LINKS=LINKS)
def test_the_knowledge_base_is_a_link(login, personas):
    page = _page(login, personas, "knowledge_base")
    assert (
        '<a href="https://kb.example.com/">The answer may already be in our knowledge base' in page
    )


def test_the_knowledge_base_is_our_help_center_unless_another_is_configured(login, personas):
    page = _page(login, personas, "knowledge_base")
    assert '<a href="/help/">The answer may already be in our knowledge base' in page


@override_settings(SUPPORT_ALTERNATIVE_LINKS=LINKS)
def test_an_alternative_without_an_address_is_not_offered(login, personas):
    page = _page(login, personas, "community")
    assert 'id="alternative"' not in page
    assert "Community forum" not in page


def test_an_offer_links_to_the_plans(login, personas):
    page = _page(login, personas, "offer")
    assert '<a href="/coverage/">See the plans that cover this kind of request</a>' in page
