from typing import Any

from django import template

from charterdesk.core.panels import failed_form, panel_form
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.selectors import field_values_of

from ..bulk import last_bulk_of
from ..bulk_forms import BulkForm
from ..filters import KEYS
from ..forms import fields_form_context
from ..saved_views import SaveViewForm
from ..selectors import view_counts, views_visible_to
from ..ticket_forms import SolveProblemForm

register = template.Library()
VIEW_COUNT_CAP = 1000  # beside the queue a view shows "1,000+" past this, read no further


@register.inclusion_tag("workspace/_desk_fields.html", takes_context=True)
def desk_ticket_fields(context: dict[str, Any], ticket: Ticket, panels: Any) -> dict[str, Any]:
    """The tags and custom fields card of the desk's ticket page (`panels`: what the page
    read, desk.ticket_page.Panels). With tags the card is collapsed and its form drawn
    when opened (desk.ticket_forms), unless it failed."""
    tags = panels.tags
    failed = failed_form(context, "workspace:fields")
    card = {"ticket": ticket, "tags": tags, "csrf_token": context.get("csrf_token")}
    if tags and failed is None:
        return card
    return card | fields_form_context(context["user"], ticket, tags, failed)


@register.inclusion_tag("workspace/_desk_links.html", takes_context=True)
def desk_ticket_links(context: dict[str, Any], ticket: Ticket, panels: Any) -> dict[str, Any]:
    """Linked tickets (each with the other ticket and how it is linked), merge, the problem
    and its incidents, and the followers, as the page read them (`panels`)."""
    user = context["user"]
    links: list[dict[str, Any]] = []
    for link in panels.links:
        outgoing = link.source_id == ticket.pk
        other = link.target if outgoing else link.source
        links.append({"link": link, "other": other, "outgoing": outgoing})
    followers = panels.followers
    incidents = [x for x in links if not x["outgoing"] and x["link"].kind == "incident_of"]
    return {
        "ticket": ticket,
        "links": links,
        "incidents": incidents,
        "followers": followers,
        "following": any(f.user_id == user.pk for f in followers),
        # the collapsed forms are drawn when opened (desk.ticket_forms), unless they failed
        "link_form": failed_form(context, "workspace:link"),
        "merge_form": failed_form(context, "workspace:merge"),
        "solve_form": panel_form(context, "workspace:solve", SolveProblemForm()),
        "follower_form": failed_form(context, "workspace:follower"),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("workspace/_desk_macros.html", takes_context=True)
def desk_ticket_macros(context: dict[str, Any], ticket: Ticket, panels: Any) -> dict[str, Any]:
    """The macros the agent may apply, most used first (read by the page: `panels`)."""
    return {"ticket": ticket, "macros": panels.macros, "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("workspace/_portal_fields.html", takes_context=True)
def portal_ticket_fields(context: dict[str, Any], ticket: Ticket) -> dict[str, Any]:
    """The custom fields a customer may see, with their values."""
    return {"pairs": field_values_of(context["user"], ticket)}


@register.inclusion_tag("workspace/_queue_views.html", takes_context=True)
def queue_views(context: dict[str, Any], selected: dict[str, str]) -> dict[str, Any]:
    """The saved views beside the queue, each with its count (one query for them all),
    and the form that saves the queue's current filters as a view."""
    user = context["user"]
    views = list(views_visible_to(user)[:50])
    counts = view_counts(user, views, cap=VIEW_COUNT_CAP)
    current = context["request"].GET.get("view", "")
    return {
        "views": [(view, counts[view.pk], counts[view.pk] > VIEW_COUNT_CAP) for view in views],
        "cap": f"{VIEW_COUNT_CAP:,}",
        "current": current,
        "filters": [(key, selected[key]) for key in KEYS if selected.get(key)],
        "form": SaveViewForm(auto_id="view-%s"),
        "user": user,
        "csrf_token": context.get("csrf_token"),
        "perms": context.get("perms"),
    }


@register.inclusion_tag("workspace/_queue_bulk.html", takes_context=True)
def queue_bulk(
    context: dict[str, Any],
    agents: list[Any] | None = None,
    categories: list[Any] | None = None,
) -> dict[str, Any]:
    """The bulk bar above the queue, with the undo of the agent's last bulk action; the
    agents and categories the page read already, when it gives them (BulkForm)."""
    user, request = context["user"], context["request"]
    return {
        "form": BulkForm(user=user, agents=agents, categories=categories),
        "last": last_bulk_of(user),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
