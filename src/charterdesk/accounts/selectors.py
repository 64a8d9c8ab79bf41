"""Reads on accounts."""

from django.db.models import QuerySet

from .models import STAFF_ROLES, User


def agents() -> QuerySet[User]:
    """Everyone who works tickets (agents, managers, administrators), those who left too."""
    return User.objects.filter(role__in=STAFF_ROLES)


def active_agents() -> QuerySet[User]:
    """The agents who may still sign in."""
    return agents().filter(is_active=True)


def agent_by_email(email: str) -> User | None:
    """The support staff member with this address (any case), or None."""
    return User.objects.filter(email=email.lower(), role__in=STAFF_ROLES).first()


def user_by_id(user_id: int) -> User | None:
    """The user with this id, or None."""
    return User.objects.filter(pk=user_id).first()
