"""How triage hears of new tickets: intake's `ticket_created`, answered with a background
task once the ticket's transaction commits (so intake never waits for the model)."""

from django.db import transaction

from charterdesk.intake.hooks import TicketCreated

from .tasks import triage_ticket


def on_ticket_created(event: TicketCreated) -> None:
    ticket_id = event.ticket.pk
    transaction.on_commit(lambda: triage_ticket.enqueue(ticket_id))
