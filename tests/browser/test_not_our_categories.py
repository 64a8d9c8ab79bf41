"""A manager marks a category "not one of our categories" on the categories page, and the
list says what that means. Desktop and phone."""

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from charterdesk.tickets.category_models import Category

from .conftest import sign_in

pytestmark = pytest.mark.browser

SHOTS = Path(
    os.environ.get("SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "charterdesk-screenshots"
)


@pytest.mark.parametrize(("width", "height", "name"), [(1366, 768, "desktop"), (390, 844, "phone")])
def test_a_manager_adds_a_category_that_is_not_ours(live_personas, page, width, height, name):
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, "manager@charterdesk.example")
    page.goto("/manage/categories/")
    form = page.locator("#new-category")
    form.get_by_label("Name").fill("Not for us")
    form.get_by_label("Not one of our categories").check()
    form.get_by_role("button", name="Add").click()
    expect(page.get_by_text("Category “Not for us” added.")).to_be_visible()
    expect(page.locator("tbody").get_by_text("Not one of ours")).to_be_visible()
    assert Category.objects.get(path="Not for us").outside_scope
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # every row's button is on the screen, not past its edge in a table that scrolls sideways
    for button in page.locator("tbody button").all():
        box = button.bounding_box()
        assert box is not None and box["x"] + box["width"] <= width
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"categories-not-ours-{name}.png"), full_page=True)
