"""Shadow mode in a browser: a new agent drafts a reply, the mentor approves it, the
customer sees it in the portal. Screenshots at desktop and phone size go to docs/img."""

import pytest

from charterdesk.learning.shadow import shadow_start
from tests.tickets.factories import open_ticket

from .conftest import sign_in
from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser

DRAFT = "Please clear the export cache, then export again."


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_learners_draft_reaches_the_customer_once_approved(
    browser, live_server, live_personas, viewport
):
    size = "desktop" if viewport is DESKTOP else "phone"
    shadow_start(
        actor=live_personas.manager, learner=live_personas.tier1, mentor=live_personas.tier2
    )
    ticket = open_ticket(subject="Export to CSV fails")
    learner = browser.new_context(base_url=live_server.url, viewport=viewport).new_page()
    sign_in(learner, "tier1@charterdesk.example")
    learner.goto(f"/desk/tickets/{ticket.pk}/")
    learner.fill("#reply-body", DRAFT)
    learner.click("#reply button[type=submit]")
    learner.wait_for_selector("text=Draft saved: your mentor reviews it before it is sent.")
    assert learner.locator("#drafts", has_text="Waiting for review").count() == 1

    customer = browser.new_context(base_url=live_server.url, viewport=viewport).new_page()
    sign_in(customer, "alice@acme.example")
    customer.goto(f"/portal/tickets/{ticket.pk}/")
    assert customer.locator(f"text={DRAFT}").count() == 0

    mentor = browser.new_context(base_url=live_server.url, viewport=viewport).new_page()
    sign_in(mentor, "tier2@charterdesk.example")
    mentor.goto("/desk/learning/drafts/")
    mentor.wait_for_selector(f"text=Sam Rivera on #{ticket.pk} Export to CSV fails")
    assert mentor.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    mentor.screenshot(path=str(DOCS_IMG / f"learning-drafts-{size}.png"), full_page=True)
    mentor.click("text=Approve and send")
    mentor.wait_for_selector(f"text=Sent on #{ticket.pk}, credited to Sam Rivera.")

    customer.goto(f"/portal/tickets/{ticket.pk}/")
    customer.wait_for_selector(f"text={DRAFT}")
    for page in (learner, customer, mentor):
        page.context.close()
