"""Reads of escalations, scoped to what the user may see."""

from dataclasses import dataclass

from django.db.models import OuterRef, QuerySet, Subquery

from charterdesk.accounts.models import User
from charterdesk.core.prepared import Prepared, with_parent
from charterdesk.tickets.models import Ticket

from .lines import escalation_owner
from .models import OPEN_REQUEST_STATES, Escalation, EscalationKind, EscalationRequest


def escalations_of(ticket: Ticket) -> QuerySet[Escalation]:
    """Every escalation of a ticket, oldest first (for agents: reasons and notes are
    internal)."""
    return ticket.escalations.select_related(
        "from_queue", "to_queue", "from_owner", "to_owner", "actor"
    ).order_by("created_at", "id")


_escalations_of = Prepared(
    lambda ticket_id: (
        Escalation.objects.filter(ticket_id=ticket_id)
        .select_related("from_queue", "to_queue", "from_owner", "to_owner", "actor")
        .order_by("created_at", "id")
    ),
    int,
)
_requests_of = Prepared(
    lambda ticket_id: (
        EscalationRequest.objects.filter(ticket_id=ticket_id)
        .select_related("requested_by", "answered_by")
        .order_by("created_at", "id")
    ),
    int,
)


def escalations_listed(ticket: Ticket) -> list[Escalation]:
    """`escalations_of(ticket)` as a list, its SQL compiled once (the ticket page)."""
    return with_parent(_escalations_of(ticket.pk), "ticket", ticket)


def requests_listed(ticket: Ticket) -> list[EscalationRequest]:
    """`requests_of(ticket)` as a list, its SQL compiled once (the ticket page)."""
    return with_parent(_requests_of(ticket.pk), "ticket", ticket)


def requests_of(ticket: Ticket) -> QuerySet[EscalationRequest]:
    """A ticket's escalation requests; anyone who may see the ticket sees them."""
    return ticket.escalation_requests.select_related("requested_by", "answered_by").order_by(
        "created_at", "id"
    )


@dataclass(frozen=True)
class TicketEscalations:
    ticket_id: int
    tier: int
    escalated: bool
    escalation_owner: User | None
    escalations: list[Escalation]
    requests: list[EscalationRequest]


def ticket_escalations_for(user: User, ticket: Ticket) -> TicketEscalations:
    """A ticket's escalations and the customer's requests. Customers see the requests and
    whether the ticket is escalated; reasons, hand-off notes and owners are for agents."""
    escalations = list(escalations_of(ticket))
    agent = user.is_agent
    return TicketEscalations(
        ticket_id=ticket.pk,
        tier=ticket.queue.tier,
        escalated=any(e.kind != EscalationKind.DE_ESCALATION for e in escalations),
        escalation_owner=escalation_owner(ticket) if agent else None,
        escalations=escalations if agent else [],
        requests=list(requests_of(ticket)),
    )


def open_requests(user: User) -> QuerySet[EscalationRequest]:
    """Requests awaiting an answer, oldest first: the manager's list (agents only)."""
    if not user.is_agent:
        return EscalationRequest.objects.none()
    return (
        EscalationRequest.objects.filter(state__in=OPEN_REQUEST_STATES)
        .select_related("ticket__organization", "ticket__queue", "requested_by")
        .order_by("created_at", "id")
    )


def request_get_for(user: User, request_id: int) -> EscalationRequest:
    """One request, for agents (they answer requests); DoesNotExist otherwise."""
    if not user.is_agent:
        raise EscalationRequest.DoesNotExist
    return EscalationRequest.objects.select_related(
        "ticket__requester", "ticket__queue__team", "ticket__contract", "requested_by"
    ).get(pk=request_id)


def request_lock_for(user: User, request_id: int) -> EscalationRequest:
    """One request, for agents, its row locked for the caller's transaction;
    EscalationRequest.DoesNotExist otherwise."""
    if not user.is_agent:
        raise EscalationRequest.DoesNotExist
    return EscalationRequest.objects.select_for_update().get(pk=request_id)


def owned_by(user: User) -> QuerySet[Ticket]:
    """Open tickets whose current escalation owner is the user, most urgent first: those
    escalated to them whose latest hierarchical escalation still names them."""
    latest_owner = (
        Escalation.objects.filter(ticket=OuterRef("pk"), kind=EscalationKind.HIERARCHICAL)
        .order_by("-created_at", "-id")
        .values("to_owner")[:1]
    )
    mine = Escalation.objects.filter(kind=EscalationKind.HIERARCHICAL, to_owner=user)
    return (
        Ticket.objects.filter(in_queue=True, pk__in=mine.values("ticket"))
        .annotate(owner_id=Subquery(latest_owner))
        .filter(owner_id=user.pk)
        .select_related("organization", "queue", "assignee")
        .order_by("attention_at", "id")
    )


def asked_to_escalate(ticket_ids: list[int]) -> set[int]:
    """Which of these tickets have a customer's escalation request awaiting an answer
    (one query, for the queue's flag)."""
    asked = EscalationRequest.objects.filter(
        ticket_id__in=ticket_ids, state__in=OPEN_REQUEST_STATES
    )
    return set(asked.values_list("ticket_id", flat=True))
