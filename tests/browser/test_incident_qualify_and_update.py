"""An agent qualifies a suspected incident and posts an update, in a browser at a
desktop's and a phone's width; the affected customer sees the banner."""

import os
import tempfile
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from charterdesk.incidents import services
from charterdesk.incidents.models import Incident
from tests.incidents.factories import deploy, roles, service, severity

from .conftest import sign_in

pytestmark = pytest.mark.browser

SHOTS = Path(
    os.environ.get("SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "charterdesk-screenshots"
)
SHOTS.mkdir(parents=True, exist_ok=True)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _suspected(personas):  # type: ignore[no-untyped-def]
    cloud = service("Cloud")
    deploy(personas.alice.contact.organization, cloud, "EU")
    severity(1)
    roles(personas)
    return services.incident_open(
        personas.tier1, title="Cloud pages time out", services=[cloud], now=timezone.now()
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_qualify_then_post_an_update(browser, live_server, live_personas, viewport):
    incident = _suspected(live_personas)
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, "tier3@charterdesk.example")
    page.goto(f"/desk/incidents/{incident.pk}")
    name = "desktop" if viewport is DESKTOP else "phone"
    page.screenshot(path=str(SHOTS / f"incident-suspected-{name}.png"), full_page=True)
    form = page.locator("#qualify")
    form.get_by_label("Confirm: it is an incident").check()
    form.locator("select[name=severity]").select_option(label="SEV1 Critical")
    form.locator("select[name=impact]").select_option("major")
    form.locator("textarea[name=nature]").fill("Pages of the Cloud app time out in the EU.")
    form.get_by_role("button", name="Qualify").click()
    expect(page.get_by_text("Incident qualified.")).to_be_visible()
    expect(page.locator("#next-update")).to_be_visible()
    update = page.locator("#post-update")
    update.locator("select[name=status]").select_option("identified")
    update.locator("textarea[name=message]").fill("A faulty load balancer; replacing it.")
    update.get_by_role("button", name="Post update").click()
    expect(page.get_by_text("Update posted.")).to_be_visible()
    expect(page.get_by_text("A faulty load balancer; replacing it.").first).to_be_visible()
    page.screenshot(path=str(SHOTS / f"incident-updated-{name}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"] + 1, f"the page scrolls sideways: {width}px"
    assert Incident.objects.get(pk=incident.pk).status == "identified"

    customer = browser.new_context(base_url=live_server.url, viewport=viewport).new_page()
    sign_in(customer, "alice@acme.example")
    customer.goto("/portal/")
    expect(customer.get_by_text("Ongoing incident:")).to_be_visible()
    customer.screenshot(path=str(SHOTS / f"incident-banner-{name}.png"), full_page=False)
    context.close()
