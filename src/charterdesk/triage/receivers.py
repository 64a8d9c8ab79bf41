"""How triage hears of new tickets: intake's `ticket_created`, answered with a background
task enqueued with the ticket's transaction (core.enqueue: in it with production's queue,
on commit otherwise), so intake never waits for the model and an accepted ticket is never
left untriaged by a crash between its commit and the enqueue. In a batch of new tickets
(mail ingest), one task for the batch's tickets, enqueued the same way."""

from charterdesk.core.enqueue import enqueue_with_transaction
from charterdesk.intake.hooks import TicketCreated, batch_of_created

from .tasks import triage_ticket, triage_tickets


def on_ticket_created(event: TicketCreated) -> None:
    ticket_id = event.ticket.pk
    batch = batch_of_created()
    if batch is not None:
        batch.defer(ticket_id, _enqueue_many)
        return
    enqueue_with_transaction(triage_ticket, ticket_id)


def _enqueue_many(ticket_ids: list[int]) -> None:
    enqueue_with_transaction(triage_tickets, ticket_ids)
