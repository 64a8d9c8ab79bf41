"""The account pages: accounts by health (worst first), one account (health and its
reasons, relationship manager, next review, open tasks and runs, contacts, deployments),
and its reviews."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.knowledge.markdown import render as markdown

from . import reviews, selectors
from .forms import AgendaForm, CadenceForm, ReviewHoldForm, ReviewScheduleForm, RunForm
from .health import accounts_by_health, health_of
from .runs import relationship_manager_of
from .view_helpers import show_errors

PAGE_SIZE = 25


@agent_required
def account_list(request: HttpRequest) -> HttpResponse:
    selectors.require_reader(signed_in_user(request))
    rows = accounts_by_health(timezone.now())
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))  # type: ignore[arg-type,var-annotated]
    return render(request, "success/accounts.html", {"page": page})


def _account(request: HttpRequest, organization_id: int, **extra: object) -> HttpResponse:
    user = signed_in_user(request)
    organization = selectors.organization_get_for(user, organization_id)
    now = timezone.now()
    context = {
        "organization": organization,
        "health": health_of(organization, now),
        "manager": relationship_manager_of(organization, now),
        "next_review": selectors.next_review_of(organization),
        "next_review_due": reviews.next_review_due(organization),
        "cadence": reviews.cadence_of(organization),
        "cadence_form": extra.pop("cadence_form", None)
        or CadenceForm(initial={"review_every_months": reviews.cadence_of(organization)}),
        "reviews": selectors.reviews_of(organization)[:10],
        "tasks": selectors.open_tasks_of(organization)[:50],
        "runs": selectors.runs_of(organization)[:20],
        "contacts": selectors.contacts_of(organization)[:100],
        "deployments": selectors.deployments_of(organization)[:100],
        "playbooks": selectors.playbooks_published_for(user),
        "now": now,
        "can_write": selectors.can_write_for(user, organization),
        "review_form": extra.pop("review_form", None) or ReviewScheduleForm(),
        "run_form": RunForm(initial={"organization": organization}),
        **extra,
    }
    return render(request, "success/account.html", context)


@agent_required
def account_detail(request: HttpRequest, organization_id: int) -> HttpResponse:
    return _account(request, organization_id)


@agent_required
@require_POST
def review_new(request: HttpRequest, organization_id: int) -> HttpResponse:
    user = signed_in_user(request)
    organization = selectors.organization_get_for(user, organization_id)
    selectors.require_writer_for(user, organization)
    form = ReviewScheduleForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic(durable=True):
                review = reviews.review_schedule(
                    organization=organization, on=form.cleaned_data["scheduled_for"]
                )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            flash.success(request, "Review scheduled; its agenda is prepared below.")
            return redirect("success:review", review_id=review.pk)
    return _account(request, organization_id, review_form=form)


@agent_required
@require_POST
def account_cadence(request: HttpRequest, organization_id: int) -> HttpResponse:
    user = signed_in_user(request)
    organization = selectors.organization_get_for(user, organization_id)
    selectors.require_writer_for(user, organization)
    form = CadenceForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic(durable=True):
                reviews.cadence_set(
                    organization=organization, months=form.cleaned_data["review_every_months"]
                )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            flash.success(request, "Review cadence saved.")
            return redirect("success:account", organization_id=organization.pk)
    return _account(request, organization_id, cadence_form=form)


def _review_page(request: HttpRequest, review_id: int, **forms: object) -> HttpResponse:
    user = signed_in_user(request)
    review = selectors.review_get_for(user, review_id)
    context = {
        "review": review,
        "agenda_html": markdown(review.agenda),
        "agenda_form": forms.get("agenda_form") or AgendaForm(initial={"agenda": review.agenda}),
        "hold_form": forms.get("hold_form") or ReviewHoldForm(),
        "can_write": selectors.can_write_for(user, review.organization),
    }
    return render(request, "success/review.html", context)


@agent_required
def review_detail(request: HttpRequest, review_id: int) -> HttpResponse:
    return _review_page(request, review_id)


@agent_required
@require_POST
def review_agenda(request: HttpRequest, review_id: int) -> HttpResponse:
    user = signed_in_user(request)
    form = AgendaForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic(durable=True):
                review = selectors.review_lock_for(user, review_id)
                reviews.review_edit_agenda(review=review, agenda=form.cleaned_data["agenda"])
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            flash.success(request, "Agenda saved.")
            return redirect("success:review", review_id=review_id)
    return _review_page(request, review_id, agenda_form=form)


@agent_required
@require_POST
def review_hold(request: HttpRequest, review_id: int) -> HttpResponse:
    user = signed_in_user(request)
    form = ReviewHoldForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic(durable=True):
                review = selectors.review_lock_for(user, review_id)
                following = reviews.review_hold(review=review, actor=user, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            when = f"{following.scheduled_for:%-d %B %Y}" if following else "—"
            flash.success(request, f"Review recorded. The next one is on {when}.")
            return redirect("success:account", organization_id=review.organization_id)
    return _review_page(request, review_id, hold_form=form)
