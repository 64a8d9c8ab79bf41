"""The portal's banner: open incidents that affect the signed-in customer's organization."""

from typing import Any

from django import template

from charterdesk.accounts.models import User

from ..selectors import banner_incidents_for

register = template.Library()


@register.inclusion_tag("incidents/_banner.html", takes_context=True)
def incident_banner(context: dict[str, Any]) -> dict[str, Any]:
    user = getattr(context.get("request"), "user", None)
    if not isinstance(user, User) or not user.is_customer:
        return {"incidents": []}
    return {"incidents": banner_incidents_for(user)}
