from decimal import Decimal
from typing import Any

from django import template

from charterdesk.core.panels import panel_form
from charterdesk.hours.selectors import hours_of

from ..forms import DecisionForm, EstimateForm
from ..models import EstimateState
from ..selectors import estimates_listed
from ..services import alternatives, quotable

register = template.Library()


def _rows(rows: list[Any]) -> list[Any]:
    for e in rows:  # annotated by estimates_of
        tracked = hours_of(getattr(e, "tracked_minutes", 0))
        setattr(e, "tracked_hours", tracked)  # noqa: B010 - an attribute for the template
        setattr(e, "tracked_percent", int(100 * tracked / e.hours) if e.hours else 0)  # noqa: B010
    return rows


@register.inclusion_tag("estimates/_desk_panel.html", takes_context=True)
def desk_estimates(context: dict[str, Any], ticket: Any, panels: Any) -> dict[str, Any]:
    """`panels`: what the ticket page read (desk.ticket_page.Panels)."""
    plan = ticket.contract.plan if ticket.contract_id else None
    form = panel_form(
        context,
        "estimates:new",
        EstimateForm(initial={"rate": plan.consulting_rate if plan else Decimal(0)}),
    )
    if plan is not None:  # the rate is in the plan's money
        form.fields["rate"].label = f"Rate per hour ({plan.currency})"
    return {
        "ticket": ticket,
        "estimates": _rows(panels.estimates),
        "quotable": ticket.is_open and quotable(ticket),
        "form": form,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("estimates/_portal_panel.html", takes_context=True)
def portal_estimates(context: dict[str, Any], ticket: Any) -> dict[str, Any]:
    rows = _rows(estimates_listed(ticket))
    declined = any(e.state == EstimateState.DECLINED for e in rows)
    return {
        "ticket": ticket,
        "estimates": rows,
        "needs_approval": ticket.is_open
        and quotable(ticket)
        and not any(e.state in (EstimateState.SENT, EstimateState.APPROVED) for e in rows),
        "alternatives": alternatives(ticket) if declined else [],
        "form": DecisionForm(),
        "csrf_token": context.get("csrf_token"),
    }
