"""The owner of an article resolves a flag raised on it, at a desktop's and a phone's
width: the flags page shows the reason, asks for a note, and keeps the outcome."""

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from charterdesk.knowledge.services import flag_raise
from tests.knowledge.helpers import published
from tests.tickets.factories import open_ticket

from .conftest import sign_in

pytestmark = pytest.mark.browser

SHOTS = Path(
    os.environ.get("SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "charterdesk-screenshots"
)


@pytest.mark.parametrize(("width", "height", "name"), [(1280, 900, "desktop"), (390, 844, "phone")])
def test_owner_resolves_a_flag_with_a_note(live_personas, page, width, height, name):
    article = published(live_personas.manager, "Export tickets to CSV", owner=live_personas.tier1)
    ticket = open_ticket(subject="CSV export misses the tags column", body="The article is old.")
    flag_raise(
        ticket, live_personas.tier2, kind="wrong", article=article, note="Column list is old"
    )
    flag_raise(ticket, live_personas.tier2, kind="needed", note="Explain scheduled exports")
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, "tier1@charterdesk.example")
    page.goto("/desk/articles/")
    page.get_by_role("link", name="2 open flags").click()
    expect(page.locator("main")).to_contain_text("Column list is old")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"article-flags-{name}.png"), full_page=True)
    page.get_by_role("button", name="Resolve").click()  # no note yet: the browser asks
    expect(page.locator("main")).to_contain_text("Column list is old")
    page.get_by_label("Note").fill("Listed the tags column")
    page.get_by_role("button", name="Resolve").click()
    expect(page.locator(".flash")).to_contain_text("Flag resolved.")
    page.get_by_role("link", name="Resolved and dismissed").click()
    expect(page.locator("main")).to_contain_text("Listed the tags column")
    page.screenshot(path=str(SHOTS / f"article-flags-closed-{name}.png"), full_page=True)
