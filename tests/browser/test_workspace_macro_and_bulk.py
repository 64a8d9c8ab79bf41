"""The agent workspace in a browser: a macro previewed in the reply box then applied in
one click; a page of the queue selected and changed together, then undone; the keyboard
help on "?". Screenshots at desktop and phone size go to docs/img."""

import pytest
from playwright.sync_api import expect

from charterdesk.tickets.models import Message, Ticket
from charterdesk.tickets.services import ticket_set_tags
from charterdesk.workspace.models import MacroVisibility
from charterdesk.workspace.services import MacroInput, macro_create, view_create
from tests.tickets.factories import open_ticket
from tests.workspace.factories import custom_field

from .conftest import sign_in
from .test_desk_layout import DESKTOP, DOCS_IMG, PHONE

pytestmark = pytest.mark.browser


def _macro(owner):  # type: ignore[no-untyped-def]
    return macro_create(
        owner,
        MacroInput(
            title="Ask for the export log",
            body="Hi {{ requester.first_name }}, could you send the export log of ticket "
            "{{ ticket.id }}?\n{{ agent.name }}",
            visibility=MacroVisibility.SHARED,
            changes={"status": "pending", "add_tags": ["needs-log"]},
        ),
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_agent_previews_and_applies_a_macro(browser, live_server, live_personas, viewport):
    custom_field("environment")
    _macro(live_personas.manager)
    ticket = open_ticket(subject="Invoices export fails")
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    sign_in(page, "tier1@charterdesk.example")
    page.goto(f"/desk/tickets/{ticket.pk}/")
    page.click("#macros .macro-preview")
    box = page.locator("#reply textarea[name=body]")
    page.wait_for_function("document.querySelector('#reply textarea[name=body]').value !== ''")
    assert f"export log of ticket {ticket.pk}?" in box.input_value()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    name = "desktop" if viewport is DESKTOP else "phone"
    page.screenshot(path=str(DOCS_IMG / f"desk-macro-preview-{name}.png"), full_page=True)
    page.click("#macros button[type=submit]")
    page.wait_for_selector("text=Macro “Ask for the export log” applied.")
    ticket.refresh_from_db()
    assert ticket.status == "pending"
    assert Message.objects.filter(ticket=ticket, from_staff=True, visibility="public").count() == 1
    assert page.locator("#fields .tag", has_text="needs-log").count() == 1
    context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_an_agent_changes_a_page_of_the_queue_and_undoes_it(
    browser, live_server, live_personas, viewport
):
    tickets = [open_ticket(subject=f"Sync stalls {n}") for n in range(4)]
    ticket_set_tags(tickets[0], live_personas.tier1, ["vip"])
    view_create(live_personas.tier1, name="VIP", filters={"tag": "vip"})
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    sign_in(page, "tier1@charterdesk.example")
    page.goto("/desk/")
    apply = page.locator("#bulk-form button[type=submit]")
    assert apply.is_disabled()  # nothing selected yet
    page.check("#select-page")
    assert page.locator(".bulk-count").inner_text() == f"{len(tickets)} selected"
    page.select_option("#bulk-form select[name=priority]", "urgent")
    page.fill("#bulk-form input[name=add_tags]", "sync-outage")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    name = "desktop" if viewport is DESKTOP else "phone"
    page.screenshot(path=str(DOCS_IMG / f"desk-bulk-{name}.png"), full_page=True)
    apply.click()
    page.wait_for_selector(f"text=Changed {len(tickets)} ticket(s).")
    priorities = set(Ticket.objects.filter(pk__in=[t.pk for t in tickets]).values_list(
        "priority", flat=True))  # fmt: skip
    assert priorities == {"urgent"}
    page.click(".bulk-undo button")
    page.wait_for_selector(f"text=Undone on {len(tickets)} ticket(s).")
    priorities = set(Ticket.objects.filter(pk__in=[t.pk for t in tickets]).values_list(
        "priority", flat=True))  # fmt: skip
    assert priorities == {"normal"}
    context.close()


def test_the_keyboard_moves_through_the_queue_and_shows_its_help(
    browser, live_server, live_personas
):
    first = open_ticket(subject="First in line")
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    sign_in(page, "tier1@charterdesk.example")
    page.goto("/desk/")
    page.keyboard.press("?")
    assert page.locator("#shortcut-help").is_visible()
    assert "select the ticket for a bulk action" in page.locator("#shortcut-help").inner_text()
    page.screenshot(path=str(DOCS_IMG / "desk-shortcuts.png"))
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    page.keyboard.press("x")
    assert page.locator(".bulk-count").inner_text() == "1 selected"
    page.keyboard.press("o")
    page.wait_for_url(f"**/desk/tickets/{first.pk}/")
    page.keyboard.press("r")
    assert page.evaluate("document.activeElement.name") == "body"
    context.close()


def test_the_macros_list_is_one_card_per_macro_on_a_phone(browser, live_server, live_personas):
    """The list's table (Title, Who may use it, Does, Used) fits a phone's width: each
    macro a card with the column names as labels, nothing scrolled out of sight."""
    _macro(live_personas.manager)
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    sign_in(page, "tier1@charterdesk.example")
    page.goto("/desk/macros/")
    row = page.locator(".macros-table tbody tr")
    expect(row).to_contain_text("Ask for the export log")
    expect(page.locator(".macros-table thead")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box = row.get_by_role("link", name="Edit").bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    page.screenshot(path=str(DOCS_IMG / "desk-macros-phone.png"), full_page=True)
    context.close()
