from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from charterdesk.accounts.models import ApiToken, User


class TokenAuth(HttpBearer):
    """Bearer tokens made by `charterdesk token EMAIL`."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = ApiToken.find(token)
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 300:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        return found.user


def user_of(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)  # noqa: S101 - guaranteed by TokenAuth
    return user


def signed_in_user(request: HttpRequest) -> User:
    """The user of a page behind `login_required` (or `agent_required`/`contact_required`),
    typed: views use this instead of casting `request.user`."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("Sign in first.")
    return user
