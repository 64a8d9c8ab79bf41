"""The desk's triage list: open tickets the model was unsure of and nobody categorized yet."""

from django.db.models import QuerySet

from charterdesk.accounts.models import User
from charterdesk.tickets.models import OPEN_STATUSES, Category

from .models import TriageSuggestion
from .selectors import check_agent


def waiting_for(user: User) -> QuerySet[TriageSuggestion]:
    """Oldest first (the partial index `triage_waiting` keeps this short to read)."""
    check_agent(user)
    return (
        TriageSuggestion.objects.filter(
            abstained=True, ticket__category__isnull=True, ticket__status__in=OPEN_STATUSES
        )
        .select_related("ticket__organization", "category")
        .order_by("created_at", "id")
    )


def offered_categories() -> list[Category]:
    return list(Category.objects.filter(active=True).order_by("path"))
