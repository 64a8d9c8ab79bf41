"""The manager's pages: learning paths (create, items, suggestions, enrolment), the
progress matrix, and shadow mode."""

from collections.abc import Callable

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import staff_permission_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.roles import Perm
from charterdesk.core.forms import add_service_errors

from . import paths as services
from .forms import EnrollForm, ItemForm, PathForm, ShadowForm
from .models import LearningPath, PathItem, Shadowing
from .selectors import paths_listed, progress_matrix, suggested_tickets
from .shadow import shadow_end, shadow_start

curator_page = staff_permission_required(Perm.CURATE_LEARNING)
ITEM_ACTIONS = ("up", "down", "remove")


@curator_page
def path_list(request: HttpRequest) -> HttpResponse:
    form = PathForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(durable=True):
                path = services.path_create(
                    actor=signed_in_user(request), data=services.PathInput(**form.cleaned_data)
                )
            return redirect("learning:curate", path_id=path.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "learning/curate_list.html", {"paths": paths_listed(), "form": form})


def _curate_page(request: HttpRequest, path: LearningPath, **forms_: forms.Form) -> HttpResponse:
    context = {
        "path": path,
        "items": path.items.select_related("ticket", "article__latest_version"),
        "item_form": forms_.get("item") or ItemForm(),
        "enroll_form": forms_.get("enroll") or EnrollForm(),
        "suggestions": suggested_tickets(path),
        "learners": path.enrollments.select_related("learner"),
    }
    return render(request, "learning/curate.html", context)


@curator_page
def curate(request: HttpRequest, path_id: int) -> HttpResponse:
    return _curate_page(request, get_object_or_404(LearningPath, pk=path_id))


def _act(
    request: HttpRequest, path: LearningPath, key: str, form: forms.Form, act: Callable[[], object]
) -> HttpResponse:
    if form.is_valid():
        try:
            with transaction.atomic(durable=True):
                act()
            flash.success(request, "Saved.")
            return redirect("learning:curate", path_id=path.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return _curate_page(request, path, **{key: form})


@curator_page
@require_POST
def item_add(request: HttpRequest, path_id: int) -> HttpResponse:
    path, form = get_object_or_404(LearningPath, pk=path_id), ItemForm(request.POST)
    return _act(
        request,
        path,
        "item",
        form,
        lambda: services.item_add(
            actor=signed_in_user(request),
            path=path,
            note=form.cleaned_data["note"],
            ticket=form.cleaned_data.get("ticket"),
            article=form.cleaned_data.get("article"),
        ),
    )


@curator_page
@require_POST
def item_change(request: HttpRequest, item_id: int, action: str) -> HttpResponse:
    if action not in ITEM_ACTIONS:
        raise Http404("No such action.")
    with transaction.atomic(durable=True):
        item = get_object_or_404(PathItem.objects.select_for_update(), pk=item_id)
        actor = signed_in_user(request)
        if action == "remove":
            services.item_remove(actor=actor, item=item)
        else:
            services.item_move(actor=actor, item=item, up=action == "up")
    return redirect("learning:curate", path_id=item.path_id)


@curator_page
@require_POST
def enroll(request: HttpRequest, path_id: int) -> HttpResponse:
    path, form = get_object_or_404(LearningPath, pk=path_id), EnrollForm(request.POST)
    return _act(
        request,
        path,
        "enroll",
        form,
        lambda: services.learner_enroll(
            actor=signed_in_user(request), path=path, learner=form.cleaned_data["learner"]
        ),
    )


@curator_page
def progress(request: HttpRequest, path_id: int) -> HttpResponse:
    path = get_object_or_404(LearningPath, pk=path_id)
    matrix = progress_matrix(path, request.GET.get("page"))
    return render(request, "learning/progress.html", {"path": path, "matrix": matrix})


@curator_page
def shadowing(request: HttpRequest) -> HttpResponse:
    form = ShadowForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(durable=True):
                shadow_start(actor=signed_in_user(request), **form.cleaned_data)
            flash.success(request, "Shadow mode started: the agent's replies are now drafts.")
            return redirect("learning:shadowing")
        except ValidationError as exc:
            add_service_errors(form, exc)
    current = Shadowing.objects.filter(ended_at=None).select_related("learner", "mentor")
    return render(request, "learning/shadowing.html", {"form": form, "current": current})


@curator_page
@require_POST
def shadowing_end(request: HttpRequest, shadowing_id: int) -> HttpResponse:
    with transaction.atomic(durable=True):
        row = get_object_or_404(Shadowing.objects.select_related("learner"), pk=shadowing_id)
        shadow_end(actor=signed_in_user(request), learner=row.learner)
    flash.success(request, f"{row.learner} replies directly again.")
    return redirect("learning:shadowing")
