"""The settings area's front page: what a support manager sets up, and where."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from charterdesk.accounts.access import staff_permission_required
from charterdesk.accounts.roles import Perm

from .selectors import settings_overview


@staff_permission_required(Perm.MANAGE_SETTINGS)
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "manage/home.html", {"section": "home", "overview": settings_overview()})
