"""The categories the model learns and suggests, and the tickets it learns from."""

from collections.abc import Iterable

from django.db.models import OuterRef, Subquery

from charterdesk.tickets.models import (
    Category,
    CategorySource,
    Message,
    Status,
    Ticket,
    TypeSource,
    Visibility,
)

from .engine import OUTSIDE
from .services import TrainingTicket

# What the model learns from: categories that a person, a routing rule or the import set.
# The model's own choices are left out (it would learn its own mistakes), unless an agent
# corrected one: a correction is recorded as set by a person, so it is learned.
TRUSTED_SOURCES = (CategorySource.PERSON, CategorySource.RULE, CategorySource.IMPORT)
LEARNED_STATUSES = (Status.SOLVED, Status.CLOSED)


def category_names(labels: Iterable[str]) -> dict[str, str]:
    """Each label's category path ("Billing › Refunds"); deleted ones are missing."""
    ids = [int(label) for label in labels if label.isdigit()]
    return {
        str(pk): path for pk, path in Category.objects.filter(pk__in=ids).values_list("pk", "path")
    }


def active_category(label: str) -> Category | None:
    """The category a label names, if it still exists and is offered."""
    if not label.isdigit():
        return None
    return Category.objects.filter(pk=int(label), active=True, outside_scope=False).first()


def training_tickets() -> list[TrainingTicket]:
    """The desk's solved tickets with a trusted category, oldest first, each with the text
    of its first public message (the request as the customer wrote it). Tickets in a
    category marked "not one of our categories" are learned as engine.OUTSIDE."""
    first_message = (
        Message.objects.filter(ticket=OuterRef("pk"), visibility=Visibility.PUBLIC)
        .order_by("created_at", "id")
        .values("body")[:1]
    )
    rows = (
        Ticket.objects.filter(
            status__in=LEARNED_STATUSES,
            category__isnull=False,
            category_source__in=TRUSTED_SOURCES,
        )
        .annotate(first_body=Subquery(first_message))
        .order_by("created_at", "id")
        .values_list(
            "subject",
            "first_body",
            "category_id",
            "category__outside_scope",
            "request_type",
            "type_source",
        )
    )
    return [
        TrainingTicket(
            subject,
            body or "",
            OUTSIDE if outside else str(category_id),
            request_type if type_source != TypeSource.AUTO else None,
        )
        for subject, body, category_id, outside, request_type, type_source in rows.iterator(
            chunk_size=2000
        )
    ]


def training_ticket_count() -> int:
    return Ticket.objects.filter(
        status__in=LEARNED_STATUSES, category__isnull=False, category_source__in=TRUSTED_SOURCES
    ).count()
