"""API tokens of one person: made, listed and revoked by their owner (the "API tokens"
page and `charterdesk token`)."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from .models import ApiToken, Scope, User

MAX_DAYS = 3650
LIFETIMES = (7, 30, 90, 365)  # days offered on the page; the command takes any up to MAX_DAYS


def token_issue(
    user: User, *, name: str, scopes: list[str], days: int | None
) -> tuple[ApiToken, str]:
    """A new token for `user`, expiring after `days` (None: never). Returns the token and
    its plain text, which is shown once and never stored."""
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise ValidationError({"expires": f"Choose from 1 to {MAX_DAYS} days, or never."})
    expires_at = timezone.now() + timedelta(days=days) if days is not None else None
    return ApiToken.issue(user, name.strip(), scopes=scopes, expires_at=expires_at)


def token_revoke(owner: User, token_id: int) -> ApiToken:
    """Revoke one of the owner's tokens; it is refused from now on. Another person's token
    is ApiToken.DoesNotExist, like one that never existed."""
    token = tokens_of(owner).get(pk=token_id)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def tokens_of(owner: User) -> QuerySet[ApiToken]:
    """The owner's tokens, newest first, the revoked and expired ones too."""
    return ApiToken.objects.filter(user=owner).order_by("-created_at", "-id")


def scopes_for(user: User) -> list[Scope]:
    """The scopes this user's role may put on a token."""
    return [s for s in Scope if user.has_perm(f"api.{s.value}")]
