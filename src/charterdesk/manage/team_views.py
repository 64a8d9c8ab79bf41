"""Teams in the settings area: the list, and a page to create or change one (name, lead,
members, the queues it works, its follow-the-sun hand-over)."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from charterdesk.accounts.access import staff_permission_required
from charterdesk.accounts.roles import Perm
from charterdesk.routing.models import Team
from charterdesk.routing.teams import team_save

from .agent_selectors import teams_listed
from .team_forms import TeamForm

settings_page = staff_permission_required(Perm.MANAGE_SETTINGS)


@settings_page
def team_list(request: HttpRequest) -> HttpResponse:
    return render(request, "manage/teams.html", {"section": "teams", "teams": teams_listed()})


@settings_page
def team_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, Team())


@settings_page
def team_edit(request: HttpRequest, team_id: int) -> HttpResponse:
    return _edit(request, get_object_or_404(Team, pk=team_id))


def _edit(request: HttpRequest, team: Team) -> HttpResponse:
    form = TeamForm(request.POST or None, instance=team)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = team_save(team=form.save(commit=False), queues=form.cleaned_data["queues"])
            form.save_m2m()
        messages.success(request, f"Team “{saved.name}” saved.")
        return redirect("manage:team", team_id=saved.pk)
    return render(request, "manage/team.html", {"section": "teams", "form": form, "team": team})
