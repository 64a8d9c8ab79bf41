"""The incident set-up pages fit a desktop and a phone; a manager asks who would command
an incident and previews a template in the browser."""

import pytest

from charterdesk.incidents.choices import IncidentRole
from charterdesk.incidents.models import Monitor, RoleAssignment
from charterdesk.routing.models import Team
from tests.incidents.factories import service, severity

from .conftest import sign_in
from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser


def _set_up(personas):  # type: ignore[no-untyped-def]
    cloud = service("Cloud")
    service("Cloud API", parent=service("Cloud EU", parent=cloud))
    service("Billing")
    severity(1)
    severity(3)
    Monitor.objects.create(
        service=cloud, name="Home page", kind="http", url="https://cloud.example/health"
    )
    Monitor.objects.create(service=cloud, name="Nightly export", kind="heartbeat")
    team = Team.objects.create(name="Cloud on-call")
    RoleAssignment.objects.create(role=IncidentRole.COMMANDER, user=personas.tier3)
    RoleAssignment.objects.create(role=IncidentRole.COMMANDER, service=cloud, team=team)
    return cloud


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_set_up_pages_fit(browser, live_server, live_personas, viewport):
    cloud = _set_up(live_personas)
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    sign_in(page, "manager@charterdesk.example")
    name = "desktop" if viewport is DESKTOP else "phone"
    for address, shot in (
        ("/desk/incidents/setup/services", "services"),
        (f"/desk/incidents/setup/services/{cloud.pk}", "service"),
        ("/desk/incidents/setup/severities", "severities"),
        ("/desk/incidents/setup/roles", "roles"),
        ("/desk/incidents/setup/templates/first_alert", "template"),
    ):
        page.goto(address)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], shot
        page.screenshot(path=str(DOCS_IMG / f"desk-setup-{shot}-{name}.png"), full_page=True)
    context.close()


def test_a_manager_asks_who_commands_and_previews_a_template(page, live_personas):
    _set_up(live_personas)
    sign_in(page, "manager@charterdesk.example")
    page.goto("/desk/incidents/setup/roles")
    preview = page.locator("form.role-preview")
    preview.locator("select[name=service]").select_option(label="Cloud")
    preview.locator("select[name=severity]").select_option(index=1)
    preview.locator("button[type=submit]").click()
    assert "on-call team Cloud on-call" in page.locator(".answer").inner_text()
    page.goto("/desk/incidents/setup/templates/first_alert")
    page.fill("textarea[name=body]", "Hello {nature}. Next update: {next_update}.")
    page.click("button[name=preview]")
    shown = page.locator(".template-preview").inner_text()
    assert "Hello Payments take up to a minute and some fail." in shown
