from charterdesk.accounts.models import User
from charterdesk.learning.models import DraftReply, LearningPath, Shadowing
from charterdesk.learning.paths import PathInput, item_add, learner_enroll, path_create
from charterdesk.learning.shadow import draft_submit, shadow_start
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.services import message_add, ticket_update


def solved_ticket(agent: User, subject: str = "Export fails", **fields: object) -> Ticket:
    from tests.tickets.factories import open_ticket

    ticket = open_ticket(subject=subject, **fields)
    message_add(ticket, agent, "Turn the exporter off and on.")
    message_add(ticket, agent, "Root cause: a stale cache.", "internal")
    ticket_update(ticket, agent, status="solved")
    return ticket


def path_with(
    manager: User, learner: User, *tickets: Ticket, title: str = "Exports"
) -> LearningPath:
    path = path_create(actor=manager, data=PathInput(title=title))
    for ticket in tickets:
        item_add(actor=manager, path=path, ticket=ticket, note=f"Learn from #{ticket.pk}.")
    learner_enroll(actor=manager, path=path, learner=learner)
    return path


def shadowed(manager: User, learner: User, mentor: User) -> Shadowing:
    return shadow_start(actor=manager, learner=learner, mentor=mentor)


def draft(ticket: Ticket, learner: User, body: str = "Please restart the exporter.") -> DraftReply:
    return draft_submit(ticket=ticket, learner=learner, body=body)
