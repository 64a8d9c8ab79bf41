from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .auth import signed_in_user


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Where signing in lands: agents in the desk, customers' contacts in the portal."""
    return redirect("desk:queue" if signed_in_user(request).is_agent else "portal:tickets")
