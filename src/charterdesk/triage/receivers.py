"""How triage hears of new tickets: intake's `ticket_created`, answered with a background
task enqueued with the ticket's transaction (core.enqueue: in it with production's queue,
on commit otherwise), so intake never waits for the model and an accepted ticket is never
left untriaged by a crash between its commit and the enqueue."""

from charterdesk.core.enqueue import enqueue_with_transaction
from charterdesk.intake.hooks import TicketCreated

from .tasks import triage_ticket


def on_ticket_created(event: TicketCreated) -> None:
    enqueue_with_transaction(triage_ticket, event.ticket.pk)
