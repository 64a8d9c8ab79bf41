"""/manage/categories/: the categories tree for managers (add, rename, move, reorder,
deactivate and reactivate). The rules live in the ticket services."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import staff_permission_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.roles import Perm
from charterdesk.core.forms import add_service_errors
from charterdesk.tickets.category_models import Category
from charterdesk.tickets.services import category_create, category_update

from .forms import CategoryForm

managers = staff_permission_required(Perm.MANAGE_SETTINGS)


@managers
def category_list(request: HttpRequest) -> HttpResponse:
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic(durable=True):
                made = category_create(
                    actor=signed_in_user(request),
                    name=data["name"],
                    parent=data["parent"],
                    position=data["position"] or 0,
                    outside_scope=data["outside_scope"],
                )
            flash.success(request, f"Category “{made.path}” added.")
            return redirect("insights:categories")
        except ValidationError as exc:
            add_service_errors(form, exc)
    tree = (
        Category.objects.select_related("parent")
        .annotate(ticket_count=Count("tickets"))
        .order_by("path")
    )
    context = {"section": "categories", "tree": tree, "form": form}
    return render(request, "insights/manage_categories.html", context)


@managers
def category_edit(request: HttpRequest, category_id: int) -> HttpResponse:
    category = get_object_or_404(Category, pk=category_id)
    initial = {
        "name": category.name,
        "parent": category.parent_id,
        "position": category.position,
        "outside_scope": category.outside_scope,
    }
    form = CategoryForm(request.POST or None, initial=initial, editing=category)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic(durable=True):
                locked = Category.objects.select_for_update().get(pk=category_id)
                saved = category_update(
                    locked,
                    actor=signed_in_user(request),
                    name=data["name"],
                    parent=data["parent"],
                    position=data["position"] or 0,
                    outside_scope=data["outside_scope"],
                )
            flash.success(request, f"Category “{saved.path}” saved.")
            return redirect("insights:categories")
        except ValidationError as exc:
            add_service_errors(form, exc)
    context = {"section": "categories", "form": form, "category": category}
    return render(request, "insights/manage_category.html", context)


@managers
@require_POST
def category_activate(request: HttpRequest, category_id: int) -> HttpResponse:
    active = request.POST.get("active") == "yes"
    with transaction.atomic(durable=True):
        category = get_object_or_404(Category.objects.select_for_update(), pk=category_id)
        category_update(category, actor=signed_in_user(request), active=active)
    word = "reactivated" if active else "deactivated (with the categories under it)"
    flash.success(request, f"Category “{category.path}” {word}.")
    return redirect("insights:categories")
