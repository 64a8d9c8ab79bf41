from decimal import Decimal

from django import template

from charterdesk.core.vocabulary import hours_text

register = template.Library()


@register.filter
def hours(value: Decimal | int | None) -> str:
    """Decimal hours as people write them: 16, 2.5, -0.25."""
    if value is None:
        return "—"
    return hours_text(Decimal(value))
