"""The agent's ticket page and queue at a desktop's and a phone's width."""

import os
import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from charterdesk.customers.models import Contact
from charterdesk.intake.services import ticket_create
from charterdesk.tickets.services import message_add

from .conftest import sign_in

pytestmark = pytest.mark.browser

# Screenshots go to docs/img only when asked (SCREENSHOTS_DIR=docs/img), so a test run
# never leaves the checkout changed.
DOCS_IMG = Path(
    os.environ.get("SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "charterdesk-screenshots"
)
DOCS_IMG.mkdir(parents=True, exist_ok=True)
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def _busy_ticket(personas):  # type: ignore[no-untyped-def]
    """A ticket with a long conversation, as agents meet them."""
    alice = Contact.objects.get(email="alice@acme.example")
    ticket = ticket_create(
        requester=alice,
        subject="Invoices export fails with error 500 since this morning's update",
        body="Since 9:00 every invoice export ends in an error 500. Our accounting closes today.",
        request_type="error",
        priority="high",
        actor=alice.user,
    )
    for n in range(6):
        message_add(
            ticket, personas.tier1, f"Step {n}: we checked the export workers. " * 8, "public"
        )
        message_add(ticket, alice.user, "Still failing here, same error. " * 6, "public")
    return ticket


def _in_first_screen(page, selector: str) -> None:  # type: ignore[no-untyped-def]
    box = page.locator(selector).bounding_box()
    assert box is not None and box["y"] < page.viewport_size["height"], (selector, box)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_properties_and_reply_box_are_in_the_first_screen(
    browser, live_server, live_personas, viewport
):
    ticket = _busy_ticket(live_personas)
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    sign_in(page, "tier1@charterdesk.example")
    page.goto(f"/desk/tickets/{ticket.pk}/")
    _in_first_screen(page, "#properties select[name=status]")
    _in_first_screen(page, "#reply textarea[name=body]")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"]
    if viewport is DESKTOP:
        page.screenshot(path=str(DOCS_IMG / "desk-ticket.png"))
    else:
        page.screenshot(path=str(DOCS_IMG / "desk-ticket-phone.png"))
    context.close()


def test_an_agent_opens_a_phone_ticket_on_a_phone(browser, live_server, live_personas):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    sign_in(page, "tier1@charterdesk.example")
    page.goto("/desk/tickets/new")
    page.get_by_label("Requester").fill("bob@globex.example")
    page.get_by_label("Phone").check()
    page.get_by_label("Subject").fill("Checkout returns 502")
    page.get_by_label("What they need").fill("Bob called: checkout fails since 10:00.")
    page.get_by_label("Length of the call or chat (minutes)").fill("9")
    page.get_by_role("button", name="Open ticket").click()
    expect(page).to_have_url(re.compile(r"/desk/tickets/\d+/$"))
    expect(page.locator(".flash")).to_contain_text("opened for")
    expect(page.locator(".ticket-facts")).to_contain_text("via Phone")
    expect(page.locator("#time")).to_contain_text("9 min")
    context.close()


def test_a_250_character_subject_does_not_widen_the_queue(browser, live_server, live_personas):
    alice = Contact.objects.get(email="alice@acme.example")
    subject = "Export" + "X" * 244
    ticket_create(
        requester=alice, subject=subject, body="Long.", request_type="error", actor=alice.user
    )
    _busy_ticket(live_personas)
    for viewport, name in ((DESKTOP, "desk-queue.png"), (PHONE, "desk-queue-phone.png")):
        context = browser.new_context(base_url=live_server.url, viewport=viewport)
        page = context.new_page()
        sign_in(page, "tier1@charterdesk.example")
        page.goto("/desk/")
        expect(page.locator(f'a[title="{subject}"]')).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        table = page.locator(".table-wrap")
        assert table.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
        page.screenshot(path=str(DOCS_IMG / name), full_page=viewport is PHONE)
        context.close()


def test_the_sla_report_reads_at_a_desktop_width(browser, live_server, live_personas):
    from tests.sla.test_report_and_api import three_tickets

    three_tickets(live_personas)
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, "manager@charterdesk.example")
    page.goto("/desk/reports/sla?start=2026-11-01&end=2026-11-30")
    expect(page.locator("tfoot")).to_contain_text("All plans")
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    page.screenshot(path=str(DOCS_IMG / "desk-sla-report.png"), full_page=True)
    context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_suggested_articles_arrive_after_the_page_and_go_into_the_reply(
    browser, live_server, live_personas, viewport
):
    from tests.knowledge.helpers import published

    published(live_personas.manager, "Export invoices again after an error 500", "Retry it.")
    ticket = _busy_ticket(live_personas)
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    sign_in(page, "tier1@charterdesk.example")
    page.goto(f"/desk/tickets/{ticket.pk}/")
    panel = page.locator("#articles")
    link = panel.get_by_role("link", name="Export invoices again after an error 500")
    expect(link).to_be_visible()  # loaded by htmx once the page is shown
    expect(panel.get_by_role("link", name="Show the articles")).to_have_count(0)
    panel.get_by_role("button", name="Insert link into reply").click()
    expect(panel.get_by_role("button", name="Inserted")).to_be_visible()
    expect(page.locator("#reply textarea[name=body]")).to_have_value(
        re.compile(r"^Export invoices again after an error 500: http")
    )
    panel.scroll_into_view_if_needed()
    name = "desk-ticket-articles.png" if viewport is DESKTOP else "desk-ticket-articles-phone.png"
    panel.screenshot(path=str(DOCS_IMG / name))
    context.close()


def test_without_javascript_the_suggested_articles_are_a_link_away(
    browser, live_server, live_personas
):
    from tests.knowledge.helpers import published

    published(live_personas.manager, "Export invoices again after an error 500", "Retry it.")
    ticket = _busy_ticket(live_personas)
    context = browser.new_context(
        base_url=live_server.url, viewport=DESKTOP, java_script_enabled=False
    )
    page = context.new_page()
    sign_in(page, "tier1@charterdesk.example")
    page.goto(f"/desk/tickets/{ticket.pk}/")
    page.locator("#articles").get_by_role("link", name="Show the articles").click()
    expect(page.locator("h1")).to_have_text("Suggested articles")
    article = page.get_by_role("link", name="Export invoices again after an error 500")
    expect(article).to_be_visible()
    page.get_by_role("link", name=f"#{ticket.pk}").click()
    expect(page).to_have_url(re.compile(rf"/desk/tickets/{ticket.pk}/$"))
    context.close()
