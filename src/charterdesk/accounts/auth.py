from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from charterdesk.accounts.models import ApiToken, Scope, TokenState, User, digest_of
from charterdesk.core import config_cache
from charterdesk.core.prepared import Prepared

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# `ApiToken.find`'s statement (the token, its user, contact and organization, and the two
# generations) compiled once per connection (core.prepared): compiling the four-table
# select took a quarter of a creation's CPU (issue #13). Only the SQL is kept: the row is
# read on every request, so a revoked or expired token is refused at once.
_by_digest = Prepared(ApiToken.by_digest, str)


def find_token(plain: str) -> ApiToken | None:
    """`ApiToken.find(plain)`, without compiling its statement again."""
    found = _by_digest(digest_of(plain))
    return found[0] if found else None


class TokenAuth(HttpBearer):
    """Bearer tokens made on the "API tokens" page or by `charterdesk token EMAIL`.

    A revoked or expired token is refused like an unknown one (401). A token without the
    `read` scope may not read, one without `write` may not change anything (403 naming the
    missing scope); without `admin` the user keeps only what any agent or customer may do
    (`User.get_all_permissions`)."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        found = find_token(token)
        if found is not None:  # read in the same statement: configuration stays cached
            config_cache.observe(getattr(found, "config_generation", None))
            config_cache.observe(getattr(found, "people_generation", None), config_cache.PEOPLE)
        now = timezone.now()
        if found is None or found.state(now) != TokenState.ACTIVE:
            return None
        needed = Scope.READ if request.method in SAFE_METHODS else Scope.WRITE
        if needed not in found.scopes:
            raise PermissionDenied(
                f"This token lacks the `{needed}` scope: make a token with it on the "
                "API tokens page."
            )
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            # A write transaction of its own (none when the caller already holds one): on
            # SQLite it waits in the queue of writers (core.sqlite) instead of polling.
            with transaction.atomic(savepoint=False):
                ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        user = found.user
        user.token_scopes = frozenset(found.scopes)
        return user


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
