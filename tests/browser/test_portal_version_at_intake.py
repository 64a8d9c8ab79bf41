"""A customer picks a product, then one of its versions only, on a desktop and a phone."""

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.products.factories import product

from .conftest import sign_in

pytestmark = pytest.mark.browser
SHOTS = Path(
    os.environ.get("SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "charterdesk-screenshots"
)
SHOTS.mkdir(parents=True, exist_ok=True)


@pytest.mark.parametrize("width", [1366, 390])
def test_the_version_select_offers_the_chosen_products_versions(
    browser, live_server, live_personas, width
):
    product("Storefront", "4.0", "4.1")
    product("Payments", "2.0")
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    sign_in(page, "alice@acme.example")
    page.goto("/portal/new/")
    version = page.get_by_label("Version")
    expect(version).to_be_hidden()
    page.get_by_label("Product").select_option("Storefront")
    expect(version.locator("option")).to_have_text(["Not sure", "4.1", "4.0"])
    version.select_option(label="4.1")
    page.screenshot(path=str(SHOTS / f"portal-new-request-version-{width}.png"), full_page=True)
    page.get_by_label("Product").select_option("Payments")
    expect(version.locator("option")).to_have_text(["Not sure", "2.0"])
    version.select_option(label="2.0")
    page.get_by_label("I hit an error", exact=False).check()
    page.get_by_label("Subject").fill("Refund fails")
    page.get_by_label("Describe it").fill("The refund button does nothing.")
    page.get_by_role("button", name="Send request").click()
    expect(page.locator("dl.props").first).to_contain_text("Payments 2.0")
    context.close()
