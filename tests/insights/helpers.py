from datetime import timedelta

from django.utils import timezone

from charterdesk.tickets.category_models import Category, CategorySource
from charterdesk.tickets.models import Ticket
from charterdesk.tickets.services import category_create, ticket_categorize
from tests.tickets.factories import open_ticket


def tree(manager) -> tuple[Category, Category]:  # type: ignore[no-untyped-def]
    billing = category_create(actor=manager, name="Billing")
    return billing, category_create(actor=manager, name="Refunds", parent=billing)


def ticket_in(category: Category | None, days_ago: float = 1, **fields: object) -> Ticket:
    ticket = open_ticket(**fields)
    if category is not None:
        ticket_categorize(ticket, category, by=None, source=CategorySource.RULE)
    created = timezone.now() - timedelta(days=days_ago)
    Ticket.objects.filter(pk=ticket.pk).update(created_at=created)
    ticket.refresh_from_db()
    return ticket
