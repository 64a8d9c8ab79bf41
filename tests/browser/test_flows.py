import re

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_customer_opens_a_request_and_sees_the_coverage(page, live_personas):
    sign_in(page, "carol@initech.example")
    page.goto("/portal/new/")
    page.get_by_label("How do I …?").check()
    preview = page.locator("#coverage-preview")
    expect(preview).to_contain_text("Metered")
    expect(preview).to_contain_text("First response within")
    page.get_by_label("Priority").select_option("high")
    expect(preview).to_contain_text("16 hours (business hours)")
    page.get_by_label("Subject").fill("Where is the export button?")
    page.get_by_label("Describe it").fill("I cannot find the export.")
    page.get_by_role("button", name="Send request").click()
    expect(page).to_have_url(re.compile(r"/portal/tickets/\d+/$"))
    expect(page.locator(".coverage-box")).to_contain_text("draw on your contract's hours bank")


def test_agent_reply_reaches_the_customer_and_the_note_does_not(
    page, browser, live_server, live_personas
):
    sign_in(page, "alice@acme.example")
    page.goto("/portal/new/")
    page.get_by_label("I hit an error").check()
    page.get_by_label("Subject").fill("Invoices export breaks")
    page.get_by_label("Describe it").fill("Export gives error 500.")
    page.get_by_role("button", name="Send request").click()
    ticket_url = page.url

    agent = browser.new_context(base_url=live_server.url).new_page()
    sign_in(agent, "tier1@charterdesk.example")
    agent.get_by_role("link", name="Invoices export breaks").click()
    agent.get_by_label("Message").fill("We fixed the export; please try again.")
    agent.get_by_label("Public reply").check()
    agent.get_by_role("button", name="Send").click()
    expect(agent.locator(".flash")).to_contain_text("Reply sent.")
    agent.get_by_label("Message").fill("Root cause: stale cache on node 3.")
    agent.get_by_label("Internal note").check()
    agent.get_by_role("button", name="Send").click()
    expect(agent.locator(".message.internal")).to_contain_text("stale cache")

    page.goto(ticket_url)
    expect(page.locator(".message.staff")).to_contain_text("We fixed the export")
    expect(page.locator("body")).not_to_contain_text("stale cache")
