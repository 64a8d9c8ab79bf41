"""What every kind of setting offers the API and the export: its rows, each row as data
(`dump`), and a row written from data (`load`) with the model's own rules."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from ninja import Schema

from charterdesk.accounts.models import User


@dataclass(frozen=True)
class Context:
    """Who writes: None for the command line (the operator of the machine)."""

    actor: User | None = None


@dataclass(frozen=True)
class Kind:
    name: str  # the key in the export file and the API path: "plans"
    model: type[models.Model]
    schema: type[Schema]  # one item, as in the file
    key: Callable[[dict[str, Any]], tuple[Any, ...]]  # an item's natural key
    rows: Callable[[], models.QuerySet[Any]]  # every row, prefetched for `dump`
    find: Callable[[dict[str, Any]], Any]  # the row with an item's natural key, or None
    dump: Callable[[Any], dict[str, Any]]
    load: Callable[[Context, Any, dict[str, Any]], Any]  # (context, row or None, fields)
    later: tuple[str, ...] = ()  # fields naming rows of the same kind: set in a second pass

    def as_data(self, row: Any) -> dict[str, Any]:
        """The row as JSON-ready data, exactly as an export writes it."""
        data: dict[str, Any] = self.schema.model_validate(self.dump(row)).model_dump(mode="json")
        return data


def saved(row: models.Model) -> models.Model:
    """Every rule of the model (fields, clean, unique, constraints) before the save, so a
    refused value raises ValidationError naming the field and never reaches the database."""
    row.full_clean()
    row.save()
    return row


def assign(row: models.Model, data: dict[str, Any], fields: Iterable[str]) -> None:
    for name in fields:
        if name in data:
            setattr(row, name, data[name])


def named(model: type[models.Model], field: str, value: Any, where: str) -> Any:
    """The row of `model` whose `field` is `value` (None stays None), or a field error."""
    if value is None:
        return None
    found = model._default_manager.filter(**{field: value}).first()
    if found is None:
        noun = model._meta.verbose_name
        raise ValidationError({where: f"There is no {noun} “{value}”."})
    return found


def all_named(model: type[models.Model], field: str, values: list[Any], where: str) -> list[Any]:
    """The rows of `model` for each of `values`, in one query, or a field error naming
    the first one missing."""
    found = {
        getattr(r, field): r for r in model._default_manager.filter(**{f"{field}__in": values})
    }
    missing = [v for v in values if v not in found]
    if missing:
        noun = model._meta.verbose_name
        raise ValidationError({where: f"There is no {noun} “{missing[0]}”."})
    return [found[v] for v in values]


def item_fields(item: Schema) -> dict[str, Any]:
    """The item's fields for `load`, with its write-only ones (a password) when given."""
    data: dict[str, Any] = item.model_dump()
    for name, field in type(item).model_fields.items():
        if field.exclude and getattr(item, name) is not None:
            data[name] = getattr(item, name)
    return data
