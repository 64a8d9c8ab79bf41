from typing import Any

from django import template

from charterdesk.tickets.models import Ticket

register = template.Library()


@register.inclusion_tag("learning/ticket_panel.html", takes_context=True)
def desk_ticket_drafts(context: Any, ticket: Ticket, panels: Any) -> dict[str, Any]:
    """The ticket's drafts waiting or returned, for the agents on its page (read by the
    page: `panels`, desk.ticket_page.Panels)."""
    return {"drafts": panels.drafts, "user": context["user"]}
