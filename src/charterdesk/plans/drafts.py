"""Writes of a draft plan as a whole, for callers that set a plan from data (the
configuration API and import). The caller owns the transaction. Publishing is
`plans.versions.plan_publish` (one service for every caller); a published plan changes
through a new version, not here."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from .models import Plan, PlanCoverage, ResponseTarget


def plan_terms_replace(
    *, plan: Plan, coverage: list[dict[str, Any]] | None, targets: list[dict[str, Any]] | None
) -> None:
    """Make the plan's coverage rows and targets exactly these (None leaves them as they
    are). Only rows that change are written, so the audit log shows just the changes; a
    refused cell raises ValidationError named `coverage.N.field` or `targets.N.field`."""
    if coverage is not None:
        _replace(plan, PlanCoverage, "coverage", coverage, ("request_type",))
    if targets is not None:
        _replace(plan, ResponseTarget, "targets", targets, ("request_type", "priority", "metric"))


def _replace(
    plan: Plan,
    model: type[PlanCoverage] | type[ResponseTarget],
    where: str,
    rows: list[dict[str, Any]],
    key: tuple[str, ...],
) -> None:
    existing: dict[tuple[Any, ...], Any] = {
        tuple(getattr(r, k) for k in key): r for r in model._default_manager.filter(plan=plan)
    }
    seen: set[tuple[Any, ...]] = set()
    for index, data in enumerate(rows):
        cell = tuple(data.get(k) for k in key)
        if cell in seen:
            raise ValidationError({f"{where}.{index}": f"{' / '.join(map(str, cell))} twice."})
        seen.add(cell)
        row = existing.get(cell) or model(plan=plan)
        before = {name: getattr(row, name, None) for name in data}
        for name, value in data.items():
            setattr(row, name, value)
        if row.pk is not None and before == data:
            continue
        _checked_save(row, f"{where}.{index}")
    for cell, row in existing.items():
        if cell not in seen:
            row.delete()


def _checked_save(row: models.Model, where: str) -> None:
    try:
        row.full_clean(exclude=["plan"])
    except ValidationError as exc:
        raise ValidationError(
            {f"{where}.{field}": messages for field, messages in exc.message_dict.items()}
        ) from exc
    row.save()
