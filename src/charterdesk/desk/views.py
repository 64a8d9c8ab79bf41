from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from charterdesk.core.access import agent_required
from charterdesk.core.forms import add_service_errors
from charterdesk.tickets import selectors, services
from charterdesk.tickets.models import Ticket

from .forms import AgentReplyForm, PropertiesForm, QueueFilterForm
from .paging import page_after


@agent_required
def queue(request: HttpRequest) -> HttpResponse:
    filters = QueueFilterForm(request.GET or None)
    tickets = selectors.agent_queue(filters.selected())
    rows, next_after = page_after(tickets, request.GET.get("after"))
    params = request.GET.copy()
    params.pop("after", None)
    return render(
        request,
        "desk/queue.html",
        {
            "filters": filters,
            "tickets": rows,
            "next_after": next_after,
            "params": params.urlencode(),
            "now": timezone.now(),
        },
    )


def _ticket(request: HttpRequest, ticket_id: int, *, lock: bool = False) -> Ticket:
    tickets = selectors.tickets_visible_to(request.user)  # type: ignore[arg-type]
    try:
        if lock:
            return tickets.select_for_update().get(pk=ticket_id)
        return selectors.ticket_get_for(request.user, ticket_id)  # type: ignore[arg-type]
    except Ticket.DoesNotExist as exc:
        raise Http404("No such ticket.") from exc


@agent_required
def ticket_detail(
    request: HttpRequest,
    ticket_id: int,
    reply: AgentReplyForm | None = None,
    properties: PropertiesForm | None = None,
) -> HttpResponse:
    ticket = _ticket(request, ticket_id)
    initial = {
        f: getattr(ticket, f) for f in ("request_type", "priority", "status", "queue", "assignee")
    }
    return render(
        request,
        "desk/ticket.html",
        {
            "ticket": ticket,
            "messages_": selectors.messages_visible_to(request.user, ticket),  # type: ignore[arg-type]
            "events": selectors.events_visible_to(request.user, ticket),  # type: ignore[arg-type]
            "reply": reply or AgentReplyForm(),
            "properties": properties or PropertiesForm(initial=initial),
            "now": timezone.now(),
        },
    )


@agent_required
@require_POST
def ticket_reply(request: HttpRequest, ticket_id: int) -> HttpResponse:
    form = AgentReplyForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                ticket = _ticket(request, ticket_id, lock=True)
                data = form.cleaned_data
                services.message_add(ticket, request.user, data["body"], data["visibility"])  # type: ignore[arg-type]
                if data["status"]:
                    services.ticket_update(ticket, request.user, status=data["status"])  # type: ignore[arg-type]
            flash.success(
                request, "Note added." if data["visibility"] == "internal" else "Reply sent."
            )
            return redirect("desk:ticket", ticket_id=ticket_id)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return ticket_detail(request, ticket_id, reply=form)


@agent_required
@require_POST
def ticket_properties(request: HttpRequest, ticket_id: int) -> HttpResponse:
    form = PropertiesForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                ticket = _ticket(request, ticket_id, lock=True)
                changed = services.ticket_update(ticket, request.user, **form.cleaned_data)  # type: ignore[arg-type]
            flash.success(request, f"Saved: {', '.join(changed)}." if changed else "No change.")
            return redirect("desk:ticket", ticket_id=ticket_id)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return ticket_detail(request, ticket_id, properties=form)
