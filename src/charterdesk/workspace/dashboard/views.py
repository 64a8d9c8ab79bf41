"""The dashboard page and the fragments of its panels, which the page refreshes every
30 seconds while it is visible (workspace/dashboard.js)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.roles import Perm

from .panels import PANELS, panel_context
from .trends import DEFAULT_PERIOD, PERIODS

REFRESH_SECONDS = 30
View = Callable[..., HttpResponse]


class PeriodForm(forms.Form):
    days = forms.TypedChoiceField(
        label="Trends over",
        choices=[(n, f"{n} days") for n in PERIODS],
        coerce=int,
        required=False,
        empty_value=None,
    )


def dashboard_access(view: View) -> View:
    """Team leads and managers (Perm.VIEW_DASHBOARD); other agents get 403 with the
    reason, customers 404."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = signed_in_user(request)
        if not user.is_agent:
            raise Http404("No such page.")
        if not user.has_perm(Perm.VIEW_DASHBOARD):
            raise PermissionDenied("The dashboard is for team leads and support managers.")
        return view(request, *args, **kwargs)

    return wrapper


def _days(request: HttpRequest) -> tuple[PeriodForm, int]:
    form = PeriodForm(request.GET)
    days = form.cleaned_data["days"] if form.is_valid() else None
    return form, days or DEFAULT_PERIOD


@dashboard_access
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    form, days = _days(request)
    viewer, at = signed_in_user(request), timezone.now()
    panels = {name: panel_context(name, viewer, at, days) for name in PANELS}
    context = {"form": form, "days": days, "panels": panels, "refresh": REFRESH_SECONDS}
    return render(request, "workspace/dashboard/page.html", context)


@dashboard_access
@require_GET
def dashboard_panel(request: HttpRequest, name: str) -> HttpResponse:
    if name not in PANELS:
        raise Http404("No such panel.")
    _, days = _days(request)
    context = {
        **panel_context(name, signed_in_user(request), timezone.now(), days),
        "days": days,
        "refresh": REFRESH_SECONDS,
    }
    return render(request, f"workspace/dashboard/_{name}.html", context)
