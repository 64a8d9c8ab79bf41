"""A published plan's versions in the settings area: a new draft version (a copy of the
terms in effect), its grids, publishing it for a day, discarding it. The services are
plans.versions (the configuration API calls the same)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from charterdesk.core.forms import add_service_errors
from charterdesk.plans.models import Plan, PlanStatus, PlanVersion
from charterdesk.plans.terms import PlanTerms
from charterdesk.plans.versions import (
    plan_version_create,
    plan_version_discard,
    plan_version_publish,
    plan_version_save,
)

from .plan_forms import PublishVersionForm, TermsForm, VersionForm
from .plan_views import read_only, settings_page


def _version(plan_id: int, number: int, lock: bool = False) -> PlanVersion:
    versions = PlanVersion.objects.select_related("plan__calendar")
    if lock:
        versions = versions.select_for_update(of=("self",))
    return get_object_or_404(versions, plan_id=plan_id, number=number)


@settings_page
@require_POST
def plan_version_new(request: HttpRequest, plan_id: int) -> HttpResponse:
    with transaction.atomic():
        plan = get_object_or_404(Plan.objects.select_for_update(), pk=plan_id)
        try:
            version = plan_version_create(plan=plan)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("manage:plan", plan_id=plan_id)
    messages.success(request, f"Version {version.number} drafted from the terms in effect.")
    return redirect("manage:plan_version", plan_id=plan_id, number=version.number)


@settings_page
def plan_version_edit(request: HttpRequest, plan_id: int, number: int) -> HttpResponse:
    version = _version(plan_id, number)
    draft = version.status == PlanStatus.DRAFT
    data = request.POST if request.method == "POST" and draft else None
    current = PlanTerms.from_json(version.plan, version.terms)
    form = VersionForm(data, instance=current.plan)
    terms = TermsForm(data, terms=current)
    if data is not None and form.is_valid() and terms.is_valid():
        try:
            with transaction.atomic():
                edited = PlanTerms(form.save(commit=False), *terms.rows())
                plan_version_save(version=_version(plan_id, number, lock=True), terms=edited)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Version {number} saved.")
            return redirect("manage:plan_version", plan_id=plan_id, number=number)
    if not draft:
        read_only(form, terms)
    return _page(request, version, form, terms, PublishVersionForm())


def _page(
    request: HttpRequest,
    version: PlanVersion,
    form: VersionForm,
    terms: TermsForm,
    publish: PublishVersionForm,
) -> HttpResponse:
    draft = version.status == PlanStatus.DRAFT
    page = {"section": "plans", "plan": version.plan, "version": version, "draft": draft}
    page |= {"form": form, "terms": terms, "publish": publish}
    return render(request, "manage/plan_version.html", page)


@settings_page
@require_POST
def plan_version_publish_view(request: HttpRequest, plan_id: int, number: int) -> HttpResponse:
    publish = PublishVersionForm(request.POST)
    if publish.is_valid():
        try:
            with transaction.atomic():
                version = plan_version_publish(
                    version=_version(plan_id, number, lock=True), **publish.cleaned_data
                )
        except ValidationError as error:
            add_service_errors(publish, error)
        else:
            messages.success(request, _published_words(version))
            return redirect("manage:plan", plan_id=plan_id)
    version = _version(plan_id, number)
    current = PlanTerms.from_json(version.plan, version.terms)
    form, terms = VersionForm(instance=current.plan), TermsForm(terms=current)
    return _page(request, version, form, terms, publish)


def _published_words(version: PlanVersion) -> str:
    if version.applied_at is not None:
        return f"Version {version.number} is in effect from today."
    return f"Version {version.number} takes effect on {version.effective_from:%-d %b %Y}."


@settings_page
@require_POST
def plan_version_discard_view(request: HttpRequest, plan_id: int, number: int) -> HttpResponse:
    with transaction.atomic():
        try:
            plan_version_discard(version=_version(plan_id, number, lock=True))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Draft version {number} discarded.")
    return redirect("manage:plan", plan_id=plan_id)
