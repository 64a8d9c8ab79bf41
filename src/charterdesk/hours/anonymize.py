"""A ticket is anonymized (tickets.hooks.ticket_anonymizing): its time entries keep their
minutes and activity (the hours bank stays true), not their notes."""

from charterdesk.tickets.hooks import TicketAnonymization

from .models import TimeEntry


def forget_time_notes(event: TicketAnonymization) -> None:
    TimeEntry.objects.filter(ticket=event.ticket).update(note="")
