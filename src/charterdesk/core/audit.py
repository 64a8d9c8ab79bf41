"""The audit log: every change of a setting, who made it, when, before and after.

An app lists its settings models in its `AppConfig.ready` with `audit(Model, ...)`; from
then on every save and delete through the ORM (the settings pages, the Django admin, the
API, the command line) writes an `AuditEntry` in the same transaction, and so does every
change of the listed many-to-many fields. Who acted comes from the request being served
(`AuditActorMiddleware`, the API's bearer token included); outside a request (a command,
a background job) the actor is empty and the log says "CharterDesk".
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.http import HttpRequest, HttpResponse

from .models import AuditAction, AuditEntry

HIDDEN = "(hidden)"
_request: ContextVar[HttpRequest | None] = ContextVar("audit_request", default=None)


@dataclass(frozen=True)
class Audited:
    fields: tuple[models.Field, ...]  # the concrete fields compared
    secrets: frozenset[str]  # shown only as changed, never their value


_AUDITED: dict[type[models.Model], Audited] = {}


def audit(
    model: type[models.Model],
    *,
    exclude: tuple[str, ...] = (),
    secrets: tuple[str, ...] = (),
    many: tuple[str, ...] = (),
) -> None:
    """Record every change of `model`, except of the fields in `exclude` (bookkeeping),
    hiding the value of `secrets`; `many` names many-to-many fields to record too."""
    fields = tuple(
        f
        for f in model._meta.concrete_fields
        if f.name not in exclude and not f.primary_key and f.editable
    )
    _AUDITED[model] = Audited(fields, frozenset(secrets))
    uid = f"audit-{model._meta.label}"
    pre_save.connect(_remember_before, sender=model, dispatch_uid=uid)
    post_save.connect(_record_save, sender=model, dispatch_uid=uid)
    post_delete.connect(_record_delete, sender=model, dispatch_uid=uid)
    for name in many:
        through = getattr(model, name).through
        m2m_changed.connect(_record_many, sender=through, dispatch_uid=f"{uid}-{name}")


def audited_kinds() -> list[tuple[str, str]]:
    """(label, name) of every audited model, for the log's filter."""
    kinds = [(m._meta.label_lower, str(m._meta.verbose_name).capitalize()) for m in _AUDITED]
    return sorted(kinds, key=lambda kind: kind[1])


class AuditActorMiddleware:
    """Keeps the request being served, so a change knows who made it."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request.set(request)
        try:
            response: HttpResponse = self.get_response(request)
            return response
        finally:
            _request.reset(token)


@contextmanager
def acting(request: HttpRequest) -> Iterator[None]:
    """For code that changes settings for a request outside the middleware (tests)."""
    token = _request.set(request)
    try:
        yield
    finally:
        _request.reset(token)


def _actor() -> Any:
    request = _request.get()
    if request is None:
        return None
    for user in (getattr(request, "auth", None), getattr(request, "user", None)):
        if getattr(user, "is_authenticated", False) and getattr(user, "pk", None):
            return user
    return None


def _words(field: models.Field, value: Any) -> Any:
    """A value as the log keeps it: JSON, and a related row by its name."""
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        if isinstance(field, models.ForeignKey) and value is not None:
            related = field.related_model._default_manager.filter(pk=value).first()  # type: ignore[union-attr]
            return str(related) if related is not None else f"#{value}"
        return value
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def _values(instance: models.Model) -> dict[str, Any]:
    return {f.name: f.value_from_object(instance) for f in _AUDITED[type(instance)].fields}


def _untouched(sender: type[models.Model], update_fields: Any) -> bool:
    """A save of bookkeeping fields only (a sign-in's `last_login`): nothing to record."""
    names = {f.name for f in _AUDITED[sender].fields}
    return update_fields is not None and not names & set(update_fields)


def _remember_before(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    before = None
    if _untouched(sender, kwargs.get("update_fields")):
        instance._audit_before = None  # type: ignore[attr-defined]
        return
    if instance.pk is not None and not kwargs.get("raw"):
        fields = _AUDITED[sender].fields
        rows = sender._default_manager.filter(pk=instance.pk).values(*(f.attname for f in fields))
        found = rows.first()
        if found is not None:
            before = {f.name: found[f.attname] for f in fields}
    instance._audit_before = before  # type: ignore[attr-defined]


def _record_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    if kwargs.get("raw") or _untouched(sender, kwargs.get("update_fields")):
        return
    before = getattr(instance, "_audit_before", None) or {}
    after = _values(instance)
    changed = [n for n in after if before.get(n) != after[n]] if before else list(after)
    if not created and before and not changed:
        return
    if created:
        changed = [n for n in changed if after[n] not in (None, "", [], {})]
    _write(
        sender,
        instance,
        AuditAction.CREATED if created else AuditAction.CHANGED,
        {name: [None if created else before.get(name), after[name]] for name in changed},
    )


def _record_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    before = _values(instance)
    _write(sender, instance, AuditAction.DELETED, {n: [v, None] for n, v in before.items()})


def _record_many(
    sender: Any,
    instance: models.Model,
    action: str,
    reverse: bool,
    model: Any,
    pk_set: Any,
    **kwargs: Any,
) -> None:
    if action not in ("post_add", "post_remove") or not pk_set or reverse:
        return
    field = next(
        f.name
        for f in instance._meta.many_to_many
        if getattr(type(instance), f.name).through is sender
    )
    names = sorted(str(row) for row in model._default_manager.filter(pk__in=pk_set))
    key = "added" if action == "post_add" else "removed"
    _write(type(instance), instance, AuditAction.CHANGED, {field: {key: names}}, raw=True)


def _write(
    model: type[models.Model],
    instance: models.Model,
    action: str,
    changes: dict[str, Any],
    *,
    raw: bool = False,
) -> None:
    spec = _AUDITED[model]
    by_name = {f.name: f for f in spec.fields}
    if not raw:
        changes = {
            name: (
                [HIDDEN if v else v for v in pair]
                if name in spec.secrets
                else [_words(by_name[name], v) for v in pair]
            )
            for name, pair in changes.items()
        }
    actor = _actor()
    AuditEntry.objects.create(
        actor=actor,
        actor_email=getattr(actor, "email", "") if actor is not None else "",
        action=action,
        kind=model._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        changes=changes,
    )


def record_many(
    model: type[models.Model], rows: Sequence[tuple[models.Model, str, dict[str, Any]]]
) -> None:
    """For bulk writes that skip the signals (an import): one entry per (row, action,
    changes), the changes already in words as {field: [before, after]}; few queries."""
    actor = _actor()
    entries = [
        AuditEntry(
            actor=actor,
            actor_email=getattr(actor, "email", "") if actor is not None else "",
            action=action,
            kind=model._meta.label_lower,
            object_id=str(instance.pk),
            object_repr=str(instance)[:200],
            changes=changes,
        )
        for instance, action, changes in rows
    ]
    AuditEntry.objects.bulk_create(entries, batch_size=500)
