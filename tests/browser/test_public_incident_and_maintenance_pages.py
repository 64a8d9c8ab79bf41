"""The public page of one incident and of one maintenance window, at a desktop and on a
phone: reached from the status page, readable, no sideways scrolling."""

from datetime import timedelta

import pytest
from django.utils import timezone

from charterdesk.incidents.models import Incident, IncidentUpdate, Maintenance
from tests.incidents.factories import acme_outage, service

from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_incident_and_maintenance_pages_fit(browser, live_server, live_personas, viewport):
    now = timezone.now()
    incident = acme_outage(live_personas, now)
    Incident.objects.filter(pk=incident.pk).update(
        is_public=True, impact="major", title="Slow logins"
    )
    IncidentUpdate.objects.create(
        incident=incident, status="identified", message="A database replica is lagging."
    )
    upgrade = Maintenance.objects.create(
        title="Database upgrade",
        description="Read-only for up to 10 minutes.",
        starts_at=now + timedelta(days=2),
        ends_at=now + timedelta(days=2, hours=1),
    )
    upgrade.services.set([service("Cloud")])
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    name = "desktop" if viewport is DESKTOP else "phone"
    page.goto("/status/")
    page.get_by_role("link", name="Slow logins").click()
    page.wait_for_url(f"**/status/incidents/{incident.pk}")
    assert page.get_by_text("A database replica is lagging.").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.screenshot(path=str(DOCS_IMG / f"status-incident-{name}.png"), full_page=True)
    page.goto("/status/")
    page.get_by_role("link", name="Database upgrade").click()
    page.wait_for_url(f"**/status/maintenance/{upgrade.pk}")
    assert page.get_by_text("Read-only for up to 10 minutes.").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.screenshot(path=str(DOCS_IMG / f"status-maintenance-{name}.png"), full_page=True)
    context.close()
