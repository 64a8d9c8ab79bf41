from typing import cast

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from charterdesk.accounts.models import User
from charterdesk.core.access import agent_required, contact_required
from charterdesk.core.forms import add_service_errors
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.selectors import ticket_get_for, tickets_visible_to

from . import requests, services
from .forms import AnswerForm, DeEscalateForm, EscalateForm, RequestForm
from .models import EscalationRequest
from .selectors import open_requests, owned_by, request_get_for


def _failed(request: HttpRequest, what: str, form: Form, exc: ValidationError | None) -> None:
    messages = [str(m) for m in exc.messages] if exc is not None else []
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages += [f"{label}: {e}" if label else str(e) for e in errors]
    flash.error(request, f"{what} " + " ".join(messages))


def _locked(user: User, ticket_id: int) -> Ticket:
    ticket = (
        tickets_visible_to(user)
        .select_for_update(of=("self",))
        .select_related("queue__team", "contract__plan", "assignee")
        .filter(pk=ticket_id)
        .first()
    )
    if ticket is None:
        raise Http404("No such ticket.")
    return ticket


@agent_required
@require_POST
def escalate(request: HttpRequest, ticket_id: int) -> HttpResponse:
    form, agent = EscalateForm(request.POST), cast(User, request.user)
    if not form.is_valid():
        _failed(request, "Not escalated.", form, None)
        return redirect("desk:ticket", ticket_id=ticket_id)
    try:
        with transaction.atomic():
            escalation = services.ticket_escalate(
                _locked(agent, ticket_id), agent, **form.cleaned_data
            )
        target = escalation.to_owner if escalation.kind == "hierarchical" else escalation.to_queue
        flash.success(request, f"Escalated to {target}.")
    except ValidationError as exc:
        _failed(request, "Not escalated.", form, exc)
    return redirect("desk:ticket", ticket_id=ticket_id)


@agent_required
@require_POST
def de_escalate(request: HttpRequest, ticket_id: int) -> HttpResponse:
    form, agent = DeEscalateForm(request.POST), cast(User, request.user)
    if not form.is_valid():
        _failed(request, "Not passed down.", form, None)
        return redirect("desk:ticket", ticket_id=ticket_id)
    try:
        with transaction.atomic():
            escalation = services.ticket_de_escalate(
                _locked(agent, ticket_id), agent, **form.cleaned_data
            )
        flash.success(request, f"Passed down to {escalation.to_queue}.")
    except ValidationError as exc:
        _failed(request, "Not passed down.", form, exc)
    return redirect("desk:ticket", ticket_id=ticket_id)


@agent_required
@require_POST
def answer(request: HttpRequest, request_id: int) -> HttpResponse:
    form, agent = AnswerForm(request.POST), cast(User, request.user)
    try:
        asked = request_get_for(agent, request_id)
    except EscalationRequest.DoesNotExist as exc:
        raise Http404("No such escalation request.") from exc
    back = redirect("escalations:requests") if request.POST.get("back") == "list" else None
    if not form.is_valid():
        _failed(request, "Not answered.", form, None)
        return back or redirect("desk:ticket", ticket_id=asked.ticket_id)
    try:
        with transaction.atomic():
            _locked(agent, asked.ticket_id)
            asked = EscalationRequest.objects.select_for_update().get(pk=request_id)
            requests.escalation_request_answer(
                asked,
                agent,
                accept=form.cleaned_data["decision"] == "accept",
                answer=form.cleaned_data["answer"],
            )
        flash.success(request, f"Answered; {asked.requested_by} is told by mail.")
    except ValidationError as exc:
        _failed(request, "Not answered.", form, exc)
    return back or redirect("desk:ticket", ticket_id=asked.ticket_id)


@contact_required
def request_new(request: HttpRequest, ticket_id: int) -> HttpResponse:
    """The customer asks to escalate their request (from the portal ticket page)."""
    user = cast(User, request.user)
    try:
        ticket = ticket_get_for(user, ticket_id)
    except Ticket.DoesNotExist as exc:
        raise Http404("No such request.") from exc
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                requests.escalation_request_create(
                    _locked(user, ticket_id), user, reason=form.cleaned_data["reason"]
                )
            flash.success(request, "We received your escalation request; a manager answers it.")
            return redirect("portal:ticket", ticket_id=ticket_id)
        except (ValidationError, PermissionDenied) as exc:
            add_service_errors(
                form, exc if isinstance(exc, ValidationError) else ValidationError(str(exc))
            )
    return render(request, "escalations/request_new.html", {"ticket": ticket, "form": form})


@agent_required
def request_list(request: HttpRequest) -> HttpResponse:
    """Open escalation requests, oldest first, for the manager to answer; and the open
    tickets escalated to the user."""
    user = cast(User, request.user)
    page = Paginator(open_requests(user), 50).get_page(request.GET.get("page"))
    owned = Paginator(owned_by(user), 50).get_page(request.GET.get("owned"))
    return render(
        request,
        "escalations/requests.html",
        {"page": page, "owned": owned, "answer_form": AnswerForm(auto_id=False)},
    )
