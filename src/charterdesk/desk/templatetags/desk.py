from django import template

from charterdesk.tickets.models import TicketEvent
from charterdesk.tickets.wording import event_line, field_label

register = template.Library()


@register.filter
def history_line(event: TicketEvent) -> str:
    """A history line in words: "Status: Open → Waiting on customer"."""
    return event_line(event)


@register.filter
def label(field: str) -> str:
    """A field's name as people read it: `request_type` → "Request type"."""
    return field_label(field)


@register.filter
def get_item(mapping: dict[str, str], key: str) -> str:
    """A label from a mapping of codes to labels (`first_reply` → "First reply")."""
    return mapping.get(key, key)
