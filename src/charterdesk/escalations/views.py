from datetime import datetime, time, timedelta

from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required, contact_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.core.forms import add_service_errors, flash_errors
from charterdesk.core.panels import show_again
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.selectors import ticket_get_for, ticket_locked_or_404

from . import requests, services
from .forms import AnswerForm, DeEscalateForm, EscalateForm, RequestForm, SwarmReportForm
from .models import EscalationRequest
from .selectors import open_requests, owned_by, request_get_for, request_lock_for
from .swarm_report import swarming_report

RELATED = ("queue__team", "contract__plan", "assignee")


@agent_required
@require_POST
def escalate(request: HttpRequest, ticket_id: int) -> HttpResponse:
    form, agent = EscalateForm(request.POST), signed_in_user(request)
    if not form.is_valid():
        return show_again(request, "ticket", ticket_id, "escalations:escalate", form)
    try:
        with transaction.atomic(durable=True):
            escalation = services.ticket_escalate(
                ticket_locked_or_404(agent, ticket_id, *RELATED), agent, **form.cleaned_data
            )
    except ValidationError as exc:
        return show_again(request, "ticket", ticket_id, "escalations:escalate", form, exc)
    target = escalation.to_owner if escalation.kind == "hierarchical" else escalation.to_queue
    flash.success(request, f"Escalated to {target}.")
    return redirect("desk:ticket", ticket_id=ticket_id)


@agent_required
@require_POST
def de_escalate(request: HttpRequest, ticket_id: int) -> HttpResponse:
    form, agent = DeEscalateForm(request.POST), signed_in_user(request)
    if not form.is_valid():
        flash_errors(request, "Not passed down.", form, None)
        return redirect("desk:ticket", ticket_id=ticket_id)
    try:
        with transaction.atomic(durable=True):
            escalation = services.ticket_de_escalate(
                ticket_locked_or_404(agent, ticket_id, *RELATED), agent, **form.cleaned_data
            )
        flash.success(request, f"Passed down to {escalation.to_queue}.")
    except ValidationError as exc:
        flash_errors(request, "Not passed down.", form, exc)
    return redirect("desk:ticket", ticket_id=ticket_id)


@agent_required
@require_POST
def answer(request: HttpRequest, request_id: int) -> HttpResponse:
    form, agent = AnswerForm(request.POST), signed_in_user(request)
    try:
        asked = request_get_for(agent, request_id)
    except EscalationRequest.DoesNotExist as exc:
        raise Http404("No such escalation request.") from exc
    back = redirect("escalations:requests") if request.POST.get("back") == "list" else None
    if not form.is_valid():
        flash_errors(request, "Not answered.", form, None)
        return back or redirect("desk:ticket", ticket_id=asked.ticket_id)
    try:
        with transaction.atomic(durable=True):
            ticket_locked_or_404(agent, asked.ticket_id, *RELATED)
            asked = request_lock_for(agent, request_id)
            requests.escalation_request_answer(
                asked,
                agent,
                accept=form.cleaned_data["decision"] == "accept",
                answer=form.cleaned_data["answer"],
            )
        flash.success(request, f"Answered; {asked.requested_by} is told by mail.")
    except ValidationError as exc:
        flash_errors(request, "Not answered.", form, exc)
    return back or redirect("desk:ticket", ticket_id=asked.ticket_id)


@contact_required
def request_new(request: HttpRequest, ticket_id: int) -> HttpResponse:
    """The customer asks to escalate their request (from the portal ticket page)."""
    user = signed_in_user(request)
    try:
        ticket = ticket_get_for(user, ticket_id)
    except Ticket.DoesNotExist as exc:
        raise Http404("No such request.") from exc
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic(durable=True):
                requests.escalation_request_create(
                    ticket_locked_or_404(user, ticket_id, *RELATED),
                    user,
                    reason=form.cleaned_data["reason"],
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
    user = signed_in_user(request)
    page = Paginator(open_requests(user), 50).get_page(request.GET.get("page"))
    owned = Paginator(owned_by(user), 50).get_page(request.GET.get("owned"))
    return render(
        request,
        "escalations/requests.html",
        {"page": page, "owned": owned, "answer_form": AnswerForm(auto_id=False)},
    )


def _bounds(form: SwarmReportForm) -> tuple[datetime, datetime]:
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    else:
        end = timezone.localdate() + timedelta(days=1)
        start = end - timedelta(days=30)
    return (
        timezone.make_aware(datetime.combine(start, time.min)),
        timezone.make_aware(datetime.combine(end, time.min)),
    )


@agent_required
def swarm_report(request: HttpRequest) -> HttpResponse:
    """Swarm and tiered queues compared over the tickets resolved in a period."""
    form = SwarmReportForm(request.GET or None)
    start, end = _bounds(form)
    if not form.is_bound:
        form = SwarmReportForm(initial={"start": start.date(), "end": end.date()})
    return render(
        request,
        "escalations/swarm_report.html",
        {"form": form, "start": start, "end": end, "modes": swarming_report(start, end)},
    )
