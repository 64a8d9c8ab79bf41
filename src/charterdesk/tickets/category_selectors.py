"""Reads on categories: for agents only (customers never see categories)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet

from charterdesk.accounts.models import User

from .category_models import Category


def categories_for(user: User) -> QuerySet[Category]:
    """The whole tree in display order (path), active or not; agents only."""
    if not user.is_agent:
        raise PermissionDenied("Categories are for agents.")
    return Category.objects.order_by("path")


def category_choices() -> QuerySet[Category]:
    """The categories agents and rules may set: the active ones, in path order."""
    return Category.objects.filter(active=True).order_by("path")


def category_by_id(category_id: int | None, *, field: str = "category_id") -> Category | None:
    """The category with this id, None for None; a field error naming `field` otherwise."""
    if category_id is None:
        return None
    category = Category.objects.filter(pk=category_id).first()
    if category is None:
        raise ValidationError({field: f"No category has the id {category_id}."})
    return category
