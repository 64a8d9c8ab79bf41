"""A ticket is anonymized (tickets.hooks.ticket_anonymizing): its promises keep their
owner, due time and state, not their words."""

from charterdesk.tickets.hooks import TicketAnonymization
from charterdesk.tickets.services.anonymize import REMOVED_TEXT

from .models import Commitment


def forget_commitment_texts(event: TicketAnonymization) -> None:
    Commitment.objects.filter(ticket=event.ticket).update(text=REMOVED_TEXT, note="")
