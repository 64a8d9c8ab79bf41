from typing import Any

from django import template
from django.utils import timezone

from charterdesk.core.panels import failed_form
from charterdesk.routing.models import WorkMode

from ..forms import AnswerForm, RequestForm
from ..lines import owner_among
from ..requests import requests_left
from ..selectors import requests_of

register = template.Library()


@register.inclusion_tag("escalations/_desk_panel.html", takes_context=True)
def desk_escalations(context: dict[str, Any], ticket: Any, panels: Any) -> dict[str, Any]:
    """`panels`: what the ticket page read (desk.ticket_page.Panels)."""
    asked = panels.escalation_requests
    escalations = panels.escalations  # oldest first, owners read with them
    return {
        "ticket": ticket,
        "owner": owner_among(escalations),
        "escalations": escalations,
        "open_requests": [r for r in asked if r.is_open],
        "answered": [r for r in asked if not r.is_open],
        "swarm": ticket.queue.work_mode == WorkMode.SWARM,
        "form": failed_form(context, "escalations:escalate"),  # else drawn when opened
        "answer_form": AnswerForm() if any(r.is_open for r in asked) else None,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("escalations/_portal_panel.html", takes_context=True)
def portal_escalations(context: dict[str, Any], ticket: Any) -> dict[str, Any]:
    asked = list(requests_of(ticket))
    waiting = any(r.is_open for r in asked)
    return {
        "ticket": ticket,
        "requests": asked,
        "waiting": waiting,
        "left": requests_left(ticket, timezone.now()) if not waiting else None,
        "form": RequestForm(),
        "csrf_token": context.get("csrf_token"),
    }
