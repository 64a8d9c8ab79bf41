"""The desk's monitors and maintenance pages fit a desktop and a phone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from charterdesk.incidents.models import Maintenance, Monitor, MonitorResult
from tests.incidents.factories import service

from .conftest import sign_in
from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_monitors_and_maintenance_pages_fit(browser, live_server, live_personas, viewport):
    now = timezone.now()
    cloud = service("Cloud")
    monitor = Monitor.objects.create(
        service=cloud, name="Home page", kind="http", url="https://cloud.example/health"
    )
    MonitorResult.objects.create(monitor=monitor, ok=False, message="HTTP 503, expected 200")
    Monitor.objects.create(service=cloud, name="Nightly export", kind="heartbeat")
    upgrade = Maintenance.objects.create(
        title="Database upgrade",
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=1, hours=1),
    )
    upgrade.services.set([cloud])
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    sign_in(page, "manager@charterdesk.example")
    name = "desktop" if viewport is DESKTOP else "phone"
    for address, shot in (
        ("/desk/monitors", "monitors"),
        (f"/desk/monitors/{monitor.pk}", "monitor"),
        ("/desk/maintenance", "maintenance"),
    ):
        page.goto(address)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], shot
        page.screenshot(path=str(DOCS_IMG / f"desk-{shot}-{name}.png"), full_page=True)
    context.close()
