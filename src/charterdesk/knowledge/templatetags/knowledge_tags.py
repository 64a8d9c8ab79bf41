from typing import Any

from django import template

from charterdesk.core.panels import failed_form

register = template.Library()


@register.inclusion_tag("knowledge/_ticket_panel.html", takes_context=True)
def ticket_articles(context: dict[str, Any], ticket: Any) -> dict[str, Any]:
    """The ticket page's knowledge panel: the flags and the draft from the ticket. The
    matching articles (a search) are loaded after the page (`knowledge:ticket_suggested`),
    so the page's answer does not wait on the search."""
    return {
        "ticket": ticket,
        "flag": failed_form(context, "knowledge:flag"),  # else drawn when opened
        "csrf_token": context.get("csrf_token"),
        "solved": ticket.status in ("solved", "closed"),
    }
