"""Signing in: by email in any case, paused after repeated failures (django-axes), with a
second step for accounts that use two-factor authentication (two_factor.py)."""

from typing import Any

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from . import two_factor
from .models import User


class EmailBackend(ModelBackend):
    """Passwords checked against the account of this address, whatever its case:
    ALICE@Acme.example signs in as alice@acme.example."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is not None:
            username = username.strip().lower()
        return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id: Any) -> User | None:
        """The signed-in user of a session, read with their contact in the same statement:
        every page asks for it (the reader's time zone, the portal's organization), so
        this saves one statement on every page (issue #13)."""
        user = User.objects.select_related("contact").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


def attempted_email(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The account a sign-in attempt is for, as axes counts it: one count per address,
    whatever its case (AXES_USERNAME_CALLABLE)."""
    given = (credentials or {}).get("username") or request.POST.get("username") or ""
    return str(given).strip().lower()


def client_address(request: HttpRequest) -> str:
    """The client's address: the connection's, or behind TRUSTED_PROXY_COUNT proxies the
    one they saw (AXES_CLIENT_IP_CALLABLE). A header the client wrote itself is never
    trusted, so it cannot pick an address to dodge its lockout."""
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [address for address in forwarded if address]
    return forwarded[-hops] if len(forwarded) >= hops else remote


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The page shown instead of signing in while sign-in is paused (AXES_LOCKOUT_CALLABLE)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        "minutes": minutes,
        "limit": settings.AXES_FAILURE_LIMIT,
        "email": attempted_email(request, credentials),
    }
    return render(request, "accounts/locked_out.html", context, status=429)


class SignInView(LoginView):
    """The sign-in page. An account with two-factor authentication is signed in only
    after its second step; every other account at once."""

    template_name = "core/login.html"

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        user = form.get_user()
        if not two_factor.has_device(user):
            return super().form_valid(form)
        two_factor.begin_second_step(self.request, user)
        url = reverse("accounts:second_step")
        return HttpResponseRedirect(
            f"{url}?{urlencode({REDIRECT_FIELD_NAME: self.get_success_url()})}"
        )
