from datetime import timedelta

import time_machine
from django.conf import settings
from django.utils import timezone

from charterdesk.demo.reference import PASSWORD


def _sign_in(client, email, password, address="203.0.113.7"):
    return client.post("/login/", {"username": email, "password": password}, REMOTE_ADDR=address)


def _guess(client, email, times, address="203.0.113.7"):
    for n in range(times):
        _sign_in(client, email, f"guess-{n}", address)


def test_after_many_wrong_passwords_the_right_one_no_longer_signs_in(personas, client):
    _guess(client, "alice@acme.example", 50)
    page = _sign_in(client, "alice@acme.example", PASSWORD)
    assert page.status_code == 429
    assert "Signing in is paused" in page.content.decode()
    assert not page.wsgi_request.user.is_authenticated


def test_the_pause_says_how_long_and_offers_a_password_reset(personas, client):
    _guess(client, "alice@acme.example", settings.AXES_FAILURE_LIMIT)
    text = _sign_in(client, "alice@acme.example", PASSWORD).content.decode()
    assert "paused for 15 minutes" in text
    assert 'href="/account/password/reset/"' in text


def test_the_account_is_paused_from_every_address_and_in_every_case(personas, client):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "Alice@acme.example", "wrong", address=f"198.51.100.{n + 1}")
    page = _sign_in(client, "ALICE@ACME.EXAMPLE", PASSWORD, address="192.0.2.50")
    assert page.status_code == 429


def test_an_address_that_guesses_many_accounts_is_paused(personas, client):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, f"someone{n}@acme.example", "wrong")
    page = _sign_in(client, "bob@globex.example", PASSWORD)
    assert page.status_code == 429
    other_address = _sign_in(client, "bob@globex.example", PASSWORD, address="192.0.2.99")
    assert other_address.status_code == 302


def test_signing_in_works_again_after_the_pause(personas, client):
    _guess(client, "alice@acme.example", settings.AXES_FAILURE_LIMIT)
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        page = _sign_in(client, "alice@acme.example", PASSWORD)
    assert page.status_code == 302


def test_a_few_mistakes_do_not_pause_signing_in(personas, client):
    _guess(client, "alice@acme.example", settings.AXES_FAILURE_LIMIT - 1)
    assert _sign_in(client, "alice@acme.example", PASSWORD).status_code == 302
