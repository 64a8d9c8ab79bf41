from typing import Any

from django import template

from charterdesk.tickets.models import Ticket

register = template.Library()


@register.inclusion_tag("mail/_ticket_mail.html")
def ticket_mail_panel(ticket: Ticket, panels: Any) -> dict[str, object]:
    """`panels`: what the ticket page read (desk.ticket_page.Panels)."""
    return {"sent": panels.mail, "ticket": ticket}
