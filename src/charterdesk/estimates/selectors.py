"""Reads on estimates, scoped to what the user may see."""

from django.db.models import QuerySet, Sum
from django.db.models.functions import Coalesce

from charterdesk.accounts.models import User
from charterdesk.core.prepared import Prepared, with_parent
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.selectors import tickets_visible_to

from .models import Estimate, EstimateState


def estimates_of(ticket: Ticket) -> QuerySet[Estimate]:
    """A ticket's estimates, newest first, each with the minutes logged against it
    (`tracked_minutes`, summed in the same query)."""
    return (
        ticket.estimates.select_related("author", "decided_by")
        .annotate(tracked_minutes=Coalesce(Sum("time_entries__minutes"), 0))
        .order_by("-created_at", "-id")
    )


_estimates_of = Prepared(
    lambda ticket_id: (
        Estimate.objects.filter(ticket_id=ticket_id)
        .select_related("author", "decided_by")
        .annotate(tracked_minutes=Coalesce(Sum("time_entries__minutes"), 0))
        .order_by("-created_at", "-id")
    ),
    int,
)


def estimates_listed(ticket: Ticket) -> list[Estimate]:
    """`estimates_of(ticket)` as a list, its SQL compiled once (the ticket page)."""
    return with_parent(_estimates_of(ticket.pk), "ticket", ticket)


def _with_ticket(estimates: QuerySet[Estimate]) -> QuerySet[Estimate]:
    return estimates.select_related(
        "ticket__requester",
        "ticket__assignee",
        "ticket__organization",
        "ticket__contract__plan",
        "author",
    )


def estimate_get_for(user: User, estimate_id: int) -> Estimate:
    """One estimate on a ticket the user may see; Estimate.DoesNotExist otherwise."""
    return _with_ticket(Estimate.objects.filter(ticket__in=tickets_visible_to(user))).get(
        pk=estimate_id
    )


def approved_estimate_of(ticket: Ticket) -> Estimate | None:
    """The estimate the customer approved last on the ticket, if any."""
    return ticket.estimates.filter(state=EstimateState.APPROVED).order_by("-decided_at").first()


def estimate_lock_for(user: User, estimate_id: int) -> Estimate:
    """One estimate on a ticket the user may see, its row locked for the caller's
    transaction; Estimate.DoesNotExist otherwise."""
    estimates = Estimate.objects.filter(ticket__in=tickets_visible_to(user))
    return _with_ticket(estimates.select_for_update(of=("self",))).get(pk=estimate_id)


def estimate_lock(estimate_id: int) -> Estimate:
    """The estimate a signed link names (the link is the permission), its row locked for
    the caller's transaction; Estimate.DoesNotExist otherwise."""
    return _with_ticket(Estimate.objects.select_for_update(of=("self",))).get(pk=estimate_id)
