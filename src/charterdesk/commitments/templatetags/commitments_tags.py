from typing import Any

from django import template
from django.utils import timezone

from charterdesk.core.panels import panel_form

from ..forms import CommitmentChangeForm, CommitmentForm
from ..selectors import commitments_of

register = template.Library()


@register.inclusion_tag("commitments/_desk_list.html", takes_context=True)
def desk_commitments(context: dict[str, Any], ticket: Any) -> dict[str, Any]:
    user = context.get("user")
    return {
        "ticket": ticket,
        "commitments": list(commitments_of(ticket)),
        "form": panel_form(
            context,
            "commitments:new",
            CommitmentForm(initial={"owner": getattr(user, "pk", None)}),
        ),
        "change_form": CommitmentChangeForm(auto_id=False),
        "now": timezone.now(),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("commitments/_portal_list.html")
def portal_commitments(ticket: Any) -> dict[str, Any]:
    return {"commitments": list(commitments_of(ticket)), "now": timezone.now()}
