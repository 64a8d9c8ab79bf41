"""In a browser: the widget on a vendor's page served from another origin. The customer
searches the help center, opens a request, reads the team's answer and replies in the
widget, and finds both in the portal."""

import gzip
import os
import tempfile
from pathlib import Path
from statistics import median
from urllib.request import urlopen

import pytest
from playwright.sync_api import expect

from charterdesk.tickets.models import Ticket
from charterdesk.tickets.services import message_add
from charterdesk.widget import crypto
from charterdesk.widget.frame_views import LOADER
from charterdesk.widget.models import WidgetKey
from tests.knowledge.helpers import published
from tests.widget.vendor_site import HOST, vendor_site

from .conftest import sign_in

pytestmark = pytest.mark.browser
SHOTS = Path(
    os.environ.get("SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "charterdesk-screenshots"
)
SHOTS.mkdir(parents=True, exist_ok=True)


RUNS = 5


def _launcher_ms(browser, url: str) -> float:
    """From the script tag to the launcher in the page, in a fresh browser context (so
    nothing is cached), in milliseconds."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("window.__launcher !== undefined")
    elapsed = float(page.evaluate("window.__launcher"))
    context.close()
    return elapsed


def _key(origin: str = "") -> WidgetKey:
    return WidgetKey.objects.create(
        name="Vendor", allowed_origins=[origin], secret_encrypted=crypto.encrypt("s" * 43)
    )


@pytest.mark.slow
def test_launcher_appears_soon_after_the_script_tag(browser, live_server, live_personas):
    """The figure in bench/RESULTS.md: median of RUNS cold loads, against a baseline page
    whose own same-origin script adds a button."""
    key = _key()
    urlopen(f"{live_server.url}/widget/loader.js").read()  # noqa: S310 - the test server
    with vendor_site(live_server.url, key, "alice@acme.example") as site:
        widget = median(_launcher_ms(browser, site.url) for _ in range(RUNS))
        baseline = median(_launcher_ms(browser, site.origin + "/baseline") for _ in range(RUNS))
    size = len(gzip.compress(LOADER.read_bytes(), 9))
    print(
        f"\nlauncher visible after {widget:.0f} ms (median of {RUNS}); own-script baseline "
        f"{baseline:.0f} ms; ratio {widget / max(baseline, 1):.1f}; loader {size} B gzipped"
    )
    assert widget < 3000


@pytest.mark.parametrize("width", [1280, 390])
def test_widget_on_another_origin_searches_and_opens_a_request(
    browser, live_server, live_personas, width
):
    published(live_personas.manager, "Download an invoice as PDF")
    key = _key()
    with vendor_site(live_server.url, key, "alice@acme.example") as site:
        key.allowed_origins = [site.origin]
        key.save()
        assert HOST in site.origin and site.origin not in live_server.url
        context = browser.new_context(viewport={"width": width, "height": 860})
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(site.url)
        launcher = page.locator("#charterdesk-launcher")
        expect(launcher).to_be_visible()
        launcher.click()
        frame = page.frame_locator("#charterdesk-frame")
        expect(frame.locator("#who")).to_have_text("Alice Archer")
        frame.get_by_label("Search help articles").fill("invoice")
        expect(frame.locator("#results")).to_contain_text("Download an invoice as PDF")
        page.screenshot(path=str(SHOTS / f"widget-search-{width}.png"))
        frame.get_by_role("link", name="My requests").click()
        frame.get_by_label("Subject").fill("Invoice totals are off by one cent")
        frame.get_by_label("Describe it").fill("The PDF invoice total differs from the screen.")
        frame.get_by_role("button", name="Send the request").click()
        expect(frame.locator(".notice")).to_contain_text("was sent")
        page.screenshot(path=str(SHOTS / f"widget-request-{width}.png"))
        ticket = Ticket.objects.get(subject="Invoice totals are off by one cent")
        message_add(ticket, live_personas.tier1, "Which invoice number is it?")
        message_add(ticket, live_personas.tier1, "Rounding bug again", visibility="internal")
        frame.get_by_role("link", name="← Your requests").click()
        frame.get_by_role("link", name="Invoice totals are off by one cent").click()
        expect(frame.locator(".replies")).to_contain_text("Which invoice number is it?")
        expect(frame.locator(".replies")).not_to_contain_text("Rounding bug")
        frame.get_by_label("Your reply").fill("It is invoice 2026-0042.")
        frame.get_by_role("button", name="Send the reply").click()
        expect(frame.locator(".notice")).to_contain_text("Your reply was added")
        expect(frame.locator(".replies")).to_contain_text("It is invoice 2026-0042.")
        page.screenshot(path=str(SHOTS / f"widget-reply-{width}.png"))
        context.close()

    portal = browser.new_context(base_url=live_server.url)
    page = portal.new_page()
    sign_in(page, "alice@acme.example")
    page.goto("/portal/")
    page.get_by_role("link", name="Invoice totals are off by one cent").click()
    expect(page.get_by_text("It is invoice 2026-0042.")).to_be_visible()
    portal.close()
