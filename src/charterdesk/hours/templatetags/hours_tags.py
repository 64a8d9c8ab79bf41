from decimal import Decimal
from typing import Any

from django import template

from charterdesk.core.panels import panel_form
from charterdesk.core.vocabulary import hours_text

from ..forms import TimeEntryChangeForm, TimeEntryForm
from ..selectors import bank_of, time_entries_of, time_totals_of
from ..services import billable_by_default

register = template.Library()


@register.filter
def hours(value: Decimal | int | None) -> str:
    """Decimal hours as people write them: 16, 2.5, 0.25."""
    if value is None:
        return "0"
    return hours_text(Decimal(value).quantize(Decimal("0.01")))


@register.inclusion_tag("hours/_desk_panel.html", takes_context=True)
def desk_hours(context: dict[str, Any], ticket: Any) -> dict[str, Any]:
    user = context.get("user")
    entries = list(time_entries_of(ticket))
    return {
        "ticket": ticket,
        "entries": entries,
        "totals": time_totals_of(ticket),
        "bank": bank_of(ticket.contract) if ticket.contract_id else None,
        "form": panel_form(
            context,
            "hours:new",
            TimeEntryForm(initial={"billable": billable_by_default(ticket)}),
        ),
        "change_forms": {
            e.pk: TimeEntryChangeForm(
                initial={
                    "minutes": e.minutes,
                    "activity": e.activity,
                    "billable": e.billable,
                    "note": e.note,
                },
                prefix=f"e{e.pk}",
            )
            for e in entries
        },
        "user": user,
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def lookup(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key)
