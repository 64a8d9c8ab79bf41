"""The public status page at a desktop and on a phone: the overall state, the services
with their 90-day bars, the current incident; no sideways scrolling."""

from datetime import timedelta

import pytest
from django.utils import timezone

from charterdesk.incidents.models import Incident, IncidentUpdate, Maintenance
from tests.incidents.factories import acme_outage, service

from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_public_status_page_fits(browser, live_server, live_personas, viewport):
    now = timezone.now()
    past = acme_outage(live_personas, now - timedelta(days=20))
    Incident.objects.filter(pk=past.pk).update(
        is_public=True, impact="critical", status="resolved", resolved_at=now - timedelta(days=19)
    )
    incident = acme_outage(live_personas, now)
    Incident.objects.filter(pk=incident.pk).update(
        is_public=True, impact="major", title="Slow logins"
    )
    IncidentUpdate.objects.create(
        incident=incident, status="identified", message="A database replica is lagging."
    )
    service("Billing API", parent=service("Cloud"))
    service("Mobile app")
    upgrade = Maintenance.objects.create(
        title="Database upgrade",
        description="Read-only for up to 10 minutes.",
        starts_at=now + timedelta(days=2),
        ends_at=now + timedelta(days=2, hours=1),
    )
    upgrade.services.set([service("Cloud")])
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    page.goto("/status/")
    assert page.locator(".status-banner").inner_text() == "Partial System Outage"
    assert page.get_by_text("A database replica is lagging.").is_visible()
    assert page.get_by_text("Database upgrade").is_visible()
    assert page.locator(".bars").count() == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    name = "desktop" if viewport is DESKTOP else "phone"
    page.screenshot(path=str(DOCS_IMG / f"status-page-{name}.png"), full_page=True)
    context.close()
