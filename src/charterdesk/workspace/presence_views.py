"""The heartbeat of the desk's ticket page: records that the agent is there (and whether
writing) and answers with the collision card: who else is here, who is writing, who
replied since the page was opened."""

from django import forms
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from charterdesk.accounts.access import agent_required
from charterdesk.accounts.auth import signed_in_user
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.selectors import ticket_get_for

from .presence import collision_for, presence_leave, presence_touch


class HeartbeatForm(forms.Form):
    typing = forms.BooleanField(required=False)
    leaving = forms.BooleanField(required=False)
    opened_at = forms.DateTimeField(required=False)


@agent_required
@require_POST
def presence_heartbeat(request: HttpRequest, ticket_id: int) -> HttpResponse:
    agent = signed_in_user(request)
    try:
        ticket = ticket_get_for(agent, ticket_id)
    except Ticket.DoesNotExist:
        raise Http404("No such ticket.") from None
    form = HeartbeatForm(request.POST)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain")
    data, now = form.cleaned_data, timezone.now()
    with transaction.atomic():
        if data["leaving"]:
            presence_leave(ticket=ticket, agent=agent)
            return HttpResponse(status=204)
        presence_touch(ticket=ticket, agent=agent, typing=data["typing"], now=now)
    collision = collision_for(ticket=ticket, agent=agent, opened_at=data["opened_at"], now=now)
    return render(request, "workspace/_collision.html", {"collision": collision, "ticket": ticket})
