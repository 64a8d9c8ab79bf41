from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import messages as flash
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm
from charterdesk.core.choices import choice_lists_shared
from charterdesk.core.forms import add_service_errors
from charterdesk.customers.selectors import contacts_matching, organizations_matching
from charterdesk.escalations.selectors import asked_to_escalate
from charterdesk.learning.selectors import shadowing_of
from charterdesk.learning.shadow import draft_submit
from charterdesk.sla import services as services_sla
from charterdesk.sla.models import SlaClock
from charterdesk.sla.selectors import clock_lock_of, clock_views, nearest, running_clocks_of
from charterdesk.tickets import selectors, services
from charterdesk.tickets.models import Ticket, Visibility
from charterdesk.tickets.wording import changed_fields_text

from .forms import AgentReplyForm, AnonymizeForm, OverrideForm, PropertiesForm, QueueFilterForm
from .paging import page_after
from .product_views import TicketProductForm
from .queue_rows import ROW_FIELDS, queue_rows
from .ticket_page import ticket_page_of
from .ticket_rows import history_items, message_articles


@agent_required
def queue(request: HttpRequest) -> HttpResponse:
    filters = QueueFilterForm(request.GET or None, user=signed_in_user(request))
    tickets = selectors.agent_queue(filters.selected()).only(*ROW_FIELDS)
    if filters.is_bound and not filters.is_valid():
        tickets = tickets.none()  # the errors show above an empty list
    rows, next_after = page_after(tickets, request.GET.get("after"))
    params = request.GET.copy()
    params.pop("after", None)
    now = timezone.now()
    views = clock_views(rows, now)
    asked = asked_to_escalate([t.pk for t in rows])
    return render(
        request,
        "desk/queue.html",
        {
            "filters": filters,
            "rows": rows,
            "table_rows": queue_rows([(t, nearest(views[t.pk]), t.pk in asked) for t in rows], now),
            "next_after": next_after,
            "params": params.urlencode(),
            "now": now,
        },
    )


@agent_required
def suggestions(request: HttpRequest, kind: str) -> JsonResponse:
    """What to suggest while an agent types an organization's name or a requester."""
    text = request.GET.get("q", "")[:100]
    if kind == "organizations":
        found = [{"value": o.name, "label": o.name} for o in organizations_matching(text)]
    else:
        found = [
            {
                "value": c.email,
                "label": f"{c.name or c.email} · {c.organization or 'no organization'}",
            }
            for c in contacts_matching(text)
        ]
    return JsonResponse({"suggestions": found})


def _ticket(request: HttpRequest, ticket_id: int) -> Ticket:
    try:
        return selectors.ticket_get_for(signed_in_user(request), ticket_id)
    except Ticket.DoesNotExist as exc:
        raise Http404("No such ticket.") from exc


def ticket_page(
    request: HttpRequest, ticket_id: int, failed: Mapping[str, forms.Form]
) -> HttpResponse:
    """The ticket page; `failed`: forms posted from it that show again with their errors,
    by panel key (`desk:reply`, `hours:new`, …; see core.panels)."""
    ticket, user = _ticket(request, ticket_id), signed_in_user(request)
    now = timezone.now()
    page = ticket_page_of(user, ticket, now)
    initial = {f: getattr(ticket, f) for f in PropertiesForm.base_fields}
    # The panels' forms offer the same queues and agents: one read of each for the page.
    # Collapsed forms (deadline, anonymize, …) are drawn when opened unless they failed.
    with choice_lists_shared():
        return render(
            request,
            "desk/ticket.html",
            {
                "ticket": ticket,
                "page": page,
                "messages_": page.messages,
                "messages_html": message_articles(page.messages),
                "history_html": history_items(page.events),
                "recent": page.recent,
                "clocks": page.clocks,
                "sla_events": page.sla_events,
                "overridable": page.overridable,
                "reply": failed.get("desk:reply") or AgentReplyForm(),
                "properties": failed.get("desk:properties") or PropertiesForm(initial=initial),
                "override": failed.get("desk:sla_override"),
                "anonymize": failed.get("desk:anonymize"),
                "product_form": failed.get("desk:product") or TicketProductForm(ticket=ticket),
                "panel_forms": failed,
                "now": now,
            },
        )


