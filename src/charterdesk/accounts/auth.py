import threading
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connections, router
from django.db.models.query import get_related_populators
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from charterdesk.accounts.models import ApiToken, Scope, TokenState, User, digest_of
from charterdesk.core import config_cache

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_PLACEHOLDER = "digest-placeholder"  # stands for the digest while the statement is compiled


class _CompiledFind:
    """`ApiToken.find`'s statement (the token, its user, contact and organization, and the
    two generations), compiled by the ORM once per thread and database connection, then
    executed with each request's digest. Compiling the four-table select took a quarter
    of a creation's CPU (issue #13). Only the SQL text is kept: the row is read on every
    request, so a revoked or expired token is refused at once. The objects are built as
    the ORM builds them (Model.from_db, the select_related populators, the converters)."""

    def __init__(self, alias: str) -> None:
        self.connection = connections[alias]
        compiler = ApiToken.by_digest(_PLACEHOLDER).query.get_compiler(alias)
        self.sql, params = compiler.as_sql()
        self.params = list(params)
        self.digest_at = self.params.index(_PLACEHOLDER)
        self.compiler = compiler
        own = compiler.klass_info["select_fields"]
        self.own = slice(own[0], own[-1] + 1)
        self.init_list = [column[0].target.attname for column in compiler.select[self.own]]
        # django-stubs describe Django 6's signature (a fetch mode); 5.2 takes three.
        self.related = get_related_populators(  # type: ignore[call-arg]
            compiler.klass_info, compiler.select, alias
        )
        self.annotations = compiler.annotation_col_map

    def find(self, plain: str) -> ApiToken | None:
        params = list(self.params)
        params[self.digest_at] = digest_of(plain)
        with self.connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchmany(1)
        if not rows:
            return None
        row: Any = next(iter(self.compiler.results_iter([rows])))
        token = ApiToken.from_db(self.connection.alias, self.init_list, row[self.own])
        for populator in self.related:
            populator.populate(row, token)
        for name, at in self.annotations.items():
            setattr(token, name, row[at])
        return token


class _Compiled(threading.local):
    def __init__(self) -> None:
        self.by_alias: dict[str, _CompiledFind] = {}


_compiled = _Compiled()


def find_token(plain: str) -> ApiToken | None:
    """`ApiToken.find(plain)`, without compiling its statement again (see _CompiledFind)."""
    alias = router.db_for_read(ApiToken)
    found = _compiled.by_alias.get(alias)
    if found is None or found.connection is not connections[alias]:
        found = _compiled.by_alias[alias] = _CompiledFind(alias)
    return found.find(plain)


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
