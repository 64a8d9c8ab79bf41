"""The desk's monitors and maintenance pages fit a desktop and a phone; a window is
rescheduled and cancelled in the browser."""

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
        (f"/desk/maintenance/{upgrade.pk}", "maintenance-edit"),
    ):
        page.goto(address)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], shot
        page.screenshot(path=str(DOCS_IMG / f"desk-{shot}-{name}.png"), full_page=True)
    context.close()


def test_reschedule_then_cancel_a_window(page, live_personas):
    now = timezone.now()
    upgrade = Maintenance.objects.create(
        title="Database upgrade",
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=1, hours=1),
    )
    upgrade.services.set([service("Cloud")])
    sign_in(page, "tier2@charterdesk.example")
    page.goto("/desk/maintenance")
    page.get_by_role("link", name="Database upgrade").click()
    later = timezone.localtime(now + timedelta(days=2))
    page.fill("input[name=starts_at]", f"{later:%Y-%m-%dT%H:%M}")
    page.fill("input[name=ends_at]", f"{later + timedelta(hours=2):%Y-%m-%dT%H:%M}")
    page.fill("input[name=regions]", "EU")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Maintenance saved.").wait_for()
    upgrade.refresh_from_db()
    assert upgrade.sequence == 1 and upgrade.regions == ["EU"]
    page.goto(f"/desk/maintenance/{upgrade.pk}")
    page.fill("textarea[name=reason]", "Not needed after all.")
    page.get_by_role("button", name="Cancel the maintenance").click()
    page.get_by_text("Database upgrade: cancelled.").wait_for()
    upgrade.refresh_from_db()
    assert upgrade.status == "cancelled"
