"""An agent finds a ticket by a word that occurs only in a reply: typed into the top
bar's search box, at a desktop's and a phone's width."""

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from charterdesk.customers.models import Contact
from charterdesk.intake.services import ticket_create
from charterdesk.tickets.services import message_add

from .conftest import sign_in

pytestmark = pytest.mark.browser

SHOTS = Path(
    os.environ.get("SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "charterdesk-screenshots"
)
SHOTS.mkdir(parents=True, exist_ok=True)
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def _tickets(personas):  # type: ignore[no-untyped-def]
    alice = Contact.objects.get(email="alice@acme.example")
    found = ticket_create(
        requester=alice,
        subject="Single sign-on stopped working for the whole Acme team this morning",
        body="Since 8:00 nobody can sign in through our identity provider.",
        request_type="downtime",
        priority="high",
        actor=alice.user,
    )
    message_add(
        found,
        personas.tier2,
        "Your identity provider's SAML signing certificate expired at midnight. Upload the "
        "renewed certificate under Settings → Single sign-on and sign-in works again.",
    )
    other = ticket_create(
        requester=alice,
        subject="Sign-in page slow",
        body="The sign-in page takes ten seconds to load.",
        request_type="error",
        priority="normal",
        actor=alice.user,
    )
    return found, other


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_agent_finds_a_ticket_by_a_word_only_in_a_reply(
    browser, live_server, live_personas, viewport
):
    found, other = _tickets(live_personas)
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, "tier1@charterdesk.example")
    page.goto("/desk/")
    box = page.get_by_role("searchbox", name="Search tickets")
    box.fill("certificate")
    box.press("Enter")
    page.wait_for_url("**/desk/search?q=certificate")

    hits = page.locator(".search-hit")
    expect(hits).to_have_count(1)
    expect(hits.first.locator(".hit-title")).to_contain_text(f"#{found.pk}")
    expect(hits.first.locator(".hit-snippet mark").first).to_have_text("certificate")
    expect(page.get_by_text(f"#{other.pk}")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    name = "desk-search.png" if viewport is DESKTOP else "desk-search-phone.png"
    page.screenshot(path=str(SHOTS / name), full_page=True)

    hits.first.locator(".hit-title").click()
    page.wait_for_url(f"**/desk/tickets/{found.pk}/")
    context.close()
