"""Pages of two-factor authentication: the second step of signing in, setting it up,
new recovery codes, turning it off."""

from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, login
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import two_factor
from .auth import signed_in_user
from .forms import CodeForm, PasswordConfirmForm

SETUP_KEY = "_charterdesk_totp_setup"


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else "/"


def second_step(request: HttpRequest) -> HttpResponse:
    """After the password: a code from the app or a recovery code."""
    pending = two_factor.pending_user(request)
    if pending is None:
        messages.error(request, "Sign in again: the second step waits 5 minutes at most.")
        return redirect("login")
    user, backend = pending
    form = CodeForm(request.POST or None)
    if form.is_valid():
        with transaction.atomic(durable=True):
            device = two_factor.device_for_code(user, form.cleaned_data["code"])
        if device is not None:
            two_factor.end_second_step(request)
            login(request, user, backend=backend)
            two_factor.mark_verified(request, device)
            if device.name == two_factor.RECOVERY_NAME:
                left = two_factor.recovery_codes_left(user)
                messages.warning(request, f"You used a recovery code: {left} left.")
            return redirect(_next_url(request))
        form.add_error("code", "This code is not right (or came too fast after a wrong one).")
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/second_step.html", context)


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: scan the QR code, type the code it shows."""
    user = signed_in_user(request)
    device = two_factor.app_device_pending(user, request.session.get(SETUP_KEY))
    form = CodeForm(request.POST or None)
    if device is not None and form.is_valid():
        with transaction.atomic(durable=True):
            codes = two_factor.app_device_confirm(device, form.cleaned_data["code"])
        if codes is not None:
            request.session.pop(SETUP_KEY, None)
            two_factor.mark_verified(request, device)
            return render(request, "accounts/recovery_codes.html", {"codes": codes})
        form.add_error("code", "This code is not right: type the six digits the app shows now.")
    if device is None:
        with transaction.atomic(durable=True):
            device = two_factor.app_device_start(user)
        request.session[SETUP_KEY] = device.pk
        form = CodeForm()
    context = {
        "form": form,
        "qr": two_factor.qr_svg(device),
        "secret": two_factor.secret_text(device),
        "replacing": two_factor.has_device(user),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@require_POST
@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not two_factor.has_device(user):
        return redirect("accounts:account")
    with transaction.atomic(durable=True):
        codes = two_factor.recovery_codes_renew(user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


@login_required
def disable(request: HttpRequest) -> HttpResponse:
    """Turn two-factor authentication off, after the password."""
    user = signed_in_user(request)
    if two_factor.two_factor_required(user):
        messages.error(request, "Staff must use two-factor authentication here.")
        return redirect("accounts:account")
    form = PasswordConfirmForm(request.POST or None)
    if form.is_valid():
        if user.check_password(form.cleaned_data["password"]):
            with transaction.atomic(durable=True):
                two_factor.two_factor_disable(user)
            messages.success(request, "Two-factor authentication is off.")
            return redirect("accounts:account")
        form.add_error("password", "This is not your password.")
    return render(request, "accounts/two_factor_disable.html", {"form": form})
