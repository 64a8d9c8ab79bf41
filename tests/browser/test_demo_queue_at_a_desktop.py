"""The demo's queue as an agent sees it at a desktop's width: the README's screenshot
(docs/img/queue.png with SCREENSHOTS_DIR=docs/img) is taken here, from the demo data."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from .conftest import sign_in
from .test_desk_layout import DESKTOP, DOCS_IMG

pytestmark = pytest.mark.browser


def test_the_demo_queue_reads_well_at_a_desktop_width(browser, live_server, live_personas):
    call_command("demo", verbosity=0)
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, "tier1@charterdesk.example")
    page.goto("/desk/")
    rows = page.locator(".queue-table tbody tr")
    assert rows.count() >= 10
    expect(rows.first.locator("td.due")).to_have_class("due overdue")
    expect(page.locator(".queue-table")).to_contain_text("Customer asks to escalate")
    for pill in page.locator(".queue-table td[data-label=Coverage] .pill").all():
        assert "…" not in pill.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    page.screenshot(path=str(DOCS_IMG / "queue.png"))
    context.close()
