"""Checks on who acts, shared by every domain; each caller words its own refusal."""

from django.core.exceptions import PermissionDenied

from .models import User


def check_agent(actor: User | None, message: str) -> None:
    """Refuse anyone but an agent (managers and administrators are agents too) with
    PermissionDenied(message). No actor is refused as well: where CharterDesk itself may
    act (actor None), the caller checks only the actor it has."""
    if actor is None or not actor.is_agent:
        raise PermissionDenied(message)
