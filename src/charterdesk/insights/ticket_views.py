"""The category and root cause card of the desk's ticket page."""

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.core.panels import show_again
from charterdesk.tickets import services
from charterdesk.tickets.category_models import CategorySource
from charterdesk.tickets.models import Status
from charterdesk.tickets.selectors import ticket_locked_or_404

from .forms import RootCauseForm, TicketCategoryForm

CATEGORY_PANEL, CAUSE_PANEL = "insights:category", "insights:cause"


@agent_required
@require_POST
def ticket_category(request: HttpRequest, ticket_id: int) -> HttpResponse:
    form = TicketCategoryForm(request.POST)
    if not form.is_valid():
        return show_again(request, "ticket", ticket_id, CATEGORY_PANEL, form)
    agent = signed_in_user(request)
    try:
        with transaction.atomic(durable=True):
            ticket = ticket_locked_or_404(agent, ticket_id)
            changed = services.ticket_categorize(
                ticket, form.cleaned_data["category"], by=agent, source=CategorySource.PERSON
            )
    except ValidationError as exc:
        return show_again(request, "ticket", ticket_id, CATEGORY_PANEL, form, exc)
    flash.success(request, "Category saved." if changed else "No change.")
    return redirect("desk:ticket", ticket_id=ticket_id)


@agent_required
@require_POST
def ticket_cause(request: HttpRequest, ticket_id: int) -> HttpResponse:
    form = RootCauseForm(request.POST)
    if not form.is_valid():
        return show_again(request, "ticket", ticket_id, CAUSE_PANEL, form)
    agent, data = signed_in_user(request), form.cleaned_data
    try:
        with transaction.atomic(durable=True):
            ticket = ticket_locked_or_404(agent, ticket_id)
            changed = services.ticket_record_cause(
                ticket,
                by=agent,
                cause=data["root_cause"],
            )
            if data["solve"]:
                changed += services.ticket_update(ticket, agent, status=Status.SOLVED)
    except ValidationError as exc:
        return show_again(request, "ticket", ticket_id, CAUSE_PANEL, form, exc)
    flash.success(request, "Root cause saved." if changed else "No change.")
    return redirect("desk:ticket", ticket_id=ticket_id)
