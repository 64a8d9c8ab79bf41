import pytest
from playwright.sync_api import expect

from .conftest import open_menu, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1366, 390])
def test_a_customer_makes_and_revokes_a_token_in_the_browser(page, live_personas, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "alice@acme.example")
    open_menu(page, "me")
    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("What is it for?").fill("Nightly export")
    page.get_by_label("Read: GET requests").check()
    page.get_by_role("button", name="Make token").click()
    expect(page.locator("[data-token]")).to_contain_text("cd_")
    page.get_by_role("button", name="Revoke token").click()
    expect(page.locator(".flash")).to_contain_text("revoked")
    expect(page.locator("tbody")).to_contain_text("Revoked")
