from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from charterdesk.accounts.access import staff_permission_required
from charterdesk.accounts.roles import Perm
from charterdesk.core.forms import add_service_errors
from charterdesk.sla.models import Calendar

from .calendar_forms import CalendarForm, TryForm
from .calendar_preview import hours_after, in_calendar_time, next_openings
from .services import calendar_save

settings_page = staff_permission_required(Perm.MANAGE_SETTINGS)


@settings_page
def calendar_list(request: HttpRequest) -> HttpResponse:
    calendars = Calendar.objects.prefetch_related("plans").order_by("name")
    return render(
        request, "manage/calendars.html", {"section": "calendars", "calendars": calendars}
    )


@settings_page
def calendar_new(request: HttpRequest) -> HttpResponse:
    return _edit(request, Calendar(hours={}, holidays=[]))


@settings_page
def calendar_edit(request: HttpRequest, calendar_id: int) -> HttpResponse:
    return _edit(request, get_object_or_404(Calendar, pk=calendar_id))


def _edit(request: HttpRequest, calendar: Calendar) -> HttpResponse:
    form = CalendarForm(request.POST or None, instance=calendar)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                saved = calendar_save(calendar=form.instance, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Calendar “{saved.name}” saved.")
            return redirect("manage:calendar", calendar_id=saved.pk)
    return render(request, "manage/calendar.html", _page(request, form, calendar))


def _page(request: HttpRequest, form: CalendarForm, calendar: Calendar) -> dict[str, object]:
    page: dict[str, object] = {"section": "calendars", "form": form, "calendar": calendar}
    if calendar.pk is None or form.is_bound:
        return page
    trying = TryForm(request.GET if "start" in request.GET else None)
    page |= {"try_form": trying, "openings": next_openings(calendar, timezone.now())}
    if trying.is_valid():
        start, hours = trying.cleaned_data["start"], trying.cleaned_data["hours"]
        page |= {"tried_from": in_calendar_time(calendar, start), "tried_hours": hours}
        page["tried_result"] = hours_after(calendar, start, hours)
    return page
