"""Agents in the settings area: the list, inviting one by mail, their page (role, tier,
teams, skills, languages, working schedule, capacity), deactivating and reactivating."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import staff_permission_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.core.forms import add_service_errors
from charterdesk.routing.agents import (
    agent_deactivate,
    agent_invite,
    agent_reactivate,
    agent_update,
    may_change,
)
from charterdesk.routing.models import Team

from .agent_forms import AgentForm, InviteForm
from .agent_selectors import STATES, agent_get, agents_listed, is_invited, page_of

settings_page = staff_permission_required(Perm.MANAGE_SETTINGS)


@settings_page
def agent_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "active")
    team = request.GET.get("team", "")
    rows = agents_listed(state, int(team) if team.isdigit() else None)
    page = {
        "section": "agents",
        "page": page_of(rows, request.GET.get("page")),
        "states": STATES,
        "state": state,
        "teams": Team.objects.order_by("name"),
        "team": team,
    }
    return render(request, "manage/agents.html", page)


@settings_page
def agent_new(request: HttpRequest) -> HttpResponse:
    actor = signed_in_user(request)
    if not actor.has_perm(Perm.INVITE_STAFF):
        raise PermissionDenied("Your role cannot invite agents.")
    form = InviteForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                agent = agent_invite(
                    actor=actor, email=form.cleaned_data["email"], data=form.agent_data()
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{agent.email} is invited: the link is on its way.")
            return redirect("manage:agent", agent_id=agent.pk)
    return render(request, "manage/agent.html", {"section": "agents", "form": form})


@settings_page
def agent_edit(request: HttpRequest, agent_id: int) -> HttpResponse:
    actor, agent = signed_in_user(request), _agent(agent_id)
    form = AgentForm(request.POST or None, actor=actor, agent=agent)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                agent_update(actor=actor, agent=agent, data=form.agent_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{agent} saved.")
            return redirect("manage:agent", agent_id=agent.pk)
    page = {"section": "agents", "form": form, "agent": agent, "invited": is_invited(agent)}
    return render(request, "manage/agent.html", page | {"may_change": may_change(actor, agent)})


@settings_page
@require_POST
def agent_deactivate_view(request: HttpRequest, agent_id: int) -> HttpResponse:
    agent = _agent(agent_id)
    with transaction.atomic():
        count = agent_deactivate(actor=signed_in_user(request), agent=agent)
    back = (
        f" {count} open ticket{'s' if count != 1 else ''} went back to the queue." if count else ""
    )
    messages.success(request, f"{agent} is deactivated: no sign-in, no new tickets.{back}")
    return redirect("manage:agent", agent_id=agent.pk)


@settings_page
@require_POST
def agent_reactivate_view(request: HttpRequest, agent_id: int) -> HttpResponse:
    agent = _agent(agent_id)
    with transaction.atomic():
        opened = agent_reactivate(actor=signed_in_user(request), agent=agent)
    said = "can sign in again" if opened else "is invited again: the link is on its way"
    messages.success(request, f"{agent} {said}.")
    return redirect("manage:agent", agent_id=agent.pk)


def _agent(agent_id: int) -> User:
    try:
        return agent_get(agent_id)
    except User.DoesNotExist as exc:
        raise Http404("No such agent.") from exc
