from typing import Any

from django import template

from charterdesk.core.panels import failed_form

register = template.Library()


@register.inclusion_tag("swarms/_desk_panel.html", takes_context=True)
def desk_swarm(context: dict[str, Any], ticket: Any, panels: Any) -> dict[str, Any]:
    """`panels`: what the ticket page read (desk.ticket_page.Panels)."""
    user = context.get("user")
    collaborators = panels.collaborators
    return {
        "ticket": ticket,
        "user": user,
        "collaborators": collaborators,
        "helps": panels.help_requests,
        "joined": any(c.agent_id == getattr(user, "pk", None) for c in collaborators),
        "is_assignee": ticket.assignee_id == getattr(user, "pk", None),
        "help_form": failed_form(context, "swarms:help"),  # else drawn when opened
        "csrf_token": context.get("csrf_token"),
    }
