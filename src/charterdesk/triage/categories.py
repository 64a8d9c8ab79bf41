"""The categories the model learns and suggests, and the tickets it learns from.

PLACEHOLDER until the categories (tickets.Category, Ticket.category, ticket_categorize)
land from the `insights` branch: no training tickets, names are the labels themselves."""

from collections.abc import Iterable

from .services import TrainingTicket


def category_names(labels: Iterable[str]) -> dict[str, str]:
    """Each label's category name ("Billing › Refunds"); deleted categories are missing."""
    return {label: label for label in labels}


def training_tickets() -> list[TrainingTicket]:
    """The desk's solved tickets with a category, oldest first."""
    return []
