"""A ticket is anonymized (tickets.hooks.ticket_anonymizing): its estimates keep their
hours, rate and decision, not their scope or the customer's note."""

from charterdesk.tickets.hooks import TicketAnonymization
from charterdesk.tickets.services.anonymize import REMOVED_TEXT

from .models import Estimate


def forget_estimate_texts(event: TicketAnonymization) -> None:
    Estimate.objects.filter(ticket=event.ticket).update(scope=REMOVED_TEXT, decision_note="")
