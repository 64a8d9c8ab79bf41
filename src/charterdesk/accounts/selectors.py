"""Reads on accounts."""

from .models import STAFF_ROLES, User


def agent_by_email(email: str) -> User | None:
    """The support staff member with this address (any case), or None."""
    return User.objects.filter(email=email.lower(), role__in=STAFF_ROLES).first()


def user_by_id(user_id: int) -> User | None:
    """The user with this id, or None."""
    return User.objects.filter(pk=user_id).first()
