from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.accounts.selectors import user_by_id
from charterdesk.core.forms import flash_errors
from charterdesk.core.panels import show_again
from charterdesk.tickets.selectors import ticket_locked_or_404

from . import services
from .forms import CollaboratorForm, HelpRequestForm


@agent_required
@require_POST
def help_request(request: HttpRequest, ticket_id: int) -> HttpResponse:
    form, agent = HelpRequestForm(request.POST), signed_in_user(request)
    if not form.is_valid():
        return show_again(request, "ticket", ticket_id, "swarms:help", form)
    try:
        with transaction.atomic(durable=True):
            asked = services.help_request_create(
                ticket_locked_or_404(agent, ticket_id), agent, **form.cleaned_data
            )
    except ValidationError as exc:
        return show_again(request, "ticket", ticket_id, "swarms:help", form, exc)
    told = ", ".join(asked.notified) or "nobody: no available agent has these skills"
    flash.success(request, f"Help asked; told {told}.")
    return redirect("desk:ticket", ticket_id=ticket_id)


@agent_required
@require_POST
def collaborator_add(request: HttpRequest, ticket_id: int) -> HttpResponse:
    form, agent = CollaboratorForm(request.POST), signed_in_user(request)
    if not form.is_valid():
        flash_errors(request, "Not added.", form, None)
        return redirect("desk:ticket", ticket_id=ticket_id)
    who = form.cleaned_data["agent"] or agent
    try:
        with transaction.atomic(durable=True):
            services.collaborator_add(ticket_locked_or_404(agent, ticket_id), agent, who)
        flash.success(request, f"{who} collaborates on this ticket.")
    except ValidationError as exc:
        flash_errors(request, "Not added.", form, exc)
    return redirect("desk:ticket", ticket_id=ticket_id)


@agent_required
@require_POST
def collaborator_remove(request: HttpRequest, ticket_id: int, agent_id: int) -> HttpResponse:
    agent = signed_in_user(request)
    who = user_by_id(agent_id)
    if who is None:
        raise Http404("No such agent.")
    try:
        with transaction.atomic(durable=True):
            services.collaborator_remove(ticket_locked_or_404(agent, ticket_id), agent, who)
        flash.success(request, f"{who} left the swarm.")
    except ValidationError as exc:
        flash.error(request, " ".join(exc.messages))
    return redirect("desk:ticket", ticket_id=ticket_id)
