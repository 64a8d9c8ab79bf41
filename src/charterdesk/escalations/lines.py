"""Where an escalation goes: the queue of the next (or previous) tier, and the next person
up the management line. Decisions only; no writes."""

from django.db.models import QuerySet

from charterdesk.accounts.models import User
from charterdesk.routing.models import Queue
from charterdesk.tickets.models import Ticket

from .models import Escalation, EscalationKind

# How much each likeness between a ticket and a queue counts when picking a queue.
PRODUCT_MATCH, TYPE_MATCH, LANGUAGE_MATCH, DEFAULT_QUEUE = 8, 4, 2, 1


def queue_for_tier(ticket: Ticket, tier: int) -> Queue | None:
    """The queue of `tier` most like the ticket: same product, then one that takes its
    request type, then its language; the default queue breaks ties, then position."""
    best: tuple[int, int, int] | None = None
    chosen = None
    for queue in Queue.objects.filter(tier=tier).select_related("team"):
        score = (
            PRODUCT_MATCH * bool(ticket.product and queue.product == ticket.product)
            + TYPE_MATCH * (ticket.request_type in (queue.request_types or []))
            + LANGUAGE_MATCH * bool(ticket.language and queue.language == ticket.language)
            + DEFAULT_QUEUE * queue.is_default
        )
        key = (-score, queue.position, queue.pk)
        if best is None or key < best:
            best, chosen = key, queue
    return chosen


def queue_before(ticket: Ticket, tier: int) -> Queue | None:
    """Down a tier: back to the queue the ticket came up from, if it is of that tier."""
    last = (
        Escalation.objects.filter(
            ticket=ticket,
            kind=EscalationKind.FUNCTIONAL,
            handed_off=True,
            to_tier=ticket.queue.tier,
        )
        .select_related("from_queue")
        .order_by("-created_at", "-id")
        .first()
    )
    if last is not None and last.from_queue is not None and last.from_queue.tier == tier:
        return last.from_queue
    return queue_for_tier(ticket, tier)


def management_line(ticket: Ticket) -> list[User]:
    """Up the management line: the team lead of the ticket's team, then the contract's
    relationship manager (each once, active people only)."""
    line: list[User] = []
    lead = ticket.queue.team.lead
    manager = ticket.contract.relationship_manager if ticket.contract else None
    for person in (lead, manager):
        if person is not None and person.is_active and person not in line:
            line.append(person)
    return line


def hierarchical_of(ticket: Ticket) -> QuerySet[Escalation]:
    return ticket.escalations.filter(kind=EscalationKind.HIERARCHICAL).order_by(
        "-created_at", "-id"
    )


def escalation_owner(ticket: Ticket) -> User | None:
    """The current escalation owner: the person of the latest hierarchical escalation."""
    last = hierarchical_of(ticket).select_related("to_owner").first()
    return last.to_owner if last else None


def owner_among(escalations: list[Escalation]) -> User | None:
    """`escalation_owner` from a ticket's escalations already read, oldest first
    (`selectors.escalations_of`, which reads each one's `to_owner`): no query."""
    hierarchical = [e for e in escalations if e.kind == EscalationKind.HIERARCHICAL]
    return hierarchical[-1].to_owner if hierarchical else None


def next_owner(ticket: Ticket, actor: User | None) -> tuple[User | None, User | None, str]:
    """(current owner, next owner, why not) — the next person up the line above both the
    current owner and the one escalating."""
    line = management_line(ticket)
    current = escalation_owner(ticket)
    if not line:
        return (
            current,
            None,
            (
                "Nobody is up the management line: the ticket's team has no lead and the "
                "contract no relationship manager. A manager sets them in Admin."
            ),
        )
    start = 0
    for person in (current, actor):
        if person in line:
            start = max(start, line.index(person) + 1)  # type: ignore[arg-type]
    if start >= len(line):
        return (
            current,
            None,
            (f"The escalation is with {line[-1]}, the top of the management line already."),
        )
    return current, line[start], ""
