from typing import Any

from django import template
from django.utils import timezone

from charterdesk.core.panels import failed_form

from ..selectors import commitments_listed

register = template.Library()


@register.inclusion_tag("commitments/_desk_list.html", takes_context=True)
def desk_commitments(context: dict[str, Any], ticket: Any, panels: Any) -> dict[str, Any]:
    """`panels`: what the ticket page read (desk.ticket_page.Panels)."""
    commitments = panels.commitments
    return {
        "ticket": ticket,
        "commitments": commitments,
        "form": failed_form(context, "commitments:new"),  # else drawn when opened
        "now": timezone.now(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("commitments/_portal_list.html")
def portal_commitments(ticket: Any) -> dict[str, Any]:
    return {"commitments": commitments_listed(ticket), "now": timezone.now()}
