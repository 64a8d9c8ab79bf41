"""An administrator anonymizes a solved ticket from the desk at a desktop's and a phone's
width: the panel asks for a reason and a ticked box, and the page then shows the ticket
without its texts."""

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from charterdesk.tickets.models import Status
from charterdesk.tickets.services import ticket_update
from tests.tickets.factories import open_ticket

from .conftest import sign_in

pytestmark = pytest.mark.browser

SHOTS = Path(
    os.environ.get("SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "charterdesk-screenshots"
)


@pytest.mark.parametrize(("width", "height", "name"), [(1366, 768, "desktop"), (390, 844, "phone")])
def test_an_administrator_anonymizes_a_solved_ticket(live_personas, page, width, height, name):
    ticket = open_ticket(subject="Refund for Alice Liddell", body="My card is 4111 1111.")
    ticket_update(ticket, live_personas.tier1, status=Status.SOLVED)
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, "admin@charterdesk.example")
    page.goto(f"/desk/tickets/{ticket.pk}/")
    page.click("#anonymize summary")
    page.fill("#anonymize-reason", "Erasure request of 2 Dec")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#anonymize").screenshot(path=str(SHOTS / f"anonymize-panel-{name}.png"))
    page.click("#anonymize button[type=submit]")
    expect(page.locator("#anonymize-confirm")).to_be_visible()  # the box was not ticked
    page.check("#anonymize-confirm")
    page.click("#anonymize button[type=submit]")
    expect(page.locator("#anonymized")).to_contain_text("Anonymized")
    expect(page.locator("body")).not_to_contain_text("4111")
    expect(page.locator("#history")).to_contain_text("Erasure request of 2 Dec")
    page.screenshot(path=str(SHOTS / f"anonymized-{name}.png"), full_page=False)
