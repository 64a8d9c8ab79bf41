import pytest
from playwright.sync_api import expect

from tests.estimates.factories import consulting_ticket

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_the_customer_approves_an_estimate_in_the_portal_and_the_agent_sees_it(
    page, browser, live_server, live_personas
):
    ticket = consulting_ticket()
    agent = browser.new_context(base_url=live_server.url).new_page()
    sign_in(agent, "tier2@charterdesk.example")
    agent.goto(f"/desk/tickets/{ticket.pk}/")
    estimates = agent.locator("#estimates")
    estimates.get_by_label("Hours").fill("6")
    estimates.get_by_label("Rate per hour").fill("120")
    estimates.get_by_label("Scope").fill("A sharding plan for APAC, with two workshops")
    estimates.get_by_role("button", name="Send estimate").click()
    expect(agent.locator(".flash")).to_contain_text("Estimate sent")
    expect(agent.locator("#estimates")).to_contain_text("Awaiting approval")

    sign_in(page, "alice@acme.example")
    page.goto(f"/portal/tickets/{ticket.pk}/")
    panel = page.locator("#estimates")
    expect(panel).to_contain_text("6 h × 120.00 EUR = 720.00 EUR")
    panel.get_by_label("Note (optional)").fill("Go ahead")
    panel.get_by_role("button", name="Approve estimate").click()
    expect(page.locator("#estimates")).to_contain_text("Approved")
    expect(page.locator("#estimates")).to_contain_text("Work tracked: 0 of 6 h")

    agent.reload()
    expect(agent.locator("#estimates")).to_contain_text("Approved")
    expect(agent.locator("#estimates")).to_contain_text("by Alice Archer")
    expect(agent.locator("#estimates")).to_contain_text("Go ahead")
