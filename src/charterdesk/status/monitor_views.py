"""The desk's monitors page (list, add, pause, results) and the heartbeat address services
call. Views parse, call one service, render."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.roles import Perm
from charterdesk.incidents.models import Monitor
from charterdesk.incidents.monitors import services

from .forms import MonitorForm


def _monitors_page(request: HttpRequest, form: MonitorForm) -> HttpResponse:
    rows = Monitor.objects.select_related("service", "incident").order_by(
        "service__position", "service__name", "name"
    )
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    can_manage = signed_in_user(request).has_perm(Perm.MANAGE_SERVICES)
    context = {"page": page, "form": form, "can_manage": can_manage}
    return render(request, "status/monitors.html", context)


@agent_required
def monitors(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _monitors_page(request, MonitorForm())
    user, form = signed_in_user(request), MonitorForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                monitor = services.monitor_create(user, timezone.now(), **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            flash.success(request, f"Monitor {monitor.name} added; first check within a minute.")
            return redirect("status:monitor", monitor.pk)
    return _monitors_page(request, form)


@agent_required
def monitor_detail(request: HttpRequest, monitor_id: int) -> HttpResponse:
    monitor = Monitor.objects.select_related("service", "incident").filter(pk=monitor_id).first()
    if monitor is None:
        raise Http404("No such monitor.")
    results = Paginator(monitor.results.all(), 50).get_page(request.GET.get("page"))
    base = request.build_absolute_uri("/heartbeat/")
    can_manage = signed_in_user(request).has_perm(Perm.MANAGE_SERVICES)
    context = {"monitor": monitor, "results": results, "base": base, "can_manage": can_manage}
    return render(request, "status/monitor.html", context)


@agent_required
@require_POST
def monitor_toggle(request: HttpRequest, monitor_id: int) -> HttpResponse:
    monitor = Monitor.objects.filter(pk=monitor_id).first()
    if monitor is None:
        raise Http404("No such monitor.")
    active = request.POST.get("active") == "1"
    services.monitor_toggle(signed_in_user(request), monitor, active=active, now=timezone.now())
    flash.success(request, "Monitor resumed." if active else "Monitor paused.")
    return redirect("status:monitor", monitor.pk)


@csrf_exempt
@require_POST
def heartbeat(request: HttpRequest, secret: str) -> HttpResponse:
    """`POST /heartbeat/{secret}`: the service says it is alive. 204, or 404 for an
    unknown or paused heartbeat."""
    if not services.heartbeat_record(secret, timezone.now()):
        raise Http404("No such heartbeat.")
    return HttpResponse(status=204)
