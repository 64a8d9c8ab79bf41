"""In a browser: a manager creates a widget key, copies its secret (shown once) and the
embed code, and revokes it."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import sign_in
from .test_widget_on_another_origin import SHOTS

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_manager_creates_and_revokes_a_key(page, live_personas):
    sign_in(page, "manager@charterdesk.example")
    page.goto("/manage/")
    page.get_by_role("link", name="Help widget").click()
    page.get_by_label("Name").fill("Production app")
    page.get_by_label("Allowed origins").fill("https://app.vendor.example\nnot an origin")
    page.get_by_role("button", name="Create key").click()
    expect(page.get_by_text("“not an origin” is not an origin")).to_be_visible()
    page.get_by_label("Allowed origins").fill("https://app.vendor.example")
    page.get_by_role("button", name="Create key").click()
    expect(page.get_by_role("status", name="New key")).to_contain_text("Copy the secret now")
    expect(page.locator("textarea[readonly]")).to_have_value(re.compile(r'data-key="wk_[0-9a-f]+"'))
    page.screenshot(path=str(SHOTS / "widget-keys-page.png"), full_page=True)
    page.get_by_role("button", name="Revoke").click()
    expect(page.get_by_text("is revoked: its tokens are refused")).to_be_visible()
    expect(page.get_by_role("button", name="Revoke")).to_have_count(0)
