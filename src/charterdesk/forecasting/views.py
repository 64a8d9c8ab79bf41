"""The forecast page (/desk/forecast/): the chart, the short-staffed half hours, the
staffing settings per queue and the peak days. Team leads and managers see it; managers
change the settings."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import staff_permission_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.roles import Perm
from charterdesk.core.forms import add_service_errors
from charterdesk.routing.models import Queue

from . import settings_services as settings
from .forms import PeakDayForm, QueueChoice, StaffingForm
from .models import PeakDay
from .page import forecast_page
from .services import staffing_of
from .tasks import forecast_now

planner_required = staff_permission_required(Perm.PLAN_STAFFING)
manager_required = staff_permission_required(Perm.MANAGE_SETTINGS)


@planner_required
def forecast(request: HttpRequest) -> HttpResponse:
    choice = QueueChoice(request.GET)
    picked = choice.cleaned_data if choice.is_valid() else {}
    page = forecast_page(signed_in_user(request), picked.get("queue"), picked.get("week") or 0)
    staffing = staffing_of(page.current.queue) if page.current else None
    return render(
        request,
        "forecasting/forecast.html",
        {
            "page": page,
            "staffing_form": StaffingForm(instance=staffing) if staffing else None,
            "peak_form": PeakDayForm(),
            "weeks": range(4),
        },
    )


@require_POST
@planner_required
def compute(request: HttpRequest) -> HttpResponse:
    transaction.on_commit(forecast_now.enqueue)
    flash.success(request, "The forecast is being computed; reload in a minute.")
    return redirect("forecasting:forecast")


@require_POST
@manager_required
def staffing_save(request: HttpRequest, queue_id: int) -> HttpResponse:
    queue = get_object_or_404(Queue, pk=queue_id)
    form = StaffingForm(request.POST, instance=staffing_of(queue))
    if form.is_valid():
        try:
            with transaction.atomic(durable=True):
                settings.queue_staffing_save(
                    actor=signed_in_user(request), queue=queue, values=form.cleaned_data
                )
            flash.success(request, f"Staffing of {queue} saved; the next forecast uses it.")
            return redirect(f"/desk/forecast/?queue={queue.pk}")
        except ValidationError as exc:
            add_service_errors(form, exc)
    return _with_errors(request, queue.pk, staffing_form=form)


@require_POST
@manager_required
def peak_add(request: HttpRequest) -> HttpResponse:
    form = PeakDayForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        with transaction.atomic(durable=True):
            settings.peak_day_add(actor=signed_in_user(request), **data)
        flash.success(request, f"Peak day {data['day']:%d %b %Y} added.")
        return redirect("forecasting:forecast")
    return _with_errors(request, None, peak_form=form)


@require_POST
@manager_required
def peak_delete(request: HttpRequest, peak_id: int) -> HttpResponse:
    peak = get_object_or_404(PeakDay, pk=peak_id)
    with transaction.atomic(durable=True):
        settings.peak_day_delete(actor=signed_in_user(request), peak=peak)
    flash.success(request, "Peak day removed.")
    return redirect("forecasting:forecast")


def _with_errors(request: HttpRequest, queue_id: int | None, **forms: object) -> HttpResponse:
    page = forecast_page(signed_in_user(request), queue_id, 0)
    staffing = staffing_of(page.current.queue) if page.current else None
    context = {
        "page": page,
        "staffing_form": StaffingForm(instance=staffing) if staffing else None,
        "peak_form": PeakDayForm(),
        "weeks": range(4),
        **forms,
    }
    return render(request, "forecasting/forecast.html", context, status=400)
