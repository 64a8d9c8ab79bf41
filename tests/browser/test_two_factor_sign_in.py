import os
import re
import time

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from .conftest import open_menu, sign_in

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("SCREENSHOTS_DIR")


def _shot(page, name):  # type: ignore[no-untyped-def]
    if SHOTS:
        for width in (1366, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


def _code_now(email: str) -> str:
    device = TOTPDevice.objects.get(user__email=email, confirmed=False)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_an_agent_sets_up_two_factor_and_signs_in_with_a_recovery_code(page, live_personas):
    sign_in(page, "tier2@charterdesk.example")
    open_menu(page, "me")
    page.get_by_role("link", name="Account", exact=True).click()
    _shot(page, "account")
    page.get_by_role("link", name="Set up two-factor authentication").click()
    expect(page.locator(".qr svg")).to_be_visible()
    _shot(page, "two-factor-setup")
    page.get_by_label("Code", exact=True).fill(_code_now("tier2@charterdesk.example"))
    page.get_by_role("button", name="Turn on").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    recovery = page.locator(".codes code").first.inner_text()
    open_menu(page, "me")
    page.get_by_role("button", name="Sign out").click()

    page.goto("/login/")
    page.fill("input[name=username]", "TIER2@charterdesk.example")
    page.fill("input[name=password]", "charterdesk-demo")
    page.click("button[type=submit]")
    expect(page.get_by_role("heading", name="Your code")).to_be_visible()
    _shot(page, "second-step")
    page.get_by_label("Code", exact=True).fill(recovery)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/desk/"))
    expect(page.locator(".flash")).to_contain_text("You used a recovery code: 9 left.")
