"""The desk's incident pages: list, open, the incident page (qualify, update, resolve,
link tickets), the post-mortem and the review. Views parse, call one service, render."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.models import User
from charterdesk.core.forms import flash_errors
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.selectors import ticket_get_for

from . import page_data, services
from .forms import LinkForm, OpenForm, QualifyForm, ResolveForm, RoleForm, ScopeForm, UpdateForm
from .models import Incident
from .page_data import Act
from .selectors import incident_lock_for, incidents_visible_to


def _locked(user: User, incident_id: int) -> Incident:
    try:
        return incident_lock_for(user, incident_id)
    except Incident.DoesNotExist as exc:
        raise Http404("No such incident.") from exc


@agent_required
def incident_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    show = request.GET.get("show", "open")
    rows = page_data.listed(incidents_visible_to(user), show)
    page = Paginator(rows, 25).get_page(request.GET.get("page"))
    form = OpenForm(request.POST or None)
    context = {"page": page, "show": show, "form": form, "now": timezone.now()}
    return render(request, "incidents/list.html", context)


@agent_required
@require_POST
def incident_new(request: HttpRequest) -> HttpResponse:
    user, form = signed_in_user(request), OpenForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic(durable=True):
                incident = services.incident_open(user, now=timezone.now(), **form.cleaned_data)
            return redirect("incidents:detail", incident_id=incident.pk)
        except ValidationError as exc:
            page_data.add_errors(form, exc)
    page = Paginator(page_data.listed(incidents_visible_to(user), "open"), 25).get_page(1)
    context = {"page": page, "show": "open", "form": form, "now": timezone.now()}
    return render(request, "incidents/list.html", context, status=400)


@agent_required
def incident_detail(request: HttpRequest, incident_id: int) -> HttpResponse:
    user = signed_in_user(request)
    incident = _visible(user, incident_id)
    return render(request, "incidents/detail.html", page_data.detail(user, incident))


def _act(
    request: HttpRequest, incident_id: int, form_class: type[Form], act: Act, done: str
) -> HttpResponse:
    """A form of the incident page: parse, act in a savepoint, or show the page again."""
    user = signed_in_user(request)
    with transaction.atomic(durable=True):
        incident = _locked(user, incident_id)
        form = page_data.bound(form_class, request.POST, incident)
        if form.is_valid():
            try:
                with transaction.atomic():
                    act(incident, user, form)
                flash.success(request, done)
                return redirect("incidents:detail", incident_id=incident_id)
            except ValidationError as exc:
                page_data.add_errors(form, exc)
    context = page_data.detail(user, incident, **{page_data.form_name(form): form})
    return render(request, "incidents/detail.html", context, status=400)


@agent_required
@require_POST
def incident_qualify(request: HttpRequest, incident_id: int) -> HttpResponse:
    return _act(request, incident_id, QualifyForm, page_data.qualify, "Incident qualified.")


@agent_required
@require_POST
def incident_update(request: HttpRequest, incident_id: int) -> HttpResponse:
    return _act(request, incident_id, UpdateForm, page_data.post_update, "Update posted.")


@agent_required
@require_POST
def incident_scope(request: HttpRequest, incident_id: int) -> HttpResponse:
    return _act(request, incident_id, ScopeForm, page_data.scope_add, "Scope widened.")


@agent_required
@require_POST
def incident_role(request: HttpRequest, incident_id: int) -> HttpResponse:
    return _act(request, incident_id, RoleForm, page_data.role_set, "Role handed over.")


@agent_required
@require_POST
def incident_resolve(request: HttpRequest, incident_id: int) -> HttpResponse:
    return _act(request, incident_id, ResolveForm, page_data.resolve, "Incident resolved.")


@agent_required
@require_POST
def ticket_link(request: HttpRequest, incident_id: int) -> HttpResponse:
    user, form = signed_in_user(request), LinkForm(request.POST)
    if not form.is_valid():
        flash_errors(request, "The ticket was not linked.", form)
        return redirect("incidents:detail", incident_id=incident_id)
    try:
        with transaction.atomic(durable=True):
            incident = _locked(user, incident_id)
            ticket = ticket_get_for(user, form.cleaned_data["ticket_id"])
            services.ticket_link(incident, ticket, user, timezone.now(), automatic=False)
        flash.success(request, f"Ticket #{ticket.pk} linked.")
    except Ticket.DoesNotExist:
        flash.error(request, "No such ticket.")
    except ValidationError as exc:
        flash_errors(request, "The ticket was not linked.", None, exc)
    return redirect("incidents:detail", incident_id=incident_id)


@agent_required
@require_POST
def ticket_unlink(request: HttpRequest, incident_id: int, ticket_id: int) -> HttpResponse:
    user = signed_in_user(request)
    try:
        with transaction.atomic(durable=True):
            incident = _locked(user, incident_id)
            ticket = ticket_get_for(user, ticket_id)
            services.ticket_unlink(incident, ticket, user, timezone.now())
        flash.success(request, f"Ticket #{ticket_id} unlinked.")
    except Ticket.DoesNotExist:
        flash.error(request, "No such ticket.")
    return redirect("incidents:detail", incident_id=incident_id)


@agent_required
def postmortem(request: HttpRequest, incident_id: int) -> HttpResponse:
    user = signed_in_user(request)
    if request.method == "POST":
        return _postmortem_post(request, user, incident_id)
    incident = _visible(user, incident_id)
    return render(request, "incidents/postmortem.html", page_data.postmortem(user, incident))


def _postmortem_post(request: HttpRequest, user: User, incident_id: int) -> HttpResponse:
    action = request.POST.get("action", "save")
    with transaction.atomic(durable=True):
        incident = _locked(user, incident_id)
        forms = page_data.postmortem_forms(user, incident, request.POST, action)
        try:
            with transaction.atomic():
                done = page_data.postmortem_act(user, incident, action, forms)
            flash.success(request, done)
            return redirect("incidents:postmortem", incident_id=incident_id)
        except ValidationError as exc:
            page_data.add_errors(forms[action if action in forms else "report"], exc)
    context = page_data.postmortem(user, incident, **forms)
    return render(request, "incidents/postmortem.html", context, status=400)


def _visible(user: User, incident_id: int) -> Incident:
    try:
        return incidents_visible_to(user).get(pk=incident_id)
    except Incident.DoesNotExist as exc:
        raise Http404("No such incident.") from exc
