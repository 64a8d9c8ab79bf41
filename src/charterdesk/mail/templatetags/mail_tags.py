from django import template

from charterdesk.tickets.models import Ticket

from ..selectors import ticket_mail

register = template.Library()


@register.inclusion_tag("mail/_ticket_mail.html")
def ticket_mail_panel(ticket: Ticket) -> dict[str, object]:
    return {"sent": ticket_mail(ticket.pk), "ticket": ticket}
