"""The promises page fits a desktop and a phone: no sideways scrolling, long text cut with
the full text on hover, and on a phone every promise is a card."""

import pytest

from tests.commitments.factories import promise
from tests.tickets.factories import open_ticket

from .conftest import sign_in
from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser

LONG = "Call the customer back once the export is fixed and " + "x" * 200


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_promises_page_fits_without_sideways_scrolling(
    browser, live_server, live_personas, viewport
):
    ticket = open_ticket(subject="Invoices export fails")
    promise(ticket, live_personas.tier1, text=LONG)
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    sign_in(page, "tier1@charterdesk.example")
    page.goto("/desk/commitments?list=due_soon")

    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    text = page.locator(".promises-table td.text .clamp").first
    assert text.get_attribute("title") == LONG
    row = page.locator(".promises-table tbody tr").first
    if viewport is PHONE:  # a card: the labels show, the header row does not
        assert not page.locator(".promises-table thead").is_visible()
        assert row.bounding_box()["width"] <= PHONE["width"]
    name = "desktop" if viewport is DESKTOP else "phone"
    page.screenshot(path=str(DOCS_IMG / f"desk-promises-{name}.png"), full_page=True)
    context.close()


def test_the_current_tab_of_the_promises_page_stands_out(browser, live_server, live_personas):
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, "tier1@charterdesk.example")
    page.goto("/desk/commitments?list=broken")
    tabs = page.locator(".promise-tabs a")
    current = page.locator('.promise-tabs a[aria-current="page"]')
    assert current.count() == 1 and "list=broken" in current.get_attribute("href")
    style = "e => [getComputedStyle(e).fontWeight, getComputedStyle(e).borderBottomColor]"
    others = {
        tuple(a.evaluate(style)) for a in tabs.all() if a.get_attribute("aria-current") is None
    }
    assert len(others) == 1 and tuple(current.evaluate(style)) not in others
    page.screenshot(path=str(DOCS_IMG / "desk-promises-tabs.png"))
    context.close()
