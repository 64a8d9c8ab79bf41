"""The knowledge-gaps page at a desktop and on a phone: a gap of solved tickets becomes a
draft article, names taken out, with one click."""

import pytest

from charterdesk.customers.models import Contact
from charterdesk.intake.services import ticket_create
from charterdesk.knowledge.models import Article
from charterdesk.tickets.category_models import CategorySource
from charterdesk.tickets.services import message_add, ticket_categorize, ticket_update
from tests.insights.helpers import tree

from .conftest import sign_in
from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser


def solved_refund(personas, refunds) -> None:  # type: ignore[no-untyped-def]
    alice = Contact.objects.select_related("user").get(email="alice@acme.example")
    ticket = ticket_create(
        requester=alice,
        actor=alice.user,
        subject="Refund for a double charge",
        body="Alice Archer here, we were charged twice on order 77812.",
        request_type="how_to",
        priority="normal",
    )
    ticket_categorize(ticket, refunds, by=None, source=CategorySource.RULE)
    message_add(ticket, personas.tier1, "The refund reaches the card in 5 business days.", "public")
    ticket_update(ticket, personas.tier1, status="solved")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_agent_drafts_an_article_from_a_gap(browser, live_server, live_personas, viewport):
    _, refunds = tree(live_personas.manager)
    for _ in range(3):
        solved_refund(live_personas, refunds)
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    sign_in(page, "tier1@charterdesk.example")
    page.goto("/desk/insights/volume")
    page.get_by_role("link", name="Knowledge gaps").click()
    row = page.locator("#ticket-gaps tr", has_text="Billing › Refunds")
    assert row.is_visible()
    name = "desktop" if viewport is DESKTOP else "phone"
    page.screenshot(path=str(DOCS_IMG / f"desk-knowledge-gaps-{name}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    row.get_by_role("button", name="Draft an article").click()
    page.wait_for_url("**/desk/articles/**")
    body = page.locator("textarea[name=body]").input_value()
    assert "The refund reaches the card in 5 business days." in body
    assert "Alice" not in body and "77812" not in body
    assert Article.objects.count() == 1
    context.close()
