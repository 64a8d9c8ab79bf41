"""Followers named by address, for the desk and the API: an agent's address makes the agent
a follower, any other address must be a contact of the ticket's organization."""

from django.core.exceptions import ValidationError

from charterdesk.accounts.models import STAFF_ROLES, User
from charterdesk.customers.models import Contact
from charterdesk.tickets.models import Ticket, TicketFollower
from charterdesk.tickets.selectors import ticket_lock_for
from charterdesk.tickets.services import follower_add


def follower_add_by_email(ticket: Ticket, actor: User, email: str) -> TicketFollower:
    address = email.strip().lower()
    agent = User.objects.filter(email__iexact=address, role__in=STAFF_ROLES).first()
    if agent is not None:
        return follower_add(ticket, actor, user=agent)
    contact = Contact.objects.filter(email__iexact=address).first()
    if contact is None:
        raise ValidationError({"email": [f"No agent or contact has the address {address}."]})
    try:
        return follower_add(ticket, actor, contact=contact)
    except ValidationError as exc:
        raise ValidationError({"email": exc.message_dict.get("follower", exc.messages)}) from exc


def ticket_by_number(user: User, ticket_id: int, field: str) -> Ticket:
    """Another ticket named in a form, locked; a field error when the user cannot see it."""
    try:
        return ticket_lock_for(user, ticket_id)
    except Ticket.DoesNotExist as exc:
        raise ValidationError({field: [f"No ticket #{ticket_id} you can see."]}) from exc
