"""The forecast page at a desktop and on a phone: the chart scales, the short-staffed
half hours and the settings fit without sideways scrolling."""

from datetime import timedelta

import pytest
from django.utils import timezone

from charterdesk.forecasting.models import QueueStaffing, StaffingModel, Trigger
from charterdesk.forecasting.services import forecast_run
from tests.forecasting.factories import history
from tests.routing import factories as routing

from .conftest import sign_in
from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_forecast_page_shows_chart_and_short_half_hours(
    browser, live_server, live_personas, viewport
):
    team = routing.team(name="Voice", lead=live_personas.manager)
    queue = routing.queue(team, name="Phones")
    QueueStaffing.objects.create(queue=queue, model=StaffingModel.REAL_TIME, aht_seconds=300)
    routing.agent("Day shift", team, calendar=routing.calendar("UTC", "09:00", "17:00"))
    now = timezone.now()
    history(queue, first=now.date() - timedelta(weeks=4), weeks=4, per_week=400)
    forecast_run(trigger=Trigger.ON_DEMAND, now=now)
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    sign_in(page, "manager@charterdesk.example")
    page.goto(f"/desk/forecast/?queue={queue.pk}")

    assert page.locator("svg.forecast-chart").is_visible()
    chart = page.locator("svg.forecast-chart").bounding_box()
    assert chart["width"] <= viewport["width"]
    assert page.get_by_role("heading", name="Short-staffed half hours").is_visible()
    assert page.locator("td.short-count").count() > 0
    assert page.get_by_role("button", name="Save staffing").is_visible()
    name = "desktop" if viewport is DESKTOP else "phone"
    page.screenshot(path=str(DOCS_IMG / f"desk-forecast-{name}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    context.close()
