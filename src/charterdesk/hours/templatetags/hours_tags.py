from decimal import Decimal
from typing import Any

from django import template

from charterdesk.core.panels import panel_form
from charterdesk.core.vocabulary import hours_text

from ..forms import TimeEntryForm
from ..selectors import totals_of_entries
from ..services import billable_by_default

register = template.Library()


@register.filter
def hours(value: Decimal | int | None) -> str:
    """Decimal hours as people write them: 16, 2.5, 0.25."""
    if value is None:
        return "0"
    return hours_text(Decimal(value).quantize(Decimal("0.01")))


@register.inclusion_tag("hours/_desk_panel.html", takes_context=True)
def desk_hours(context: dict[str, Any], ticket: Any, panels: Any) -> dict[str, Any]:
    """The time card; `panels`: what the ticket page read (desk.ticket_page.Panels)."""
    user = context.get("user")
    entries = panels.time_entries
    return {
        "ticket": ticket,
        "entries": entries,
        "totals": totals_of_entries(entries),  # all the ticket's, read above
        "bank": panels.bank,
        "form": panel_form(
            context,
            "hours:new",
            TimeEntryForm(initial={"billable": billable_by_default(ticket)}),
        ),
        "user": user,
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def lookup(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key)
