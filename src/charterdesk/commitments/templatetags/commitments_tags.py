from typing import Any

from django import template
from django.utils import timezone

from charterdesk.core.panels import failed_form

from ..selectors import commitments_of

register = template.Library()


@register.inclusion_tag("commitments/_desk_list.html", takes_context=True)
def desk_commitments(context: dict[str, Any], ticket: Any) -> dict[str, Any]:
    commitments = list(commitments_of(ticket))
    return {
        "ticket": ticket,
        "commitments": commitments,
        "form": failed_form(context, "commitments:new"),  # else drawn when opened
        "now": timezone.now(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("commitments/_portal_list.html")
def portal_commitments(ticket: Any) -> dict[str, Any]:
    return {"commitments": list(commitments_of(ticket)), "now": timezone.now()}
