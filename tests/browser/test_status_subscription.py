"""Subscribing on the public status page and confirming from the mailed link, at a
desktop and on a phone: the form, the "check your inbox" answer, the confirmation page,
the manage page; no sideways scrolling anywhere."""

import os
import re
from pathlib import Path

import pytest

from charterdesk.incidents.models import Subscriber
from charterdesk.mail.models import OutboundMail
from tests.incidents.factories import service

from .test_desk_layout import DESKTOP, PHONE

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ.get("SCREENSHOTS", "/tmp/charterdesk-screenshots"))  # noqa: S108


def _fits(page, viewport, name: str) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_subscribe_and_confirm(browser, live_server, live_personas, viewport):
    size = "desktop" if viewport is DESKTOP else "phone"
    service("Cloud")
    service("Billing API")
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    page.goto("/status/")
    box = page.locator("section[aria-labelledby=subscribe]")
    box.get_by_label("Your email address").fill(f"dana-{size}@example.com")
    box.get_by_label("Cloud").check()
    _fits(page, viewport, f"status-subscribe-{size}")
    box.get_by_role("button", name="Subscribe").click()
    assert page.get_by_text("Check your inbox.").is_visible()
    _fits(page, viewport, f"status-subscribe-sent-{size}")

    mail = OutboundMail.objects.get(recipient=f"dana-{size}@example.com")
    link = re.search(r"/status/subscriptions/confirm/\S+", mail.text)
    assert link is not None
    page.goto(link.group(0))
    assert page.get_by_role("heading", name="Confirm your subscription").is_visible()
    _fits(page, viewport, f"status-subscription-confirm-{size}")
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(re.compile(r"/status/subscriptions/[\w-]+$"))
    assert page.get_by_role("heading", name="Your subscription").is_visible()
    assert page.get_by_label("Cloud").is_checked()
    assert not page.get_by_label("Billing API").is_checked()
    _fits(page, viewport, f"status-subscription-manage-{size}")
    assert Subscriber.objects.get(email=f"dana-{size}@example.com").confirmed_at is not None

    page.get_by_role("button", name="Unsubscribe").click()
    assert page.get_by_text("This address gets no more status notices.").is_visible()
    assert not Subscriber.objects.filter(email=f"dana-{size}@example.com").exists()
    context.close()
