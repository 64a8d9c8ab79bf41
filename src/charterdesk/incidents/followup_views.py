"""Desk pages of post-incident follow-through: the review (filtered by service and root
cause) and the follow-up actions across incidents (open ones by owner and due date,
overdue first)."""

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.selectors import active_agents

from .action_selectors import actions_across
from .choices import RootCause
from .models import Service
from .review import average_times, causes_by_service, reviewed_incidents


class ReviewFilter(forms.Form):
    service = forms.ModelChoiceField(
        queryset=Service.objects.order_by("name"), required=False, empty_label="Every service"
    )
    cause = forms.ChoiceField(
        choices=[("", "Every root cause"), *RootCause.choices], required=False, label="Root cause"
    )


class ActionFilter(forms.Form):
    owner = forms.ModelChoiceField(
        queryset=active_agents(), required=False, empty_label="Everybody"
    )
    show = forms.ChoiceField(choices=[("open", "Open"), ("all", "Open and done")], required=False)


@agent_required
def review(request: HttpRequest) -> HttpResponse:
    chosen = ReviewFilter(request.GET or None)
    filters = chosen.cleaned_data if chosen.is_bound and chosen.is_valid() else {}
    service, cause = filters.get("service"), filters.get("cause", "")
    page = Paginator(reviewed_incidents(service, cause), 25).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filter": chosen if chosen.is_bound else ReviewFilter(),
        "query": _query(request),
        "causes": causes_by_service(service, cause),
        "averages": average_times(service, cause),
    }
    return render(request, "incidents/review.html", context)


@agent_required
def actions(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    given = request.GET.copy()
    if given.get("owner") == "me":
        given["owner"] = str(user.pk)
    chosen = ActionFilter(given or None)
    filters = chosen.cleaned_data if chosen.is_bound and chosen.is_valid() else {}
    today = timezone.localdate()
    rows = actions_across(
        user, today, owner=filters.get("owner"), only_open=filters.get("show") != "all"
    )
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filter": chosen if chosen.is_bound else ActionFilter(),
        "query": _query(request),
        "today": today,
    }
    return render(request, "incidents/actions.html", context)


def _query(request: HttpRequest) -> str:
    """The filters of this page, for the pager's links."""
    kept = request.GET.copy()
    kept.pop("page", None)
    return kept.urlencode()
