"""The ticket page's folding cards (Category and cause) show their title on the marker's
line, on a phone too: the marker is not left alone on a line above the title."""

import pytest
from playwright.sync_api import expect

from tests.tickets.factories import open_ticket

from .conftest import sign_in
from .test_desk_layout import PHONE

pytestmark = pytest.mark.browser


def test_the_category_cards_title_is_on_the_markers_line(browser, live_server, live_personas):
    ticket = open_ticket()
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    sign_in(page, "tier1@charterdesk.example")
    page.goto(f"/desk/tickets/{ticket.pk}/")
    summary = page.locator("#category > summary")
    title = summary.get_by_role("heading", name="Category and cause")
    expect(title).to_be_visible()
    one_line = title.bounding_box()["height"] * 1.5  # type: ignore[index]
    assert summary.bounding_box()["height"] <= one_line  # type: ignore[index]
    context.close()
