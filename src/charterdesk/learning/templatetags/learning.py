from typing import Any

from django import template

from charterdesk.tickets.models import Ticket

from ..selectors import drafts_listed

register = template.Library()


@register.inclusion_tag("learning/ticket_panel.html", takes_context=True)
def desk_ticket_drafts(context: Any, ticket: Ticket) -> dict[str, Any]:
    """The ticket's drafts waiting or returned, for the agents on its page."""
    return {"drafts": drafts_listed(ticket), "user": context["user"]}
