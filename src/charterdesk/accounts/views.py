from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from . import two_factor
from .auth import signed_in_user
from .sessions import browser_of, session_sign_out, sessions_of, sign_out_everywhere


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Where signing in lands: agents in the desk, operators in the admin, customers'
    contacts in the portal."""
    user = signed_in_user(request)
    if user.is_agent:
        return redirect("desk:queue")
    return redirect("admin:index" if user.is_staff else "portal:tickets")


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """Your account: password, two-factor authentication, where you are signed in."""
    user = signed_in_user(request)
    current = request.session.session_key
    sessions = [
        {"record": s, "browser": browser_of(s.user_agent), "current": s.session_key == current}
        for s in sessions_of(user)[:50]
    ]
    context = {
        "sessions": sessions,
        "two_factor": two_factor.has_device(user),
        "recovery_left": two_factor.recovery_codes_left(user),
    }
    return render(request, "accounts/account.html", context)


@require_POST
@login_required
def session_end(request: HttpRequest, session_id: int) -> HttpResponse:
    with transaction.atomic(durable=True):
        ended = session_sign_out(signed_in_user(request), session_id)
    if ended:
        messages.success(request, "That session is signed out.")
    return redirect("accounts:account")


@require_POST
@login_required
def sign_out_all(request: HttpRequest) -> HttpResponse:
    """Sign out every browser of this account, this one too."""
    with transaction.atomic(durable=True):
        sign_out_everywhere(request, signed_in_user(request))
    messages.success(request, "You are signed out everywhere.")
    return redirect("login")
