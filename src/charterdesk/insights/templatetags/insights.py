from typing import Any

from django import template

from charterdesk.core.panels import failed_form, panel_form
from charterdesk.tickets.models import Ticket

from ..forms import RootCauseForm, TicketCategoryForm
from ..ticket_views import CATEGORY_PANEL, CAUSE_PANEL

register = template.Library()


@register.inclusion_tag("insights/_desk_ticket.html", takes_context=True)
def desk_ticket_insights(context: dict[str, Any], ticket: Ticket) -> dict[str, Any]:
    """The category and root cause card of the desk's ticket page. With a category the
    card is collapsed and its forms drawn when opened (desk.ticket_forms), unless one
    failed."""
    card = {"ticket": ticket, "csrf_token": context.get("csrf_token")}
    failed = failed_form(context, CATEGORY_PANEL) or failed_form(context, CAUSE_PANEL)
    if ticket.category_id and failed is None:
        return card
    category = TicketCategoryForm(initial={"category": ticket.category_id})
    cause = RootCauseForm(initial={"root_cause": ticket.root_cause})
    return card | {
        "category_form": panel_form(context, CATEGORY_PANEL, category),
        "cause_form": panel_form(context, CAUSE_PANEL, cause),
    }
