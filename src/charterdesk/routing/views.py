"""Desk pages of routing: the ordered rules (managers edit them), my availability, and the
agents board."""

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.core.forms import add_service_errors

from . import selectors, services
from .forms import AvailabilityForm, RuleForm
from .models import RoutingRule


def _manager(request: HttpRequest) -> User:
    user = signed_in_user(request)
    if not user.has_perm(Perm.EDIT_ROUTING_RULES):
        raise PermissionDenied("Only support managers edit routing rules.")
    return user


@agent_required
def rule_list(request: HttpRequest) -> HttpResponse:
    rules = list(selectors.rules_for(signed_in_user(request)))
    return render(request, "routing/rules.html", {"rules": rules, "tab": "rules"})


@agent_required
def rule_new(request: HttpRequest) -> HttpResponse:
    return _rule_form(request, RoutingRule())


@agent_required
def rule_edit(request: HttpRequest, rule_id: int) -> HttpResponse:
    try:
        rule = selectors.rule_get_for(signed_in_user(request), rule_id)
    except RoutingRule.DoesNotExist as exc:
        raise Http404("No such rule.") from exc
    return _rule_form(request, rule)


def _rule_form(request: HttpRequest, rule: RoutingRule) -> HttpResponse:
    user = _manager(request)
    initial = RuleForm.initial_of(rule) if rule.pk else None
    form = RuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(durable=True):
                services.routing_rule_save(user, rule, **form.changes())
            flash.success(request, f"Rule “{rule.name}” saved.")
            return redirect("routing:rules")
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "routing/rule_form.html", {"form": form, "rule": rule, "tab": "rules"})


def _locked(user: User, rule_id: int) -> RoutingRule:
    try:
        return selectors.rule_lock_for(user, rule_id)
    except RoutingRule.DoesNotExist as exc:
        raise Http404("No such rule.") from exc


@agent_required
@require_POST
def rule_move(request: HttpRequest, rule_id: int) -> HttpResponse:
    user = _manager(request)
    with transaction.atomic(durable=True):
        rule = _locked(user, rule_id)
        services.routing_rule_move(user, rule, -1 if request.POST.get("to") == "up" else 1)
    return redirect("routing:rules")


@agent_required
@require_POST
def rule_toggle(request: HttpRequest, rule_id: int) -> HttpResponse:
    user = _manager(request)
    with transaction.atomic(durable=True):
        rule = _locked(user, rule_id)
        services.routing_rule_save(user, rule, enabled=not rule.enabled)
    flash.success(request, f"Rule “{rule.name}” {'enabled' if rule.enabled else 'disabled'}.")
    return redirect("routing:rules")


@agent_required
@require_POST
def rule_delete(request: HttpRequest, rule_id: int) -> HttpResponse:
    user = _manager(request)
    with transaction.atomic(durable=True):
        rule = _locked(user, rule_id)
        services.routing_rule_delete(user, rule)
    flash.success(request, f"Rule “{rule.name}” deleted.")
    return redirect("routing:rules")


@agent_required
def availability(request: HttpRequest) -> HttpResponse:
    """Available or away: away agents get no new tickets."""
    user = signed_in_user(request)
    form = AvailabilityForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic(durable=True):
                services.agent_availability_set(user, form.cleaned_data["availability"])
            return redirect("routing:availability")
        flash.error(request, "Choose Available or Away.")
    profile = selectors.profile_of(user)
    row = selectors.agent_row(profile, timezone.now())
    return render(
        request, "routing/availability.html", {"row": row, "profile": profile, "tab": "me"}
    )


@agent_required
def agents(request: HttpRequest) -> HttpResponse:
    """Who is on shift now, available or away, and their load against capacity."""
    rows = selectors.agents_board(signed_in_user(request), timezone.now())
    return render(request, "routing/agents.html", {"rows": rows, "tab": "agents"})
