import re

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_customer_asks_to_escalate_and_the_agent_sees_the_request(
    page, browser, live_server, live_personas
):
    sign_in(page, "alice@acme.example")
    page.goto("/portal/new/")
    page.get_by_label("I hit an error").check()
    page.get_by_label("Subject").fill("Orders vanish after payment")
    page.get_by_label("Describe it").fill("Paid orders disappear from the order list.")
    page.get_by_role("button", name="Send request").click()
    expect(page).to_have_url(re.compile(r"/portal/tickets/\d+/$"))
    ticket_url = page.url

    panel = page.locator("#escalation")
    panel.get_by_text("Ask to escalate").first.click()
    panel.get_by_label("Why should we escalate?").fill("We lose paid orders every hour.")
    panel.get_by_role("button", name="Ask to escalate").click()
    expect(page).to_have_url(ticket_url)
    expect(panel).to_contain_text("We lose paid orders every hour.")
    expect(panel).to_contain_text("Acknowledged")
    expect(panel).not_to_contain_text("Why should we escalate?")

    agent = browser.new_context(base_url=live_server.url).new_page()
    sign_in(agent, "manager@charterdesk.example")
    agent.goto("/desk/escalation-requests")
    expect(agent.locator("table")).to_contain_text("We lose paid orders every hour.")
    agent.get_by_role("link", name=re.compile("Orders vanish after payment")).click()
    request = agent.locator(".escalation-request.open")
    expect(request).to_contain_text("The customer asks to escalate")
    request.get_by_label("Accept and escalate").check()
    request.get_by_role("button", name="Answer").click()
    expect(agent.locator(".flash")).to_contain_text("Answered")
    expect(agent.locator(".escalation-owner")).to_have_text("Morgan Lee")

    page.reload()
    expect(panel).to_contain_text("Accepted")
