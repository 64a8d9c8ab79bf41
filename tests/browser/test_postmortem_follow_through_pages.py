"""The review page (with its filters) and the follow-up actions page fit a desktop and a
phone without sideways scrolling; an overdue action stands out."""

from datetime import timedelta

import pytest
from django.utils import timezone

from charterdesk.incidents import services
from charterdesk.incidents.models import PostMortem
from tests.incidents.factories import acme_outage, roles

from .conftest import sign_in
from .test_desk_layout import DESKTOP, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_review_and_actions_pages_fit(browser, live_server, live_personas, viewport, tmp_path):
    roles(live_personas)
    now = timezone.now()
    incident = acme_outage(live_personas, now)
    services.incident_resolve(incident, live_personas.tier3, message="Fixed.", now=now)
    postmortem = PostMortem.objects.get(incident=incident)
    services.action_add(
        postmortem,
        live_personas.tier3,
        text="Add a canary deployment step before every router release",
        owner=live_personas.tier3,
        due_on=timezone.localdate(now) - timedelta(days=1),
    )
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    sign_in(page, live_personas.tier3.email)
    name = "desktop" if viewport is DESKTOP else "phone"
    for url, shot in [
        ("/desk/incidents/review", "review"),
        ("/desk/incidents/actions?owner=me", "actions"),
    ]:
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        page.screenshot(path=str(tmp_path / f"{shot}-{name}.png"), full_page=True)
    assert page.locator("tr.overdue").count() == 1
    page.select_option("select[name=show]", "all")
    page.click("form.filters button[type=submit]")
    assert "show=all" in page.url
    context.close()
