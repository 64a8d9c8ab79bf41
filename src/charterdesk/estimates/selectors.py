"""Reads on estimates, scoped to what the user may see."""

from django.db.models import QuerySet, Sum
from django.db.models.functions import Coalesce

from charterdesk.accounts.models import User
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.selectors import tickets_visible_to

from .models import Estimate


def estimates_of(ticket: Ticket) -> QuerySet[Estimate]:
    """A ticket's estimates, newest first, each with the minutes logged against it
    (`tracked_minutes`, summed in the same query)."""
    return (
        ticket.estimates.select_related("author", "decided_by")
        .annotate(tracked_minutes=Coalesce(Sum("time_entries__minutes"), 0))
        .order_by("-created_at", "-id")
    )


def estimate_get_for(user: User, estimate_id: int) -> Estimate:
    """One estimate on a ticket the user may see; Estimate.DoesNotExist otherwise."""
    return (
        Estimate.objects.filter(ticket__in=tickets_visible_to(user))
        .select_related(
            "ticket__requester",
            "ticket__assignee",
            "ticket__organization",
            "ticket__contract__plan",
            "author",
        )
        .get(pk=estimate_id)
    )


def estimate_lock_for(user: User, estimate_id: int) -> Estimate:
    """One estimate on a ticket the user may see, its row locked for the caller's
    transaction and its state read again under the lock; Estimate.DoesNotExist otherwise."""
    estimate = estimate_get_for(user, estimate_id)
    Estimate.objects.select_for_update().filter(pk=estimate.pk).first()
    estimate.refresh_from_db(fields=["state"])
    return estimate
