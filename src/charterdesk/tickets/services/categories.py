"""Categories: the managers' tree, and the one service that sets a ticket's category for
agents, routing rules, the triage model and the import alike."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from charterdesk.accounts.guards import check_agent
from charterdesk.accounts.models import User
from charterdesk.accounts.roles import Perm

from ..category_models import PATH_SEPARATOR, Category, CategorySource
from ..hooks import TicketCategorized, ticket_categorized
from ..models import EventKind, Ticket
from .history import record

CATEGORY_FIELDS = ["category", "category_set_by", "category_source", "category_confidence"]


def ticket_categorize(
    ticket: Ticket,
    category: Category | None,
    *,
    by: User | None,
    source: CategorySource,
    confidence: float | None = None,
    at: datetime | None = None,
) -> bool:
    """Set (or clear, with None) the ticket's category and record who and how in its
    history ("Category: — → Billing › Refunds", note "by model, 0.97"). Callers: the
    desk's ticket page and bulk actions and the API (`person`), routing rules (`rule`),
    triage (`model`) and the import of past tickets (`import`, which writes in bulk
    itself). The line is internal: customers never see categories. Returns whether it changed.
    """
    if source == CategorySource.PERSON:
        check_agent(by, "Only agents set a ticket's category.")
    if category is not None and not category.active and category.pk != ticket.category_id:
        raise ValidationError({"category": f"“{category.path}” is deactivated; choose another."})
    old = ticket.category
    if (category.pk if category else None) == ticket.category_id:
        return False
    now = at or timezone.now()
    ticket.category = category
    ticket.category_set_by = by
    ticket.category_source = source if category is not None else ""
    ticket.category_confidence = confidence
    record(
        ticket,
        by,
        EventKind.CHANGED,
        field="category",
        old=old.path if old else "",
        new=category.path if category else "",
        note=how_text(source, confidence),
        internal=True,
        at=now,
    )
    ticket.updated_at = now
    ticket.save(update_fields=[*CATEGORY_FIELDS, "updated_at"])
    ticket_categorized.announce(TicketCategorized(ticket, old.pk if old else None, source, by))
    return True


def how_text(source: str, confidence: float | None) -> str:
    """ "by model, 0.97" — how a category was set, for its history line."""
    text = f"by {source}"
    return f"{text}, {confidence:.2f}" if confidence is not None else text


def _check_manager(actor: User) -> None:
    if not actor.has_perm(Perm.MANAGE_SETTINGS):
        raise PermissionDenied("Only managers change the categories.")


def category_create(
    *,
    actor: User,
    name: str,
    parent: Category | None = None,
    position: int = 0,
    outside_scope: bool = False,
) -> Category:
    """Add a category under `parent` (at the top with None); `outside_scope` marks it "not
    one of our categories" (triage learns from it to leave such requests to a person)."""
    _check_manager(actor)
    if parent is not None and not parent.active:
        raise ValidationError({"parent": f"“{parent.path}” is deactivated."})
    category = Category(name=name, parent=parent, position=position, outside_scope=outside_scope)
    category.save()
    return category


def category_update(
    category: Category,
    *,
    actor: User,
    name: str | None = None,
    parent: Category | None | bool = False,
    active: bool | None = None,
    position: int | None = None,
    outside_scope: bool | None = None,
) -> Category:
    """Rename, move (`parent`: a category, or None for the top; False leaves it),
    deactivate, reorder or (un)mark as "not one of our categories" a category. Its
    descendants' paths follow a rename or a move; deactivating one deactivates the
    categories under it."""
    _check_manager(actor)
    old_path = category.path
    if name is not None:
        category.name = name
    if parent is not False:
        category.parent = parent if isinstance(parent, Category) else None
    if position is not None:
        category.position = position
    if active is not None:
        category.active = active
    if outside_scope is not None:
        category.outside_scope = outside_scope
    category.save()
    _update_descendants(category, old_path, active)
    return category


def _update_descendants(category: Category, old_path: str, active: bool | None) -> None:
    under = Category.objects.filter(path__startswith=f"{old_path}{PATH_SEPARATOR}")
    changed = []
    for child in under.order_by("path"):
        child.path = category.path + child.path[len(old_path) :]
        if active is False:
            child.active = False
        changed.append(child)
    Category.objects.bulk_update(changed, ["path", "active"])


def category_path_parts(text: str) -> list[str]:
    """ "Billing › Refunds", "Billing/Refunds" or "Billing > Refunds" → its names."""
    for separator in ("›", "/", ">"):
        if separator in text:
            return [p.strip() for p in text.split(separator) if p.strip()]
    return [text.strip()] if text.strip() else []


def category_path_ensure(parts: list[str] | tuple[str, ...]) -> tuple[Category, list[Category]]:
    """The category with these names from the top ("Billing", "Refunds"), matched without
    case, with the missing levels created (active, at the end): for the import of past
    tickets, which reports the ones it created. Returns it and the created ones."""
    created: list[Category] = []
    parent: Category | None = None
    for name in parts:
        path = name if parent is None else f"{parent.path}{PATH_SEPARATOR}{name}"
        found = Category.objects.filter(path__iexact=path).first()
        if found is None:
            found = Category(name=name, parent=parent)
            found.save()
            created.append(found)
        parent = found
    if parent is None:
        raise ValueError("a category path has at least one name")
    return parent, created
