"""The desk's top bar fits on a desktop's and a phone's width: the main links in the bar,
the others in the **More** menu and the agent's own in a menu under their name."""

import os
import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import open_menu, sign_in

pytestmark = pytest.mark.browser
SHOTS = Path(
    os.environ.get("SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "charterdesk-screenshots"
)


@pytest.mark.parametrize(("width", "rows"), [(1366, 1), (390, 3)], ids=["desktop", "phone"])
def test_the_top_bar_fits_and_its_menus_open(browser, live_server, live_personas, width, rows):  # type: ignore[no-untyped-def]
    viewport = {"width": width, "height": 844}
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    sign_in(page, "manager@charterdesk.example")
    page.goto("/desk/")
    bar = page.locator("header.topbar").bounding_box()
    assert bar is not None and bar["height"] <= 64 * rows, bar  # one row on a desktop
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    insights = page.get_by_role("link", name="Insights", exact=True)
    expect(insights).to_be_hidden()
    open_menu(page, "more")
    expect(insights).to_be_visible()
    menu = page.locator('details[data-menu="more"] .topbar-menu-items').bounding_box()
    assert menu is not None and menu["x"] >= 0 and menu["x"] + menu["width"] <= width, menu
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"top-bar-menu-{width}.png"))
    open_menu(page, "me")  # opening the other menu closes this one
    expect(insights).to_be_hidden()
    expect(page.get_by_role("link", name="Account", exact=True)).to_be_visible()
    insights_url = page.locator('details[data-menu="more"] a', has_text="Insights")
    open_menu(page, "more")
    insights_url.click()
    expect(page).to_have_url(re.compile(r"/insights/"))
    context.close()
