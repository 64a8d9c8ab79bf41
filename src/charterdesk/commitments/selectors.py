"""Reads on commitments, scoped to what the user may see."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet

from charterdesk.accounts.models import User
from charterdesk.core.prepared import Prepared, with_parent
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.selectors import ticket_get_for, tickets_visible_to

from .models import Commitment, CommitmentState


def commitments_of(ticket: Ticket) -> QuerySet[Commitment]:
    """A ticket's promises, for anyone who may see the ticket (customers see them all)."""
    return ticket.commitments.select_related("owner").order_by("due_at", "id")


_commitments_of = Prepared(
    lambda ticket_id: (
        Commitment.objects.filter(ticket_id=ticket_id)
        .select_related("owner")
        .order_by("due_at", "id")
    ),
    int,
)


def commitments_listed(ticket: Ticket) -> list[Commitment]:
    """`commitments_of(ticket)` as a list, its SQL compiled once (the ticket pages)."""
    return with_parent(_commitments_of(ticket.pk), "ticket", ticket)


def commitments_for_staff(
    user: User, now: datetime, *, overdue: bool = False, owner_email: str | None = None
) -> QuerySet[Commitment]:
    """Every promise across tickets (agents only): all, or the overdue ones, or one owner's."""
    if not user.is_agent:
        raise PermissionDenied("The list of all promises is for support staff.")
    rows = Commitment.objects.select_related("owner")
    if overdue:
        rows = rows.filter(state=CommitmentState.OPEN, due_at__lte=now)
    if owner_email:
        rows = rows.filter(owner__email=owner_email.lower())
    return rows


def commitment_get_for(user: User, ticket_id: int, commitment_id: int) -> Commitment:
    """One promise of a ticket the user may see; DoesNotExist otherwise."""
    ticket = ticket_get_for(user, ticket_id)
    return ticket.commitments.select_related("owner", "ticket__requester").get(pk=commitment_id)


def commitment_lock_for(
    user: User, commitment_id: int, *, ticket_id: int | None = None
) -> Commitment:
    """One promise of a ticket the user may see (of that ticket, when the caller names
    one), its row locked for the caller's transaction; DoesNotExist otherwise."""
    rows = Commitment.objects.filter(ticket__in=tickets_visible_to(user))
    if ticket_id is not None:
        rows = rows.filter(ticket_id=ticket_id)
    return (
        rows.select_for_update(of=("self",))
        .select_related("ticket__requester", "owner")
        .get(pk=commitment_id)
    )


BOARDS = {
    "overdue": "Overdue",
    "due_soon": "Due in the next 24 hours",
    "broken": "Broken in the last 30 days",
}


def board(name: str, now: datetime, owner_id: int | None = None) -> QuerySet[Commitment]:
    """Promises on one list of the dashboard, in the order a manager works them."""
    rows = Commitment.objects.select_related("owner", "ticket__organization")
    if owner_id:
        rows = rows.filter(owner_id=owner_id)
    if name == "broken":
        return rows.filter(
            state=CommitmentState.BROKEN, settled_at__gte=now - timedelta(days=30)
        ).order_by("-settled_at", "-id")
    rows = rows.filter(state=CommitmentState.OPEN)
    if name == "due_soon":
        return rows.filter(due_at__gt=now, due_at__lte=now + timedelta(hours=24)).order_by(
            "due_at", "id"
        )
    return rows.filter(due_at__lte=now).order_by("due_at", "id")


@dataclass(frozen=True)
class OwnerLoad:
    owner: User
    open: int
    overdue: int
    broken_30d: int


def by_owner(now: datetime) -> list[OwnerLoad]:
    """Open, overdue and recently broken promises per owner, in one grouped query."""
    rows = (
        Commitment.objects.filter(
            Q(state=CommitmentState.OPEN)
            | Q(state=CommitmentState.BROKEN, settled_at__gte=now - timedelta(days=30))
        )
        .values("owner")
        .annotate(
            n_open=Count("id", filter=Q(state=CommitmentState.OPEN)),
            n_overdue=Count("id", filter=Q(state=CommitmentState.OPEN, due_at__lte=now)),
            n_broken=Count("id", filter=Q(state=CommitmentState.BROKEN)),
        )
        .order_by("-n_overdue", "-n_open")
    )
    counts = list(rows)
    owners = User.objects.in_bulk([r["owner"] for r in counts])
    return [
        OwnerLoad(owners[r["owner"]], r["n_open"], r["n_overdue"], r["n_broken"]) for r in counts
    ]
