"""Optional two-factor authentication: a code from an authenticator app (TOTP) at
sign-in, with single-use recovery codes for a lost phone (django-otp's TOTP and static
devices). REQUIRE_2FA_FOR_STAFF makes agents set it up before they use the desk."""

import time
from base64 import b32encode
from collections.abc import Callable
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp import verify_token as otp_verify
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

PENDING_KEY = "_charterdesk_second_step"
PENDING_SECONDS = 300  # the second step must follow the password within 5 minutes
RECOVERY_CODES = 10
APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


def has_device(user: Any) -> bool:
    """The user has two-factor authentication set up (a confirmed device)."""
    return bool(user_has_device(user, confirmed=True))


def begin_second_step(request: HttpRequest, user: Any) -> None:
    """The password was right: remember who is signing in, not signed in yet."""
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": getattr(user, "backend", ""),
        "at": time.time(),
    }


def pending_user(request: HttpRequest) -> tuple[Any, str] | None:
    """The user (and authentication backend) waiting for their second step, or None."""
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return (user, pending["backend"]) if user is not None else None


def end_second_step(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)


def device_for_code(user: Any, code: str) -> Device | None:
    """The device that accepts this code: a code from the app, or an unused recovery code
    (used up by this). Each device throttles wrong codes (django-otp), so guessing the six
    digits takes longer with every miss."""
    code = "".join(code.split())
    if not code:
        return None
    for device in devices_for_user(user, confirmed=True):
        verified = otp_verify(user, device.persistent_id, code)
        if verified is not None:
            return verified
    return None


def mark_verified(request: HttpRequest, device: Device) -> None:
    """This session passed the second step with `device`."""
    otp_login(request, device)


def app_device_start(user: Any) -> TOTPDevice:
    """The authenticator app being set up: a new secret until a code confirms it."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)


def app_device_pending(user: Any, device_id: int | None) -> TOTPDevice | None:
    if device_id is None:
        return None
    return TOTPDevice.objects.filter(user=user, pk=device_id, confirmed=False).first()


def app_device_confirm(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with a code it shows; returns the new recovery codes, or None when
    the code is wrong. Any earlier app and recovery codes are replaced."""
    if not device.verify_token("".join(code.split())):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_renew(device.user)


def recovery_codes_renew(user: Any) -> list[str]:
    """Ten new single-use recovery codes; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def two_factor_required(user: Any) -> bool:
    """Two-factor authentication may not be turned off by this user."""
    return bool(settings.REQUIRE_2FA_FOR_STAFF and user.is_agent)


def two_factor_disable(user: Any) -> None:
    """Remove the app and the recovery codes: the password alone signs in again."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def qr_svg(device: TOTPDevice) -> str:
    """The app's set-up link as an inline SVG QR code."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#1d2433")


def secret_text(device: TOTPDevice) -> str:
    """The secret for typing into an app by hand, in groups of four."""
    plain = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(plain[i : i + 4] for i in range(0, len(plain), 4))


def _exempt(path: str) -> bool:
    allowed = [reverse("accounts:two_factor_setup"), reverse("logout"), settings.STATIC_URL]
    return any(path.startswith(prefix) for prefix in allowed)


class TwoFactorMiddleware:
    """With REQUIRE_2FA_FOR_STAFF, a member of staff whose session has not passed a
    second step is sent to set up two-factor authentication before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            settings.REQUIRE_2FA_FOR_STAFF
            and user is not None
            and user.is_authenticated
            and user.is_agent
            and not user.is_verified()
            and not _exempt(request.path)
        ):
            return HttpResponseRedirect(reverse("accounts:two_factor_setup"))
        return self.get_response(request)