@agent_required
def ticket_detail(request: HttpRequest, ticket_id: int) -> HttpResponse:
    return ticket_page(request, ticket_id, {})


@agent_required
@require_POST
def ticket_reply(request: HttpRequest, ticket_id: int) -> HttpResponse:
    form, agent = AgentReplyForm(request.POST), signed_in_user(request)
    if form.is_valid():
        try:
            with transaction.atomic(durable=True):
                ticket = selectors.ticket_locked_or_404(agent, ticket_id)
                data = form.cleaned_data
                done = _post_reply(ticket, agent, data)
            flash.success(request, done)
            return redirect("desk:ticket", ticket_id=ticket_id)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return ticket_page(request, ticket_id, {"desk:reply": form})


def _post_reply(ticket: Ticket, agent: User, data: dict[str, Any]) -> str:
    """Send the reply or add the note; in shadow mode a public reply (with the status
    to set) becomes a draft for the mentor (learning.shadow). Returns what happened."""
    if data["visibility"] == Visibility.PUBLIC and shadowing_of(agent) is not None:
        draft_submit(ticket=ticket, learner=agent, body=data["body"], status_after=data["status"])
        return "Draft saved: your mentor reviews it before it is sent."
    services.message_add(ticket, agent, data["body"], data["visibility"])
    if data["status"]:
        services.ticket_update(ticket, agent, status=data["status"])
    return "Note added." if data["visibility"] == Visibility.INTERNAL else "Reply sent."


@agent_required
@require_POST
def ticket_properties(request: HttpRequest, ticket_id: int) -> HttpResponse:
    form, agent = PropertiesForm(request.POST), signed_in_user(request)
    if form.is_valid():
        try:
            with transaction.atomic(durable=True):
                ticket = selectors.ticket_locked_or_404(agent, ticket_id)
                changed = services.ticket_update(ticket, agent, **form.cleaned_data)
            flash.success(
                request, f"Saved: {changed_fields_text(changed)}." if changed else "No change."
            )
            return redirect("desk:ticket", ticket_id=ticket_id)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return ticket_page(request, ticket_id, {"desk:properties": form})


@agent_required
@require_POST
def sla_override(request: HttpRequest, ticket_id: int) -> HttpResponse:
    ticket = _ticket(request, ticket_id)
    form = OverrideForm(request.POST, clocks=list(running_clocks_of(ticket)))
    if form.is_valid():
        try:
            with transaction.atomic(durable=True):
                clock = _clock_locked_or_404(ticket, form.cleaned_data["clock"])
                data = form.cleaned_data
                agent = signed_in_user(request)
                services_sla.sla_override(clock, data["due_at"], data["reason"], agent)
            flash.success(request, "Deadline changed.")
            return redirect("desk:ticket", ticket_id=ticket_id)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return ticket_page(request, ticket_id, {"desk:sla_override": form})


@agent_required
@require_POST
def ticket_anonymize(request: HttpRequest, ticket_id: int) -> HttpResponse:
    form, user = AnonymizeForm(request.POST), signed_in_user(request)
    if not user.has_perm(Perm.ANONYMIZE_TICKETS):
        raise PermissionDenied("Only administrators and operators anonymize tickets.")
    if form.is_valid():
        try:
            with transaction.atomic(durable=True):
                ticket = selectors.ticket_locked_or_404(user, ticket_id)
                services.ticket_anonymize(ticket, user, reason=form.cleaned_data["reason"])
            flash.success(request, "Anonymized: its texts, files and addresses are removed.")
            return redirect("desk:ticket", ticket_id=ticket_id)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return ticket_page(request, ticket_id, {"desk:anonymize": form})


def _clock_locked_or_404(ticket: Ticket, clock_id: int) -> SlaClock:
    try:
        return clock_lock_of(ticket, clock_id)
    except SlaClock.DoesNotExist as exc:
        raise Http404("No such deadline.") from exc
