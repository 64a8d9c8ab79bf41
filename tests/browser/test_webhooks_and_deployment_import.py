"""A support manager adds a webhook, sends a test ping to a real local receiver and reads
the delivery; then imports deployments from a CSV file through the preview, at a
desktop's and a phone's width."""

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from charterdesk.incidents.models import Deployment
from tests.incidents.factories import service
from tests.incidents.webhooks.receiver import receiver

from .conftest import sign_in

pytestmark = pytest.mark.browser

SHOTS = Path(
    os.environ.get("SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "charterdesk-screenshots"
)
SHOTS.mkdir(parents=True, exist_ok=True)
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_add_a_webhook_and_ping_it(browser, live_server, live_personas, settings, size):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORTS[size])
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, "manager@charterdesk.example")
    with receiver() as hooks:
        page.goto("/desk/incidents/webhooks")
        page.fill("input[name=name]", "Ops chat")
        page.fill("input[name=url]", hooks.url)
        page.check("input[name=events][value='incident.qualified']")
        page.check("input[name=events][value='incident.resolved']")
        page.screenshot(path=str(SHOTS / f"webhooks-list-{size}.png"), full_page=True)
        page.click("button:has-text('Add webhook')")
        expect(page.locator("body")).to_contain_text("Its secret:")
        page.click("button:has-text('Send a test ping')")
        expect(page.locator("body")).to_contain_text("Test ping delivered: HTTP 200.")
        expect(page.locator("table")).to_contain_text("Delivered")
        page.screenshot(path=str(SHOTS / f"webhook-detail-{size}.png"), full_page=True)
        assert len(hooks.requests) == 1
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= VIEWPORTS[size]["width"]
    context.close()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_import_deployments_through_the_preview(
    browser, live_server, live_personas, tmp_path, size
):
    service("Cloud")
    csv = tmp_path / "deployments.csv"
    csv.write_text("organization,service,region\nAcme Corp,Cloud,APAC\nNobody Ltd,Cloud,EU\n")
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORTS[size])
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, "manager@charterdesk.example")
    page.goto("/desk/incidents/deployments/import")
    page.set_input_files("input[name=file]", str(csv))
    page.click("button:has-text('Preview')")
    expect(page.locator("table")).to_contain_text("No organization is called “Nobody Ltd”.")
    page.screenshot(path=str(SHOTS / f"deployments-import-{size}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[size]["width"]
    page.click("button:has-text('Import 1 new deployment')")
    expect(page.locator("body")).to_contain_text("1 deployment added, 1 row refused.")
    assert Deployment.objects.filter(region="APAC", service__name="Cloud").count() == 1
    context.close()
