"""Checks on a ticket, shared by every domain that works on tickets."""

from django.core.exceptions import ValidationError

from .models import Status, Ticket

FOLLOW_UP = "The ticket is closed; open a follow-up instead."


def check_not_closed(ticket: Ticket, field: str, message: str = FOLLOW_UP) -> None:
    """Refuse work on a closed ticket, as a ValidationError on the form's `field`; a solved
    ticket still takes work."""
    if ticket.status == Status.CLOSED:
        raise ValidationError({field: message})
