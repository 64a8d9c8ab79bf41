from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .auth import signed_in_user


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Where signing in lands: agents in the desk, operators in the admin, customers'
    contacts in the portal."""
    user = signed_in_user(request)
    if user.is_agent:
        return redirect("desk:queue")
    return redirect("admin:index" if user.is_staff else "portal:tickets")
