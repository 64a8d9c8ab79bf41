"""A manager changes the published Gold plan through a new version in the browser: a draft
copy of the terms in effect, one target changed in the grid, published for a later day
with recomputed clocks; the plan's page lists it as scheduled. The pages fit a phone."""

import pytest
from playwright.sync_api import expect

from charterdesk.plans.models import Plan, PlanVersion

from .conftest import sign_in
from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser


def _fits(page, viewport) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


def test_a_manager_publishes_a_new_version_of_a_plan(browser, live_server, live_personas):
    gold = Plan.objects.get(name="Gold")
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, "manager@charterdesk.example")
    page.goto(f"/manage/plans/{gold.pk}/")
    expect(page.locator("#versions")).to_contain_text("Version 1 is in effect")
    page.click("button:has-text('New version')")
    expect(page.locator(".flash")).to_contain_text("Version 2 drafted")
    page.fill("input[name=t-downtime-urgent-first_reply]", "20")
    page.click("text=Save version 2")
    expect(page.locator(".flash")).to_contain_text("Version 2 saved.")
    page.fill("#id_effective_from", "2020-01-01")
    page.click("button:has-text('Publish version 2')")
    error = page.locator("label[for=id_effective_from] .errorlist")
    expect(error).to_contain_text("or a later day")
    page.set_viewport_size(PHONE)
    _fits(page, PHONE)
    page.locator("h2:has-text('Publish version 2')").scroll_into_view_if_needed()
    page.screenshot(path=str(DOCS_IMG / "manage-plan-version-phone.png"), full_page=False)
    page.set_viewport_size(DESKTOP)
    page.fill("#id_effective_from", "2099-01-01")
    page.check("input[name=clocks][value=recompute]")
    page.click("button:has-text('Publish version 2')")
    expect(page.locator(".flash")).to_contain_text("Version 2 takes effect on 1 Jan 2099.")
    expect(page.locator("#versions")).to_contain_text("Scheduled")
    page.screenshot(path=str(DOCS_IMG / "manage-plan-version-desktop.png"), full_page=False)
    page.set_viewport_size(PHONE)
    _fits(page, PHONE)
    version = PlanVersion.objects.get(plan=gold, number=2)
    assert version.clocks == "recompute" and version.terms["targets"]
    context.close()
