import time
from datetime import UTC, datetime, timedelta

import time_machine
from django.test import Client, override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from charterdesk.demo.reference import PASSWORD

# Ahead of the clock, so the sessions saved while travelling have not expired after it.
START = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=5)
LATER = START + timedelta(hours=1)


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def _set_up(client) -> tuple[TOTPDevice, list[str]]:
    """Open the set-up page, type the code the app shows; returns the recovery codes."""
    page = client.get("/account/two-factor/setup")
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=page.wsgi_request.user, confirmed=False)
    done = client.post("/account/two-factor/setup", {"code": _code(device)})
    assert "Your recovery codes" in done.content.decode()
    return device, done.context["codes"]


def _password_step(email="alice@acme.example"):
    client = Client()
    page = client.post("/login/", {"username": email, "password": PASSWORD})
    return client, page


def test_with_two_factor_the_password_alone_does_not_sign_in(personas, login):
    with time_machine.travel(START, tick=False):
        _set_up(login(personas.alice))
    with time_machine.travel(LATER, tick=False):
        client, page = _password_step()
        assert page["Location"].startswith("/account/sign-in/second-step")
        assert client.get("/portal/").status_code == 302


def test_the_code_from_the_app_completes_signing_in(personas, login):
    with time_machine.travel(START, tick=False):
        device, _ = _set_up(login(personas.alice))
    with time_machine.travel(LATER, tick=False):
        client, _ = _password_step()
        device.refresh_from_db()
        client.post("/account/sign-in/second-step", {"code": _code(device)})
        assert client.get("/portal/").status_code == 200


def test_a_wrong_code_is_refused(personas, login):
    with time_machine.travel(START, tick=False):
        _set_up(login(personas.alice))
    with time_machine.travel(LATER, tick=False):
        client, _ = _password_step()
        page = client.post("/account/sign-in/second-step", {"code": "000000"})
        assert "This code is not right" in page.content.decode()
        assert client.get("/portal/").status_code == 302


def test_a_recovery_code_signs_in_once(personas, login):
    with time_machine.travel(START, tick=False):
        _, codes = _set_up(login(personas.alice))
    with time_machine.travel(LATER, tick=False):
        first, _ = _password_step()
        page = first.post("/account/sign-in/second-step", {"code": codes[0]}, follow=True)
        assert "You used a recovery code: 9 left." in page.content.decode()
        second, _ = _password_step()
        again = second.post("/account/sign-in/second-step", {"code": codes[0]})
        assert "This code is not right" in again.content.decode()


def test_the_second_step_without_the_password_signs_in_nobody(personas):
    client = Client()
    page = client.post("/account/sign-in/second-step", {"code": "123456"}, follow=True)
    assert "Sign in again" in page.content.decode()
    assert not page.wsgi_request.user.is_authenticated


def test_turning_two_factor_off_takes_the_password(personas, login):
    client = login(personas.alice)
    with time_machine.travel(START, tick=False):
        _set_up(client)
    refused = client.post("/account/two-factor/disable", {"password": "not it"})
    assert "This is not your password." in refused.content.decode()
    client.post("/account/two-factor/disable", {"password": PASSWORD})
    _, page = _password_step()
    assert page["Location"] == "/"


@override_settings(REQUIRE_2FA_FOR_STAFF=True)
def test_when_required_staff_set_up_two_factor_before_using_the_desk(personas, login):
    client = login(personas.tier1)
    page = client.get("/desk/")
    assert page["Location"] == "/account/two-factor/setup"
    with time_machine.travel(START, tick=False):
        _set_up(client)
    assert client.get("/desk/").status_code == 200


@override_settings(REQUIRE_2FA_FOR_STAFF=True)
def test_when_required_for_staff_customers_are_not_asked(personas, login):
    assert login(personas.alice).get("/portal/").status_code == 200
