"""The customer's side in a browser: a file attached to a new request downloads back the
same; the ticket page reads well on a desktop and on a phone."""

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from charterdesk.tickets.services import message_add
from tests.tickets.factories import open_ticket

from .conftest import sign_in

pytestmark = pytest.mark.browser
# Screenshots go to docs/img only when asked (SCREENSHOTS_DIR=docs/img), so a test run
# never leaves the checkout changed.
DOCS_IMG = Path(
    os.environ.get("SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "charterdesk-screenshots"
)
DOCS_IMG.mkdir(parents=True, exist_ok=True)
LOG = b"2026-11-23 10:02:11 ERROR export failed: timeout after 30s\n"


def test_a_file_attached_to_a_new_request_downloads_back(page, live_personas, tmp_path):
    sign_in(page, "alice@acme.example")
    page.goto("/portal/new/")
    page.get_by_label("I hit an error", exact=False).check()
    page.get_by_label("Subject").fill("CSV export times out")
    page.get_by_label("Describe it").fill("The nightly export fails; the log is attached.")
    upload = tmp_path / "export.log"
    upload.write_bytes(LOG)
    page.get_by_label("Attach files").set_input_files(str(upload))
    page.get_by_role("button", name="Send request").click()
    expect(page.locator("h1")).to_contain_text("CSV export times out")
    link = page.get_by_role("link", name="export.log")
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "export.log"
    assert Path(download.path()).read_bytes() == LOG


@pytest.mark.parametrize("width", [1366, 390])
def test_the_portal_ticket_page_fits_desktop_and_phone(browser, live_server, live_personas, width):
    ticket = open_ticket("alice@acme.example", subject="Checkout page returns 502 for EU customers")
    message_add(
        ticket,
        live_personas.tier1,
        "Thanks Alice, we can reproduce it on eu-west. A fix is rolling out; I will update "
        "you within the hour.",
    )
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    sign_in(page, "alice@acme.example")
    page.goto(f"/portal/tickets/{ticket.pk}/")
    expect(page.get_by_role("button", name="Send reply")).to_be_visible()
    expect(page.get_by_role("button", name="Mark as solved")).to_be_visible()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the page scrolls sideways at {width}px"
    name = "portal-ticket.png" if width == 1366 else "portal-ticket-phone.png"
    page.screenshot(path=str(DOCS_IMG / name), full_page=width != 1366)
    context.close()
