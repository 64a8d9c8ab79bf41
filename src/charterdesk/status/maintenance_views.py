"""The desk's maintenance pages: plan a window, move it along; edit, reschedule or cancel
it before it completes."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.incidents import maintenance as service
from charterdesk.incidents.models import Maintenance

from .forms import CancelForm, MaintenanceForm


@agent_required
def maintenance_list(request: HttpRequest) -> HttpResponse:
    form = MaintenanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                service.maintenance_create(
                    signed_in_user(request), now=timezone.now(), **form.cleaned_data
                )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            flash.success(request, "Maintenance planned.")
            return redirect("status:maintenance")
    rows = Maintenance.objects.prefetch_related("services").order_by("-starts_at", "-id")
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    context = {"page": page, "form": form, "next": service.NEXT}
    return render(request, "status/maintenance.html", context)


@agent_required
@require_POST
def maintenance_move(request: HttpRequest, maintenance_id: int) -> HttpResponse:
    with transaction.atomic():
        found = Maintenance.objects.select_for_update().filter(pk=maintenance_id).first()
        if found is None:
            raise Http404("No such maintenance.")
        try:
            service.maintenance_move(
                signed_in_user(request), found, request.POST.get("to", ""), timezone.now()
            )
        except ValidationError as exc:
            flash.error(request, " ".join(exc.messages))
        else:
            flash.success(request, f"{found.title}: {found.get_status_display()}.")
    return redirect("status:maintenance")


def _locked(maintenance_id: int) -> Maintenance:
    found = Maintenance.objects.select_for_update().filter(pk=maintenance_id).first()
    if found is None:
        raise Http404("No such maintenance.")
    return found


@agent_required
def maintenance_edit(request: HttpRequest, maintenance_id: int) -> HttpResponse:
    maintenance = get_object_or_404(Maintenance, pk=maintenance_id)
    form = MaintenanceForm.of(maintenance, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                service.maintenance_edit(
                    signed_in_user(request),
                    _locked(maintenance_id),
                    now=timezone.now(),
                    **form.cleaned_data,
                )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            flash.success(request, "Maintenance saved.")
            return redirect("status:maintenance")
    context = {
        "maintenance": maintenance,
        "form": form,
        "cancel": CancelForm(),
        "over": service.OVER,
    }
    return render(request, "status/maintenance_edit.html", context)


@agent_required
@require_POST
def maintenance_cancel(request: HttpRequest, maintenance_id: int) -> HttpResponse:
    form = CancelForm(request.POST)
    if not form.is_valid():
        flash.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("status:maintenance_edit", maintenance_id)
    with transaction.atomic():
        found = _locked(maintenance_id)
        try:
            service.maintenance_cancel(
                signed_in_user(request), found, timezone.now(), form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            flash.error(request, " ".join(exc.messages))
        else:
            flash.success(request, f"{found.title}: cancelled.")
    return redirect("status:maintenance")
