from typing import Any

from django import template

from charterdesk.tickets.models import Message, Visibility

from ..models import FlagKind
from ..suggestions import suggest

register = template.Library()


def _ticket_text(ticket: Any) -> str:
    bodies = Message.objects.filter(ticket=ticket, visibility=Visibility.PUBLIC, from_staff=False)
    first = bodies.order_by("id").values_list("body", flat=True)[:3]
    return " ".join([ticket.subject, ticket.subject, *first])


@register.inclusion_tag("knowledge/_ticket_panel.html", takes_context=True)
def ticket_articles(context: dict[str, Any], ticket: Any) -> dict[str, Any]:
    """The ticket page's knowledge panel: articles matching the ticket's text."""
    user = context.get("user")
    return {
        "ticket": ticket,
        "suggestions": suggest(user, _ticket_text(ticket), limit=5),
        "flag_kinds": FlagKind,
        "csrf_token": context.get("csrf_token"),
        "solved": ticket.status in ("solved", "closed"),
    }
