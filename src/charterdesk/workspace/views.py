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
from charterdesk.tickets.selectors import ticket_locked_or_404
from charterdesk.tickets.services.fields import active_fields

from .forms import TicketFieldsForm


@agent_required
@require_POST
def ticket_fields(request: HttpRequest, ticket_id: int) -> HttpResponse:
    """Save the ticket's tags and custom fields from its page."""
    fields = active_fields()
    form = TicketFieldsForm(request.POST, custom_fields=fields.values())
    if not form.is_valid():
        return show_again(request, "ticket", ticket_id, "workspace:fields", form)
    agent = signed_in_user(request)
    try:
        with transaction.atomic(durable=True):
            ticket = ticket_locked_or_404(agent, ticket_id)
            tagged = services.ticket_set_tags(ticket, agent, form.cleaned_data["tags"])
            changed = services.ticket_set_fields(ticket, agent, form.values(), fields=fields)
    except ValidationError as exc:
        return show_again(request, "ticket", ticket_id, "workspace:fields", form, exc)
    flash.success(request, "Tags and fields saved." if tagged or changed else "No change.")
    return redirect("desk:ticket", ticket_id=ticket_id)
