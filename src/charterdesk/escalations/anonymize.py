"""A ticket is anonymized (tickets.hooks.ticket_anonymizing): its escalations and the
customer's requests to escalate keep their tiers, times and decisions, not their words."""

from charterdesk.tickets.hooks import TicketAnonymization
from charterdesk.tickets.services.anonymize import REMOVED_TEXT

from .models import Escalation, EscalationRequest


def forget_escalation_texts(event: TicketAnonymization) -> None:
    Escalation.objects.filter(ticket=event.ticket).update(reason=REMOVED_TEXT, note="")
    EscalationRequest.objects.filter(ticket=event.ticket).update(reason=REMOVED_TEXT, answer="")
