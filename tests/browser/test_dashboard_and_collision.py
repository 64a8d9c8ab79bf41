"""The manager's dashboard at desktop and phone size, and two agents on one ticket: one
sees the other writing, then is warned before sending over a reply that just went out.
Screenshots go to docs/img."""

import pytest

from charterdesk.routing.models import AgentProfile
from charterdesk.sla.models import ClockState, SlaClock
from tests.tickets.factories import open_ticket

from .conftest import sign_in
from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_manager_opens_the_dashboard(browser, live_server, live_personas, viewport):  # type: ignore[no-untyped-def]
    from django.utils import timezone

    AgentProfile.objects.update_or_create(user=live_personas.tier1, defaults={"calendar": None})
    soon = open_ticket(subject="Checkout page returns 500")
    SlaClock.objects.filter(ticket=soon, state=ClockState.ACTIVE).update(
        due_at=timezone.now() + timezone.timedelta(minutes=25)
    )
    open_ticket(subject="Invoices export fails")
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    sign_in(page, "manager@charterdesk.example")
    page.get_by_role("link", name="Dashboard").first.click()
    page.wait_for_url("**/desk/dashboard/")
    assert page.get_by_role("heading", name="Open and unassigned").is_visible()
    assert (
        page.locator("#panel-breaching").get_by_text("Checkout page returns 500").first.is_visible()
    )
    page.get_by_label("Trends over").select_option("7")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**days=7")
    assert page.locator("#panel-trends svg").first.is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"] + 1  # nothing runs off the side on a phone
    name = "desktop" if viewport == DESKTOP else "phone"
    page.screenshot(path=str(DOCS_IMG / f"dashboard-{name}.png"), full_page=True)
    context.close()


@pytest.mark.slow
def test_two_agents_on_one_ticket(browser, live_server, live_personas):  # type: ignore[no-untyped-def]
    ticket = open_ticket(subject="Webhook retries twice")
    pages = []
    for email in ("tier1@charterdesk.example", "tier2@charterdesk.example"):
        context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
        page = context.new_page()
        page.set_default_timeout(30_000)  # presence travels by polling; the CI box is shared
        sign_in(page, email)
        page.goto(f"/desk/tickets/{ticket.pk}/")
        pages.append(page)
    sam, priya = pages
    priya.locator("#reply textarea").fill("Looking at the webhook logs now.")
    sam.get_by_text(f"{live_personas.tier2} is writing a reply").wait_for()
    sam.locator("#reply textarea").fill("Could you send us the webhook id?")
    priya.locator("#reply button[type=submit]").click()
    # Priya is already on the ticket's address, so waiting for the address would return at
    # once; her reply is committed only when the page says it was sent.
    priya.get_by_text("Reply sent.").wait_for()
    sam.locator("#reply button[type=submit]").click()
    warning = sam.locator(".collision-warning")
    warning.wait_for()
    assert f"{live_personas.tier2} replied" in warning.inner_text()
    assert "review before sending" in warning.inner_text()
    assert sam.locator("#reply textarea").input_value() == "Could you send us the webhook id?"
    sam.locator("#collision").screenshot(path=str(DOCS_IMG / "collision.png"))
    sam.locator("#reply button[type=submit]").click()
    sam.get_by_text("Reply sent.").wait_for()
    assert ticket.messages.filter(body="Could you send us the webhook id?").exists()
