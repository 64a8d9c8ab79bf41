from typing import Any

from django import template

from charterdesk.core.panels import panel_form
from charterdesk.tickets.models import Ticket

from ..forms import RootCauseForm, TicketCategoryForm
from ..ticket_views import CATEGORY_PANEL, CAUSE_PANEL

register = template.Library()


@register.inclusion_tag("insights/_desk_ticket.html", takes_context=True)
def desk_ticket_insights(context: dict[str, Any], ticket: Ticket) -> dict[str, Any]:
    """The category and root cause card of the desk's ticket page."""
    category = TicketCategoryForm(initial={"category": ticket.category_id})
    cause = RootCauseForm(initial={"root_cause": ticket.root_cause})
    return {
        "ticket": ticket,
        "category_form": panel_form(context, CATEGORY_PANEL, category),
        "cause_form": panel_form(context, CAUSE_PANEL, cause),
        "csrf_token": context.get("csrf_token"),
    }
