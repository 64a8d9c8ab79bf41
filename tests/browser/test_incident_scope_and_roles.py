"""The commander widens a running incident's scope and hands the communications lead
over, in a browser at a desktop's and a phone's width."""

import pytest
from playwright.sync_api import expect

from charterdesk.incidents.choices import IncidentRole
from charterdesk.incidents.models import Incident
from tests.incidents.factories import acme_outage, roles, service

from .conftest import sign_in
from .test_incident_qualify_and_update import DESKTOP, PHONE, SHOTS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_widen_the_scope_then_hand_a_role_over(browser, live_server, live_personas, viewport):
    roles(live_personas)
    incident = acme_outage(live_personas)
    service("Billing API")
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, "tier3@charterdesk.example")
    page.goto(f"/desk/incidents/{incident.pk}")
    name = "desktop" if viewport is DESKTOP else "phone"
    scope = page.locator("#scope")
    scope.screenshot(path=str(SHOTS / f"incident-scope-form-{name}.png"))
    scope.get_by_label("Billing API").check()
    scope.get_by_role("button", name="Add to the incident").click()
    expect(page.get_by_text("Scope widened.")).to_be_visible()
    expect(page.get_by_text("Scope widened: Billing API.")).to_be_visible()
    handover = page.locator("#roles")
    handover.locator("select[name=role]").select_option("communications")
    handover.locator("select[name=user]").select_option(str(live_personas.tier1.pk))
    handover.get_by_role("button", name="Hand over").click()
    expect(page.get_by_text("Role handed over.")).to_be_visible()
    page.screenshot(path=str(SHOTS / f"incident-scope-roles-{name}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"] + 1, f"the page scrolls sideways: {width}px"
    held = Incident.objects.get(pk=incident.pk).roles.get(role=IncidentRole.COMMUNICATIONS)
    assert held.user == live_personas.tier1
    context.close()
