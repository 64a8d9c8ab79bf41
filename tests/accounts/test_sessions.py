import subprocess
import sys
from pathlib import Path

from django.test import Client

import charterdesk
from charterdesk.accounts.sessions import browser_of
from charterdesk.demo.reference import PASSWORD

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


def _signed_in(user_agent, email="bob@globex.example"):
    client = Client(HTTP_USER_AGENT=user_agent)
    assert client.post("/login/", {"username": email, "password": PASSWORD}).status_code == 302
    return client


def _this_browser(client):
    listed = client.get("/account/").context["sessions"]
    return next(s["record"] for s in listed if s["current"])


def test_the_account_page_lists_where_you_are_signed_in(personas):
    _signed_in(IPHONE)
    laptop = _signed_in(FIREFOX)
    text = laptop.get("/account/").content.decode()
    assert "Firefox on Windows" in text
    assert "Safari on iOS" in text
    assert "This browser" in text


def test_signing_out_one_session_ends_only_that_one(personas):
    phone = _signed_in(IPHONE)
    laptop = _signed_in(FIREFOX)
    phone_row = _this_browser(phone)
    laptop.post(f"/account/sessions/{phone_row.pk}/sign-out")
    assert phone.get("/portal/").status_code == 302
    assert laptop.get("/portal/").status_code == 200


def test_nobody_signs_out_anothers_session(personas):
    phone = _signed_in(IPHONE)
    row = _this_browser(phone)
    _signed_in(FIREFOX, email="alice@acme.example").post(f"/account/sessions/{row.pk}/sign-out")
    assert phone.get("/portal/").status_code == 200


def test_sign_out_everywhere_ends_every_session(personas):
    phone = _signed_in(IPHONE)
    laptop = _signed_in(FIREFOX)
    page = laptop.post("/account/sign-out-everywhere", follow=True)
    assert "You are signed out everywhere." in page.content.decode()
    assert phone.get("/portal/").status_code == 302
    assert laptop.get("/portal/").status_code == 302


def test_a_browser_is_named_as_a_person_knows_it():
    assert browser_of(FIREFOX) == "Firefox on Windows"
    assert browser_of("curl/8.5.0") == "A script"


def _cookie_settings(site_url, data_dir):
    code = "import charterdesk.settings as s;print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    env = {
        "SITE_URL": site_url,
        "SECRET_KEY": "x" * 50,
        "CHARTERDESK_DATA_DIR": str(data_dir),
        "PYTHONPATH": str(Path(charterdesk.__file__).parents[1]),
    }
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.split()


def test_cookies_are_secure_when_the_site_is_served_over_https(tmp_path):
    assert _cookie_settings("https://help.example.com", tmp_path) == ["True", "True"]
    assert _cookie_settings("http://127.0.0.1:8000", tmp_path) == ["False", "False"]
