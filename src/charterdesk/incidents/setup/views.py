"""Set-up pages: the overview, services as a tree (add, edit, archive, restore) and
each service's monitors (add, edit). Agents read; managers change (the services check).
Views parse, call one service, render."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user

from ..models import Monitor, Service
from ..monitors import services as monitor_services
from ..services import service_create, setup
from .common import can_manage, run
from .forms import MonitorEditForm, ServiceForm
from .selectors import service_monitors, service_tree


def _service(service_id: int) -> Service:
    found = Service.objects.select_related("parent").filter(pk=service_id).first()
    if found is None:
        raise Http404("No such service.")
    return found


@agent_required
def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "incidents/setup/overview.html", {"tab": "overview"})


@agent_required
def services(request: HttpRequest) -> HttpResponse:
    form = ServiceForm(request.POST or None)
    if request.method == "POST":
        user = signed_in_user(request)
        created = run(form, lambda: service_create(user, **form.cleaned_data))
        if created is not None:
            flash.success(request, f"Service {created.name} added.")
            return redirect("incidents:setup_service", created.pk)
    archived = request.GET.get("archived") == "1"
    context = {"tree": service_tree(archived=archived), "form": form, "archived": archived}
    context |= {"tab": "services", "can_manage": can_manage(request)}
    status = 400 if form.errors else 200
    return render(request, "incidents/setup/services.html", context, status=status)


def _service_page(request: HttpRequest, service: Service, **forms: object) -> HttpResponse:
    context = {"service": service, "monitors": service_monitors(service), "tab": "services"}
    context |= {"can_manage": can_manage(request), "heartbeat_base": _heartbeat_base(request)}
    context |= {"form": ServiceForm(instance=service), "monitor_form": MonitorEditForm()}
    context |= forms
    failed = any(getattr(f, "errors", None) for f in forms.values())
    return render(request, "incidents/setup/service.html", context, status=400 if failed else 200)


def _heartbeat_base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/heartbeat/")


@agent_required
def service_detail(request: HttpRequest, service_id: int) -> HttpResponse:
    service = _service(service_id)
    if request.method != "POST":
        return _service_page(request, service)
    form, user = ServiceForm(request.POST, instance=service), signed_in_user(request)
    if run(form, lambda: setup.service_update(user, service, **form.cleaned_data)):
        flash.success(request, "Service saved.")
        return redirect("incidents:setup_service", service.pk)
    return _service_page(request, _service(service_id), form=form)


@agent_required
@require_POST
def service_archive(request: HttpRequest, service_id: int) -> HttpResponse:
    service, user = _service(service_id), signed_in_user(request)
    try:
        with transaction.atomic():
            if request.POST.get("archive") == "1":
                count = setup.service_archive(user, service, now=timezone.now())
                flash.success(request, f"Archived {count} service{'s' if count != 1 else ''}.")
            else:
                setup.service_restore(user, service)
                flash.success(request, "Service restored.")
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    return redirect("incidents:setup_service", service.pk)


@agent_required
@require_POST
def monitor_add(request: HttpRequest, service_id: int) -> HttpResponse:
    service, user = _service(service_id), signed_in_user(request)
    form = MonitorEditForm(request.POST, instance=Monitor(service=service))
    now = timezone.now()
    added = run(form, lambda: monitor_services.monitor_create(user, now, **_monitor(form, service)))
    if added is None:
        return _service_page(request, service, monitor_form=form)
    flash.success(request, f"Monitor {added.name} added; first check within a minute.")
    return redirect("incidents:setup_service", service.pk)


def _monitor(form: MonitorEditForm, service: Service) -> dict[str, object]:
    return {**form.cleaned_data, "service": service}


@agent_required
def monitor_edit(request: HttpRequest, monitor_id: int) -> HttpResponse:
    monitor = Monitor.objects.select_related("service").filter(pk=monitor_id).first()
    if monitor is None:
        raise Http404("No such monitor.")
    form = MonitorEditForm(request.POST or None, instance=monitor)
    if request.method == "POST":
        user, now = signed_in_user(request), timezone.now()
        if run(
            form, lambda: monitor_services.monitor_update(user, monitor, now, **form.cleaned_data)
        ):
            flash.success(request, "Monitor saved; checked again within a minute.")
            return redirect("incidents:setup_service", monitor.service_id)
    context = {
        "monitor": monitor,
        "form": form,
        "tab": "services",
        "can_manage": can_manage(request),
    }
    context["heartbeat_base"] = _heartbeat_base(request)
    return render(
        request, "incidents/setup/monitor.html", context, status=400 if form.errors else 200
    )
